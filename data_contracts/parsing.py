"""Pure cell parsers: null tokens, text, ids, numbers, percents and dates as platforms write them.

Every parser returns `None` for an empty cell and raises `ValueError` for a cell it cannot
read, so the caller can quarantine the row with the original value.
"""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

NULL_TOKENS: frozenset[str] = frozenset(
    {"", "-", "--", "—", "–", "n/a", "na", "n.a.", "undefined", "null", "none", "nan"}
)
SOFT_HYPHEN = "\u00ad"
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
MONTH_LOCALES: tuple[str, ...] = ("en", "es", "nl", "de", "fr", "pt", "it", "sv")


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


def normalise_header(value: object) -> str:
    """The comparable form of a header: NFKC, no soft hyphens or BOM, casefolded, single spaces."""
    text = unicodedata.normalize("NFKC", str(value if value is not None else ""))
    text = text.translate(_INVISIBLE).replace("\u00a0", " ")
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
    text = str(value).translate(_INVISIBLE).strip().replace("\u2212", "-")
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text[:1] in "+-":
        negative ^= text[0] == "-"
        text = text[1:].strip()
    text = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    if not text or not re.fullmatch(r"[\d.,]*\d[\d.,]*|[\d.,]*\d[\d.,]*[eE][+-]?\d+", text):
        raise ValueError(f"not a number: {value!r}")
    number = float(text) if "e" in text.lower() else float(_canonical_digits(text, decimal_comma))
    return -number if negative else number


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
    if isinstance(text, str) and text.endswith("%"):
        number = parse_number(text[:-1], decimal_comma=decimal_comma)
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


@cache
def month_names() -> dict[str, int]:
    """Month names and abbreviations of several UI languages (from Babel's CLDR data)."""
    from babel import Locale

    names: dict[str, int] = {}
    for code in MONTH_LOCALES:
        locale = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    names.setdefault(_word(name), number)
    # English three-letter forms and "Sept" as platforms print them, whatever CLDR says.
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    ):
        names.setdefault(name, number)
    names.setdefault("sept", 9)
    return names


@cache
def weekday_names() -> frozenset[str]:
    from babel import Locale

    words: set[str] = set()
    for code in MONTH_LOCALES:
        locale = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                words.update(_word(n) for n in locale.days[context][width].values())
    return frozenset(words)


FILLER_WORDS = frozenset({"de", "del", "of", "the", "le", "den", "der", "am", "el"})


def _word(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalpha())


_TOKEN = re.compile(r"\d+|[^\W\d_]+", re.UNICODE)
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?", re.IGNORECASE)
_OFFSET = re.compile(r"(?:\s|T\d[\d:.]*)([+-])(\d{2}):?(\d{2})$|(Z|UTC|GMT)$")


def parse_datetime(
    value: object,
    *,
    formats: tuple[str, ...] = (),
    order: str = "MDY",
    timezone: str | None = None,
    default_year: int | None = None,
) -> datetime | None:
    """A date/time as the platforms print it → naive datetime in `timezone`.

    Tries the contract's strptime `formats` first, then a tolerant reader that accepts
    month names in several languages (`18 ene 2026`, `Tue, Jul 14, 2026`, `8 de marzo`),
    numeric dates in `order` (MDY/DMY/YMD) and a time of day. A value with a UTC offset is
    converted to `timezone`; a naive one is taken as already in it. Year-less values need
    `default_year` (the caller resolves it, see `yearless.assign_years`).
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
    return _to_zone(_tolerant(text, order, default_year), timezone)


def _to_zone(moment: datetime, timezone: str | None) -> datetime:
    if moment.tzinfo is None:
        return moment
    if timezone:
        moment = moment.astimezone(ZoneInfo(timezone))
    return moment.replace(tzinfo=None)


def _tolerant(text: str, order: str, default_year: int | None) -> datetime:
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
    months = month_names()
    weekdays = weekday_names()
    numbers: list[int] = []
    month: int | None = None
    for token in _TOKEN.findall(text):
        if token.isdigit():
            numbers.append(int(token))
            continue
        word = _word(token)
        if word in months and month is None:
            month = months[word]
        elif word in weekdays or word in FILLER_WORDS:
            continue
        else:
            raise ValueError(f"not a date: {original!r}")
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


def parse_month_day(value: object) -> tuple[int, int] | None:
    """A year-less date (`January 5`, `8 de marzo`) → (month, day)."""
    if is_null(value):
        return None
    moment = parse_datetime(value, default_year=2000)
    return None if moment is None else (moment.month, moment.day)
