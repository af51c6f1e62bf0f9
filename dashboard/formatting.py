"""The formatter (`language.formatting`) in the viewer's language, as a screen writes.

Every function here is `language.formatting`'s, with the language defaulting to the one in
force (`dashboard.i18n`) and the medium "screen": each locale's own percent spacing
(Spanish "5,2 %"), months as the language writes them ("octubre de 2026"), and a value with
a unit never broken over two lines (non-breaking spaces: "864.0 h", "+1.4 pp"). How a figure
is written is decided there, never here.
"""

from __future__ import annotations

from datetime import date, datetime

from dashboard.i18n import get_language
from language import formatting as words
from language.formatting import (  # noqa: F401  (the dashboard reads them from here)
    BABEL_LOCALES,
    MISSING,
    NBSP,
    YEAR_TO_DATE_SUFFIX,
    change_shown,
    is_missing,
    unbreakable,
)


def _lang(lang: str | None) -> str:
    return lang or get_language()


def babel_locale(lang: str | None = None) -> str:
    return words.locale_of(_lang(lang))


def format_number(value: float | int | None, *, digits: int = 0, lang: str | None = None) -> str:
    return words.number(value, _lang(lang), digits=digits)


def format_compact(value: float | int | None, *, lang: str | None = None) -> str:
    return words.compact(value, _lang(lang))


def locale_percent_pattern(number_pattern: str, *, lang: str | None = None) -> str:
    return words.locale_percent_pattern(number_pattern, _lang(lang))


def format_percent(value: float | None, *, digits: int = 1, lang: str | None = None) -> str:
    return words.percent(value, _lang(lang), digits=digits, medium="screen")


def format_value(value: float | None, unit: str | None, *, lang: str | None = None) -> str:
    return words.kpi_value(value, unit, _lang(lang), medium="screen")


def format_values_alike(
    values: list[float | None], unit: str | None, *, lang: str | None = None
) -> list[str]:
    return words.values_alike(values, unit, _lang(lang))


def format_change(
    value: float | None, previous: float | None, unit: str | None, *, lang: str | None = None
) -> str:
    return words.change(value, previous, unit, _lang(lang))


def format_date(
    value: date | datetime | None, *, lang: str | None = None, style: str = "medium"
) -> str:
    return words.format_date(value, _lang(lang), style=style)


def format_datetime(value: datetime | None, *, lang: str | None = None) -> str:
    return words.format_datetime(value, _lang(lang))


def format_month(year: int, month: int, *, lang: str | None = None, short: bool = False) -> str:
    return words.format_month(year, month, _lang(lang), short=short)


def quarter_name(day: date, *, lang: str | None = None) -> str:
    return words.quarter_name(day, _lang(lang))


def format_period(period_id: str, *, lang: str | None = None) -> str:
    return words.format_period(period_id, _lang(lang))


def short_period(period_id: str, *, lang: str | None = None) -> str:
    return words.short_period(period_id, _lang(lang))


def format_span(text: str, *, short: bool = False, lang: str | None = None) -> str:
    return words.format_span(text, _lang(lang), short=short)


def format_months(first: date, last: date, *, lang: str | None = None) -> str:
    return words.months_span(first, last, _lang(lang))
