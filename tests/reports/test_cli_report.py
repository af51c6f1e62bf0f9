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
