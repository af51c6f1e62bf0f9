"""Numbers, percentages and dates as the report's language writes them (Babel).

A missing value is an en dash, never 0 or "nan".
"""

from __future__ import annotations

import json
import math
from datetime import date

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
)
from babel.numbers import format_percent as _babel_percent

from language.catalogs import rt
from metrics.periods import Period
from reports.i18n_reports import report_language
from warehouse.schema import PLATFORM_NAMES

MISSING = "–"
# Platforms as their owners write them (the same in every language): warehouse.schema's
# PLATFORM_NAMES, imported above.
BABEL_LOCALES: dict[str, str] = {"en": "en_GB", "es": "es_ES", "nl": "nl_NL"}


def locale_of(lang: str) -> str:
    return BABEL_LOCALES[report_language(lang)]


def abbreviation_locale(locale: str) -> str:
    """The locale whose abbreviated month names label axes (the dashboard's and the reports'
    alike). British English abbreviates September as "Sept" beside "Oct" and "Nov" (CLDR
    en_001); an axis reads better when every label has the same form, so English axes take
    the root English names ("Sep")."""
    return "en" if locale.startswith("en") else locale


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


def platform_name(platform: str | None) -> str:
    """ "linkedin" → "LinkedIn"; a missing platform (an inbox export) is an en dash."""
    if not platform:
        return MISSING
    return PLATFORM_NAMES.get(platform, platform)


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def number(value: float | None, lang: str, *, digits: int = 0) -> str:
    if is_missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(float(value), format=pattern, locale=locale_of(lang))  # type: ignore[arg-type]


def percent(value: float | None, lang: str, *, digits: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage: 0.0312 → "3.1%"; signed adds "+" to gains."""
    if is_missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
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


def kpi_value(value: float | None, unit: str, lang: str) -> str:
    """A KPI value in its unit (percent, hours, count, currency, ratio), written exactly as the
    dashboard writes it, so the report and the screen of the same meeting agree."""
    if is_missing(value):
        return MISSING
    v = float(value)  # type: ignore[arg-type]
    if unit == "percent":
        return _babel_percent(v, format=percent_pattern(v), locale=locale_of(lang))
    if unit == "hours":
        return rt(lang, "{value} h", value=number(v, lang, digits=1))
    if unit == "count" and abs(v) >= 1_000_000:
        return format_compact_decimal(
            v, format_type="short", fraction_digits=1, locale=locale_of(lang)
        )
    return number(v, lang, digits=plain_digits(v))


def period_label(period: str, lang: str, *, short: bool = False, in_sentence: bool = False) -> str:
    """A period id as a reader writes it: 2026-10 → "October 2026" ("Oct 26" when short, for
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
        locale = abbreviation_locale(locale_of(lang)) if short else locale_of(lang)
        label = _babel_date(month, format="LLL yy" if short else "LLLL y", locale=locale)
        return label if in_sentence else label[:1].upper() + label[1:]
    return text


def earlier_spans(period: str) -> tuple[str, str | None]:
    """The periods metrics.audience compares a period with: the one before, and the same
    period a year earlier (None when that is the one before, as for a year)."""
    current = Period.parse(period)
    previous, last_year = str(current.previous()), str(current.same_period_last_year())
    return previous, (None if last_year == previous else last_year)


def long_date(day: date, lang: str) -> str:
    return _babel_date(day, format="long", locale=locale_of(lang))


def short_date(day: date | None, lang: str) -> str:
    if day is None:
        return MISSING
    return _babel_date(day, format="medium", locale=locale_of(lang))


def span_label(span: str, lang: str, *, in_sentence: bool = False) -> str:
    """A compared span as a reader writes it: "2026-09" → "September 2026", a year to date
    "2025-10 YTD" → "Jan – Oct 2025" (the same months a year earlier); inside a sentence
    Spanish and Dutch months keep their lower case ("frente a septiembre 2026")."""
    text = str(span).strip()
    if not text.endswith(" YTD"):
        return period_label(text, lang, in_sentence=in_sentence)
    inner = text[: -len(" YTD")]
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
