"""`socialkpi strategy versions | export | import`: versions from the command line, and
`kpis` using the newest warehouse version when no strategy file overrides it."""

from __future__ import annotations

import contextvars
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from dashboard_seed import STRATEGY_YAML

from dashboard.cli_kpis import run_kpis
from dashboard.cli_strategy import run_export, run_import_version, run_versions
from dashboard.i18n import set_language
from metrics.strategy_source import ENV_STRATEGY

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(ENV_STRATEGY, raising=False)
    monkeypatch.delenv("SOCIALKPI_ROLES", raising=False)
    return f"sqlite:///{tmp_path / 'w.sqlite'}"


def _io() -> tuple[io.StringIO, io.StringIO]:
    return io.StringIO(), io.StringIO()


def test_import_export_and_versions(fresh: str, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(STRATEGY_YAML, encoding="utf-8")
    out, err = _io()
    assert run_import_version(plan, reason="Plan", author="Ana", db=fresh, out=out, err=err) == 0
    assert out.getvalue().startswith("Strategy version 1 saved")

    raised = tmp_path / "raised.yaml"
    raised.write_text(STRATEGY_YAML.replace("targets: {2026-10: 5000}", "targets: {2026-10: 6000}"))
    out, err = _io()
    assert (
        run_import_version(raised, reason="Campaign", author="Joost", db=fresh, out=out, err=err)
        == 0
    )
    assert out.getvalue() == (
        "Strategy version 2 saved; changes: 1.\n  KPI followers: target 2026-10 5000 → 6000\n"
    )

    out, err = _io()
    assert run_versions(as_json=True, db=fresh, out=out, err=err) == 0
    payload = json.loads(out.getvalue())
    assert payload["in_force"] == {"kind": "warehouse", "path": None, "version": 2}
    assert [(v["id"], v["author"], v["reason"]) for v in payload["versions"]] == [
        (2, "Joost", "Campaign"),
        (1, "Ana", "Plan"),
    ]
    assert payload["versions"][0]["changes"][0] == {
        "kind": "target",
        "objective": "reach",
        "kpi": "followers",
        "field": None,
        "period": "2026-10",
        "old": 5000,
        "new": 6000,
        "text": "KPI followers: target 2026-10 5000 → 6000",
    }

    out, err = _io()
    target = tmp_path / "v1.yaml"
    assert run_export(out_path=target, version=1, strategy=None, db=fresh, out=out, err=err) == 0
    assert target.read_text(encoding="utf-8") == STRATEGY_YAML
    current = tmp_path / "current.yaml"
    assert (
        run_export(out_path=current, version=None, strategy=None, db=fresh, out=out, err=err) == 0
    )
    assert current.read_text(encoding="utf-8") == raised.read_text(encoding="utf-8")
    out, err = _io()
    assert run_export(out_path=target, version=9, strategy=None, db=fresh, out=out, err=err) == 1
    assert err.getvalue() == "--version: strategy version 9 does not exist\n"

    # `kpis` uses version 2's target (no strategy file overrides the warehouse).
    out, err = _io()
    assert (
        run_kpis("2026-10", strategy=None, platforms=None, as_json=True, db=fresh, out=out, err=err)
        == 0
    )
    followers = next(k for k in json.loads(out.getvalue())["kpis"] if k["id"] == "followers")
    assert followers["target"] == 6000


def test_import_refusals_store_nothing(
    fresh: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(STRATEGY_YAML.replace("measure: followers", "measure: fans"))
    out, err = _io()
    assert run_import_version(broken, reason="x", author="Ana", db=fresh, out=out, err=err) == 1
    assert "unknown day-grain measure 'fans'" in err.getvalue()
    out, err = _io()
    assert (
        run_import_version(
            tmp_path / "missing.yaml", reason="x", author="Ana", db=fresh, out=out, err=err
        )
        == 1
    )
    assert err.getvalue() == f"{tmp_path / 'missing.yaml'}: the file does not exist\n"
    monkeypatch.setenv("SOCIALKPI_ROLES", "Ana=admin, Joost=editor")
    plan = tmp_path / "plan.yaml"
    plan.write_text(STRATEGY_YAML)
    out, err = _io()
    assert run_import_version(plan, reason="x", author="Joost", db=fresh, out=out, err=err) == 1
    assert "needs the admin role" in err.getvalue() and "you are editor" in err.getvalue()
    out, err = _io()  # a viewer is refused before the file is even parsed
    assert run_import_version(plan, reason="x", author="Mallory", db=fresh, out=out, err=err) == 1
    assert "needs the editor role; you are viewer" in err.getvalue()
    out, err = _io()
    assert run_import_version(plan, reason=" ", author="Ana", db=fresh, out=out, err=err) == 1
    assert "reason is required and was empty" in err.getvalue()
    out, err = _io()
    assert run_versions(as_json=False, db=fresh, out=out, err=err) == 0
    assert out.getvalue() == (
        "In force: the sample strategy (no version saved yet).\nNo strategy version saved yet.\n"
    )


def test_strategy_commands_start_without_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from dashboard.cli import app\n"
        "import dashboard.cli_strategy\n"
        "heavy = [m for m in ('great_expectations', 'streamlit', 'fpdf', 'pptx') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "[]"


def test_import_reads_the_time_zone_of_the_strategy_in_force(fresh: str, tmp_path: Path) -> None:
    from dashboard.cli_import import _timezone
    from warehouse.engine import open_database

    engine = open_database(fresh)
    try:
        assert _timezone(None, engine) == "America/Guatemala"  # the sample strategy's
        madrid = tmp_path / "madrid.yaml"
        madrid.write_text(
            STRATEGY_YAML.replace("America/Guatemala", "Europe/Madrid"),
            encoding="utf-8",
        )
        out, err = _io()
        assert (
            run_import_version(madrid, reason="Move", author="Ana", db=fresh, out=out, err=err) == 0
        )
        assert _timezone(None, engine) == "Europe/Madrid"  # the saved version, no file given
        guatemala = tmp_path / "strategy.yaml"
        guatemala.write_text(STRATEGY_YAML, encoding="utf-8")
        assert _timezone(guatemala, engine) == "America/Guatemala"  # --strategy overrides
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "SOCIALKPI_ROLES: “Ana=boss”: “boss” is not a role (roles: viewer, editor, admin)",
                "SOCIALKPI_ROLES: “=editor” has no name before the “=”",
            ],
        ),
        (
            "nl",
            [
                "SOCIALKPI_ROLES: ‘Ana=boss’: ‘boss’ is geen rol (rollen: viewer, editor, admin)",
                "SOCIALKPI_ROLES: ‘=editor’ heeft geen naam vóór de ‘=’",
            ],
        ),
    ],
)
def test_unreadable_roles_exit_2_naming_each_bad_entry(
    fresh: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, expected: list[str]
) -> None:
    monkeypatch.setenv("SOCIALKPI_ROLES", "Ana=boss; Joost=editor, =editor")
    plan = tmp_path / "plan.yaml"
    plan.write_text(STRATEGY_YAML, encoding="utf-8")
    out, err = _io()

    def run() -> int:
        set_language(lang)  # in a copied context: other tests keep their language
        return run_import_version(plan, reason="Plan", author="Joost", db=fresh, out=out, err=err)

    assert contextvars.copy_context().run(run) == 2
    assert err.getvalue().splitlines() == expected
    assert out.getvalue() == ""
    out, err = _io()
    assert run_versions(as_json=False, db=fresh, out=out, err=err) == 0
    assert "No strategy version saved yet." in out.getvalue()
