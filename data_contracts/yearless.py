"""Year-less dates (TikTok Studio): give every (month, day) its year, never in the future.

TikTok writes `"April 12"` or `"8 de marzo"`, with no year. The rule: no date in an export is
after the day it was downloaded. So each date takes the latest year that keeps it on or
before an *anchor* (a day no date of the export can be after), and a run of consecutive days
that passes New Year rolls the year back.

Anchors, best first (`settle_anchor`):
1. `file_date`: a date in the file itself, e.g. the `Time` column of TikTok's `Content.csv`,
   which holds the download day (`"February 28"`); when it has no year either, its year is
   the one that puts it on or before the ZIP entries' time, on or after the file name's period
   end or the newest video's upload day, else on or before today;
2. `zip_entry_time`: the time stamped on the ZIP entry (the moment of download);
3. `file_name`: the end of the period stated in the file or ZIP name;
4. `video_id`: the upload time carried by the newest video id (TikTok: the top 32 bits);
5. `today`.
The first three are *exact*: the export was downloaded (or ends) on that day, so a daily
series keeps the year that puts its newest day next to it, and a row dated after it is one
the export cannot contain (quarantined, never moved a year back). The last two only bound the
dates from above. A video's upload day and a ZIP's clock may be a day behind the user's
calendar, so the dates of single posts get a day of grace against those two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

GRACE = timedelta(days=1)
ANCHOR_SOURCES = ("file_date", "zip_entry_time", "file_name", "video_id", "today")


@dataclass(frozen=True)
class Anchor:
    """No year-less date of the export is after `day`; `source` says how it was found;
    `exact`: the export was downloaded on (or states its end as) that very day."""

    day: date
    source: str
    exact: bool = False

    @property
    def single_end(self) -> date:
        """The latest day a single year-less date (a post's) can take."""
        return self.day + GRACE if self.source in ("zip_entry_time", "video_id") else self.day


def carried_year(value: object) -> datetime | None:
    """A cell of a year-less column that does carry its year (TikTok business exports write
    `2025/12/31 16:32:37`), read as it is; None for `"April 12"` or an unreadable cell.

    >>> carried_year("2025/12/31 16:32:37"), carried_year("April 12")
    (datetime.datetime(2025, 12, 31, 16, 32, 37), None)
    """
    from data_contracts.parsing import is_null, parse_datetime

    if is_null(value):
        return None
    try:
        return parse_datetime(value)
    except (ValueError, OverflowError):
        return None


def _safe_date(year: int, month: int, day: int) -> date:
    """(month, day) in `year`, or in the nearest earlier leap year for 29 February."""
    if month == 2 and day == 29:
        while True:
            try:
                return date(year, month, day)
            except ValueError:
                year -= 1
    return date(year, month, day)


def latest_on_or_before(month_day: tuple[int, int] | None, end: date) -> date | None:
    """A single year-less date (e.g. a post's publish day): the latest such day not after `end`.

    >>> latest_on_or_before((7, 16), date(2026, 2, 28))
    datetime.date(2025, 7, 16)
    """
    if month_day is None:
        return None
    candidate = _safe_date(end.year, *month_day)
    if candidate > end:
        candidate = _safe_date(end.year - 1, *month_day)
    return candidate


def earliest_on_or_after(month_day: tuple[int, int], start: date) -> date:
    """The earliest day with this month and day that is not before `start`."""
    candidate = _safe_date(start.year, *month_day)
    if candidate < start:
        candidate = _safe_date(start.year + 1, *month_day)
    return candidate


def _descending(known: list[tuple[int, int]]) -> bool:
    """Whether a series is written newest first: most steps are short going backwards (a
    step from December 31 to January 1 is one day forwards, not 364 back)."""

    def day_of_year(md: tuple[int, int]) -> int:
        return _safe_date(2000, *md).timetuple().tm_yday

    forwards = backwards = 0
    for a, b in pairwise(known):
        step = (day_of_year(b) - day_of_year(a)) % 366
        if step and step <= 183:
            forwards += 1
        elif step:
            backwards += 1
    return backwards > forwards


def assign_years(
    month_days: Sequence[tuple[int, int] | None], anchor: date, *, exact: bool = False
) -> list[date | None]:
    """Years for a daily series (None entries stay None). Its newest day takes the latest
    year that keeps it on or before `anchor`; when the anchor is `exact` (the download day),
    the year that puts it nearest the anchor, so that a row dated a few days after the
    download stays in that year (and is quarantined) instead of moving the whole series a
    year back. Walking towards the oldest day, the year rolls back each time the month-day
    goes up (the series passed New Year).

    >>> assign_years([(12, 31), (1, 1)], date(2026, 12, 6))
    [datetime.date(2025, 12, 31), datetime.date(2026, 1, 1)]
    >>> assign_years([(10, 7), (10, 9)], date(2026, 10, 8), exact=True)
    [datetime.date(2026, 10, 7), datetime.date(2026, 10, 9)]
    """
    known = [(i, md) for i, md in enumerate(month_days) if md is not None]
    result: list[date | None] = [None] * len(month_days)
    if not known:
        return result
    order = known if _descending([md for _, md in known]) else list(reversed(known))
    newest = latest_on_or_before(order[0][1], anchor)
    assert newest is not None
    year = newest.year
    if exact and (_safe_date(year + 1, *order[0][1]) - anchor).days < (anchor - newest).days:
        year += 1
    previous: tuple[int, int] | None = None
    for index, md in order:
        if previous is not None and md > previous:
            year -= 1
        result[index] = _safe_date(year, *md)
        previous = md
    return result


def settle_anchor(
    *,
    today: date,
    file_day: date | tuple[int, int] | None = None,
    entry_day: date | None = None,
    name_end: date | None = None,
    newest_upload: date | None = None,
) -> Anchor:
    """The best anchor the export offers (see the module's docstring).

    >>> settle_anchor(today=date(2026, 12, 6), file_day=(2, 28), newest_upload=date(2026, 2, 1))
    Anchor(day=datetime.date(2026, 2, 28), source='file_date', exact=True)
    >>> settle_anchor(today=date(2026, 12, 6)).source
    'today'
    """
    if isinstance(file_day, date):
        return Anchor(file_day, "file_date", exact=True)
    if file_day is not None:
        if entry_day is not None:
            day = latest_on_or_before(file_day, entry_day + GRACE)
        elif name_end is not None:
            day = earliest_on_or_after(file_day, name_end)
        elif newest_upload is not None:
            day = earliest_on_or_after(file_day, newest_upload)
        else:
            day = latest_on_or_before(file_day, today)
        assert day is not None
        return Anchor(day, "file_date", exact=True)
    if entry_day is not None:
        return Anchor(entry_day, "zip_entry_time", exact=True)
    if name_end is not None:
        return Anchor(name_end, "file_name", exact=True)
    if newest_upload is not None:
        return Anchor(newest_upload, "video_id")
    return Anchor(today, "today")
