"""Spans of time a KPI value covers: a Period, or a year-to-date stretch ending with one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from metrics.periods import Period


@dataclass(frozen=True)
class YearToDate:
    """1 January of `period`'s year up to the end of `period` (cumulative KPIs)."""

    period: Period

    @property
    def start(self) -> date:
        return self.period.year().start

    @property
    def end(self) -> date:
        return min(self.period.end, self.period.year().end)

    @property
    def month_aligned(self) -> bool:
        return self.period.month_aligned

    def previous(self) -> Period:
        """What comes before: the whole previous year (for `change`, its closing stock)."""
        return Period.of_year(self.period.year().year_number - 1)

    def __str__(self) -> str:
        return f"{self.period} YTD"


Span = Period | YearToDate
