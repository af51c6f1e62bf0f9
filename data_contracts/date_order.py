"""Which way round a column's numeric dates are written: month first or day first.

Meta writes `Publish time` month first (`09/28/2026 18:12`) in its English UI, but a file
exported from a European or Latin American UI, or re-saved by a spreadsheet in such a
locale, writes `28/09/2026 18:12`. Reading such a file cell by cell with the contract's
month-first format would quarantine every day after the 12th and, worse, silently read
`01/10/2026` as 10 January. So the order is decided once per column, from evidence in the
column itself:

- some first field is above 12 and no second field is: day first;
- some second field is above 12 and no first field is: month first;
- neither (every cell is ambiguous): the order that puts more dates inside the export's
  own period, when it states one; else the contract's order;
- both (a column that mixes orders): the contract's order, and the cells that do not fit
  are quarantined as unparseable, as before.

Pure functions; `mapping` applies the result to the contract's strptime formats.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

# a/b/yyyy (or a.b.yyyy, a-b-yyyy) at the start of a cell, optionally followed by a time
_NUMERIC = re.compile(r"^\s*(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})\b")
_SAMPLE = 5000


def _fields(values: Iterable[object]) -> list[tuple[int, int, int]]:
    out = []
    for value in values:
        if not isinstance(value, str):
            continue
        match = _NUMERIC.match(value)
        if match:
            out.append((int(match.group(1)), int(match.group(3)), int(match.group(4))))
        if len(out) >= _SAMPLE:
            break
    return out


def _inside(fields: list[tuple[int, int, int]], day_first: bool, start: date, end: date) -> int:
    count = 0
    for first, second, year in fields:
        day, month = (first, second) if day_first else (second, first)
        try:
            if start <= date(year, month, day) <= end:
                count += 1
        except ValueError:
            continue
    return count


def numeric_date_order(
    values: Iterable[object],
    default: str,
    period: tuple[date | None, date | None] = (None, None),
) -> str:
    """'DMY' or 'MDY' for a column of numeric dates (`default` when nothing decides).

    >>> numeric_date_order(["28/09/2026 18:12", "01/10/2026 09:00"], "MDY")
    'DMY'
    >>> numeric_date_order(["09/28/2026", "10/01/2026"], "DMY")
    'MDY'
    >>> numeric_date_order(["01/10/2026", "02/10/2026"], "MDY", (date(2026, 10, 1), date(2026, 10, 31)))
    'DMY'
    """
    if default not in ("MDY", "DMY"):
        return default
    fields = _fields(values)
    if not fields:
        return default
    first_high = any(first > 12 for first, _second, _year in fields)
    second_high = any(second > 12 for _first, second, _year in fields)
    if first_high and not second_high:
        return "DMY"
    if second_high and not first_high:
        return "MDY"
    start, end = period
    if first_high or second_high or start is None or end is None:
        return default
    day_first = _inside(fields, True, start, end)
    month_first = _inside(fields, False, start, end)
    if day_first > month_first:
        return "DMY"
    if month_first > day_first:
        return "MDY"
    return default


# month and day followed by the year (`%m/%d/%Y`), never the ISO `%Y-%m-%d`
_MONTH_DAY = re.compile(r"%m([/.\-])%d(?=\1%Y)")
_DAY_MONTH = re.compile(r"%d([/.\-])%m(?=\1%Y)")


def formats_in_order(formats: Iterable[str], order: str) -> tuple[str, ...]:
    """The contract's strptime formats with month and day swapped where `order` says the
    column is written the other way round (`%m/%d/%Y %H:%M` -> `%d/%m/%Y %H:%M` for DMY)."""
    out = []
    for fmt in formats:
        if order == "DMY":
            fmt = _MONTH_DAY.sub(r"%d\1%m", fmt)
        elif order == "MDY":
            fmt = _DAY_MONTH.sub(r"%m\1%d", fmt)
        out.append(fmt)
    return tuple(out)
