"""Pure cell parsers: null tokens, text, ids, numbers, percents and dates as platforms write them.

Every parser returns `None` for an empty cell and raises `ValueError` for a cell it cannot
read, so the caller can quarantine the row with the original value.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

NULL_TOKENS: frozenset[str] = frozenset(
    {"", "-", "--", "—", "–", "n/a", "na", "n.a.", "undefined", "null", "none", "nan"}
)
SOFT_HYPHEN = "\u00ad"
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)


def is_null(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and value.strip().casefold() in NULL_TOKENS


def clean_text(value: object) -> str | None:
    """Text as a person reads it: entities decoded, invisible characters and edges removed."""
    if is_null(value):
        return None
    text = html.unescape(str(value)).translate(_INVISIBLE).strip()
    return text or None


def clean_id(value: object) -> str | None:
    """An id kept as text: no float artefacts (`123.0`), no spreadsheet-protection space."""
    if is_null(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).translate(_INVISIBLE).strip()
    if text.startswith("'"):
        text = text[1:]
    return text or None


# As a spreadsheet program shows a long number: one digit, a fraction, E+ and the exponent
# (`6.49E+17`); an id never has a `+` (YouTube's `12345678e90`-like ids do not match).
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE]\+\d{1,3}$")
_ZERO_FRACTION = re.compile(r"^(\d{16,})[.,]0+$")
_LONG_ROUND = re.compile(r"^\d{12,}0000$")
SPREADSHEET_DIGITS = 15  # what a spreadsheet program keeps of a number


def rounded_id(values: Iterable[object]) -> tuple[Any, object] | None:
    """The first id a spreadsheet program rounded, as (label, cell), else None.

    `values` is a Series of raw id cells (its index: row numbers). An id in scientific
    notation (`6.49E+17`), or with a zero fraction and more digits than a spreadsheet keeps
    (`1123180000000000.00`), or a number cell of 16 or more digits, has lost digits. Plain
    digit strings ending in four zeros are rounded only when most ids of the column are
    (a genuine id ends in 0000 once in ten thousand)."""
    items = list(values.items()) if hasattr(values, "items") else list(enumerate(values))
    long_round: list[tuple[Any, object]] = []
    ids = 0
    for label, cell in items:
        if cell is None or (isinstance(cell, float) and cell != cell):
            continue
        if isinstance(cell, bool):
            continue
        if isinstance(cell, int | float):
            ids += 1
            if abs(cell) >= 10**SPREADSHEET_DIGITS:
                return label, cell
            continue
        text = str(cell).strip()
        if not text or is_null(text):
            continue
        ids += 1
        if _SCIENTIFIC.match(text) or _ZERO_FRACTION.match(text):
            return label, cell
        if _LONG_ROUND.match(text):
            long_round.append((label, cell))
    if len(long_round) >= 2 and len(long_round) * 2 >= ids:
        return long_round[0]
    return None


_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u00b4`"), "'")


def normalise_header(value: object) -> str:
    """The comparable form of a header: NFKC, no soft hyphens or BOM, typographic apostrophes
    as `'` (Meta writes `Mentions J’aime`), casefolded, single spaces."""
    text = unicodedata.normalize("NFKC", str(value if value is not None else ""))
    text = text.translate(_INVISIBLE).translate(_APOSTROPHES).replace("\u00a0", " ")
    return " ".join(text.split()).casefold()


_GROUPED = re.compile(r"^\d{1,3}([,.\u00a0 ']\d{3})+$")


def parse_number(value: object, *, decimal_comma: bool | None = None) -> float | None:
    """`1,234`, `1.234,5`, `12,5`, `424.0`, `(12)`, `1 234`, `-7`, `+3` → float; null tokens → None.

    `decimal_comma`: True/False when the column's style is known, None to infer per value
    (a lone comma followed by exactly three digits is a thousands separator).
    """
    if isinstance(value, bool):
        raise ValueError("a yes/no value is not a number")
    if isinstance(value, int | float):
        if value != value:
            return None
        return float(value)
    if is_null(value):
        return None
    text = _ascii_number(str(value).translate(_INVISIBLE).strip())
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text and text[0] in "+-":
        negative ^= text[0] == "-"
        text = text[1:].strip()
    if not text or not re.fullmatch(r"[\d.,]*\d[\d.,]*|[\d.,]*\d[\d.,]*[eE][+-]?\d+", text):
        raise ValueError(f"not a number: {value!r}")
    number = float(text) if "e" in text.lower() else float(_canonical_digits(text, decimal_comma))
    return -number if negative else number


def _ascii_number(text: str) -> str:
    """Babel's locale number symbols made plain: spacing and apostrophe group separators and
    bidi marks removed, minus signs as `-`, Arabic decimal separators as `.`, every decimal
    digit as ASCII. `,` and `.` stay for the column's evidence to decide."""
    if text.isascii() and " " not in text and "'" not in text:
        return text
    from data_contracts.locale_words import number_symbols

    table, _percent = number_symbols()
    text = text.replace("'", "").translate(table)
    if not text.isascii():
        text = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    return text


