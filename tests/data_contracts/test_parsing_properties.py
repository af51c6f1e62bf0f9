"""Round trips: a number or date written the way an English, Spanish or Dutch UI writes it
(Babel's CLDR formats, not our code) parses back to the same value."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from hypothesis import given, settings
from hypothesis import strategies as st

from data_contracts.parsing import parse_datetime, parse_month_day, parse_number, parse_percent

LOCALES = {"en": False, "es": True, "nl": True}  # locale → writes a decimal comma
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
MOMENTS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31, 23, 59))
AMOUNTS = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False
)


@settings(max_examples=300)
@given(AMOUNTS, st.sampled_from(sorted(LOCALES)))
def test_decimals_in_each_ui_style_round_trip(amount: Decimal, locale: str) -> None:
    text = format_decimal(amount, format="#,##0.00", locale=locale)
    assert parse_number(text, decimal_comma=LOCALES[locale]) == pytest.approx(float(amount))


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(sorted(LOCALES)))
def test_grouped_integers_in_each_ui_style_round_trip(n: int, locale: str) -> None:
    text = format_decimal(n, format="#,##0", locale=locale)
    assert parse_number(text, decimal_comma=LOCALES[locale]) == n


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_integers_with_space_or_apostrophe_groups_round_trip(n: int) -> None:
    grouped = f"{n:,}"
    assert parse_number(grouped.replace(",", "\u00a0")) == n
    assert parse_number(grouped.replace(",", "'")) == n
    assert parse_number(f"({abs(n):,})") == -abs(n)


@given(
    st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=1),
    st.sampled_from(sorted(LOCALES)),
)
def test_percents_in_each_ui_style_are_fractions(points: Decimal, locale: str) -> None:
    text = format_percent(points / 100, format="#,##0.0%", locale=locale).replace("\u00a0", "")
    fraction = parse_percent(text, points=False, decimal_comma=LOCALES[locale])
    assert fraction == pytest.approx(float(points) / 100)


NUMERIC_FORMATS = [
    "%m/%d/%Y",  # LinkedIn, Meta Business Suite
    "%m/%d/%Y %H:%M",  # Meta Business Suite publish time
    "%Y-%m-%d",  # YouTube, inbox
    "%Y-%m-%d %H:%M:%S",  # inbox
    "%Y-%m-%dT%H:%M:%S",  # Meta daily files
    "%Y/%m/%d %H:%M:%S",  # TikTok XLSX
    "%a, %b %d, %Y",  # X 2026 generation
    "%a %b %d %Y",  # X 2025 generation
    "%b %d, %Y",
    "%d %B %Y",
]


@settings(max_examples=200)
@given(MOMENTS, st.sampled_from(NUMERIC_FORMATS))
def test_every_supported_format_round_trips(moment: datetime, fmt: str) -> None:
    moment = moment.replace(microsecond=0, second=moment.second if "%S" in fmt else 0)
    text = moment.strftime(fmt)
    expected = moment if "%H" in fmt else datetime(moment.year, moment.month, moment.day)
    order = "YMD" if fmt.startswith("%Y") else "MDY"
    assert parse_datetime(text, order=order) == expected


@given(DAYS, st.sampled_from(["en", "es", "nl"]), st.sampled_from(["medium", "long"]))
def test_localised_dates_round_trip(day: date, locale: str, width: str) -> None:
    text = format_date(day, format=width, locale=locale)  # "18 ene 2026", "18 januari 2026"
    assert parse_datetime(text, order="DMY") == datetime(day.year, day.month, day.day)


@given(DAYS, st.sampled_from(["en", "es", "nl"]))
def test_year_less_days_round_trip(day: date, locale: str) -> None:
    pattern = {"en": "MMMM d", "es": "d 'de' MMMM", "nl": "d MMMM"}[locale]
    text = format_date(day, format=pattern, locale=locale)  # "January 5", "8 de marzo"
    assert parse_month_day(text) == (day.month, day.day)


@given(MOMENTS, st.integers(min_value=-12 * 60, max_value=14 * 60).map(lambda m: m - m % 15))
def test_offsets_convert_to_the_organisation_zone(moment: datetime, minutes: int) -> None:
    aware = moment.replace(second=0, microsecond=0, tzinfo=timezone(timedelta(minutes=minutes)))
    text = aware.strftime("%Y-%m-%d %H:%M %z")
    utc = aware.astimezone(UTC).replace(tzinfo=None)
    assert parse_datetime(text, timezone="UTC") == utc
    local = aware.astimezone(ZoneInfo("America/Guatemala")).replace(tzinfo=None)
    assert parse_datetime(text, timezone="America/Guatemala") == local  # DST in 2006 too
