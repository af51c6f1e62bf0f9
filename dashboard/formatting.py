"""Numbers, percentages, dates and periods written the way the reader's language writes them.

Pure functions over Babel, with each locale's own patterns (Spanish writes "5,2 %", Dutch
"5,2%", months "octubre de 2026"); the language defaults to the one in force
(`dashboard.i18n`). A missing value is shown as an en dash, never as 0 or "nan". A value with
a unit never breaks over two lines: its spaces are non-breaking ("864.0 h", "+1.4 pp").
"""

from __future__ import annotations

import math
from datetime import date, datetime

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.dates import format_interval, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal
from babel.numbers import format_percent as _babel_percent

from dashboard.i18n import _, get_language
from metrics.periods import Period, PeriodError

# One definition of "missing" and of the Babel locale per language, shared with reports/.
from reports.formatting import (
    BABEL_LOCALES,
    MISSING,
    abbreviation_locale,
    is_missing,
    percent_pattern,
    plain_digits,
)


def babel_locale(lang: str | None = None) -> str:
    return BABEL_LOCALES.get(lang or get_language(), "en_GB")


def format_number(value: float | int | None, *, digits: int = 0, lang: str | None = None) -> str:
    """12345.6 → "12,346" (en), "12.346" (es, nl)."""
    if is_missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(float(value), format=pattern, locale=babel_locale(lang))  # type: ignore[arg-type]


def format_compact(value: float | int | None, *, lang: str | None = None) -> str:
    """1_234_567 → "1.2M" (en), "1,2 M" (es)."""
    if is_missing(value):
        return MISSING
    if abs(float(value)) < 10_000:  # type: ignore[arg-type]
        return format_number(value, lang=lang)
    return format_compact_decimal(
        float(value),  # type: ignore[arg-type]
        format_type="short",
        fraction_digits=1,
        locale=babel_locale(lang),
    )


NBSP = "\u00a0"


def unbreakable(text: str) -> str:
    """A figure with its unit kept on one line."""
    return text.replace(" ", NBSP)


def locale_percent_pattern(number_pattern: str, *, lang: str | None = None) -> str:
    """A number pattern ("#,##0.0") with the locale's own percent sign and spacing:
    "#,##0.0%" (en, nl), "#,##0.0\u00a0%" (es)."""
    own = Locale.parse(babel_locale(lang)).percent_formats[None].pattern
    return own.replace("#,##0", number_pattern.removesuffix("%"), 1)


def format_percent(value: float | None, *, digits: int = 1, lang: str | None = None) -> str:
    """0.0312 → "3.1%" (en, nl: "3,1%"), "3,1 %" (es). The value is a fraction."""
    if is_missing(value):
        return MISSING
    pattern = locale_percent_pattern("#,##0" + ("." + "0" * digits if digits else ""), lang=lang)
    return _babel_percent(float(value), format=pattern, locale=babel_locale(lang))  # type: ignore[arg-type]


def format_value(value: float | None, unit: str | None, *, lang: str | None = None) -> str:
    """A KPI value in its unit: percent, hours, count (and any other unit as a plain number),
    with the decimals the reports use too (reports.formatting.kpi_value)."""
    if is_missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    if unit == "percent":
        pattern = locale_percent_pattern(percent_pattern(number), lang=lang)
        return _babel_percent(number, format=pattern, locale=babel_locale(lang))
    if unit == "hours":
        return unbreakable(_("{hours} h").format(hours=format_number(number, digits=1, lang=lang)))
    if unit == "count" and abs(number) >= 1_000_000:
        return unbreakable(format_compact(number, lang=lang))
    return format_number(number, digits=plain_digits(number), lang=lang)


