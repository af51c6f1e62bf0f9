"""The review pack: everything a monthly review and its executive report show, in one
frozen value built once and handed to the PDF, PowerPoint and Excel builders.

Figures come from metrics (scorecard, series) unless the period is closed: then they come
from the close's frozen snapshot (`freeze_figures` makes it, `workflows.review.close_month`
keeps it), so a closed month's report keeps its numbers after newer imports arrive.
Commentary, actions and stories come from the review records. Nothing here writes.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine

from metrics.audience import audience_growth
from metrics.benchmarks import BenchmarkRow, load_benchmarks
from metrics.periods import Period
from metrics.scorecard import (
    KpiResult,
    compute_platform_scorecards,
    compute_scorecard,
    compute_series,
    top_posts,
)
from metrics.strategy_model import ALL_PLATFORMS, Kpi, StrategyFile
from reports.branding import Branding, branding_from_block
from reports.i18n_reports import report_language
from reports.maturity_section import MaturitySummary, maturity_summary
from warehouse import json_text, queries, review
from warehouse.review import strategy_key
from warehouse.schema import POST_MEASURES

# 2: platform values, top posts and audience are frozen too (a version-1 close has none).
SNAPSHOT_VERSION = 2
TOP_POSTS = 3
FOLLOWER_MEASURES: frozenset[str] = frozenset({"followers", "follows", "unfollows"})
SERIES_LENGTH: dict[str, int] = {"month": 13, "quarter": 8, "year": 4, "week": 13}


@dataclass(frozen=True)
class KpiLine(KpiResult):
    """A KPI as a report shows it: the engine's result (`metrics.scorecard.KpiResult`, as
    computed or as a close froze it) plus what only the report adds, the KPI's owner. The
    dashboard's components read the same fields of the same type (a line is a result)."""

    owner: str = ""

    @classmethod
    def of(cls, result: KpiResult, owner: str) -> KpiLine:
        """The report's line of a result (a NaN, which no report writes, read as None)."""
        values = {f.name: _clean(getattr(result, f.name)) for f in fields(KpiResult)}
        return cls(**values, owner=owner)

    @property
    def target_reached(self) -> float | None:
        """How much of the target the value reaches: value / target for a KPI where higher
        is better (0 when the value is below 0), target / value where lower is better;
        1.0 = exactly on target. None without a positive target or a value."""
        if self.value is None or self.target is None or self.target <= 0:
            return None
        if self.direction == "down":
            return None if self.value <= 0 else self.target / self.value
        return max(self.value, 0.0) / self.target

    @property
    def like_for_like(self) -> bool:
        """True when `previous` is the previous period on the same basis as `value`: not a
        year to date (compared with a year earlier) nor a period still in progress or only
        partly covered (compared with a whole one). Only these are movements."""
        return self.comparison == "previous_period" and not self.cumulative and not self.in_progress

    @property
    def change(self) -> float | None:
        """Relative change on the previous period (None when it cannot be computed)."""
        if self.value is None or self.previous is None or self.previous == 0:
            return None
        return (self.value - self.previous) / abs(self.previous)

    @property
    def improved(self) -> bool | None:
        """True when the change goes the KPI's good way, False the bad way, None if flat."""
        if self.value is None or self.previous is None or self.value == self.previous:
            return None
        up = self.value > self.previous
        return up if self.direction == "up" else not up


@dataclass(frozen=True)
class SeriesPoint:
    period: str
    start: date
    value: float | None
    target: float | None
    # The period's data is not complete yet (a month in progress, a quarter one month in).
    in_progress: bool = False
    # A year-to-date KPI's own period value (the month's, beside the running total `value`);
    # None for every other KPI.
    period_value: float | None = None


@dataclass(frozen=True)
class KpiSeries:
    kpi_id: str
    points: tuple[SeriesPoint, ...]


@dataclass(frozen=True)
class CommentItem:
    depth: int
    kind: str
    author: str
    created_at: datetime
    body: str
    kpi_id: str | None
    objective_id: str | None


@dataclass(frozen=True)
class ActionItem:
    title: str
    owner: str
    due: date | None
    status: str
    objective_id: str | None
    kpi_id: str | None
    opened_on: date
    carried_over: bool
    action_id: int = 0


