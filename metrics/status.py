"""Targets and status (pure): which target applies to a period, RAG status, progress.

Level and rate KPIs (mean, last, ratio, growth, derived, median, percentile) inherit the
enclosing quarter's, then year's target. Additive KPIs (sum, count, change) use only their
own period's target, unless `cumulative: true`: then a period without a target of its own
compares its year-to-date value with the year's target pro-rated to date (`prorated` is set;
the scorecard then shows the year-to-date value).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from metrics.periods import Period
from metrics.strategy_model import ADDITIVE_TYPES, Kpi

Status = Literal["green", "amber", "red", "no_data", "no_target"]
_EPS = 1e-9
STATUSES: tuple[Status, ...] = ("green", "amber", "red", "no_data", "no_target")


@dataclass(frozen=True)
class TargetLookup:
    """The target for a period; `period` is where it was written, `prorated` the share applied."""

    value: float | None
    period: str | None = None
    prorated: float | None = None


def is_additive(metric_type: str) -> bool:
    return metric_type in ADDITIVE_TYPES


def _targets_by_period(kpi: Kpi) -> dict[Period, float]:
    out: dict[Period, float] = {}
    for key, value in kpi.targets.items():
        out[Period.parse(key)] = float(value)
    return out


def find_target(kpi: Kpi, period: Period) -> TargetLookup:
    """The target that applies to `period` for `kpi` (see module docstring)."""
    targets = _targets_by_period(kpi)
    if period in targets:
        return TargetLookup(targets[period], str(period))
    if not is_additive(kpi.metric.type):
        for enclosing in period.enclosing():
            if enclosing in targets:
                return TargetLookup(targets[enclosing], str(enclosing))
        return TargetLookup(None)
    if kpi.cumulative:
        year = period.year()
        if year in targets:
            share = period.year_elapsed_share()
            return TargetLookup(targets[year] * share, str(year), share)
    return TargetLookup(None)


def rag_status(
    value: float | None, target: float | None, direction: str, amber_band: float = 0.10
) -> Status:
    """green when the target is met, amber when missed by at most `amber_band` × |target|."""
    if value is None:
        return "no_data"
    if target is None:
        return "no_target"
    band = abs(target) * amber_band
    eps = _EPS * max(1.0, abs(target))  # 3/100 must meet a 0.03 target despite binary floats
    if direction == "down":
        if value <= target + eps:
            return "green"
        return "amber" if value <= target + band + eps else "red"
    if value >= target - eps:
        return "green"
    return "amber" if value >= target - band - eps else "red"


def progress(value: float | None, baseline: float | None, target: float | None) -> float | None:
    """(value − baseline) / (target − baseline); None when any is missing or target = baseline."""
    if value is None or baseline is None or target is None or target == baseline:
        return None
    return (value - baseline) / (target - baseline)