def format_values_alike(
    values: list[float | None], unit: str | None, *, lang: str | None = None
) -> list[str]:
    """Values shown side by side (a table row) with the same number of decimals: percentages
    all with one decimal, or all with two when every one is under 1% ("0.64%" beside "0.40%";
    never "-0.43%" beside "-11.3%")."""
    if unit != "percent":
        return [format_value(v, unit, lang=lang) for v in values]
    present = [abs(float(v)) for v in values if not is_missing(v)]  # type: ignore[arg-type]
    digits = "#,##0.00" if present and max(present) < 0.01 else "#,##0.0"
    pattern = locale_percent_pattern(digits, lang=lang)
    return [
        MISSING
        if is_missing(v)
        else _babel_percent(float(v), format=pattern, locale=babel_locale(lang))  # type: ignore[arg-type]
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


def format_change(
    value: float | None, previous: float | None, unit: str | None, *, lang: str | None = None
) -> str:
    """The change since the previous period: "+0.4 pp" for percentages, "+12.5%" otherwise
    ("0.0 pp", unsigned, when it rounds to nothing)."""
    shown = change_shown(value, previous, unit)
    if shown is None:
        return MISSING
    sign = "+" if shown > 0 else ""
    if unit == "percent":
        return unbreakable(
            _("{sign}{points} pp").format(
                sign=sign, points=format_number(shown, digits=1, lang=lang)
            )
        )
    return sign + format_percent(shown, lang=lang)


def format_date(
    value: date | datetime | None, *, lang: str | None = None, style: str = "medium"
) -> str:
    """2026-10-05 → "5 Oct 2026" (en), "5 oct 2026" (es), "5 okt 2026" (nl): the locale's
    own pattern, with month abbreviations of one form ("5 Sep 2026" beside "5 Oct 2026")."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, datetime):
        value = value.date()
    pattern = Locale.parse(babel_locale(lang)).date_formats[style].pattern
    return _babel_date(value, format=pattern, locale=_abbreviation_locale(lang))


def format_datetime(value: datetime | None, *, lang: str | None = None) -> str:
    """ "6 Oct 2026, 07:03:27" in the locale's own medium pattern (abbreviations as above)."""
    if value is None:
        return MISSING
    locale = Locale.parse(babel_locale(lang))
    pattern = (
        str(locale.datetime_formats["medium"])
        .replace("{1}", locale.date_formats["medium"].pattern)
        .replace("{0}", locale.time_formats["medium"].pattern)
    )
    return _babel_datetime(value, format=pattern, locale=_abbreviation_locale(lang))


def format_month(year: int, month: int, *, lang: str | None = None, short: bool = False) -> str:
    """(2026, 10) → "October 2026" (en), "octubre de 2026" (es), "oktober 2026" (nl): each
    locale's own pattern, months in lower case where the language writes them so. Short (for
    axes): "Oct 26", "oct 26", "okt 26"."""
    return _month_label(date(year, month, 1), lang=lang, short=short)


def _month_label(day: date, *, lang: str | None, short: bool) -> str:
    if not short:
        return format_skeleton("yMMMM", day, locale=babel_locale(lang))
    return _babel_date(day, format="LLL yy", locale=_abbreviation_locale(lang))


def _abbreviation_locale(lang: str | None) -> str:
    """The locale whose abbreviated month names label axes (reports.formatting)."""
    return abbreviation_locale(babel_locale(lang))


def format_period(period_id: str, *, lang: str | None = None) -> str:
    """A period id as a reader writes it: 2026-10 → "October 2026" / "octubre de 2026",
    2026-Q4 → "Q4 2026" / "T4 2026" / "K4 2026", 2026-W43 → "Week 43, 2026", 2026 → "2026"."""
    text = str(period_id)
    kind = _period_kind(text)
    if kind == "quarter":
        year, quarter = text.split("-Q", 1)
        first = date(int(year), 3 * int(quarter) - 2, 1)
        return _babel_date(first, format="QQQ y", locale=babel_locale(lang))
    if kind == "week":
        year, week = text.split("-W", 1)
        return _("Week {week}, {year}").format(week=int(week), year=year)
    if kind == "month":
        return format_month(int(text[:4]), int(text[5:]), lang=lang)
    return text


def short_period(period_id: str, *, lang: str | None = None) -> str:
    """Axis labels, one form per period type: "Oct 26", "Q4 26" ("T4 26", "K4 26"),
    "W43 26" ("S43 26"), "2026"."""
    text = str(period_id)
    kind = _period_kind(text)
    if kind == "quarter":
        year, quarter = text.split("-Q", 1)
        first = date(int(year), 3 * int(quarter) - 2, 1)
        return _babel_date(first, format="QQQ yy", locale=babel_locale(lang))
    if kind == "week":
        year, week = text.split("-W", 1)
        return _("W{week} {yy}").format(week=int(week), yy=year[-2:])
    if kind == "month":
        return format_month(int(text[:4]), int(text[5:]), lang=lang, short=True)
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


YEAR_TO_DATE_SUFFIX = " YTD"


def format_span(text: str, *, short: bool = False, lang: str | None = None) -> str:
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
            return format_skeleton("yMMM", period.start, locale=_abbreviation_locale(lang))
        return format_period(pid, lang=lang)
    first, last = period.year_to_date()
    if period.kind == "week":
        return format_interval(first, last, "yMMMd", locale=babel_locale(lang))
    months = "yMMM" if short else "yMMMM"
    return format_interval(
        first,
        last.replace(day=1),
        months,
        locale=_abbreviation_locale(lang) if short else babel_locale(lang),
    )


def format_months(first: date, last: date, *, lang: str | None = None) -> str:
    """The months from `first` to `last` in the locale's own interval pattern: "October 2026",
    "January – October 2026" ("enero–octubre de 2026", "januari–oktober 2026")."""
    if (first.year, first.month) == (last.year, last.month):
        return format_month(first.year, first.month, lang=lang)
    return format_interval(first, last, "yMMMM", locale=babel_locale(lang))