@dataclass(frozen=True)
class StoryItem:
    title: str
    body: str
    author: str
    objective_id: str | None
    kpi_id: str | None
    link: str | None


@dataclass(frozen=True)
class AnnotationItem:
    on: date
    label: str
    kpi_id: str | None


@dataclass(frozen=True)
class PlatformValue:
    """A KPI's value on one of its platforms (the breakdown by network)."""

    kpi_id: str
    platform: str
    value: float | None


@dataclass(frozen=True)
class TopPost:
    platform: str
    account: str
    published_at: datetime | None
    text: str
    permalink: str | None
    measure: str
    value: float


@dataclass(frozen=True)
class AudienceLine:
    """Followers of one platform (metrics.audience.AudienceRow)."""

    platform: str
    followers: float | None
    followers_previous: float | None
    follows: float | None
    follows_previous: float | None
    follows_last_year: float | None

    @property
    def change(self) -> float | None:
        if self.followers is None or self.followers_previous is None:
            return None
        return self.followers - self.followers_previous


@dataclass(frozen=True)
class ObjectiveSection:
    objective_id: str
    name: str
    description: str
    kpis: tuple[KpiLine, ...]
    series: tuple[KpiSeries, ...]
    comments: tuple[CommentItem, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    stories: tuple[StoryItem, ...] = ()
    annotations: tuple[AnnotationItem, ...] = ()
    platform_values: tuple[PlatformValue, ...] = ()
    top_posts: tuple[TopPost, ...] = ()
    audience: tuple[AudienceLine, ...] = ()
    # The commentary of the period before (the meeting opens with what was said then).
    previous_comments: tuple[CommentItem, ...] = ()

    def series_of(self, kpi_id: str) -> KpiSeries | None:
        return next((s for s in self.series if s.kpi_id == kpi_id), None)


@dataclass(frozen=True)
class ImportUsed:
    import_id: int
    file_name: str
    platform: str | None
    account: str | None
    status: str
    rows_loaded: int
    rows_rejected: int
    imported_at: datetime | None


@dataclass(frozen=True)
class CoverageGap:
    platform: str
    account: str
    month: str


@dataclass(frozen=True)
class DataQuality:
    imports: tuple[ImportUsed, ...] = ()
    gaps: tuple[CoverageGap, ...] = ()
    quarantined_rows: int = 0


@dataclass(frozen=True)
class CloseInfo:
    closed_at: datetime
    closed_by: str


@dataclass(frozen=True)
class StrategyChange:
    """A change to the strategy since the period began: a target (with its reason), or a
    change a saved strategy version made (`kind` as metrics.strategy_edits.Change)."""

    on: date
    author: str
    reason: str
    kind: str
    kpi_id: str | None = None
    objective_id: str | None = None
    field: str | None = None
    period: str | None = None
    old: Any = None
    new: Any = None


@dataclass(frozen=True)
class ReviewPack:
    organisation: str
    strategy_id: str | None
    strategy_name: str
    period: str
    language: str
    generated_on: date
    objectives: tuple[ObjectiveSection, ...]
    data_quality: DataQuality
    actions: tuple[ActionItem, ...] = ()
    stories: tuple[StoryItem, ...] = ()
    branding: Branding = field(default_factory=Branding)
    logo: Path | None = None
    close: CloseInfo | None = None
    strategy_changes: tuple[StrategyChange, ...] = ()
    # competitor benchmarks of the period (issue 16; docs/benchmarks.md), read live: a closed
    # month's figures are frozen, competitor figures are not part of that snapshot
    benchmarks: tuple[BenchmarkRow, ...] = ()
    # where the strategy stands in the Social Strategy Cone (reports/maturity_section.py)
    maturity: MaturitySummary | None = None

    def kpis(self) -> list[KpiLine]:
        return [k for o in self.objectives for k in o.kpis]


def _clean(value: Any) -> Any:
    """A float that is NaN as None; every other value as it is."""
    return None if isinstance(value, float) and math.isnan(value) else value


# --- figures: computed, or read back from a close ----------------------------------------


@dataclass(frozen=True)
class Figures:
    """The numbers a close freezes: KPI lines, their series and the data-quality appendix."""

    kpis: tuple[KpiLine, ...]
    series: tuple[KpiSeries, ...]
    data_quality: DataQuality
    platform_values: tuple[PlatformValue, ...] = ()
    top_posts: dict[str, tuple[TopPost, ...]] = field(default_factory=dict)  # by objective
    audience: tuple[AudienceLine, ...] = ()


def compute_figures(
    engine: Engine, strategy_file: StrategyFile, period: Period, strategy_id: str | None
) -> Figures:
    results = compute_scorecard(engine, strategy_file, period, strategy_id=strategy_id)
    kpis = tuple(KpiLine.of(r, strategy_file.kpi(r.kpi_id).owner or "") for r in results)
    periods = Period.last_n(period, SERIES_LENGTH.get(period.kind, 13))
    frame = compute_series(engine, strategy_file, periods, kpi_ids=[k.kpi_id for k in kpis])
    series: list[KpiSeries] = []
    for kpi in kpis:
        rows = frame[frame["kpi_id"] == kpi.kpi_id]
        points = tuple(
            SeriesPoint(
                period=str(r.period),
                start=r.start if isinstance(r.start, date) else date.fromisoformat(str(r.start)),
                value=_clean(r.value),
                target=_clean(r.target),
                in_progress=bool(r.in_progress),
                period_value=_clean(r.period_value) if kpi.cumulative else None,
            )
            for r in rows.itertuples(index=False)
        )
        series.append(KpiSeries(kpi.kpi_id, points))
    with engine.connect() as conn:
        quality = data_quality(conn, strategy_file, period, kpis)
    platforms = _platforms_of(strategy_file, kpis)
    return Figures(
        kpis,
        tuple(series),
        quality,
        platform_values=_platform_values(engine, strategy_file, period, strategy_id, kpis),
        top_posts=_top_posts(engine, strategy_file, period, kpis),
        audience=tuple(
            AudienceLine(**asdict(row))
            for row in audience_growth(engine, period, platforms, timezone=strategy_file.timezone)
        ),
    )


def _platforms_of(strategy_file: StrategyFile, kpis: tuple[KpiLine, ...]) -> list[str]:
    """The platforms of these KPIs, in the canonical order."""
    used = {p for k in kpis for p in strategy_file.kpi(k.kpi_id).effective_platforms}
    return [p for p in ALL_PLATFORMS if p in used]


def _platform_values(
    engine: Engine,
    strategy_file: StrategyFile,
    period: Period,
    strategy_id: str | None,
    kpis: tuple[KpiLine, ...],
) -> tuple[PlatformValue, ...]:
    """Each KPI's value on each of its platforms (one batch of statements for all)."""
    platforms = _platforms_of(strategy_file, kpis)
    if len(platforms) < 2:
        return ()
    wanted = {k.kpi_id for k in kpis}
    cards = compute_platform_scorecards(
        engine, strategy_file, period, platforms, strategy_id=strategy_id
    )
    values: list[PlatformValue] = []
    for kpi in kpis:
        own = strategy_file.kpi(kpi.kpi_id).effective_platforms
        if len(own) < 2:
            continue
        for platform in platforms:
            if platform not in own:
                continue
            result = next((r for r in cards[platform] if r.kpi_id == kpi.kpi_id), None)
            if result is not None and result.kpi_id in wanted:
                values.append(PlatformValue(kpi.kpi_id, platform, _clean(result.value)))
    return tuple(values)


def post_measure(kpi: Kpi) -> str | None:
    """The post measure that ranks a post-based KPI's top posts: its measure (a sum or mean
    of impressions ranks by impressions), a ratio's numerator, engagements for a count."""
    metric = kpi.metric
    if metric.type in ("growth", "derived") or metric.resolved_grain != "post":
        return None
    measure = metric.numerator if metric.type == "ratio" else metric.measure
    if measure is None and metric.type == "count":
        measure = "engagements"
    return measure if measure in POST_MEASURES else None


def _top_posts(
    engine: Engine, strategy_file: StrategyFile, period: Period, kpis: tuple[KpiLine, ...]
) -> dict[str, tuple[TopPost, ...]]:
    """Per objective with a post-based KPI: the period's best posts by that KPI's measure
    (its first post-based KPI's), on that KPI's platforms."""
    found: dict[str, tuple[TopPost, ...]] = {}
    for kpi in kpis:
        if kpi.objective_id in found:
            continue
        definition = strategy_file.kpi(kpi.kpi_id)
        measure = post_measure(definition)
        if measure is None:
            continue
        frame = top_posts(
            engine, period, platforms=definition.effective_platforms, measure=measure, n=TOP_POSTS
        )
        found[kpi.objective_id] = tuple(
            TopPost(
                platform=str(r["platform"]),
                account=str(r["account"]),
                published_at=_as_datetime(r["published_at"]),
                text=" ".join(str(r["text"] or "").split()),
                permalink=None if pd.isna(r["permalink"]) else str(r["permalink"]),
                measure=measure,
                value=float(r[measure]),
            )
            for r in frame.to_dict("records")
        )
    return found


def data_quality(
    conn: Connection, strategy_file: StrategyFile, period: Period, kpis: tuple[KpiLine, ...]
) -> DataQuality:
    """Imports whose data covers the period, accounts with a month without data (neither
    facts nor an export that covers it whole), and the rows those imports quarantined."""
    platforms = {p for k in kpis for p in k.platforms} or {
        p for k in strategy_file.kpis() for p in k.effective_platforms
    }
    history = queries.list_imports(conn)
    parents = {int(p) for p in history["parent_id"].dropna()} if not history.empty else set()
    used: list[ImportUsed] = []
    for row in history.itertuples(index=False):
        if row.status not in ("loaded", "partial") or int(row.id) in parents:
            continue
        if row.platform is not None and row.platform not in platforms:
            continue
        start = _as_date(row.period_start)
        end = _as_date(row.period_end)
        if (start is not None and start > period.end) or (end is not None and end < period.start):
            continue
        used.append(
            ImportUsed(
                import_id=int(row.id),
                file_name=str(row.file_name),
                platform=row.platform,
                account=row.account,
                status=str(row.status),
                rows_loaded=int(row.rows_loaded),
                rows_rejected=int(row.rows_rejected),
                imported_at=_as_datetime(row.imported_at),
            )
        )
    used.sort(key=lambda i: i.import_id)
    cover = queries.coverage(conn)
    months = [str(m) for m in period.months()]
    gaps: list[CoverageGap] = []
    if not cover.empty:
        cover = cover[cover["platform"].isin(sorted(platforms))]
        present = {
            (r.platform, r.account, r.month)
            for r in cover.itertuples(index=False)
            if (r.posts or 0) + (r.days or 0) + (r.messages or 0) > 0
        }
        present |= queries.covered_months(conn)  # exported, nothing published: no gap
        accounts = sorted({(r.platform, r.account) for r in cover.itertuples(index=False)})
        gaps = [
            CoverageGap(platform, account, month)
            for platform, account in accounts
            for month in months
            if (platform, account, month) not in present
        ]
    return DataQuality(tuple(used), tuple(gaps), sum(i.rows_rejected for i in used))


def _as_date(value: Any) -> date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value)
    return None if text in ("", "NaT", "None") else date.fromisoformat(text[:10])


