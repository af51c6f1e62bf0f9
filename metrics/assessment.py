"""How one KPI value is read for a period and a view: the span it covers, what it is
compared with, the target it is judged against (its own, inherited, pro-rated, one
platform's, or none), its status and why, and how complete the period is.

The scorecard and the series both read values through `assess`, so a sparkline point and a
scorecard card of the same period always agree.

Rules (docs/metrics.md "Reading a value"):
- A `cumulative` additive KPI is read year to date in a period without a target of its own,
  and compared with the same point a year earlier (January to October against January to
  October of the year before), never with the previous period's running total.
- A period is complete when every month (day, for an ISO week) of it is done (see
  `KpiEngine.completeness`). An additive KPI of an incomplete period is judged against its
  target pro-rated to the share of the period its data reaches; when none is reached it
  carries no status.
- A view of a strict subset of a KPI's platforms is not judged against the target set for
  all of them: only against the strategy's `platform_targets` for the platforms shown.
- An additive KPI without a target of its own in a period is not judged against the
  enclosing quarter's or year's target, but carries it, and the value's share of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from metrics.coverage import Completeness, units_of
from metrics.engine import NO_SCOPE, KpiEngine
from metrics.periods import Period
from metrics.spans import Span, YearToDate
from metrics.sql import Scope
from metrics.status import (
    Status,
    TargetLookup,
    enclosing_target,
    find_target,
    has_own_target,
    rag_status,
)
from metrics.strategy_model import Kpi, StrategyFile

Comparison = Literal["previous_period", "same_point_last_year"]
StatusReason = Literal[
    "filtered_subset",
    "platform_target",
    "in_progress",
    "prorated_target",
    "inherited_target",
    "enclosing_target",
]


def uses_year_to_date(kpi: Kpi, period: Period) -> bool:
    """True when the KPI is read year to date for `period`: a cumulative additive KPI in a
    month, quarter or week without a target of its own (a year is its own year to date)."""
    return (
        kpi.cumulative
        and kpi.additive
        and period.kind != "year"
        and not has_own_target(kpi, period)
    )


def value_span(kpi: Kpi, period: Period) -> Span:
    """The span a KPI's shown value covers: the period, or year to date (see above)."""
    return YearToDate(period) if uses_year_to_date(kpi, period) else period


def comparison_spans(kpi: Kpi, period: Period) -> tuple[Span, Span, Comparison]:
    """What the value is compared with (`previous`), the same period a year earlier, and
    the kind of comparison: a year-to-date value's previous is the same point a year
    earlier (so both are the year to date), any other value's the previous period."""
    if uses_year_to_date(kpi, period):
        year_ago = YearToDate(period.same_period_last_year())
        return year_ago, year_ago, "same_point_last_year"
    return period.previous(), period.same_period_last_year(), "previous_period"


def reached_comparison(
    kpi: Kpi, period: Period, completeness: Completeness
) -> tuple[Span, Span, Comparison]:
    """`comparison_spans`, except for an additive KPI read over a year (or year to date) that
    its data reaches only up to the end of a month: then the same point a year earlier
    (2026 with data to October against January to October 2025, not all of 2025)."""
    previous, last_year, kind = comparison_spans(kpi, period)
    span = value_span(kpi, period)
    if (
        kpi.additive
        and (isinstance(span, YearToDate) or period.kind == "year")
        and not completeness.complete
        and completeness.unit == "month"
        and completeness.whole_units
        and completeness.last_done is not None
    ):
        point = Period.containing(completeness.last_done, "month").same_period_last_year()
        return YearToDate(point), YearToDate(point), "same_point_last_year"
    return previous, last_year, kind


def shown_platforms(kpi: Kpi, platforms: Sequence[str] | None) -> list[str]:
    """The KPI's platforms that a view with a platform filter shows (all without one)."""
    return [p for p in kpi.effective_platforms if platforms is None or p in platforms]


def is_subset(kpi: Kpi, platforms: Sequence[str] | None) -> bool:
    """True when a view shows some, but not all, of the KPI's platforms."""
    shown = shown_platforms(kpi, platforms)
    return 0 < len(shown) < len(kpi.effective_platforms)


def restriction_for(platforms: Sequence[str] | None) -> Scope:
    return Scope(platforms=frozenset(platforms)) if platforms is not None else NO_SCOPE


