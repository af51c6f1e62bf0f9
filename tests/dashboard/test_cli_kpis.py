"""`socialkpi kpis`: the JSON contract, the table, exit codes, and a light import graph."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.cli_kpis import run_kpis

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("great_expectations", "streamlit", "fpdf", "pptx", "openpyxl", "vl_convert", "altair")


def _run(period: str, env: dict[str, str], **options: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_kpis(
        period,
        strategy=options.get("strategy", Path(env["SOCIALKPI_STRATEGY"])),  # type: ignore[arg-type]
        platforms=options.get("platforms"),  # type: ignore[arg-type]
        as_json=bool(options.get("as_json", False)),
        db=env["SOCIALKPI_DATABASE_URL"],
        out=out,
        err=err,
    )
    return code, out.getvalue(), err.getvalue()


def test_json_contract(seeded_env: dict[str, str]) -> None:
    code, out, _ = _run("2026-10", seeded_env, as_json=True)
    assert code == 0
    payload = json.loads(out)
    assert payload["period"] == "2026-10"
    assert [k["id"] for k in payload["kpis"]] == ["engagement_rate", "posts_published", "followers"]
    for kpi in payload["kpis"]:
        assert set(kpi) == {
            "id",
            "objective",
            "name",
            "value",
            "previous",
            "target",
            "status",
            "unit",
            "platforms",
            "compared_with",
            "coverage",
        }
        assert set(kpi["coverage"]) == {"done", "total", "unit", "in_progress"}
    rate, posts, followers = payload["kpis"]
    assert rate["value"] == pytest.approx(651 / 12100)
    assert rate["previous"] == pytest.approx(0.04)
    assert (rate["target"], rate["status"], rate["unit"]) == (0.05, "green", "percent")
    assert rate["platforms"] == ["facebook", "linkedin"]
    assert (posts["value"], posts["previous"], posts["status"]) == (10, 5, "green")
    assert posts["compared_with"] == "2026-09"
    assert (followers["value"], followers["status"], followers["objective"]) == (
        5700,
        "green",
        "reach",
    )


def test_platform_filter(seeded_env: dict[str, str]) -> None:
    code, out, _ = _run("2026-10", seeded_env, as_json=True, platforms=["linkedin"])
    kpis = {k["id"]: k for k in json.loads(out)["kpis"]}
    assert code == 0
    assert kpis["posts_published"]["value"] == 4
    # LinkedIn's share of the posts is not judged against the target for every platform
    assert kpis["posts_published"]["status"] == "no_target"
    assert kpis["posts_published"]["target"] is None
    assert kpis["engagement_rate"]["platforms"] == ["linkedin"]


def test_table(seeded_env: dict[str, str]) -> None:
    code, out, _ = _run("2026-10", seeded_env)
    assert code == 0
    assert "Engagement rate per impression" in out
    assert "5.4%" in out
    assert "green" in out


def test_bad_period_is_a_usage_error(seeded_env: dict[str, str]) -> None:
    code, out, err = _run("2026-13", seeded_env)
    assert (code, out) == (2, "")
    assert err.startswith("--period: not a period: '2026-13'")


def test_invalid_strategy_lists_every_problem(seeded_env: dict[str, str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "organisation: X\n"
        "objectives:\n"
        "  - id: o\n"
        "    name: O\n"
        "    kpis:\n"
        "      - id: a\n"
        "        name: A\n"
        "        metric: {type: sum, measure: likes}\n"
        "      - id: b\n"
        "        name: B\n"
        "        metric: {type: growth, of: nothing}\n"
        "        targets: {2026-13: 1}\n",
        encoding="utf-8",
    )
    code, out, err = _run("2026-10", seeded_env, strategy=broken)
    assert (code, out) == (1, "")
    lines = err.strip().splitlines()
    assert [line.split(":")[:3] for line in lines] == [
        ["broken.yaml", "8", " a"],
        ["broken.yaml", "11", " b"],
        ["broken.yaml", "12", " b"],
    ]
    assert "Traceback" not in err


def test_cli_does_not_import_heavy_libraries(seeded_env: dict[str, str]) -> None:
    code = (
        "import sys; from dashboard.cli import main; sys.argv = ['socialkpi', 'kpis', "
        "'--period', '2026-10', '--json']; main()"
    )
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**seeded_env, "PATH": "/usr/bin:/bin", "HOME": str(REPO)},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout)["period"] == "2026-10"
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "metrics" in imported
    assert not imported & set(HEAVY), imported & set(HEAVY)