def _as_datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime()
    if isinstance(value, datetime):
        return value
    text = str(value)
    return None if text in ("", "NaT", "None") else datetime.fromisoformat(text)


def figures_to_json(figures: Figures) -> str:
    def default(value: Any) -> Any:
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        raise TypeError(f"cannot store {type(value).__name__} in a snapshot")

    payload = {"version": SNAPSHOT_VERSION, **asdict(figures)}
    return json_text.dumps(payload, default=default, ensure_ascii=False, sort_keys=True)


def figures_from_json(
    text: str, *, period: str = "", strategies: dict[str, str] | None = None
) -> Figures:
    """A close's snapshot read back. Lines frozen before a line was the whole result lack the
    result's period, strategy and later fields: they read as the close's `period`, the KPI's
    strategy (`strategies`: KPI id → strategy id) and the fields' defaults."""
    data = json.loads(text)
    known = {f.name for f in fields(KpiLine)}
    kpis = tuple(
        KpiLine(
            **{
                "strategy_id": (strategies or {}).get(k["kpi_id"], ""),
                "period": period,
                "last_year": None,
                **{name: value for name, value in k.items() if name in known},
                "platforms": list(k["platforms"]),
            }
        )
        for k in data["kpis"]
    )
    series = tuple(
        KpiSeries(
            s["kpi_id"],
            tuple(
                SeriesPoint(
                    p["period"],
                    date.fromisoformat(p["start"]),
                    p["value"],
                    p["target"],
                    bool(p.get("in_progress", False)),
                    p.get("period_value"),
                )
                for p in s["points"]
            ),
        )
        for s in data["series"]
    )
    dq = data["data_quality"]
    quality = DataQuality(
        imports=tuple(
            ImportUsed(
                **{
                    **i,
                    "imported_at": datetime.fromisoformat(i["imported_at"])
                    if i["imported_at"]
                    else None,
                }
            )
            for i in dq["imports"]
        ),
        gaps=tuple(CoverageGap(**g) for g in dq["gaps"]),
        quarantined_rows=int(dq["quarantined_rows"]),
    )
    return Figures(
        kpis,
        series,
        quality,
        platform_values=tuple(PlatformValue(**v) for v in data.get("platform_values", [])),
        top_posts={
            objective: tuple(
                TopPost(
                    **{
                        **post,
                        "published_at": datetime.fromisoformat(post["published_at"])
                        if post["published_at"]
                        else None,
                    }
                )
                for post in posts
            )
            for objective, posts in data.get("top_posts", {}).items()
        },
        audience=tuple(AudienceLine(**a) for a in data.get("audience", [])),
    )


