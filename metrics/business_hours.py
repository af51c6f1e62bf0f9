"""Hours within the organisation's working hours between two moments, and the message
measures computed from them.

The strategy file declares the working week, the hours of a working day and the public
holidays (`business_hours`, docs/strategy.md); message times are stored in the
organisation's time zone (naive), so the calculation needs no conversion. numpy's business
day functions (`np.is_busday`, `np.busday_count`, with a week mask and holidays) count the
whole working days; the first and last day contribute the part of their working hours that
falls inside the interval.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

import numpy as np

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class WorkingHours:
    """Working days (of WEEKDAYS), the working day's start and end, holidays."""

    days: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri")
    start: time = time(9, 0)
    end: time = time(17, 0)
    holidays: tuple[date, ...] = ()

    @property
    def weekmask(self) -> list[bool]:
        return [day in self.days for day in WEEKDAYS]

    @property
    def day_seconds(self) -> tuple[int, int]:
        return _seconds(self.start), _seconds(self.end)


def _seconds(moment: time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def parse_clock(text: str) -> time:
    """'09:00' or '17:30' -> time; ValueError for anything else."""
    hours, _, minutes = text.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(f"{text!r} is not a time of day as HH:MM")
    return time(int(hours), int(minutes))


def business_hours_between(start: np.ndarray, end: np.ndarray, hours: WorkingHours) -> np.ndarray:
    """Working hours between each start and end (datetime64 arrays of equal length); NaN
    where either is missing (NaT) or the end comes before the start."""
    start = np.asarray(start, dtype="datetime64[s]")
    end = np.asarray(end, dtype="datetime64[s]")
    out = np.full(start.shape, np.nan)
    valid = ~np.isnat(start) & ~np.isnat(end) & (end >= start)
    if not valid.any():
        return out
    s, e = start[valid], end[valid]
    d0, d1 = s.astype("datetime64[D]"), e.astype("datetime64[D]")
    t0 = (s - d0).astype(np.int64)  # seconds since midnight
    t1 = (e - d1).astype(np.int64)
    open_s, close_s = hours.day_seconds
    holidays = np.array(sorted(hours.holidays), dtype="datetime64[D]")
    calendar = np.busdaycalendar(weekmask=hours.weekmask, holidays=holidays)
    work0 = np.is_busday(d0, busdaycal=calendar)
    work1 = np.is_busday(d1, busdaycal=calendar)
    same = d0 == d1

    def overlap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.clip(np.minimum(b, close_s) - np.maximum(a, open_s), 0, None)

    first = np.where(work0, overlap(t0, np.where(same, t1, 86400)), 0)
    last = np.where(work1 & ~same, overlap(np.zeros_like(t1), t1), 0)
    between = np.where(
        d1 > d0 + np.timedelta64(1, "D"),
        np.busday_count(d0 + np.timedelta64(1, "D"), d1, busdaycal=calendar),
        0,
    )
    seconds = first + last + between * (close_s - open_s)
    out[valid] = seconds / 3600
    return out


@dataclass(frozen=True)
class ComputedMeasure:
    """A message measure socialkpi computes when a KPI reads it (not stored): it is
    reported on the same messages as `source`."""

    grain: str
    source: str
    needs_working_hours: bool


COMPUTED_MEASURES: dict[str, ComputedMeasure] = {
    "first_response_business_hours": ComputedMeasure("message", "first_response_hours", True),
}


def stored_measure(measure: str) -> str:
    """The stored measure that reports the same rows as `measure` (itself when stored)."""
    computed = COMPUTED_MEASURES.get(measure)
    return computed.source if computed else measure


def computed_names(grain: str) -> Iterable[str]:
    return [name for name, m in COMPUTED_MEASURES.items() if m.grain == grain]