def _canonical_digits(text: str, decimal_comma: bool | None) -> str:
    has_comma, has_dot = "," in text, "." in text
    if has_comma and has_dot:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
    elif has_comma:
        if decimal_comma is None:
            decimal = "" if _GROUPED.match(text) else ","
        else:
            decimal = "," if decimal_comma else ""
        if text.count(",") > 1:
            decimal = ""
    elif has_dot:
        decimal = "" if decimal_comma and _GROUPED.match(text) else "."
        if text.count(".") > 1:
            decimal = ""
    else:
        return text
    thousands = "." if decimal == "," else ","
    if decimal == "":
        return text.replace(",", "").replace(".", "")
    integer, _, fraction = text.rpartition(decimal)
    integer = integer.replace(thousands, "")
    if not integer.isdigit() and integer != "":
        raise ValueError(f"not a number: {text!r}")
    return f"{integer or '0'}.{fraction}"


def parse_percent(
    value: object, *, points: bool, decimal_comma: bool | None = None
) -> float | None:
    """A percent as a fraction. `4.5%` → 0.045 always; a bare number is percent points
    (`points=True`, YouTube's `5.02`) or already a fraction (`points=False`, LinkedIn's `0.066`)."""
    if is_null(value):
        return None
    text = str(value).strip() if isinstance(value, str) else value
    if isinstance(text, str) and text and not text[-1].isdigit():
        from data_contracts.locale_words import number_symbols

        core = text.translate({ord(m): None for m in "\u200e\u200f\u061c"}).rstrip()
        sign = next((p for p in number_symbols()[1] if p and core.endswith(p)), None)
        if sign is not None:
            number = parse_number(core[: -len(sign)], decimal_comma=decimal_comma)
            return None if number is None else number / 100
    number = parse_number(text, decimal_comma=decimal_comma)
    if number is None:
        return None
    return number / 100 if points else number


def parse_duration_seconds(value: object) -> float | None:
    """`H:MM:SS`, `MM:SS` or plain seconds → seconds."""
    if is_null(value):
        return None
    text = str(value).strip()
    if ":" not in text:
        number = parse_number(text)
        return number
    parts = text.split(":")
    if len(parts) > 3 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"not a duration: {value!r}")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return seconds


# ---------------------------------------------------------------- dates


def month_names() -> dict[str, int]:
    """Month words of the preferred interface languages that name one month (from Babel)."""
    from data_contracts.locale_words import preferred_words

    return {w: next(iter(m)) for w, m in preferred_words().months.items() if len(m) == 1}


_TOKEN = re.compile(r"\d+|[^\W\d_]+", re.UNICODE)
# `5:8:54`: a spreadsheet program's re-save drops the leading zeros of minutes and seconds.
_TIME = re.compile(r"(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?\s*([ap]\.?m\.?)?", re.IGNORECASE)
_OFFSET = re.compile(r"(?:\s|T\d[\d:.]*)([+-])(\d{2}):?(\d{2})$|(Z|UTC|GMT)$")


