"""What the dashboard and reports read: scorecards, series, breakdowns, top posts, traces.

Each function opens its own KpiEngine (a few grouped statements for everything it shows)
and returns plain dataclasses or pandas frames.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import pandas as pd
from sqlalchemy import Engine, RowMapping, select

from metrics import sql
from metrics.engine import NO_SCOPE, KpiEngine
from metrics.periods import Period
from metrics.spans import Span, YearToDate
from metrics.sql import Scope
from metrics.status import Status, find_target, progress, rag_status
from metrics.strategy_model import Kpi, StrategyFile
from warehouse.schema import POST_MEASURES, imports

PeriodLike = Period | str
BreakdownBy = Literal["platform", "account", "post_type"]


@dataclass(frozen=True)
class KpiResult:
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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _period(value: PeriodLike) -> Period:
    return Period.parse(value)


def _is_cumulative(kpi: Kpi, period: Period) -> bool:
    """True when the KPI is read year to date for `period`: a cumulative additive KPI for a
    period without a target of its own (its target is then the year's, pro-rated)."""
    return kpi.cumulative and kpi.additive and find_target(kpi, period).prorated is not None


def value_span(kpi: Kpi, period: Period) -> Span:
    """The span a KPI's shown value covers: the period, or year to date (see above)."""
    return YearToDate(period) if _is_cumulative(kpi, period) else period


def _denominator(kpi: Kpi) -> str | None:
    metric = kpi.metric
    if metric.type != "ratio":
        return None
    grain = {"post": "posts", "day": "account-days", "message": "messages"}[metric.resolved_grain]
    return f"{metric.denominator} ({grain} where {metric.denominator} is reported)"


def _platforms(kpi: Kpi, platforms: Sequence[str] | None) -> list[str]:
    own = kpi.effective_platforms
    return [p for p in own if platforms is None or p in platforms]


def _baseline_period(kpi: Kpi) -> Period | None:
    if kpi.baseline is None or kpi.baseline.value is not None:
        return None
    return Period.parse(kpi.baseline.period)


def compute_scorecard(
    engine: Engine,
    strategy_file: StrategyFile,
    period: PeriodLike,
    *,
    platforms: Sequence[str] | None = None,
    strategy_id: str | None = None,
) -> list[KpiResult]:
    """Every KPI (of one strategy, or all) for a period, with comparisons, target and status."""
    period = _period(period)
    kpis = strategy_file.kpis_in_force(period, strategy_id)
    calc = KpiEngine(engine, strategy_file, platforms)
    calc.load_pairs(_scorecard_pairs(kpis, period))
    return _scorecard(calc, strategy_file, kpis, period, platforms)


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
    calc.load_pairs(_scorecard_pairs(kpis, period), restrictions.values())
    return {
        p: _scorecard(calc, strategy_file, kpis, period, [p], restrictions[p]) for p in platforms
    }


def compute_series(
    engine: Engine,
    strategy_file: StrategyFile,
    periods: Iterable[PeriodLike],
    *,
    kpi_ids: Iterable[str] | None = None,
    platforms: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per KPI × period: kpi_id, period, start, value, target, status."""
    spans = [_period(p) for p in periods]
    kpis = [strategy_file.kpi(k) for k in kpi_ids] if kpi_ids is not None else strategy_file.kpis()
    calc = KpiEngine(engine, strategy_file, platforms)
    calc.load_pairs(_series_pairs(kpis, spans))
    return _series(calc, strategy_file, kpis, spans)


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
    calc = KpiEngine(engine, strategy_file, platforms)
    calc.load_pairs([*_scorecard_pairs(kpis, period), *_series_pairs(kpis, spans)])
    return (
        _scorecard(calc, strategy_file, kpis, period, platforms),
        _series(calc, strategy_file, kpis, spans),
    )


ScorecardPlan = tuple[Span, Span, Span, Period | None]


def _plan(kpi: Kpi, period: Period) -> ScorecardPlan:
    """Spans of the shown value, previous period, same period last year, baseline period
    (previous and last year on the same basis as the value: year to date or not)."""
    before, year_ago = period.previous(), period.same_period_last_year()
    ytd = _is_cumulative(kpi, period)
    return (
        YearToDate(period) if ytd else period,
        YearToDate(before) if ytd else before,
        YearToDate(year_ago) if ytd else year_ago,
        _baseline_period(kpi),
    )


def _scorecard_pairs(kpis: Sequence[Kpi], period: Period) -> list[tuple[str, Span]]:
    return [(kpi.id, s) for kpi in kpis for s in _plan(kpi, period) if s is not None]


def _series_pairs(kpis: Sequence[Kpi], spans: Sequence[Period]) -> list[tuple[str, Span]]:
    return [(k.id, value_span(k, p)) for k in kpis for p in spans]


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
        shown, previous, last_year, baseline_period = _plan(kpi, period)
        value = calc.value(kpi.id, shown, restriction)
        if kpi.baseline is None:
            baseline = None
        elif baseline_period is not None:
            baseline = calc.value(kpi.id, baseline_period, restriction)
        else:
            baseline = kpi.baseline.value
        lookup = find_target(kpi, period)
        target = lookup.value
        # Read year to date against the year's target pro-rated to date, the baseline (a
        # full year's value) is pro-rated the same way, so progress compares like with like.
        baseline_to_date = (
            baseline * lookup.prorated
            if baseline is not None and lookup.prorated is not None
            else baseline
        )
        objective = strategy_file.objective_of(kpi.id)
        results.append(
            KpiResult(
                kpi_id=kpi.id,
                objective_id=objective.id,
                strategy_id=strategy_file.strategy_of(kpi.id),
                name=kpi.name,
                period=str(period),
                value=value,
                previous=calc.value(kpi.id, previous, restriction),
                last_year=calc.value(kpi.id, last_year, restriction),
                baseline=baseline,
                target=target,
                status=rag_status(value, target, kpi.direction, strategy_file.amber_band),
                progress=progress(value, baseline_to_date, target),
                unit=kpi.unit,
                direction=kpi.direction,
                platforms=_platforms(kpi, platforms),
                denominator=_denominator(kpi),
                cumulative=_is_cumulative(kpi, period),
            )
        )
    return results


def _series(
    calc: KpiEngine, strategy_file: StrategyFile, kpis: Sequence[Kpi], spans: Sequence[Period]
) -> pd.DataFrame:
    rows = []
    for kpi in kpis:
        for period in spans:
            value = calc.value(kpi.id, value_span(kpi, period))
            target = find_target(kpi, period).value
            rows.append(
                {
                    "kpi_id": kpi.id,
                    "period": str(period),
                    "start": period.start,
                    "value": value,
                    "target": target,
                    "status": rag_status(value, target, kpi.direction, strategy_file.amber_band),
                }
            )
    return pd.DataFrame(rows, columns=["kpi_id", "period", "start", "value", "target", "status"])


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
            start = span.previous().start if base.metric.type == "change" else span.start
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
        if metric.type in ("growth", "derived"):
            continue
        start = ref_span.previous().start if metric.type == "change" else ref_span.start
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
