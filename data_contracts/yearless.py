"""Year-less dates (TikTok Studio): give every (month, day) its year.

TikTok writes `"January 5"` with no year; rows of a daily export are ascending and end
on the day before the export. We anchor the LAST row on the year that puts it closest to
the expected end (`end_hint`: the period end from the ZIP name, else the day before the
export), then walk back, stepping into the previous year whenever the month-day goes up.
A row after the true end therefore stays in the anchor's year and is caught as
`date_out_of_range` instead of being silently moved a year back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


def _safe_date(year: int, month: int, day: int) -> date:
    if month == 2 and day == 29:
        while True:
            try:
                return date(year, month, day)
            except ValueError:
                year -= 1
    return date(year, month, day)


def assign_years(month_days: Sequence[tuple[int, int] | None], end_hint: date) -> list[date | None]:
    """Years for an ascending daily series ending near `end_hint` (None entries stay None)."""
    known = [(i, md) for i, md in enumerate(month_days) if md is not None]
    result: list[date | None] = [None] * len(month_days)
    if not known:
        return result
    last_month, last_day = known[-1][1]
    candidates = [end_hint.year - 1, end_hint.year, end_hint.year + 1]
    year = min(
        candidates,
        key=lambda y: abs((_safe_date(y, last_month, last_day) - end_hint).days),
    )
    previous: tuple[int, int] | None = None
    for index, md in reversed(known):
        if previous is not None and md > previous:
            year -= 1
        result[index] = _safe_date(year, *md)
        previous = md
    return result


def latest_on_or_before(month_day: tuple[int, int] | None, end: date) -> date | None:
    """A single year-less date (e.g. a post's publish day): the latest such day not after `end`."""
    if month_day is None:
        return None
    candidate = _safe_date(end.year, *month_day)
    if candidate > end:
        candidate = _safe_date(end.year - 1, *month_day)
    return candidate