def parse_datetime(
    value: object,
    *,
    formats: tuple[str, ...] = (),
    order: str = "MDY",
    timezone: str | None = None,
    default_year: int | None = None,
    months: dict[str, int] | None = None,
) -> datetime | None:
    """A date/time as the platforms print it → naive datetime in `timezone`.

    Tries the contract's strptime `formats` first, then a tolerant reader that accepts
    month names in several languages (`18 ene 2026`, `Tue, Jul 14, 2026`, `8 de marzo`),
    numeric dates in `order` (MDY/DMY/YMD) and a time of day. A value with a UTC offset is
    converted to `timezone`; a naive one is taken as already in it. Year-less values need
    `default_year` (the caller resolves it, see `yearless.assign_years`). Month names of
    any locale Babel knows are read (`locale_words`); `months` holds the readings the
    column's own evidence settled (`locale_words.resolve_column`). A word naming different
    months in different languages, unsettled, raises `AmbiguousMonth` (a ValueError).
    """
    if isinstance(value, datetime):
        return _to_zone(value, timezone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if is_null(value):
        return None
    text = " ".join(str(value).translate(_INVISIBLE).split())
    for fmt in formats:
        try:
            return _to_zone(datetime.strptime(text, fmt), timezone)
        except ValueError:
            continue
    return _to_zone(_tolerant(text, order, default_year, months), timezone)


def _to_zone(moment: datetime, timezone: str | None) -> datetime:
    if moment.tzinfo is None:
        return moment
    if timezone:
        moment = moment.astimezone(ZoneInfo(timezone))
    return moment.replace(tzinfo=None)


def _tolerant(
    text: str, order: str, default_year: int | None, hint: dict[str, int] | None = None
) -> datetime:
    original = text
    offset = None
    match = _OFFSET.search(text)
    if match:
        if match.group(4):
            offset = timedelta(0)
        else:
            sign = 1 if match.group(1) == "+" else -1
            offset = sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3)))
        text = text[: match.start(4) if match.group(4) else match.start(1)].strip()
    hour = minute = second = 0
    time_match = _TIME.search(text)
    if time_match:
        hour, minute = int(time_match.group(1)), int(time_match.group(2))
        second = int(time_match.group(3) or 0)
        meridiem = (time_match.group(4) or "").lower().replace(".", "")
        if meridiem == "pm" and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
        text = text[: time_match.start()] + " " + text[time_match.end() :]
    text = text.replace("T", " ") if re.match(r"^\d{4}-\d{2}-\d{2}T", text) else text
    from data_contracts.locale_words import is_filler, is_weekday, month_of

    numbers: list[int] = []
    named: list[tuple[str, int]] = []
    for token in _TOKEN.findall(text):
        if token.isdigit():
            numbers.append(int(token))
            continue
        found = month_of(token, hint)  # AmbiguousMonth (a ValueError) when unsettled
        if found is not None:
            named.append((token, found))
        elif not (is_weekday(token) or is_filler(token)):
            raise ValueError(f"not a date: {original!r}")
    if len(named) > 1:  # `mar., 14 abr. 2026`: Spanish Tuesday is also March; a weekday goes
        named = [n for n in named if not is_weekday(n[0])] or named[:1]
    if len({m for _, m in named}) > 1:
        raise ValueError(f"not a date: {original!r} (two month names)")
    month: int | None = named[0][1] if named else None
    if month is not None:
        day, year = _day_year(numbers, original, default_year)
    else:
        day, month, year = _numeric(numbers, order, original, default_year)
    try:
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError as exc:
        raise ValueError(f"not a date: {original!r}") from exc
    if offset is not None:
        from datetime import timezone as tz

        moment = moment.replace(tzinfo=tz(offset))
    return moment


def _day_year(numbers: list[int], original: str, default_year: int | None) -> tuple[int, int]:
    if len(numbers) == 2:
        first, second = numbers
        return (second, first) if first > 31 else (first, second)
    if len(numbers) == 1 and default_year is not None:
        return numbers[0], default_year
    if len(numbers) == 1:
        raise ValueError(f"no year in date: {original!r}")
    raise ValueError(f"not a date: {original!r}")


def _numeric(
    numbers: list[int], order: str, original: str, default_year: int | None
) -> tuple[int, int, int]:
    if len(numbers) == 3:
        if numbers[0] > 31:
            year, month, day = numbers
        elif order == "DMY":
            day, month, year = numbers
        elif order == "YMD":
            year, month, day = numbers
        else:
            month, day, year = numbers
        if year < 100:
            year += 2000
        return day, month, year
    if len(numbers) == 2 and default_year is not None:
        if order == "DMY":
            return numbers[0], numbers[1], default_year
        return numbers[1], numbers[0], default_year
    raise ValueError(f"not a date: {original!r}")


def parse_month_day(value: object, months: dict[str, int] | None = None) -> tuple[int, int] | None:
    """A year-less date (`January 5`, `8 de marzo`) → (month, day)."""
    if is_null(value):
        return None
    moment = parse_datetime(value, default_year=2000, months=months)
    return None if moment is None else (moment.month, moment.day)