def freeze_figures(
    engine: Engine,
    strategy_file: StrategyFile,
    period: str | Period,
    strategy_id: str | None = None,
) -> str:
    """The period's figures computed now, as the snapshot text a close keeps
    (`workflows.review.close_month`; read back by `frozen_or_live_figures`)."""
    parsed = Period.parse(period)
    return figures_to_json(compute_figures(engine, strategy_file, parsed, strategy_id))


def _restrict(figures: Figures, kpi_ids: set[str]) -> Figures:
    objectives = {k.objective_id for k in figures.kpis if k.kpi_id in kpi_ids}
    return Figures(
        tuple(k for k in figures.kpis if k.kpi_id in kpi_ids),
        tuple(s for s in figures.series if s.kpi_id in kpi_ids),
        figures.data_quality,
        platform_values=tuple(v for v in figures.platform_values if v.kpi_id in kpi_ids),
        top_posts={o: p for o, p in figures.top_posts.items() if o in objectives},
        audience=figures.audience,
    )


def _merge_quality(parts: list[DataQuality]) -> DataQuality:
    imports = {i.import_id: i for part in parts for i in part.imports}
    gaps = sorted({g for part in parts for g in part.gaps}, key=lambda g: _gap_key(g))
    used = tuple(imports[k] for k in sorted(imports))
    return DataQuality(used, tuple(gaps), sum(i.rows_rejected for i in used))


