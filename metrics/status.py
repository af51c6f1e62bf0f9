"""Targets and status (pure): which target applies to a period, RAG status, progress.

Level and rate KPIs (mean, last, ratio, growth, derived, median, percentile) inherit the
enclosing quarter's, then year's target. Additive KPIs (sum, count, change) use only their
own period's target, unless `cumulative: true`: then a period without a target of its own
compares its year-to-date value with the year's target pro-rated to date (`prorated` is set;
the scorecard then shows the year-to-date value). An additive KPI's enclosing target is still
found (`enclosing_target`) so a month can be shown as a share of its quarter's target.
Targets for one platform (`platform_targets` in the strategy) follow the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from metrics.metric_types import is_additive
from metrics.periods import Period
from metrics.strategy_model import Kpi

Status = Literal["green", "amber", "red", "no_data", "no_target"]
_EPS = 1e-9
STATUSES: tuple[Status, ...] = ("green", "amber", "red", "no_data", "no_target")


@dataclass(frozen=True)
class TargetLookup:
    """The target for a period; `period` is where it was written, `prorated` the share applied."""

    value: float | None
    period: str | None = None
    prorated: float | None = None


def targets_of(kpi: Kpi, platform: str | None = None) -> dict[Period, float]:
    """The KPI's targets by period: those for all its platforms, or one platform's own
    (`platform_targets`, empty when the strategy gives that platform none)."""
    written = kpi.targets if platform is None else kpi.platform_targets.get(platform, {})
    return {_period(key): float(value) for key, value in written.items()}


@lru_cache(maxsize=4096)
def _period(key: str) -> Period:
    return Period.parse(key)


def has_own_target(kpi: Kpi, period: Period) -> bool:
    """True when a target is written for exactly this period (for all platforms)."""
    return period in targets_of(kpi)


def find_target(kpi: Kpi, period: Period, platform: str | None = None) -> TargetLookup:
    """The target that applies to `period` for `kpi` (see module docstring); with
    `platform`, from that platform's own targets only."""
    targets = targets_of(kpi, platform)
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


def enclosing_target(kpi: Kpi, period: Period, platform: str | None = None) -> TargetLookup:
    """For an additive KPI without a target of its own in `period`: the nearest enclosing
    period's target (quarter, then year), which the period's value is a share of but is
    not judged against. None when there is none or the KPI is not additive."""
    if not is_additive(kpi.metric.type):
        return TargetLookup(None)
    targets = targets_of(kpi, platform)
    for enclosing in period.enclosing():
        if enclosing in targets:
            return TargetLookup(targets[enclosing], str(enclosing))
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
