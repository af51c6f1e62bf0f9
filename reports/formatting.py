"""Numbers, percentages and dates as the report's language writes them (Babel).

A missing value is an en dash, never 0 or "nan".
"""

from __future__ import annotations

import math
from datetime import date

from babel.dates import format_date as _babel_date
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
)
from babel.numbers import format_percent as _babel_percent

from reports.i18n_reports import report_language, t

MISSING = "–"
BABEL_LOCALES: dict[str, str] = {"en": "en_GB", "es": "es_ES", "nl": "nl_NL"}


def locale_of(lang: str) -> str:
    return BABEL_LOCALES[report_language(lang)]


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


def kpi_value(value: float | None, unit: str, lang: str) -> str:
    """A KPI value in its unit (percent, hours, count, currency, ratio)."""
    if is_missing(value):
        return MISSING
    v = float(value)  # type: ignore[arg-type]
    if unit == "percent":
        return percent(v, lang, digits=2 if abs(v) < 0.1 else 1)
    if unit == "hours":
        return t(lang, "hours", value=number(v, lang, digits=1))
    if unit == "count" and abs(v) >= 1_000_000:
        return format_compact_decimal(
            v, format_type="short", fraction_digits=2, locale=locale_of(lang)
        )
    digits = 0 if v.is_integer() or abs(v) >= 100 else 2
    return number(v, lang, digits=digits)


def long_date(day: date, lang: str) -> str:
    return _babel_date(day, format="long", locale=locale_of(lang))


def short_date(day: date | None, lang: str) -> str:
    if day is None:
        return MISSING
    return _babel_date(day, format="medium", locale=locale_of(lang))