def _gap_key(gap: CoverageGap) -> tuple[str, str, str]:
    return gap.platform, gap.account, gap.month


def frozen_or_live_figures(
    engine: Engine, strategy_file: StrategyFile, period: Period, strategy_id: str | None
) -> tuple[Figures, review.PeriodCloseRecord | None]:
    """The figures of the period: from the close in force, else computed now.

    A close of the whole file ("all") also freezes each strategy's figures, and closes of
    single strategies freeze their KPIs inside a whole-file report.
    """
    with engine.connect() as conn:
        own = review.current_close(conn, strategy_key(strategy_id), str(period))
        whole = None if strategy_id is None else review.current_close(conn, "all", str(period))
        singles = {
            info.id: review.current_close(conn, info.id, str(period))
            for info in strategy_file.strategies
        }
    kpi_strategies = {k.id: o.strategy for o in strategy_file.objectives for k in o.kpis}

    def read(snapshot: str) -> Figures:
        return figures_from_json(snapshot, period=str(period), strategies=kpi_strategies)

    if own is not None:
        return read(own.snapshot), own
    if whole is not None and strategy_id is not None:
        ids = {k.id for o in strategy_file.objectives_of(strategy_id) for k in o.kpis}
        return _restrict(read(whole.snapshot), ids), whole
    closed = {sid: c for sid, c in singles.items() if c is not None}
    if strategy_id is not None or not closed:
        return compute_figures(engine, strategy_file, period, strategy_id), None
    frozen = {sid: read(c.snapshot) for sid, c in closed.items()}
    everything_closed = len(closed) == len(singles)
    live = None if everything_closed else compute_figures(engine, strategy_file, period, None)
    lines: dict[str, KpiLine] = {}
    series: dict[str, KpiSeries] = {}
    by_platform: dict[tuple[str, str], PlatformValue] = {}
    posts: dict[str, tuple[TopPost, ...]] = {}
    audience: dict[str, AudienceLine] = {}
    for part in [*frozen.values(), *([live] if live else [])]:
        for line in part.kpis:
            lines.setdefault(line.kpi_id, line)
        for one in part.series:
            series.setdefault(one.kpi_id, one)
        for value in part.platform_values:
            by_platform.setdefault((value.kpi_id, value.platform), value)
        for objective, found in part.top_posts.items():
            posts.setdefault(objective, found)
        for row in part.audience:
            audience.setdefault(row.platform, row)
    order = [k.id for k in strategy_file.kpis() if k.id in lines]
    quality_parts = [f.data_quality for f in frozen.values()]
    if live is not None:
        quality_parts.append(live.data_quality)
    merged = Figures(
        tuple(lines[k] for k in order),
        tuple(series[k] for k in order if k in series),
        _merge_quality(quality_parts),
        platform_values=tuple(by_platform.values()),
        top_posts=posts,
        audience=tuple(audience[p] for p in ALL_PLATFORMS if p in audience),
    )
    first = min(closed.values(), key=lambda c: c.closed_at)
    return merged, (first if everything_closed else None)


