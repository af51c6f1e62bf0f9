"""KPI cases as data: every file in cases/ holds shared facts and a list of cases
{title, facts?, coverage?, kpis, check?, period, platforms?, strategy?, expected} (`coverage`:
what the imports of the facts cover, as import_coverage rows; a case's own replaces the
file's). Each case loads its
facts into an empty warehouse, loads its KPIs through the real strategy loader, computes
the scorecard and compares every expected field (on SQLite, and on PostgreSQL when set)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine

from metrics.scorecard import compute_scorecard
from metrics.strategy import parse_strategy

CASES_DIR = Path(__file__).parent / "cases"


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in document["cases"]:
            facts = case.get("facts", document.get("facts", {}))
            out.append(pytest.param(case, facts, id=f"{path.stem}: {case['title']}"))
    return out


def _strategy_text(case: dict[str, Any]) -> str:
    kpis = case["kpis"]
    for kpi in kpis:
        kpi.setdefault("name", kpi["id"].replace("_", " "))
    document = {
        "organisation": "Case Institute",
        **case.get("strategy", {}),
        "objectives": [{"id": "objective", "name": "Objective", "kpis": kpis}],
    }
    return yaml.safe_dump(document, sort_keys=False)


@pytest.mark.parametrize(("case", "case_facts"), _cases())
def test_kpi_case(
    warehouse: Engine, facts: Any, case: dict[str, Any], case_facts: dict[str, Any]
) -> None:
    facts(warehouse, with_coverage(case, case_facts))
    check_case(warehouse, case)


def with_coverage(case: dict[str, Any], case_facts: dict[str, Any]) -> dict[str, Any]:
    """The case's facts with its coverage (its own, else the file's)."""
    return {**case_facts, "coverage": case.get("coverage", case_facts.get("coverage", []))}


def check_case(warehouse: Engine, case: dict[str, Any]) -> None:
    """Compute the case's scorecard on `warehouse` and compare every expected field."""
    strategy = parse_strategy(_strategy_text(case), file="case.yaml")
    check = case.get("check", case["kpis"][-1]["id"])
    results = compute_scorecard(
        warehouse, strategy, str(case["period"]), platforms=case.get("platforms")
    )
    result = {r.kpi_id: r for r in results}[check]
    for name, expected in case["expected"].items():
        actual = getattr(result, name)
        if isinstance(expected, float | int) and not isinstance(expected, bool):
            assert actual == pytest.approx(expected, rel=1e-9), name
        else:
            assert actual == expected, name
