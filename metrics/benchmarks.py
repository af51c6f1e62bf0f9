"""Competitor benchmarks (issue 16): the organisation's figures beside its competitors', per
platform and period. Definitions: docs/benchmarks.md (kept in step with this module).

Benchmarks are monthly: only observations that cover exactly one calendar month are read
(LinkedIn exports of another range are stored, not used). For a period of months m1..mk,
per Page:

- `followers`: the Page's followers at the end of mk (its observation of mk);
- `posts`, `engagements`: the sum over m1..mk, only when every month reports it;
- `follower_growth`: the sum over m1..mk of each month's new followers, a month without them
  reading followers(m) − followers(m−1) when both are known; only when every month has one;
- `engagements_per_post`: the Page's engagements over its posts (posts > 0).

A quarter or year that runs past the platform's last month with any competitor figure (the
period still running) is read to date: m1 up to that month (`Benchmarks.read_to`).

Then, per platform and measure: `own` (the organisation's Page; several own Pages on one
platform are added up, their ratio taken of the sums), `competitor_average` (the arithmetic
mean over the competitors that have a value, the organisation EXCLUDED), `landscape_average`
(the same mean with the organisation INCLUDED) and `rank` (1 = highest value, ties share
the better rank, among the Pages that have a value). The averages of engagements per post
are means of each Page's ratio (each Page weighs the same, as in the other averages), not
the ratio of the summed engagements and posts. A Page without a value for a measure is left
out of that measure's averages and rank; the counts say how many Pages each average holds.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import pandas as pd
from sqlalchemy import Engine

from metrics.periods import Period
from warehouse.competitors import competitor_frame

Measure = Literal["followers", "follower_growth", "posts", "engagements", "engagements_per_post"]
MEASURES: tuple[Measure, ...] = (
    "followers",
    "follower_growth",
    "posts",
    "engagements",
    "engagements_per_post",
)


@dataclass(frozen=True)
class BenchmarkRow:
    """One measure on one platform for one period."""

    platform: str
    measure: Measure
    own: float | None
    competitor_average: float | None
    competitors: int  # competitors with a value (the organisation excluded)
    landscape_average: float | None
    pages: int  # Pages with a value, the organisation included when it has one
    rank: int | None  # the organisation's place among `pages` (1 = highest)


@dataclass(frozen=True)
class Benchmarks:
    """What the benchmark view and the report show for a period."""

    period: Period
    rows: list[BenchmarkRow] = field(default_factory=list)
    pages: pd.DataFrame = field(default_factory=pd.DataFrame)  # page_values(...)
    own_pages: dict[str, list[str]] = field(default_factory=dict)  # platform -> own Page names
    other_ranges: int = 0  # stored observations of a range that is not a calendar month
    # platform -> the last month read, when the period runs past the platform's last month
    # with competitor figures (a year or quarter still running: read to date)
    read_to: dict[str, date] = field(default_factory=dict)

    @property
    def monthly(self) -> bool:
        return self.period.kind != "week"

    def platform_rows(self, platform: str) -> list[BenchmarkRow]:
        return [r for r in self.rows if r.platform == platform]

    @property
    def platforms(self) -> list[str]:
        return sorted({r.platform for r in self.rows})


def months_of(period: Period) -> list[date]:
    """The first day of every month the period spans (a week spans none: benchmarks are
    monthly)."""
    if period.kind == "week":
        return []
    out, day = [], period.start
    while day <= period.end:
        out.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def _previous_month(month: date) -> date:
    return date(month.year - 1, 12, 1) if month.month == 1 else date(month.year, month.month - 1, 1)


def monthly_only(observations: pd.DataFrame) -> pd.DataFrame:
    """The observations that cover exactly one calendar month, with a `month` column."""
    if observations.empty:
        return observations.assign(month=pd.Series(dtype=object))
    starts, ends = observations["period_start"], observations["period_end"]
    whole = [
        s.day == 1 and e == date(s.year, s.month, calendar.monthrange(s.year, s.month)[1])
        for s, e in zip(starts, ends, strict=True)
    ]
    kept = observations.loc[whole]
    return kept.assign(month=list(kept["period_start"]))


def _value(series: dict[date, float | None], month: date) -> float | None:
    value = series.get(month)
    return None if value is None or value != value else float(value)


def page_values(observations: pd.DataFrame, months: list[date]) -> pd.DataFrame:
    """One row per platform and Page seen in `months`: `platform, competitor, is_own` and the
    five measures (NaN: no value), by the definitions of the module docstring."""
    columns = ["platform", "competitor", "is_own", *MEASURES]
    monthly = monthly_only(observations)
    if monthly.empty or not months:
        return pd.DataFrame(columns=columns)
    rows = []
    for (platform, competitor), group in monthly.groupby(["platform", "competitor"], sort=True):
        if not set(group["month"]) & set(months):
            continue
        by_month = {m: r for m, r in zip(group["month"], group.to_dict("records"), strict=True)}

        def series(name: str, by: dict[date, dict] = by_month) -> dict[date, float | None]:
            return {m: r.get(name) for m, r in by.items()}

        followers, new = series("followers"), series("new_followers")
        posts, engagements = series("posts"), series("engagements")
        own = bool(group.loc[group["month"].isin(months), "is_own"].any())

        def total(values: dict[date, float | None]) -> float | None:
            parts = [_value(values, m) for m in months]
            return None if any(p is None for p in parts) else float(sum(parts))  # type: ignore[arg-type]

        growth_parts = []
        for month in months:
            step = _value(new, month)
            if step is None:
                now, before = _value(followers, month), _value(followers, _previous_month(month))
                step = None if now is None or before is None else now - before
            growth_parts.append(step)
        growth = None if any(p is None for p in growth_parts) else float(sum(growth_parts))  # type: ignore[arg-type]
        post_total, engagement_total = total(posts), total(engagements)
        per_post = (
            engagement_total / post_total
            if engagement_total is not None and post_total is not None and post_total > 0
            else None
        )
        rows.append(
            {
                "platform": platform,
                "competitor": competitor,
                "is_own": own,
                "followers": _value(followers, months[-1]),
                "follower_growth": growth,
                "posts": post_total,
                "engagements": engagement_total,
                "engagements_per_post": per_post,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _rank(own: float, others: list[float]) -> int:
    """Competition ranking, highest first: 1 + the number of Pages strictly above."""
    return 1 + sum(1 for v in others if v > own)


def benchmark_rows(pages: pd.DataFrame) -> list[BenchmarkRow]:
    """Per platform and measure: the organisation's value, the competitor average (excluding
    it), the landscape average (including it) and its rank (module docstring)."""
    out: list[BenchmarkRow] = []
    if pages.empty:
        return out
    for platform, group in pages.groupby("platform", sort=True):
        mine, theirs = group.loc[group["is_own"]], group.loc[~group["is_own"]]
        for measure in MEASURES:
            competitor_values = [float(v) for v in theirs[measure] if v is not None and v == v]
            if measure == "engagements_per_post":
                eng = [float(v) for v in mine["engagements"] if v is not None and v == v]
                pst = [float(v) for v in mine["posts"] if v is not None and v == v]
                own = (
                    sum(eng) / sum(pst)
                    if len(eng) == len(mine)
                    and len(pst) == len(mine)
                    and sum(pst) > 0
                    and len(mine)
                    else None
                )
            else:
                own_values = [float(v) for v in mine[measure] if v is not None and v == v]
                own = sum(own_values) if own_values and len(own_values) == len(mine) else None
            everyone = competitor_values + ([own] if own is not None else [])
            out.append(
                BenchmarkRow(
                    platform=str(platform),
                    measure=measure,
                    own=own,
                    competitor_average=_mean(competitor_values),
                    competitors=len(competitor_values),
                    landscape_average=_mean(everyone),
                    pages=len(everyone),
                    rank=_rank(own, competitor_values) if own is not None else None,
                )
            )
    return out


def compute_benchmarks(
    observations: pd.DataFrame, period: Period, platforms: list[str] | None = None
) -> Benchmarks:
    """Benchmarks of `period` from stored observations (pure: see `load_benchmarks`)."""
    if platforms:
        observations = observations.loc[observations["platform"].isin(platforms)]
    months = months_of(period)
    monthly = monthly_only(observations)
    parts, read_to = [], {}
    for platform in sorted(set(monthly["platform"])):
        seen = [m for m in monthly.loc[monthly["platform"] == platform, "month"] if m in months]
        if not seen:
            continue
        upto = [m for m in months if m <= max(seen)]  # a period still running: to date
        if len(upto) < len(months):
            read_to[str(platform)] = upto[-1]
        parts.append(page_values(observations.loc[observations["platform"] == platform], upto))
    pages = pd.concat(parts, ignore_index=True) if parts else page_values(observations, [])
    own_pages: dict[str, list[str]] = {}
    for platform, group in pages.groupby("platform", sort=True) if not pages.empty else []:
        own_pages[str(platform)] = sorted(str(c) for c in group.loc[group["is_own"], "competitor"])
    other = len(observations) - len(monthly)
    return Benchmarks(period, benchmark_rows(pages), pages, own_pages, other, read_to)


def load_benchmarks(
    engine: Engine, period: Period | str, platforms: list[str] | None = None
) -> Benchmarks:
    """Read the observations a period needs (its months and the month before, for follower
    growth by difference) and compute its benchmarks."""
    period = Period.parse(period)
    months = months_of(period)
    if not months:
        return Benchmarks(period)
    with engine.connect() as conn:
        observations = competitor_frame(
            conn, platforms=platforms, start=_previous_month(months[0]), end=period.end
        )
    return compute_benchmarks(observations, period, platforms)
