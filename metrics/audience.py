"""Audience growth: followers per platform at the end of a period, of the period before and
of the same period a year earlier (the executive report's "Audience growth" table).

Read through the metric engine as a `last` of `followers` per platform (each account's
value on its last day with data in the period, summed over the platform's accounts), so it
means exactly what a followers KPI of the strategy means.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from metrics.engine import KpiEngine
from metrics.periods import Period
from metrics.sql import Scope
from metrics.strategy_model import Kpi, Metric, Objective, StrategyFile

FOLLOWERS = "__audience_followers"  # the stock: followers at the end of the period
FOLLOWS = "__audience_follows"  # new followers gained during the period


@dataclass(frozen=True)
class AudienceRow:
    """Followers of one platform: the stock at the end of the period and of the period
    before (where the platform reports it), and new followers gained in the period, the
    period before and the same period a year earlier (where it reports those)."""

    platform: str
    followers: float | None
    followers_previous: float | None
    follows: float | None
    follows_previous: float | None
    follows_last_year: float | None

    @property
    def change(self) -> float | None:
        """Followers gained (or lost) since the end of the previous period."""
        if self.followers is None or self.followers_previous is None:
            return None
        return self.followers - self.followers_previous


def _audience_file(platforms: Sequence[str], timezone: str) -> StrategyFile:
    kpis = [
        Kpi(
            id=FOLLOWERS,
            name="Followers",
            metric=Metric(type="last", measure="followers"),
            platforms=list(platforms),
        ),
        Kpi(
            id=FOLLOWS,
            name="New followers",
            metric=Metric(type="sum", measure="follows", grain="day"),
            platforms=list(platforms),
        ),
    ]
    return StrategyFile(
        timezone=timezone, objectives=[Objective(id="audience", name="Audience", kpis=kpis)]
    )


def audience_growth(
    engine: Engine, period: Period | str, platforms: Sequence[str], *, timezone: str = "UTC"
) -> list[AudienceRow]:
    """One row per platform of `platforms` (in that order) with any of the figures."""
    period = Period.parse(period)
    if not platforms:
        return []
    calc = KpiEngine(engine, _audience_file(platforms, timezone))
    spans = [period, period.previous(), period.same_period_last_year()]
    scopes = {p: Scope(platforms=frozenset([p])) for p in platforms}
    calc.load([FOLLOWERS, FOLLOWS], spans, list(scopes.values()))
    rows = []
    for platform, scope in scopes.items():
        stock = [calc.value(FOLLOWERS, s, scope) for s in spans[:2]]
        gained = [calc.value(FOLLOWS, s, scope) for s in spans]
        if all(v is None for v in (*stock, *gained)):
            continue
        rows.append(AudienceRow(platform, *stock, *gained))
    return rows


def earlier_spans(period: Period | str) -> tuple[str, str | None]:
    """The periods `audience_growth` compares a period with: the one before, and the same
    period a year earlier (None when that is the one before, as for a year)."""
    current = Period.parse(period)
    previous, last_year = str(current.previous()), str(current.same_period_last_year())
    return previous, (None if last_year == previous else last_year)
