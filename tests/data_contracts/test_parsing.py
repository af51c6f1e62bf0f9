"""Cell parsers: real platform spellings, and properties that hold for every number and date."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_contracts.parsing import is_null, parse_datetime, parse_number, parse_percent
from data_contracts.yearless import assign_years


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("424.0", 424.0),
        ("1,200", 1200.0),
        ("1.234,5", 1234.5),
        ("12,5", 12.5),
        ("-7", -7.0),
        ("1 234", 1234.0),
    ],
)
def test_numbers_as_platforms_write_them(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("token", ["", "-", "--", "N/A", "NA", "undefined"])
def test_null_tokens_are_null_never_zero(token: str) -> None:
    assert is_null(token) and parse_number(token) is None


def test_unreadable_number_raises() -> None:
    with pytest.raises(ValueError):
        parse_number("12k")


def test_percent_forms() -> None:
    assert parse_percent("4.5%", points=False) == pytest.approx(0.045)
    assert parse_percent("5.02", points=True) == pytest.approx(0.0502)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, Jul 14, 2026", datetime(2026, 7, 14)),
        ("18 ene 2026", datetime(2026, 1, 18)),
        ("09/28/2026 18:12", datetime(2026, 9, 28, 18, 12)),
        ("8 de marzo de 2026", datetime(2026, 3, 8)),
    ],
)
def test_dates(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


def test_offset_converted_to_org_zone() -> None:
    moment = parse_datetime("2015-09-30 18:42 +0000", timezone="America/Guatemala")
    assert moment == datetime(2015, 9, 30, 12, 42)


def test_yearless_series_walks_back_across_new_year() -> None:
    days = assign_years([(12, 30), (12, 31), (1, 1), (1, 2)], date(2026, 1, 2))
    assert days == [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 2)]


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_grouped_integers_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_every_date_round_trips_in_us_and_month_name_forms(day: date) -> None:
    assert parse_datetime(day.strftime("%m/%d/%Y")) == datetime(day.year, day.month, day.day)
    assert parse_datetime(day.strftime("%a, %b %d, %Y")) == datetime(day.year, day.month, day.day)
