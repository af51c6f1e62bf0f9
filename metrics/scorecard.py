"""What the dashboard and reports read: scorecards, series, breakdowns, top posts, traces.

Each function opens its own KpiEngine (a few grouped statements for everything it shows)
and returns plain dataclasses or pandas frames.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

import pandas as pd
from sqlalchemy import Engine, RowMapping, select

from metrics import sql
from metrics.assessment import (
    Assessment,
    Comparison,
    StatusReason,
    assess,
    baseline_basis,
    comparison_spans,
    is_subset,
    reached_comparison,
    restriction_for,
    shown_platforms,
    value_span,
)
from metrics.coverage import Coverage, CoverageUnit, merge, rows_from_records, units_of
from metrics.engine import NO_SCOPE, KpiEngine
from metrics.metric_types import spec
from metrics.periods import Period, PeriodKind
from metrics.spans import Span, YearToDate
from metrics.sql import Scope
from metrics.status import Status, progress
from metrics.strategy_model import Kpi, StrategyFile
from warehouse.schema import POST_MEASURES, imports

PeriodLike = Period | str
BreakdownBy = Literal["platform", "account", "post_type"]


@dataclass(frozen=True)
class KpiResult:
    """One KPI read for a period (and a view): docs/metrics.md lists every field."""

    kpi_id: str
    objective_id: str
    strategy_id: str
    name: str
    period: str
    value: float | None
    previous: float | None
    last_year: float | None
    baseline: float | None
    target: float | None
    status: Status
    progress: float | None
    unit: str
    direction: str
    platforms: list[str] = field(default_factory=list)
    denominator: str | None = None
    cumulative: bool = False
    compared_with: str | None = None
    comparison: Comparison = "previous_period"
    target_period: str | None = None
    target_share: float | None = None
    coverage_done: int | None = None
    coverage_total: int | None = None
    coverage_unit: CoverageUnit | None = None
    in_progress: bool = False
    whole_value: float | None = None
    share_of_whole: float | None = None
    status_reason: StatusReason | None = None
    baseline_period: str | None = None
    baseline_share: float | None = None
    enclosing_target: float | None = None
    enclosing_target_period: str | None = None
    share_of_enclosing: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _period(value: PeriodLike) -> Period:
    return Period.parse(value)


def _denominator(kpi: Kpi) -> str | None:
    metric = kpi.metric
    if spec(metric.type).parts != "pair":
        return None
    grain = {"post": "posts", "day": "account-days", "message": "messages"}[metric.resolved_grain]
    return f"{metric.denominator} ({grain} where {metric.denominator} is reported)"


def _baseline_span(kpi: Kpi) -> Span | None:
    if kpi.baseline is None:
        return None
    return value_span(kpi, Period.parse(kpi.baseline.period))


def compute_scorecard(
    engine: Engine,
    strategy_file: StrategyFile,
    period: PeriodLike,
    *,
    platforms: Sequence[str] | None = None,
    strategy_id: str | None = None,
) -> list[KpiResult]:
    """Every KPI (of one strategy, or all) for a period, with comparisons, target and
    status; with `platforms`, the view of those platforms (and each KPI's whole value)."""
    period = _period(period)
    kpis = strategy_file.kpis_in_force(period, strategy_id)
    calc = KpiEngine(engine, strategy_file)
    restriction = restriction_for(platforms)
    calc.load_pairs(_scorecard_pairs(kpis, period), _restrictions(restriction))
    return _scorecard(calc, strategy_file, kpis, period, platforms, restriction)


def _restrictions(restriction: Scope) -> list[Scope]:
    """The view's restriction, and the whole (each KPI's own platforms) for comparison."""
    return [restriction] if restriction == NO_SCOPE else [restriction, NO_SCOPE]


def compute_platform_scorecards(
    engine: Engine,
    strategy_file: StrategyFile,
    period: PeriodLike,
    platforms: Sequence[str],
    *,
    strategy_id: str | None = None,
) -> dict[str, list[KpiResult]]:
    """`compute_scorecard(..., platforms=[p])` for each platform p, from one batch of
    statements: every platform is a restriction of the same facts, read once (the Platforms
    page asked one scorecard per platform, six times the statements)."""
    period = _period(period)
    kpis = strategy_file.kpis_in_force(period, strategy_id)
    calc = KpiEngine(engine, strategy_file)
    restrictions = {p: Scope(platforms=frozenset({p})) for p in platforms}
    calc.load_pairs(_scorecard_pairs(kpis, period), [*restrictions.values(), NO_SCOPE])
    return {
        p: _scorecard(calc, strategy_file, kpis, period, [p], restrictions[p]) for p in platforms
    }


SERIES_COLUMNS = [
    "kpi_id",
    "period",
    "start",
    "value",
    "period_value",
    "running_total",
    "target",
    "target_period",
    "target_share",
    "status",
    "in_progress",
]


def compute_series(
    engine: Engine,
    strategy_file: StrategyFile,
    periods: Iterable[PeriodLike],
    *,
    kpi_ids: Iterable[str] | None = None,
    platforms: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per KPI × period (columns: SERIES_COLUMNS; docs/metrics.md)."""
    spans = [_period(p) for p in periods]
    kpis = [strategy_file.kpi(k) for k in kpi_ids] if kpi_ids is not None else strategy_file.kpis()
    calc = KpiEngine(engine, strategy_file, platforms)
    calc.load_pairs(_series_pairs(kpis, spans))
    return _series(calc, strategy_file, kpis, spans, platforms, NO_SCOPE)


def compute_overview(
    engine: Engine,
    strategy_file: StrategyFile,
    period: PeriodLike,
    periods: Iterable[PeriodLike],
    *,
    platforms: Sequence[str] | None = None,
    strategy_id: str | None = None,
) -> tuple[list[KpiResult], pd.DataFrame]:
    """The scorecard of `period` and the series of its KPIs over `periods` (sparklines), from
    one batch of statements: exactly `compute_scorecard(...)` and `compute_series(...,
    kpi_ids=<the scorecard's KPIs>)`, without reading the shared months twice."""
    period = _period(period)
    spans = [_period(p) for p in periods]
    kpis = strategy_file.kpis_in_force(period, strategy_id)
    calc = KpiEngine(engine, strategy_file)
    restriction = restriction_for(platforms)
    calc.load_pairs(
        [*_scorecard_pairs(kpis, period), *_series_pairs(kpis, spans)],
        _restrictions(restriction),
    )
    return (
        _scorecard(calc, strategy_file, kpis, period, platforms, restriction),
        _series(calc, strategy_file, kpis, spans, platforms, restriction),
    )


def _scorecard_pairs(kpis: Sequence[Kpi], period: Period) -> list[tuple[str, Span]]:
    pairs: list[tuple[str, Span]] = []
    for kpi in kpis:
        previous, last_year, _ = comparison_spans(kpi, period)
        spans = [value_span(kpi, period), previous, last_year, _baseline_span(kpi)]
        pairs += [(kpi.id, s) for s in spans if s is not None]
    return pairs


def _series_pairs(kpis: Sequence[Kpi], spans: Sequence[Period]) -> list[tuple[str, Span]]:
    pairs: list[tuple[str, Span]] = []
    for kpi in kpis:
        running = kpi.cumulative and kpi.additive
        for p in spans:
            pairs += [(kpi.id, value_span(kpi, p)), (kpi.id, p)]
            if running:
                pairs.append((kpi.id, YearToDate(p)))
    return pairs


def _scorecard(
    calc: KpiEngine,
    strategy_file: StrategyFile,
    kpis: Sequence[Kpi],
    period: Period,
    platforms: Sequence[str] | None,
    restriction: Scope = NO_SCOPE,
) -> list[KpiResult]:
    results = []
    for kpi in kpis:
        span = value_span(kpi, period)
        value = calc.value(kpi.id, span, restriction)
        judged = assess(calc, strategy_file, kpi, period, value, restriction, platforms)
        previous, last_year, comparison = reached_comparison(kpi, period, judged.completeness)
        # a span inside what is loaded (no statement); read if ever it is not
        calc.load_pairs([(kpi.id, previous), (kpi.id, last_year)], [restriction])
        subset = platforms is not None and is_subset(kpi, platforms)
        baseline, baseline_period, baseline_share = _baseline(
            calc, kpi, span, judged, restriction, subset
        )
        whole = calc.value(kpi.id, span) if subset else None
        done = judged.completeness
        results.append(
            KpiResult(
                kpi_id=kpi.id,
                objective_id=strategy_file.objective_of(kpi.id).id,
                strategy_id=strategy_file.strategy_of(kpi.id),
                name=kpi.name,
                period=str(period),
                value=value,
                previous=calc.value(kpi.id, previous, restriction),
                last_year=calc.value(kpi.id, last_year, restriction),
                baseline=baseline,
                target=judged.target,
                status=judged.status,
                progress=progress(value, baseline, judged.target),
                unit=kpi.unit,
                direction=kpi.direction,
                platforms=shown_platforms(kpi, platforms),
                denominator=_denominator(kpi),
                cumulative=isinstance(span, YearToDate),
                compared_with=str(previous),
                comparison=comparison,
                target_period=judged.target_period,
                target_share=judged.target_share,
                coverage_done=done.done,
                coverage_total=done.total,
                coverage_unit=done.unit,
                in_progress=judged.in_progress,
                whole_value=whole,
                share_of_whole=(
                    value / whole
                    if kpi.additive and value is not None and whole not in (None, 0)
                    else None
                ),
                status_reason=judged.status_reason,
                baseline_period=baseline_period,
                baseline_share=baseline_share,
                enclosing_target=judged.enclosing_target,
                enclosing_target_period=judged.enclosing_target_period,
                share_of_enclosing=judged.share_of_enclosing,
            )
        )
    return results


def _baseline(
    calc: KpiEngine,
    kpi: Kpi,
    span: Span,
    judged: Assessment,
    restriction: Scope,
    subset: bool,
) -> tuple[float | None, str | None, float | None]:
    """The baseline on the basis of the shown value, the span it was written (or computed)
    for, and the factor applied (see `assessment.baseline_basis`). A written baseline is
    the whole's: a view of some of the KPI's platforms has none."""
    baseline_span = _baseline_span(kpi)
    if kpi.baseline is None or baseline_span is None:
        return None, None, None
    if kpi.baseline.value is not None:
        raw = None if subset else kpi.baseline.value
    else:
        raw = calc.value(kpi.id, baseline_span, restriction)
    if raw is None:
        return None, str(baseline_span), None
    factor = baseline_basis(kpi, span, judged.completeness, baseline_span)
    return (raw if factor is None else raw * factor), str(baseline_span), factor


def _series(
    calc: KpiEngine,
    strategy_file: StrategyFile,
    kpis: Sequence[Kpi],
    spans: Sequence[Period],
    platforms: Sequence[str] | None,
    restriction: Scope,
) -> pd.DataFrame:
    rows = []
    for kpi in kpis:
        running = kpi.cumulative and kpi.additive
        for period in spans:
            value = calc.value(kpi.id, value_span(kpi, period), restriction)
            judged = assess(calc, strategy_file, kpi, period, value, restriction, platforms)
            rows.append(
                {
                    "kpi_id": kpi.id,
                    "period": str(period),
                    "start": period.start,
                    "value": value,
                    "period_value": calc.value(kpi.id, period, restriction),
                    "running_total": (
                        calc.value(kpi.id, YearToDate(period), restriction) if running else None
                    ),
                    "target": judged.target,
                    "target_period": judged.target_period,
                    "target_share": judged.target_share,
                    "status": judged.status,
                    "in_progress": judged.in_progress,
                }
            )
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


def breakdown(
    engine: Engine,
    strategy_file: StrategyFile,
    kpi_id: str,
    period: PeriodLike,
    by: BreakdownBy = "platform",
    *,
    platforms: Sequence[str] | None = None,
) -> pd.DataFrame:
    """A KPI's value per platform, account or post type (groups without data left out)."""
    if by not in ("platform", "account", "post_type"):
        raise ValueError(f"cannot break down by {by!r}; use platform, account or post_type")
    period = _period(period)
    kpi = strategy_file.kpi(kpi_id)
    calc = KpiEngine(engine, strategy_file, platforms)
    bases = calc.base_kpis(kpi_id)
    if by == "post_type" and any(b.metric.resolved_grain != "post" for b in bases):
        raise ValueError(
            f"KPI {kpi_id!r} is not computed from posts, so it has no breakdown by post type"
        )
    span = value_span(kpi, period)
    groups = _groups(engine, calc, bases, span, by)
    scoped = [(g, _group_scope(by, g)) for g in groups]
    calc.load([kpi_id], [span], [s for _, s in scoped])
    columns = {"platform": ["platform"], "account": ["platform", "account"]}.get(by, [by])
    rows = []
    for group, scope in scoped:
        value = calc.value(kpi_id, span, scope)
        if value is not None:
            rows.append({**dict(zip(columns, group, strict=True)), "value": value})
    return pd.DataFrame(rows, columns=[*columns, "value"])


def _group_scope(by: str, group: tuple[Any, ...]) -> Scope:
    if by == "platform":
        return Scope(platforms=frozenset([group[0]]))
    if by == "account":
        return Scope(pairs=frozenset([(group[0], group[1])]))
    return Scope(post_type=group[0])


def _groups(
    engine: Engine, calc: KpiEngine, bases: list[Kpi], span: Span, by: str
) -> list[tuple[Any, ...]]:
    found: set[tuple[Any, ...]] = set()
    with engine.connect() as conn:
        for base in bases:
            grain = base.metric.resolved_grain
            scope = calc.scope_of(base)
            back = spec(base.metric.type).reads_previous
            start = span.previous().start if back else span.start
            stmt = sql.distinct_groups(grain, start, span.end, scope, by, base.metric.measures)
            found.update(tuple(row) for row in conn.execute(stmt).all())
    return sorted(g for g in found if all(part is not None for part in g))


def top_posts(
    engine: Engine,
    period: PeriodLike,
    *,
    platforms: Sequence[str] | None = None,
    measure: str = "engagements",
    n: int = 10,
    ascending: bool = False,
) -> pd.DataFrame:
    """The period's best (or worst) posts by a measure, with their permalinks."""
    if measure not in POST_MEASURES:
        raise ValueError(f"unknown post measure {measure!r}; valid: {', '.join(POST_MEASURES)}")
    period = _period(period)
    scope = Scope(platforms=frozenset(platforms)) if platforms else NO_SCOPE
    stmt = sql.top_posts_query(period.start, period.end, scope, measure, n, ascending)
    with engine.connect() as conn:
        rows = conn.execute(stmt).mappings().all()
    return pd.DataFrame([dict(r) for r in rows], columns=list(stmt.selected_columns.keys()))


def trace(
    engine: Engine,
    strategy_file: StrategyFile,
    kpi_id: str,
    period: PeriodLike,
    *,
    platforms: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The imports whose facts make up a KPI's value (and its comparisons' inputs)."""
    period = _period(period)
    kpi = strategy_file.kpi(kpi_id)
    calc = KpiEngine(engine, strategy_file, platforms)
    span = value_span(kpi, period)
    ranges: dict[str, list[tuple[Any, Any, Scope, Sequence[str]]]] = {}
    for ref_id, ref_span in sorted(calc.closure([(kpi_id, span)]), key=str):
        base = strategy_file.kpi(ref_id)
        metric = base.metric
        kind = spec(metric.type)
        if kind.reads == "composite":
            continue
        start = ref_span.previous().start if kind.reads_previous else ref_span.start
        ranges.setdefault(metric.resolved_grain, []).append(
            (start, ref_span.end, calc.scope_of(base), metric.measures)
        )
    counts: dict[int, int] = {}
    with engine.connect() as conn:
        for grain, grain_ranges in ranges.items():
            for import_id, rows in conn.execute(sql.rows_by_import(grain, grain_ranges)).all():
                counts[int(import_id)] = counts.get(int(import_id), 0) + int(rows)
        details: Sequence[RowMapping] = []
        if counts:
            details = (
                conn.execute(
                    select(
                        imports.c.id,
                        imports.c.file_name,
                        imports.c.format,
                        imports.c.platform,
                        imports.c.account,
                        imports.c.imported_at,
                    )
                    .where(imports.c.id.in_(sorted(counts)))
                    .order_by(imports.c.imported_at, imports.c.id)
                )
                .mappings()
                .all()
            )
    columns = ["import_id", "file_name", "format", "platform", "account", "imported_at", "rows"]
    return pd.DataFrame(
        [
            {
                "import_id": d["id"],
                "file_name": d["file_name"],
                "format": d["format"],
                "platform": d["platform"],
                "account": d["account"],
                "imported_at": d["imported_at"],
                "rows": counts[d["id"]],
            }
            for d in details
        ],
        columns=columns,
    )


def data_coverage(
    engine: Engine, period: PeriodLike, *, platforms: Sequence[str] | None = None
) -> pd.DataFrame:
    """Per platform and account: posts, days with account facts, messages in the period."""
    period = _period(period)
    scope = Scope(platforms=frozenset(platforms)) if platforms else NO_SCOPE
    table: dict[tuple[str, str], dict[str, int]] = {}
    with engine.connect() as conn:
        queries = sql.coverage_queries(period.start, period.end, scope, period.month_aligned)
        for name, stmt in queries.items():
            for platform, account, n in conn.execute(stmt).all():
                table.setdefault((platform, account), {})[name] = int(n)
    rows = [
        {
            "platform": p,
            "account": a,
            "posts": v.get("posts", 0),
            "days": v.get("days", 0),
            "messages": v.get("messages", 0),
        }
        for (p, a), v in sorted(table.items())
    ]
    return pd.DataFrame(rows, columns=["platform", "account", "posts", "days", "messages"])


LOOK_BACK = 60  # periods searched for a complete one before settling for the newest ended


def latest_complete_period(engine: Engine, grain: PeriodKind, today: date | None = None) -> str:
    """The default period of a kind (the sidebar's): the latest one that is complete — it
    ended before `today` and on or before the newest day any export covers, and exports
    cover every month (day, for a week) of it. When none of the last LOOK_BACK is complete,
    the newest that ended by then; without any recorded coverage, the newest period that
    ended by the newest stored fact (or before `today` in an empty warehouse). One or two
    small statements."""
    today = today or date.today()
    limit = today - timedelta(days=1)
    with engine.connect() as conn:
        rows = rows_from_records(conn.execute(sql.coverage_rows(NO_SCOPE)).all())
        if not rows:
            found = [_as_day(v) for v in conn.execute(sql.newest_fact_days()).one()]
            newest = max((d for d in found if d is not None), default=None)
            if newest is not None:
                limit = min(limit, newest)
    coverage = Coverage(rows)
    horizon = coverage.horizon(NO_SCOPE)
    if horizon is not None:
        limit = min(limit, horizon)
    first = Period.containing(limit, grain)
    if first.end > limit:
        first = first.previous()
    if not rows:
        return str(first)
    covered = merge((r.first_day, r.last_day) for r in rows)
    candidate = first
    for _ in range(LOOK_BACK):
        units = units_of(candidate.start, candidate.end, candidate.month_aligned)
        if all(any(s <= a and b <= e for s, e in covered) for a, b in units):
            return str(candidate)
        candidate = candidate.previous()
    return str(first)


def _as_day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