@dataclass(frozen=True)
class Assessment:
    """A value judged: the target it is judged against (pro-rated when `target_share` is
    set; written for `target_period`), status and why, and the span's completeness."""

    target: float | None
    target_period: str | None
    target_share: float | None
    status: Status
    status_reason: StatusReason | None
    completeness: Completeness
    in_progress: bool
    enclosing_target: float | None = None
    enclosing_target_period: str | None = None
    share_of_enclosing: float | None = None


def _platform_lookup(kpi: Kpi, period: Period, shown: list[str]) -> TargetLookup:
    """The target of the platforms shown, from `platform_targets`: the sum of theirs for an
    additive KPI (every one needs a target, written for the same period), one platform's own
    for any other KPI; None otherwise."""
    if not kpi.additive and len(shown) != 1:
        return TargetLookup(None)
    found = [find_target(kpi, period, platform) for platform in shown]
    if any(f.value is None for f in found) or len({f.period for f in found}) != 1:
        return TargetLookup(None)
    return TargetLookup(
        sum(f.value for f in found if f.value is not None), found[0].period, found[0].prorated
    )


def assess(
    calc: KpiEngine,
    strategy_file: StrategyFile,
    kpi: Kpi,
    period: Period,
    value: float | None,
    restriction: Scope = NO_SCOPE,
    platforms: Sequence[str] | None = None,
) -> Assessment:
    """Judge `value` (the KPI's value for `value_span(kpi, period)` under `restriction`,
    the view showing `platforms`; None: every platform)."""
    span = value_span(kpi, period)
    completeness = calc.completeness(kpi.id, span, restriction)
    in_progress = value is not None and not completeness.complete
    subset = platforms is not None and is_subset(kpi, platforms)
    in_view = platforms is None or bool(shown_platforms(kpi, platforms))
    reason: StatusReason | None = None
    if subset:
        lookup = _platform_lookup(kpi, period, shown_platforms(kpi, platforms))
        reason = "platform_target" if lookup.value is not None else "filtered_subset"
    elif not in_view:
        lookup = TargetLookup(None)  # the view shows none of its platforms: nothing to judge
    else:
        lookup = find_target(kpi, period)
        if lookup.value is not None and lookup.prorated is None and lookup.period != str(period):
            reason = "inherited_target"
    target, share = lookup.value, lookup.prorated
    if kpi.additive and target is not None and in_progress:
        if completeness.share > 0:
            target *= completeness.share
            share = (share if share is not None else 1.0) * completeness.share
        else:
            target, share, reason = None, None, "in_progress"
    if share is not None and reason is None:
        reason = "prorated_target"
    enclosing = TargetLookup(None)
    if in_view and not subset and kpi.additive and lookup.value is None and not kpi.cumulative:
        enclosing = enclosing_target(kpi, period)
        if enclosing.value is not None and reason is None:
            reason = "enclosing_target"
    status = rag_status(value, target, kpi.direction, strategy_file.amber_band)
    if status == "no_data":
        reason = None
    return Assessment(
        target=target,
        target_period=lookup.period if target is not None else None,
        target_share=share if target is not None else None,
        status=status,
        status_reason=reason,
        completeness=completeness,
        in_progress=in_progress,
        enclosing_target=enclosing.value,
        enclosing_target_period=enclosing.period,
        share_of_enclosing=(
            value / enclosing.value
            if value is not None and enclosing.value not in (None, 0)
            else None
        ),
    )


def _length(span: Span, in_months: bool) -> float:
    if in_months:
        return float(len(units_of(span.start, span.end, True)))
    return float((span.end - span.start).days + 1)


def baseline_basis(
    kpi: Kpi, span: Span, completeness: Completeness, baseline_span: Span
) -> float | None:
    """The factor that puts an additive KPI's baseline (a value for `baseline_span`) on the
    basis of the shown value: the length the shown value reaches over the baseline's length,
    in months (days when either is not whole months). 2025's total against January to
    October: 10/12; a month's baseline against a quarter: 3; the quarter one month in: 1.
    None when no scaling applies (level KPIs, or equal lengths)."""
    if not kpi.additive:
        return None
    in_months = span.month_aligned and baseline_span.month_aligned
    reach = completeness.share if completeness.share > 0 else 1.0
    shown = reach * _length(span, in_months)
    factor = shown / _length(baseline_span, in_months)
    return None if abs(factor - 1.0) < 1e-12 else factor
