"""`socialkpi report`: files for every format, exit codes, one line per problem on stderr."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from readback import normalised, pdf_text, pptx_text, xlsx_text
from report_seed import strategy_text

from dashboard.cli_report import run_report


@pytest.fixture
def setup(seeded_template: Path, tmp_path: Path) -> tuple[str, Path]:
    database = tmp_path / "warehouse.sqlite"
    shutil.copyfile(seeded_template, database)
    strategy = tmp_path / "strategy.yaml"
    strategy.write_text(strategy_text("nl"), encoding="utf-8")
    return f"sqlite:///{database}", strategy


def _run(period: str, fmt: str, out: Path, strategy: Path, db: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run_report(
        period, fmt=fmt, out=out, strategy=strategy, db=db, stdout=stdout, stderr=stderr
    )
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.mark.parametrize(
    ("fmt", "reader"), [("pdf", pdf_text), ("pptx", pptx_text), ("xlsx", xlsx_text)]
)
def test_each_format_holds_every_kpi_in_the_strategy_language(
    setup: tuple[str, Path], tmp_path: Path, fmt: str, reader
) -> None:  # type: ignore[no-untyped-def]
    db, strategy = setup
    code, out, err = _run("2026-10", fmt, tmp_path, strategy, db)
    assert (code, err) == (0, "")
    path = tmp_path / f"socialkpi-report-2026-10.{fmt}"
    assert out.startswith(f"{path}: {fmt} report of 2026-10 (6 KPIs")
    text = normalised(reader(path.read_bytes()))
    for name in (
        "Engagement rate per impression",
        "Posts published",
        "Video views",
        "Saves on Instagram",
        "Followers",
        "Follower growth, month on month",
    ):
        assert name in text
    assert "Niet op doel" in text and "Geen gegevens" in text and "Op doel" in text
    if fmt != "xlsx":  # the workbook keeps numbers as numbers
        assert "4,4%" in text and "5,0%" in text and "181.500" in text


def test_unknown_format_is_a_usage_error(setup: tuple[str, Path], tmp_path: Path) -> None:
    db, strategy = setup
    code, _, err = _run("2026-10", "docx", tmp_path, strategy, db)
    assert code == 2
    assert err == "--format: unknown format 'docx'; expected one of: pdf, pptx, xlsx\n"


def test_bad_period_is_a_usage_error(setup: tuple[str, Path], tmp_path: Path) -> None:
    db, strategy = setup
    code, _, err = _run("2026-13", "pdf", tmp_path, strategy, db)
    assert code == 2 and err.startswith("--period: ") and "2026-13" in err


def test_invalid_strategy_lists_each_problem(setup: tuple[str, Path], tmp_path: Path) -> None:
    db, strategy = setup
    broken = strategy.read_text(encoding="utf-8").replace("measure: saves", "measure: likes")
    broken = broken.replace("type: growth, of: followers", "type: growth, of: fans")
    strategy.write_text(broken, encoding="utf-8")
    code, out, err = _run("2026-10", "pdf", tmp_path, strategy, db)
    lines = err.strip().splitlines()
    assert code == 1 and out == ""
    assert len(lines) == 2
    assert any("instagram_saves" in line and "likes" in line for line in lines)
    assert any("follower_growth" in line and "fans" in line for line in lines)
    assert "Traceback" not in err


def test_missing_output_folder_is_rejected(setup: tuple[str, Path], tmp_path: Path) -> None:
    db, strategy = setup
    code, _, err = _run("2026-10", "xlsx", tmp_path / "nope" / "r.xlsx", strategy, db)
    assert code == 1
    assert err == f"--out: folder {tmp_path / 'nope'} does not exist\n"


def test_invalid_branding_is_rejected(setup: tuple[str, Path], tmp_path: Path) -> None:
    db, strategy = setup
    text = strategy.read_text(encoding="utf-8").replace('"#004D40"', '"teal"')
    strategy.write_text(text, encoding="utf-8")
    code, _, err = _run("2026-10", "pdf", tmp_path / "r.pdf", strategy, db)
    assert code == 1
    assert "branding.primary" in err and "'teal' is not of the form #RRGGBB" in err
    assert len(err.strip().splitlines()) == 1


def _with_logo(strategy: Path, logo: str) -> None:
    text = strategy.read_text(encoding="utf-8").replace(
        'branding: {primary: "#004D40"', f'branding: {{logo: {logo}, primary: "#004D40"'
    )
    strategy.write_text(text, encoding="utf-8")


def test_logo_is_placed_on_cover_and_title_slide(setup: tuple[str, Path], tmp_path: Path) -> None:
    from PIL import Image

    db, strategy = setup
    Image.new("RGB", (120, 60), (0, 77, 64)).save(tmp_path / "logo.png")
    _with_logo(strategy, "logo.png")  # relative to the strategy file
    assert _run("2026-10", "pdf", tmp_path / "r.pdf", strategy, db)[0] == 0
    assert _run("2026-10", "pptx", tmp_path / "r.pptx", strategy, db)[0] == 0
    from pptx import Presentation
    from pypdf import PdfReader

    assert len(PdfReader(tmp_path / "r.pdf").pages[0].images) == 1
    first = Presentation(str(tmp_path / "r.pptx")).slides[0]
    assert sum(1 for s in first.shapes if s.shape_type == 13) == 1  # one picture


def test_unreadable_logo_is_one_clear_line(setup: tuple[str, Path], tmp_path: Path) -> None:
    db, strategy = setup
    (tmp_path / "logo.png").write_text("not an image", encoding="utf-8")
    _with_logo(strategy, "logo.png")
    code, _, err = _run("2026-10", "pdf", tmp_path / "r.pdf", strategy, db)
    assert code == 1
    assert err.startswith(f"branding.logo: {tmp_path / 'logo.png'} cannot be read as a PNG")
    assert len(err.strip().splitlines()) == 1


def _send(
    setup: tuple[str, Path], environ: dict[str, str], *args: str, out: Path | None = None
) -> tuple[int, str, str]:
    db, strategy = setup
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run_report(
        "2026-10",
        fmt=None,
        out=out,
        strategy=strategy,
        db=db,
        send=True,
        to=list(args),
        environ=environ,
        stdout=stdout,
        stderr=stderr,
        sleep=lambda seconds: None,
    )
    return code, stdout.getvalue(), stderr.getvalue()


def _with_recipients(strategy: Path) -> None:
    text = strategy.read_text(encoding="utf-8").replace(
        "    name: Tenant communication 2026\n",
        "    name: Tenant communication 2026\n    recipients: [director@lakeside.example]\n",
    )
    strategy.write_text(text, encoding="utf-8")


def test_send_emails_the_pdf_to_the_strategy_recipients(
    setup: tuple[str, Path], tmp_path: Path
) -> None:
    from smtp_server import smtp_server

    _with_recipients(setup[1])
    with smtp_server() as server:
        code, out, err = _send(setup, server.environ(), out=tmp_path)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "main: 2026-10 report sent to director@lakeside.example"
    [received] = server.mailbox.received
    [attachment] = list(received.message.iter_attachments())
    assert attachment.get_content()[:5] == b"%PDF-"
    assert "oktober 2026 in één oogopslag" in normalised(pdf_text(attachment.get_content())).lower()
    assert (tmp_path / "socialkpi-report-2026-10.pdf").is_file()  # --out also wrote it


def test_send_to_other_addresses(setup: tuple[str, Path]) -> None:
    from smtp_server import smtp_server

    with smtp_server() as server:
        code, out, err = _send(setup, server.environ(), "analyst@lakeside.example")
    assert (code, err) == (0, "")
    assert out == "all strategies: 2026-10 report sent to analyst@lakeside.example\n"
    assert server.mailbox.received[0].recipients == ["analyst@lakeside.example"]


def test_send_without_recipients_or_settings_says_what_is_missing(
    setup: tuple[str, Path],
) -> None:
    from smtp_server import smtp_server

    with smtp_server() as server:
        code, _out, err = _send(setup, server.environ())
    assert code == 1 and server.mailbox.received == []
    assert err == (
        "main: no recipients (add recipients: to the strategy in the strategy file, or give --to)\n"
    )
    code, _out, err = _send(setup, {})
    assert code == 2 and err.startswith("SOCIALKPI_SMTP_HOST is not set")
    code, _out, err = _send(setup, {}, "not-an-address")
    assert (code, err) == (2, "--to: 'not-an-address' is not an e-mail address\n")


def test_send_to_a_server_that_stays_down_exits_1_with_the_reason(
    setup: tuple[str, Path],
) -> None:
    from smtp_server import free_port

    environ = {
        "SOCIALKPI_SMTP_HOST": "127.0.0.1",
        "SOCIALKPI_SMTP_PORT": str(free_port()),
        "SOCIALKPI_SMTP_SECURITY": "none",
        "SOCIALKPI_SMTP_FROM": "reports@lakeside.example",
        "SOCIALKPI_SMTP_ATTEMPTS": "2",
    }
    code, _out, err = _send(setup, environ, "analyst@lakeside.example")
    assert code == 1
    assert err.startswith("all strategies: not sent: 127.0.0.1:")
    assert err.endswith("connection refused (is the SMTP server running?) (2 tries)\n")


def test_format_and_out_stay_required_without_send(setup: tuple[str, Path]) -> None:
    db, strategy = setup
    stderr = io.StringIO()
    code = run_report("2026-10", fmt="pdf", out=None, strategy=strategy, db=db, stderr=stderr)
    assert (code, stderr.getvalue()) == (2, "--out is required (or --send)\n")