# --- the pack ---------------------------------------------------------------------------


def _strategy_name(strategy_file: StrategyFile, strategy_id: str | None) -> str:
    infos = strategy_file.strategies
    if strategy_id is not None:
        info = next((s for s in infos if s.id == strategy_id), None)
        return (info.name or info.id) if info else strategy_id
    return " · ".join(s.name or s.id for s in infos)


def build_review_pack(
    engine: Engine,
    strategy_file: StrategyFile,
    period: str | Period,
    *,
    strategy_id: str | None = None,
    language: str | None = None,
    today: date | None = None,
    strategy_dir: Path | None = None,
) -> ReviewPack:
    """The review pack of `period` (figures frozen when the period is closed)."""
    parsed = Period.parse(period)
    if strategy_id is not None and strategy_id not in {s.id for s in strategy_file.strategies}:
        known = ", ".join(s.id for s in strategy_file.strategies)
        raise ValueError(f"unknown strategy {strategy_id!r}; the strategy file has: {known}")
    branding = branding_from_block(strategy_file.branding, source=strategy_file.source)
    figures, close = frozen_or_live_figures(engine, strategy_file, parsed, strategy_id)
    with engine.connect() as conn:
        comments = review.thread_order(review.list_comments(conn, str(parsed)))
        earlier = review.thread_order(review.list_comments(conn, str(parsed.previous())))
        target_records = review.list_target_changes(conn)
        actions = review.actions_for_period(conn, parsed.start, parsed.end)
        stories = review.list_stories(conn, str(parsed))
        annotations = review.list_annotations(
            conn,
            min((p.start for s in figures.series for p in s.points), default=parsed.start),
            parsed.end,
        )

    action_items = tuple(
        ActionItem(
            title=a.title,
            owner=a.owner,
            due=a.due_date,
            status=a.status,
            objective_id=a.objective_id,
            kpi_id=a.kpi_id,
            opened_on=a.opened_on,
            carried_over=a.opened_on < parsed.start,
            action_id=a.id,
        )
        for a in actions
    )
    story_items = tuple(
        StoryItem(s.title, s.body, s.author, s.objective_id, s.kpi_id, s.link) for s in stories
    )
    comment_items = tuple(
        CommentItem(depth, c.kind, c.author, c.created_at, c.body, c.kpi_id, c.objective_id)
        for depth, c in comments
    )
    annotation_items = tuple(AnnotationItem(a.on_date, a.label, a.kpi_id) for a in annotations)
    previous_items = tuple(
        CommentItem(depth, c.kind, c.author, c.created_at, c.body, c.kpi_id, c.objective_id)
        for depth, c in earlier
    )
    window_end = close.closed_at if close is not None else None
    in_strategy = {k.kpi_id for k in figures.kpis}
    changes = tuple(
        StrategyChange(
            on=c.created_at.date(),
            author=c.author,
            reason=c.reason,
            kind="target",
            kpi_id=c.kpi_id,
            period=c.target_period,
            old=c.old_value,
            new=c.new_value,
        )
        for c in target_records
        if c.kpi_id in in_strategy
        and c.created_at.date() >= parsed.start
        and (window_end is None or c.created_at <= window_end)
    )

    kpi_objective = {k.kpi_id: k.objective_id for k in figures.kpis}

    def belongs(objective_id: str, item_objective: str | None, item_kpi: str | None) -> bool:
        return item_objective == objective_id or kpi_objective.get(item_kpi or "") == objective_id

    sections: list[ObjectiveSection] = []
    for objective in strategy_file.objectives_of(strategy_id):
        lines = tuple(k for k in figures.kpis if k.objective_id == objective.id)
        if not lines:
            continue
        ids = {k.kpi_id for k in lines}
        sections.append(
            ObjectiveSection(
                objective_id=objective.id,
                name=objective.name or objective.id,
                description=objective.description or "",
                kpis=lines,
                series=tuple(s for s in figures.series if s.kpi_id in ids),
                comments=tuple(
                    c for c in comment_items if belongs(objective.id, c.objective_id, c.kpi_id)
                ),
                actions=tuple(
                    a for a in action_items if belongs(objective.id, a.objective_id, a.kpi_id)
                ),
                stories=tuple(
                    s for s in story_items if belongs(objective.id, s.objective_id, s.kpi_id)
                ),
                annotations=tuple(
                    a for a in annotation_items if a.kpi_id is None or a.kpi_id in ids
                ),
                platform_values=tuple(v for v in figures.platform_values if v.kpi_id in ids),
                top_posts=figures.top_posts.get(objective.id, ()),
                audience=_audience_of(strategy_file, lines, figures.audience),
                previous_comments=tuple(
                    c for c in previous_items if belongs(objective.id, c.objective_id, c.kpi_id)
                ),
            )
        )
    base = strategy_dir
    if base is None and strategy_file.source:
        base = Path(strategy_file.source).resolve().parent
    return ReviewPack(
        organisation=branding.name or strategy_file.organisation,
        strategy_id=strategy_id,
        strategy_name=_strategy_name(strategy_file, strategy_id),
        period=str(parsed),
        language=report_language(language or strategy_file.language),
        generated_on=today or date.today(),
        objectives=tuple(sections),
        data_quality=figures.data_quality,
        actions=action_items,
        stories=story_items,
        branding=branding,
        logo=branding.logo_path(base),
        close=None if close is None else CloseInfo(close.closed_at, close.closed_by),
        strategy_changes=changes,
        benchmarks=tuple(load_benchmarks(engine, parsed).rows),
        maturity=maturity_summary(engine, strategy_file, parsed, strategy_id),
    )


def _audience_of(
    strategy_file: StrategyFile, lines: tuple[KpiLine, ...], audience: tuple[AudienceLine, ...]
) -> tuple[AudienceLine, ...]:
    """The audience rows an objective shows: those of the platforms of its KPIs that count
    followers (none when it has no such KPI)."""
    platforms: set[str] = set()
    for line in lines:
        kpi = strategy_file.kpi(line.kpi_id)
        if set(kpi.metric.measures) & FOLLOWER_MEASURES:
            platforms.update(kpi.effective_platforms)
    return tuple(a for a in audience if a.platform in platforms)
