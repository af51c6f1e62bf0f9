"""A `metrics.scorecard.KpiResult` from the few fields a test names: what the components read
(readings, scorecard rows, the platform comparison), without a warehouse."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from metrics.scorecard import KpiResult

NEUTRAL: dict[str, Any] = {
    "kpi_id": "kpi",
    "objective_id": "objective",
    "strategy_id": "main",
    "name": "KPI",
    "period": "",  # none named: nothing to compare with unless a test names one
    "value": None,
    "previous": None,
    "last_year": None,
    "baseline": None,
    "target": None,
    "status": "no_data",
    "progress": None,
    "unit": "count",
    "direction": "up",
}


def kpi_result(fields: Mapping[str, Any] | None = None, **more: Any) -> KpiResult:
    """`kpi_result({"value": 5.0, "unit": "count"})`: the fields given, the others neutral (a
    status of None reads as no data, as metrics never gives it)."""
    given = {**(fields or {}), **more}
    if given.get("status") is None:
        given.pop("status", None)
    return KpiResult(**{**NEUTRAL, **given})
