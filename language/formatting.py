"""The one formatter: how the reader's language writes a KPI value, a number, a percentage,
a date, a period and a status, for the dashboard and the reports alike (Babel, each locale's
own patterns). The language is always given (`lang`); `dashboard.formatting` binds the
viewer's, the reports pass the strategy's.

A missing value is an en dash, never 0 or "nan". Where a screen and a printed report write a
figure differently, the `medium` says which: a screen ("screen") writes each locale's own
percent spacing (Spanish "5,2 %") and keeps a figure and its unit on one line (non-breaking
spaces, "864.0 h"); a report ("print") writes "5,2%" and its own words for units. Periods
have the screen's forms (`format_period`, `short_period`, `format_span`: "octubre de 2026",
"Jan – Oct 2025") and the reports' (`period_label`, `span_label`: "Octubre 2026").
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Literal

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.dates import format_interval, format_skeleton
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
)
from babel.numbers import format_percent as _babel_percent

from language.catalogs import RN_, normalise_language, rt, translations
from metrics.periods import Period, PeriodError
from warehouse.schema import PLATFORM_NAMES

Medium = Literal["screen", "print"]

MISSING = "–"
NBSP = "\u00a0"
YEAR_TO_DATE_SUFFIX = " YTD"
# Platforms as their owners write them (the same in every language): warehouse.schema's
# PLATFORM_NAMES, imported above.
BABEL_LOCALES: dict[str, str] = {"en": "en_GB", "es": "es_ES", "nl": "nl_NL"}


# --- the locale -------------------------------------------------------------------------


def locale_of(lang: str | None) -> str:
    """The Babel locale a language writes with: en → en_GB, es → es_ES, nl → nl_NL."""
    return BABEL_LOCALES[normalise_language(lang)]


def abbreviation_locale(locale: str) -> str:
    """The locale whose abbreviated month names label axes (the dashboard's and the reports'
    alike). British English abbreviates September as "Sept" beside "Oct" and "Nov" (CLDR
    en_001); an axis reads better when every label has the same form, so English axes take
    the root English names ("Sep")."""
    return "en" if locale.startswith("en") else locale


def _abbreviations(lang: str) -> str:
    return abbreviation_locale(locale_of(lang))


def unbreakable(text: str) -> str:
    """A figure with its unit kept on one line."""
    return text.replace(" ", NBSP)


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


# --- numbers ----------------------------------------------------------------------------


def number(value: float | None, lang: str, *, digits: int = 0) -> str:
    """12345.6 → "12,346" (en), "12.346" (es, nl)."""
    if is_missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(float(value), format=pattern, locale=locale_of(lang))  # type: ignore[arg-type]


def compact(value: float | None, lang: str) -> str:
    """1_234_567 → "1.2M" (en), "1,2 M" (es); under 10,000 the whole number."""
    if is_missing(value):
        return MISSING
    if abs(float(value)) < 10_000:  # type: ignore[arg-type]
        return number(value, lang)
    return format_compact_decimal(
        float(value),  # type: ignore[arg-type]
        format_type="short",
        fraction_digits=1,
        locale=locale_of(lang),
    )


def locale_percent_pattern(number_pattern: str, lang: str) -> str:
    """A number pattern ("#,##0.0") with the locale's own percent sign and spacing:
    "#,##0.0%" (en, nl), "#,##0.0\u00a0%" (es)."""
    own = Locale.parse(locale_of(lang)).percent_formats[None].pattern
    return own.replace("#,##0", number_pattern.removesuffix("%"), 1)


def _percent_pattern(number_pattern: str, lang: str, medium: Medium) -> str:
    if medium == "screen":
        return locale_percent_pattern(number_pattern, lang)
    return number_pattern.removesuffix("%") + "%"


def percent(
    value: float | None,
    lang: str,
    *,
    digits: int = 1,
    signed: bool = False,
    medium: Medium = "print",
) -> str:
    """A fraction as a percentage: 0.0312 → "3.1%" (es: "3,1%" printed, "3,1 %" on a
    screen); signed adds "+" to gains."""
    if is_missing(value):
        return MISSING
    pattern = _percent_pattern("#,##0" + ("." + "0" * digits if digits else ""), lang, medium)
    text = _babel_percent(float(value), format=pattern, locale=locale_of(lang))  # type: ignore[arg-type]
    return f"+{text}" if signed and float(value) > 0 else text  # type: ignore[arg-type]


def percent_pattern(fraction: float) -> str:
    """How a KPI percentage is written: 5.2%, -0.8%, but 0.64% (one decimal would say 0.6%);
    a second decimal only where it says something, never "-0.80%" beside "46.5%"."""
    return "#,##0.0#%" if abs(fraction) < 0.01 else "#,##0.0%"


def plain_digits(value: float) -> int:
    """Decimals of a plain number: 3,841 and 147, 49.3, 4.25 (never 49.33 beside 147)."""
    if value.is_integer() or abs(value) >= 100:
        return 0
    return 1 if abs(value) >= 10 else 2


# --- KPI values -------------------------------------------------------------------------


def kpi_value(value: float | None, unit: str | None, lang: str, *, medium: Medium = "print") -> str:
    """A KPI value in its unit (percent, hours, count; any other unit as a plain number), the
    same figure on the screen and in the report of one meeting: "5.2%", "0.64%", "8.4M",
    "49.3", "147", "4.25", "864.0 h" (see the module's docstring for what `medium` changes)."""
    if is_missing(value):
        return MISSING
    v = float(value)  # type: ignore[arg-type]
    screen = medium == "screen"
    if unit == "percent":
        pattern = _percent_pattern(percent_pattern(v), lang, medium)
        return _babel_percent(v, format=pattern, locale=locale_of(lang))
    if unit == "hours":
        hours = number(v, lang, digits=1)
        if screen:
            return unbreakable(
                translations(normalise_language(lang)).gettext("{hours} h").format(hours=hours)
            )
        return rt(lang, "{value} h", value=hours)
    if unit == "count" and abs(v) >= 1_000_000:
        text = format_compact_decimal(
            v, format_type="short", fraction_digits=1, locale=locale_of(lang)
        )
        return unbreakable(text) if screen else text
    return number(v, lang, digits=plain_digits(v))


def values_alike(values: list[float | None], unit: str | None, lang: str) -> list[str]:
    """Values shown side by side on a screen (a table row) with the same number of decimals:
    percentages all with one decimal, or all with two when every one is under 1% ("0.64%"
    beside "0.40%"; never "-0.43%" beside "-11.3%")."""
    if unit != "percent":
        return [kpi_value(v, unit, lang, medium="screen") for v in values]
    present = [abs(float(v)) for v in values if not is_missing(v)]  # type: ignore[arg-type]
    digits = "#,##0.00" if present and max(present) < 0.01 else "#,##0.0"
    pattern = locale_percent_pattern(digits, lang)
    return [
        MISSING
        if is_missing(v)
        else _babel_percent(float(v), format=pattern, locale=locale_of(lang))  # type: ignore[arg-type]
        for v in values
    ]


def change_shown(value: float | None, previous: float | None, unit: str | None) -> float | None:
    """The change since the previous period at the precision it is shown with: percentage
    points to 0.1 for percentages, else the relative change to 0.1 %; None when there is no
    previous value (or it is 0). A change that rounds to nothing is 0.0, never -0.0."""
    if is_missing(value) or is_missing(previous):
        return None
    current, before = float(value), float(previous)  # type: ignore[arg-type]
    if unit == "percent":
        return round((current - before) * 100, 1) + 0.0
    if before == 0:
        return None
    return round((current - before) / abs(before), 3) + 0.0


def change(value: float | None, previous: float | None, unit: str | None, lang: str) -> str:
    """The change since the previous period on a screen: "+0.4 pp" for percentages, "+12.5%"
    otherwise ("0.0 pp", unsigned, when it rounds to nothing)."""
    shown = change_shown(value, previous, unit)
    if shown is None:
        return MISSING
    sign = "+" if shown > 0 else ""
    if unit == "percent":
        points = number(shown, lang, digits=1)
        words = translations(normalise_language(lang)).gettext("{sign}{points} pp")
        return unbreakable(words.format(sign=sign, points=points))
    return sign + percent(shown, lang, medium="screen")


# --- chart axes -------------------------------------------------------------------------


def _compact_step(locale: str, magnitude: int) -> tuple[float, str]:
    """Babel's short compact pattern for numbers of `magnitude` (1e3, 1e6, 1e9) as (divisor,
    suffix): nl 1e6 "0 mln." -> (1e6, " mln."), es 1e9 "0000 M" -> (1e6, " M"), a locale
    that does not compact thousands (pattern "0") -> (1, "")."""
    formats = Locale.parse(locale).compact_decimal_formats["short"]
    pattern = formats["other"].get(str(magnitude)) or formats[next(iter(formats))].get(
        str(magnitude)
    )
    text = getattr(pattern, "pattern", None) or "0"
    zeros = text.count("0")
    suffix = text.replace("0", "").replace("\u00a0", " ").replace("'", "")
    if not suffix.strip():
        return 1.0, ""
    exponent = len(str(magnitude)) - 1 - (zeros - 1)
    return float(10**exponent), suffix.replace(" ", "\u00a0")


def compact_label_expr(lang: str) -> str:
    """A Vega expression writing an axis tick (`datum.value`) in the locale's compact form:
    "8 mln." in Dutch, "8,4 M" in Spanish, "8.4M" in English (Vega's own "~s" writes "8M"
    in every language). Decimal marks come from the chart's locale (`vega_locale`)."""
    locale = locale_of(lang)
    expr = "format(datum.value, ',~f')"
    for magnitude in (1_000, 1_000_000, 1_000_000_000):
        divisor, suffix = _compact_step(locale, magnitude)
        if divisor == 1.0:
            continue
        shown = f"format(datum.value / {divisor:g}, '.2~f') + {json.dumps(suffix)}"
        expr = f"abs(datum.value) >= {magnitude:g} ? {shown} : ({expr})"
    return expr


def vega_locale(lang: str) -> dict[str, object]:
    """Vega's number locale for a language, so chart axes and labels write "5,2%" in Spanish
    and Dutch as the tables do (Vega's default is always "5.2%")."""
    locale = locale_of(lang)
    return {
        "number": {
            "decimal": get_decimal_symbol(locale),
            "thousands": get_group_symbol(locale),
            "grouping": [3],
            "currency": ["", ""],  # d3-format requires it; no chart shows money
        }
    }


# --- names and statuses -----------------------------------------------------------------


def platform_name(platform: str | None) -> str:
    """ "linkedin" → "LinkedIn"; a missing platform (an inbox export) is an en dash."""
    if not platform:
        return MISSING
    return PLATFORM_NAMES.get(platform, platform)


# A KPI's status as a report writes it (the dashboard's badge: dashboard.components.palette).
STATUS_LABELS: dict[str, str] = {
    "green": RN_("On target"),
    "amber": RN_("Near target"),
    "red": RN_("Off target"),
    "no_data": RN_("No data"),
    "no_target": RN_("No target"),
}
# The same statuses counted inside a sentence ("4 on target, 1 without data").
STATUS_COUNT_WORDS: dict[str, str] = {
    "green": RN_("on target"),
    "amber": RN_("near target"),
    "red": RN_("off target"),
    "no_data": RN_("without data"),
    "no_target": RN_("without a target"),
}


def status_label(lang: str, status: str) -> str:
    return rt(lang, STATUS_LABELS[status])


def status_count_word(lang: str, status: str) -> str:
    return rt(lang, STATUS_COUNT_WORDS[status])


# --- dates ------------------------------------------------------------------------------


def format_date(value: date | datetime | None, lang: str, *, style: str = "medium") -> str:
    """On a screen: 2026-10-05 → "5 Oct 2026" (en), "5 oct 2026" (es), "5 okt 2026" (nl): the
    locale's own pattern, with month abbreviations of one form ("5 Sep 2026" beside "5 Oct
    2026")."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, datetime):
        value = value.date()
    pattern = Locale.parse(locale_of(lang)).date_formats[style].pattern
    return _babel_date(value, format=pattern, locale=_abbreviations(lang))


def format_datetime(value: datetime | None, lang: str) -> str:
    """ "6 Oct 2026, 07:03:27" in the locale's own medium pattern (abbreviations as above)."""
    if value is None:
        return MISSING
    locale = Locale.parse(locale_of(lang))
    pattern = (
        str(locale.datetime_formats["medium"])
        .replace("{1}", locale.date_formats["medium"].pattern)
        .replace("{0}", locale.time_formats["medium"].pattern)
    )
    return _babel_datetime(value, format=pattern, locale=_abbreviations(lang))


def long_date(day: date, lang: str) -> str:
    """In a report: "6 October 2026"."""
    return _babel_date(day, format="long", locale=locale_of(lang))


def short_date(day: date | None, lang: str) -> str:
    """In a report: "6 Oct 2026" (the locale's medium pattern)."""
    if day is None:
        return MISSING
    return _babel_date(day, format="medium", locale=locale_of(lang))


# --- periods on a screen ----------------------------------------------------------------


def format_month(year: int, month: int, lang: str, *, short: bool = False) -> str:
    """(2026, 10) → "October 2026" (en), "octubre de 2026" (es), "oktober 2026" (nl): each
    locale's own pattern, months in lower case where the language writes them so. Short (for
    axes): "Oct 26", "oct 26", "okt 26"."""
    day = date(year, month, 1)
    if not short:
        return format_skeleton("yMMMM", day, locale=locale_of(lang))
    return _babel_date(day, format="LLL yy", locale=_abbreviations(lang))


def quarter_name(day: date, lang: str) -> str:
    """The quarter a day falls in, without its year: "Q1" ("T1", "K1")."""
    return _babel_date(day, format="QQQ", locale=locale_of(lang))


def format_period(period_id: str, lang: str) -> str:
    """A period id as a screen writes it: 2026-10 → "October 2026" / "octubre de 2026",
    2026-Q4 → "Q4 2026" / "T4 2026" / "K4 2026", 2026-W43 → "Week 43, 2026", 2026 → "2026"."""
    text = str(period_id)
    kind = _period_kind(text)
    if kind == "quarter":
        year, quarter = text.split("-Q", 1)
        first = date(int(year), 3 * int(quarter) - 2, 1)
        return _babel_date(first, format="QQQ y", locale=locale_of(lang))
    if kind == "week":
        year, week = text.split("-W", 1)
        words = translations(normalise_language(lang)).gettext("Week {week}, {year}")
        return words.format(week=int(week), year=year)
    if kind == "month":
        return format_month(int(text[:4]), int(text[5:]), lang)
    return text


def short_period(period_id: str, lang: str) -> str:
    """Axis labels, one form per period type: "Oct 26", "Q4 26" ("T4 26", "K4 26"),
    "W43 26" ("S43 26"), "2026"."""
    text = str(period_id)
    kind = _period_kind(text)
    if kind == "quarter":
        year, quarter = text.split("-Q", 1)
        first = date(int(year), 3 * int(quarter) - 2, 1)
        return _babel_date(first, format="QQQ yy", locale=locale_of(lang))
    if kind == "week":
        year, week = text.split("-W", 1)
        words = translations(normalise_language(lang)).gettext("W{week} {yy}")
        return words.format(week=int(week), yy=year[-2:])
    if kind == "month":
        return format_month(int(text[:4]), int(text[5:]), lang, short=True)
    return text


def _period_kind(text: str) -> str:
    """month, quarter, week or year, from the form of a period id (never raises)."""
    if "-Q" in text and text.split("-Q", 1)[1].isdigit():
        return "quarter"
    if "-W" in text and text.split("-W", 1)[1].isdigit():
        return "week"
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
        return "month"
    return "year"


def format_span(text: str, lang: str, *, short: bool = False) -> str:
    """What a figure covers, from a period id or "<period id> YTD" (metrics' `compared_with`):
    "2026-09" → "September 2026" ("Sep 2026" short), "2025-10 YTD" → "Jan – Oct 2025"
    ("January – October 2025" long; each locale's own interval pattern), a week's year to
    date → "1 Jan – 4 Oct 2025", a year → "2025"."""
    pid = text.removesuffix(YEAR_TO_DATE_SUFFIX)
    try:
        period = Period.parse(pid)
    except PeriodError:
        return text
    if not text.endswith(YEAR_TO_DATE_SUFFIX) or period.kind == "year":
        if short and period.kind == "month":
            return format_skeleton("yMMM", period.start, locale=_abbreviations(lang))
        return format_period(pid, lang)
    first, last = period.year_to_date()
    if period.kind == "week":
        return format_interval(first, last, "yMMMd", locale=locale_of(lang))
    months = "yMMM" if short else "yMMMM"
    return format_interval(
        first,
        last.replace(day=1),
        months,
        locale=_abbreviations(lang) if short else locale_of(lang),
    )


# --- periods in a report ----------------------------------------------------------------


def months_span(first: date, last: date, lang: str) -> str:
    """The months from `first` to `last` in the locale's own interval pattern: "October 2026",
    "January – October 2026" ("enero–octubre de 2026", "januari–oktober 2026")."""
    if (first.year, first.month) == (last.year, last.month):
        return format_month(first.year, first.month, lang)
    return format_interval(first, last, "yMMMM", locale=locale_of(lang))


def period_label(period: str, lang: str, *, short: bool = False, in_sentence: bool = False) -> str:
    """A period id as a report writes it: 2026-10 → "October 2026" ("Oct 26" when short, for
    chart axes), 2026-Q4 → "Q4 2026", 2026-W43 → "Week 43, 2026", 2026 → "2026".
    A label starts with a capital; inside a sentence Spanish and Dutch months do not
    ("Se revisaron 6 KPI para octubre 2026")."""
    text = str(period)
    if "-Q" in text:
        year, quarter = text.split("-Q", 1)
        return rt(lang, "Q{quarter} {year}", quarter=quarter, year=year)
    if "-W" in text:
        year, week = text.split("-W", 1)
        return rt(lang, "Week {week}, {year}", week=int(week), year=year)
    if len(text) == 7 and text[4] == "-":
        month = date(int(text[:4]), int(text[5:]), 1)
        locale = _abbreviations(lang) if short else locale_of(lang)
        label = _babel_date(month, format="LLL yy" if short else "LLLL y", locale=locale)
        return label if in_sentence else label[:1].upper() + label[1:]
    return text


def span_label(span: str, lang: str, *, in_sentence: bool = False) -> str:
    """A compared span as a report writes it: "2026-09" → "September 2026", a year to date
    "2025-10 YTD" → "Jan – Oct 2025" (the same months a year earlier); inside a sentence
    Spanish and Dutch months keep their lower case ("frente a septiembre 2026")."""
    text = str(span).strip()
    if not text.endswith(YEAR_TO_DATE_SUFFIX):
        return period_label(text, lang, in_sentence=in_sentence)
    inner = text[: -len(YEAR_TO_DATE_SUFFIX)]
    year = int(inner[:4])
    last = _ytd_last_month(inner)
    if last == 1:
        return period_label(f"{year}-01", lang, in_sentence=in_sentence)
    first = _babel_date(date(year, 1, 1), format="LLL", locale=locale_of(lang)).rstrip(".")
    end = _babel_date(date(year, last, 1), format="LLL", locale=locale_of(lang)).rstrip(".")
    if not in_sentence:
        first = first[:1].upper() + first[1:]
    return f"{first} – {end} {year}"


def _ytd_last_month(period: str) -> int:
    """The last month a year-to-date span of `period` reaches (12 for a whole year)."""
    if len(period) == 4:
        return 12
    if "-Q" in period:
        return int(period.split("-Q", 1)[1]) * 3
    if "-W" in period:
        year, week = period.split("-W", 1)
        return date.fromisocalendar(int(year), int(week), 4).month
    return int(period[5:7])
