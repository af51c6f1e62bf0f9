"""Cells the warehouse cannot store as they are, found before anything is stored.

The databases differ in what they refuse: PostgreSQL rejects a NUL character in text and a
value longer than a `varchar(n)` column, and SQLite accepts both; a date late in year 9999
overflows the rollups' day arithmetic on both. Found here, on the canonical frame, such a
cell quarantines its row with a reason, the same way on both databases, and `validate`
(which stores nothing) reports exactly what `import` will do (issue 14, hole 5).

The limits are read from the warehouse schema itself, so a column made wider by a migration
is checked against its new width.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Date, DateTime, String, Table, Text

from warehouse.competitor_schema import competitor_observations
from warehouse.schema import day_values, messages, posts

# No export of a social network can hold a day before 1970 or after 2100; anything beyond
# is a misread or a typed-in date, and year 9999 overflows the day arithmetic.
FIRST_DAY = date(1970, 1, 1)
LAST_DAY = date(2100, 12, 31)
SHOWN_CHARACTERS = 60  # how much of an over-long value a problem quotes

_TABLES: dict[str, Table] = {
    "post": posts,
    "day": day_values,
    "message": messages,
    "competitor": competitor_observations,
}


@cache
def _limits(grain: str) -> tuple[dict[str, int | None], tuple[str, ...]]:
    """Text columns of the grain's table with their length limit (None: unlimited), and its
    date columns."""
    texts: dict[str, int | None] = {}
    dates: list[str] = []
    for column in _TABLES[grain].columns:
        if isinstance(column.type, String | Text):
            texts[column.name] = getattr(column.type, "length", None)
        elif isinstance(column.type, Date | DateTime):
            dates.append(column.name)
    return texts, tuple(dates)


def _shown(text: str) -> str:
    if len(text) <= SHOWN_CHARACTERS:
        return text
    return f"{text[:SHOWN_CHARACTERS]}… ({len(text):,} characters)"


def unstorable(
    frame: pd.DataFrame, grain: str, headers: dict[str, str] | None = None
) -> dict[int, list[dict[str, Any]]]:
    """Reasons, per row (the frame's index label), for cells the warehouse cannot store:
    text with a NUL character (`unstorable_text`), text longer than its column
    (`text_too_long`), a date outside FIRST_DAY..LAST_DAY (`date_out_of_range`). Columns
    are named as the file names them (`headers`: canonical name → header)."""
    reasons: dict[int, list[dict[str, Any]]] = {}
    if frame.empty:
        return reasons
    texts, dates = _limits(grain)
    named = dict(headers or {})
    if grain == "competitor":  # the Page is `account` until it is stored as `competitor`
        frame = frame.rename(columns={"account": "competitor"})
        named.setdefault("competitor", named.get("account", "competitor"))

    def add(row: Any, code: str, column: str, value: Any, expected: str, **params: Any) -> None:
        reason = {
            "code": code,
            "column": named.get(column, column),
            "value": value,
            "expected": expected,
        }
        if params:
            reason["params"] = params
        reasons.setdefault(int(row), []).append(reason)

    for column, limit in texts.items():
        if column not in frame.columns:
            continue
        cells = frame[column]
        if not (pd.api.types.is_object_dtype(cells.dtype) or pd.api.types.is_string_dtype(cells)):
            continue
        text = cells.astype("str").where(cells.notna(), "")
        with_nul = text.str.contains("\x00", regex=False).to_numpy(dtype=bool)
        for position in np.flatnonzero(with_nul):
            value = str(cells.iloc[position])
            add(
                cells.index[position],
                "unstorable_text",
                column,
                _shown(value.replace("\x00", "\u2400")),
                "text without NUL characters",
            )
        if limit is not None:
            too_long = (text.str.len() > limit).to_numpy(dtype=bool) & ~with_nul
            for position in np.flatnonzero(too_long):
                add(
                    cells.index[position],
                    "text_too_long",
                    column,
                    _shown(str(cells.iloc[position])),
                    f"at most {limit} characters",
                    limit=limit,
                )
    low, high = pd.Timestamp(FIRST_DAY), pd.Timestamp(LAST_DAY) + pd.Timedelta(days=1)
    for column in dates:
        if column not in frame.columns:
            continue
        stamps = frame[column]
        if not pd.api.types.is_datetime64_any_dtype(stamps.dtype):
            stamps = pd.Series(
                [_stamp(v) for v in stamps], index=stamps.index, dtype="datetime64[us]"
            )
        if getattr(stamps.dt, "tz", None) is not None:
            stamps = stamps.dt.tz_localize(None)
        outside = (stamps.notna() & ((stamps < low) | (stamps >= high))).to_numpy(dtype=bool)
        for position in np.flatnonzero(outside):
            add(
                stamps.index[position],
                "date_out_of_range",
                column,
                str(frame[column].iloc[position]),
                f"a date from {FIRST_DAY:%Y-%m-%d} to {LAST_DAY:%Y-%m-%d}",
                first=f"{FIRST_DAY:%Y-%m-%d}",
                last=f"{LAST_DAY:%Y-%m-%d}",
            )
    return reasons


def _stamp(value: Any) -> Any:
    """A cell as a timestamp the range check can compare (NaT when it is none)."""
    if isinstance(value, datetime | date):
        try:
            return pd.Timestamp(value)
        except (OverflowError, ValueError):  # beyond what pandas holds: certainly outside
            return pd.Timestamp(LAST_DAY) + pd.Timedelta(days=2)
    return pd.NaT
