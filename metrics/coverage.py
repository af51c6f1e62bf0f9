"""Export coverage: which days the imports cover, per grain, account and measure (pure).

DESIGN.md: a period that an export of the grain covers but that holds no row counts 0; a
period that no export of the grain covers is no data. The import pipeline records what each
import covers (`warehouse.schema.import_coverage`); the metric engine reads those rows once
(`metrics.sql.coverage_rows`) and asks this module:

- `Coverage.covers_any(...)`: does an export of the grain, reporting the measures, cover any
  day of a span for the accounts in scope? (then no row means 0)
- `Coverage.covers_all(...)`: every day of it? (a month that counts towards completeness)
- `Coverage.horizon(scope)`: the newest day any export in scope covers; a month (day) after
  it is not complete, whatever rows it holds.

`Completeness` is what a scorecard says about a period: how many of its months (days, for
an ISO week) are done, and the share of the period the data reaches (a month in progress
counts by its elapsed days), which pro-rates the targets of additive KPIs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from metrics.sql import Scope

CoverageUnit = Literal["month", "day"]


@dataclass(frozen=True)
class CoverageRow:
    """One import's coverage of one grain for one account (see import_coverage)."""

    grain: str
    platform: str
    account: str
    first_day: date
    last_day: date
    measures: frozenset[str]


def _day(value: Any) -> date:
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    return date.fromisoformat(str(value)[:10])


def rows_from_records(records: Iterable[Sequence[Any]]) -> list[CoverageRow]:
    """Coverage rows from (grain, platform, account, first_day, last_day, measures) tuples
    as the database returns them (SQLite gives dates as text)."""
    return [
        CoverageRow(
            str(grain),
            str(platform),
            str(account),
            _day(first),
            _day(last),
            frozenset(m for m in str(measures or "").split(",") if m),
        )
        for grain, platform, account, first, last, measures in records
    ]


def merge(ranges: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Sorted, non-overlapping day ranges (adjacent ones joined)."""
    out: list[tuple[date, date]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _in_scope(row: CoverageRow, scope: Scope) -> bool:
    if scope.platforms is not None and row.platform not in scope.platforms:
        return False
    if scope.accounts is not None and row.account not in scope.accounts:
        return False
    return scope.pairs is None or (row.platform, row.account) in scope.pairs


@dataclass
class Coverage:
    """The recorded coverage rows, with merged day ranges memoised per question."""

    rows: list[CoverageRow] = field(default_factory=list)
    _ranges: dict[tuple[str, frozenset[str], Scope], list[tuple[date, date]]] = field(
        default_factory=dict, repr=False
    )
    _horizons: dict[Scope, date | None] = field(default_factory=dict, repr=False)

    def ranges(self, grain: str, measures: Iterable[str], scope: Scope) -> list[tuple[date, date]]:
        """Days covered by exports of `grain` that report every one of `measures` (none: any
        export of the grain), for the accounts in `scope`."""
        wanted = frozenset(measures)
        key = (grain, wanted, scope)
        if key not in self._ranges:
            self._ranges[key] = merge(
                (r.first_day, r.last_day)
                for r in self.rows
                if r.grain == grain and wanted <= r.measures and _in_scope(r, scope)
            )
        return self._ranges[key]

    def covers_any(
        self, grain: str, measures: Iterable[str], scope: Scope, start: date, end: date
    ) -> bool:
        return any(s <= end and start <= e for s, e in self.ranges(grain, measures, scope))

    def covers_all(
        self, grain: str, measures: Iterable[str], scope: Scope, start: date, end: date
    ) -> bool:
        return any(s <= start and end <= e for s, e in self.ranges(grain, measures, scope))

    def horizon(self, scope: Scope) -> date | None:
        """The newest day any export covers for the accounts in `scope` (any grain); None
        when nothing in scope has a recorded coverage."""
        if scope not in self._horizons:
            days = [r.last_day for r in self.rows if _in_scope(r, scope)]
            self._horizons[scope] = max(days) if days else None
        return self._horizons[scope]


@dataclass(frozen=True)
class Completeness:
    """How much of a span the data reaches: `done` of `total` units (months; days for an ISO
    week) are complete, and `share` is the fraction of the span reached, counting the unit in
    progress by its elapsed days (`share` pro-rates the targets of additive KPIs)."""

    done: int
    total: int
    unit: CoverageUnit
    share: float
    last_done: date | None = None  # the last day of the last unit that is done

    @property
    def complete(self) -> bool:
        return self.done == self.total

    @property
    def whole_units(self) -> bool:
        """True when the share is made of whole units only (no unit in progress)."""
        return abs(self.share * self.total - self.done) < 1e-9


def units_of(start: date, end: date, month_aligned: bool) -> list[tuple[date, date]]:
    """The months (month-aligned spans) or days of a span, as (first, last) days."""
    if not month_aligned:
        return [
            (start + timedelta(days=i), start + timedelta(days=i))
            for i in range((end - start).days + 1)
        ]
    out: list[tuple[date, date]] = []
    first = date(start.year, start.month, 1)
    while first <= end:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        out.append((first, following - timedelta(days=1)))
        first = following
    return out
