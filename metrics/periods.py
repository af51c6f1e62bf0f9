"""Reporting periods: month `2026-10`, quarter `2026-Q4`, year `2026`, ISO week `2026-W43`.

Pure value objects: parsing, boundaries (end inclusive), neighbours and the enclosing periods
that target inheritance and year-to-date comparisons need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

PeriodKind = Literal["week", "month", "quarter", "year"]

_PATTERNS: tuple[tuple[PeriodKind, re.Pattern[str]], ...] = (
    ("month", re.compile(r"^(\d{4})-(\d{1,2})$")),
    ("quarter", re.compile(r"^(\d{4})-[Qq]([1-4])$")),
    ("week", re.compile(r"^(\d{4})-[Ww](\d{1,2})$")),
    ("year", re.compile(r"^(\d{4})$")),
)


class PeriodError(ValueError):
    """A period string that does not name a month, quarter, year or ISO week."""

    code = "invalid_period"

    def __init__(self, text: object, reason: str = "") -> None:
        self.text = text
        detail = f" ({reason})" if reason else ""
        super().__init__(
            f"not a period: {text!r}{detail}; expected a month 2026-10, a quarter 2026-Q4, "
            "a year 2026 or an ISO week 2026-W43"
        )


def _weeks_in_year(year: int) -> int:
    return date(year, 12, 28).isocalendar()[1]


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period. `index` is the month (1-12), quarter (1-4) or ISO week; 0 for a year."""

    start: date
    kind: PeriodKind
    year_number: int
    index: int

    # -- construction -----------------------------------------------------------------
    @classmethod
    def parse(cls, text: str | int | Period) -> Period:
        if isinstance(text, Period):
            return text
        raw = str(text).strip()
        for kind, pattern in _PATTERNS:
            match = pattern.match(raw)
            if not match:
                continue
            year = int(match.group(1))
            if year < 1900 or year > 2999:
                raise PeriodError(text, f"year {year} is out of range")
            if kind == "year":
                return cls.of_year(year)
            index = int(match.group(2))
            if kind == "month":
                if not 1 <= index <= 12:
                    raise PeriodError(text, f"month {index} does not exist")
                return cls.of_month(year, index)
            if kind == "quarter":
                return cls.of_quarter(year, index)
            if not 1 <= index <= _weeks_in_year(year):
                raise PeriodError(text, f"{year} has {_weeks_in_year(year)} ISO weeks")
            return cls.of_week(year, index)
        raise PeriodError(text)

    @classmethod
    def of_month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), "month", year, month)

    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Period:
        return cls(date(year, 3 * quarter - 2, 1), "quarter", year, quarter)

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), "year", year, 0)

    @classmethod
    def of_week(cls, year: int, week: int) -> Period:
        return cls(date.fromisocalendar(year, week, 1), "week", year, week)

    @classmethod
    def containing(cls, day: date, kind: PeriodKind) -> Period:
        if kind == "month":
            return cls.of_month(day.year, day.month)
        if kind == "quarter":
            return cls.of_quarter(day.year, (day.month - 1) // 3 + 1)
        if kind == "year":
            return cls.of_year(day.year)
        iso = day.isocalendar()
        return cls.of_week(iso[0], iso[1])

    # -- text -----------------------------------------------------------------------------
    def __str__(self) -> str:
        if self.kind == "month":
            return f"{self.year_number:04d}-{self.index:02d}"
        if self.kind == "quarter":
            return f"{self.year_number:04d}-Q{self.index}"
        if self.kind == "week":
            return f"{self.year_number:04d}-W{self.index:02d}"
        return f"{self.year_number:04d}"

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"

    # -- boundaries -------------------------------------------------------------------------
    @property
    def end(self) -> date:
        """Last day of the period (inclusive)."""
        return self.next().start - timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def month_aligned(self) -> bool:
        return self.kind != "week"

    # -- neighbours -------------------------------------------------------------------------
    def shift(self, steps: int) -> Period:
        if self.kind == "year":
            return Period.of_year(self.year_number + steps)
        if self.kind == "month":
            n = self.year_number * 12 + self.index - 1 + steps
            return Period.of_month(n // 12, n % 12 + 1)
        if self.kind == "quarter":
            n = self.year_number * 4 + self.index - 1 + steps
            return Period.of_quarter(n // 4, n % 4 + 1)
        return Period.containing(self.start + timedelta(weeks=steps), "week")

    def previous(self) -> Period:
        return self.shift(-1)

    def next(self) -> Period:
        return self.shift(1)

    def same_period_last_year(self) -> Period:
        if self.kind == "year":
            return self.shift(-1)
        if self.kind == "month":
            return Period.of_month(self.year_number - 1, self.index)
        if self.kind == "quarter":
            return Period.of_quarter(self.year_number - 1, self.index)
        year = self.year_number - 1
        return Period.of_week(year, min(self.index, _weeks_in_year(year)))

    # -- enclosing periods ------------------------------------------------------------------
    def _anchor(self) -> date:
        """The day that decides which month/quarter/year a week belongs to (its Thursday)."""
        return self.start + timedelta(days=3) if self.kind == "week" else self.start

    def month(self) -> Period | None:
        return (
            None if self.kind in ("quarter", "year") else Period.containing(self._anchor(), "month")
        )

    def quarter(self) -> Period | None:
        if self.kind == "year":
            return None
        return Period.containing(self._anchor(), "quarter")

    def year(self) -> Period:
        return Period.of_year(self._anchor().year)

    def enclosing(self) -> list[Period]:
        """Periods whose targets a level KPI inherits, nearest first."""
        out: list[Period] = []
        if self.kind in ("week", "month"):
            quarter = self.quarter()
            if quarter is not None:
                out.append(quarter)
        if self.kind != "year":
            out.append(self.year())
        return out

    def months(self) -> list[Period]:
        """Months the period covers (for a week: the months it touches)."""
        first = Period.containing(self.start, "month")
        last = Period.containing(self.end, "month")
        return Period.range(first, last)

    def year_to_date(self) -> tuple[date, date]:
        """From 1 January of the period's year to the period's last day."""
        year = self.year()
        return year.start, min(self.end, year.end)

    def year_elapsed_share(self) -> float:
        """Share of the year elapsed at the period's end (months for month-aligned periods)."""
        year = self.year()
        if self.month_aligned:
            return self.end.month / 12
        _, end = self.year_to_date()
        return ((end - year.start).days + 1) / year.days

    # -- sequences ----------------------------------------------------------------------------
    @staticmethod
    def range(first: Period, last: Period) -> list[Period]:
        if first.kind != last.kind:
            raise ValueError(f"cannot range from a {first.kind} to a {last.kind}")
        out: list[Period] = []
        current = first
        while current.start <= last.start:
            out.append(current)
            current = current.next()
        return out

    @staticmethod
    def last_n(last: Period, n: int) -> list[Period]:
        return Period.range(last.shift(-(n - 1)), last) if n > 0 else []


def parse_period(text: str | int | Period) -> Period:
    return Period.parse(text)
