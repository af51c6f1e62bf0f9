"""`socialkpi maturity`: the stage and each element's evidence, as text and JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path

from dashboard.cli_maturity import EXIT_OK, EXIT_USAGE, run_maturity

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


def _run(tmp_path: Path, *args: str, as_json: bool = False) -> tuple[int, str, str]:
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
    )
    return code, out.getvalue(), err.getvalue()


def test_an_empty_warehouse_is_not_yet_at_initiation(tmp_path: Path) -> None:
    code, out, _ = _run(tmp_path)
    assert code == EXIT_OK
    assert out.splitlines()[0] == "Social Strategy Cone, 2026-10: Not yet at Initiation"
    assert "    No export stored for: facebook." in out
    assert "    Next step: Import the exports of facebook, or drop them from the KPIs." in out
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
