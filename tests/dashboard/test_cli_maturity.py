"""`socialkpi maturity`: the stage and each element's evidence, as text and JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from dashboard.cli_maturity import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, run_maturity

STRATEGY = """\
organisation: Test
audiences: [journalists]
objectives:
  - id: reach
    name: Reach
    kpis:
      - id: impressions
        name: Impressions
        metric: {type: sum, measure: impressions}
        platforms: [facebook]
        owner: Ana
        baseline: {period: 2025-12, value: 1000}
        targets: {2026-10: 2000}
"""


def _run(tmp_path: Path, *args: str, as_json: bool = False, **record: Any) -> tuple[int, str, str]:
    path = tmp_path / "strategy.yaml"
    path.write_text(STRATEGY, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run_maturity(
        "2026-10",
        strategy=path,
        self_scores=list(args),
        as_json=as_json,
        db=f"sqlite:///{tmp_path / 'w.sqlite'}",
        out=out,
        err=err,
        **record,
    )
    return code, out.getvalue(), err.getvalue()


def test_an_empty_warehouse_is_not_yet_at_initiation(tmp_path: Path) -> None:
    code, out, _ = _run(tmp_path)
    assert code == EXIT_OK
    assert out.splitlines()[0] == "Social Strategy Cone, 2026-10: Not yet at Initiation"
    assert "    No export stored for: Facebook." in out
    assert out.splitlines()[1] == "No self-assessment stored."
    assert "    Next step: Import an export of Facebook, or drop it from the KPIs." in out
    assert "    Next step: Review and close August 2026 on the Monthly review page." in out
    assert "Goals: in place" in out


def test_json_names_the_evidence_and_the_overruled_claim(tmp_path: Path) -> None:
    code, out, _ = _run(tmp_path, "monitoring=3", as_json=True)
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["stage"] is None
    monitoring = next(e for e in data["elements"] if e["element"] == "monitoring")
    assert monitoring["self_score"] == 3
    assert monitoring["overruled"] is True
    assert monitoring["evidence"]["code"] == "months_without_exports"
    assert monitoring["evidence"]["months"] == {
        "2026-08": ["facebook"],
        "2026-09": ["facebook"],
        "2026-10": ["facebook"],
    }


def test_a_bad_self_score_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = _run(tmp_path, "goals=7")
    assert code == EXIT_USAGE
    assert out == ""
    assert "--self-score 'goals=7': expected ELEMENT=0..3" in err


def test_a_recorded_self_assessment_is_used_until_overridden(tmp_path: Path) -> None:
    code, out, err = _run(
        tmp_path,
        "target_audience=1",
        "monitoring=3",
        record=True,
        author="Ana",
        assessed_on="2026-11-06",
    )
    assert (code, err) == (EXIT_OK, "")
    assert out.splitlines()[1] == "Self-assessment of 2026-11-06 by Ana."
    # the next run, without --self-score, uses the stored version
    code, out, _ = _run(tmp_path, as_json=True)
    data = json.loads(out)
    assert data["self_assessment"]["assessed_on"] == "2026-11-06"
    scores = {e["element"]: e["self_score"] for e in data["elements"]}
    assert (scores["target_audience"], scores["monitoring"], scores["goals"]) == (1, 3, None)
    code, out, _ = _run(tmp_path, "monitoring=0")
    assert out.splitlines()[1] == (
        "Self-assessment of 2026-11-06 by Ana. --self-score overrides it for the elements given."
    )
    assert "Monitoring: not in place\n    Months without an export of every platform" in out
    assert "    Self-assessment: 0 of 3" in out


def test_recording_needs_an_author_scores_and_the_editor_role(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = _run(tmp_path, "goals=2", record=True)
    assert (code, err.strip()) == (
        EXIT_USAGE,
        "--record needs --author: who assessed the strategy.",
    )
    code, _, err = _run(tmp_path, record=True, author="Ana")
    assert code == EXIT_USAGE and "--record needs at least one --self-score" in err
    code, _, err = _run(tmp_path, "goals=2", record=True, author="Ana", assessed_on="6/11")
    assert code == EXIT_USAGE and "--assessed-on '6/11': expected a date, YYYY-MM-DD." in err
    monkeypatch.setenv("SOCIALKPI_ROLES", "Ana=editor, *=viewer")
    code, out, err = _run(tmp_path, "goals=2", record=True, author="Mallory")
    assert (code, out) == (EXIT_REJECTED, "")
    assert err.strip() == (
        "recording a maturity self-assessment needs the editor role; you are viewer"
    )
    code, out, _ = _run(tmp_path)
    assert out.splitlines()[1] == "No self-assessment stored."
