from __future__ import annotations

from datetime import date

import pytest

from metrics.periods import Period, PeriodError


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2026-10", "month", date(2026, 10, 1), date(2026, 10, 31)),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-Q4", "quarter", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026-q1", "quarter", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026", "year", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-W43", "week", date(2026, 10, 19), date(2026, 10, 25)),
        ("2026-W01", "week", date(2025, 12, 29), date(2026, 1, 4)),
        ("2026-W53", "week", date(2026, 12, 28), date(2027, 1, 3)),
    ],
)
def test_parse_and_bounds(text: str, kind: str, start: date, end: date) -> None:
    period = Period.parse(text)
    assert (period.kind, period.start, period.end) == (kind, start, end)
    assert Period.parse(str(period)) == period


def test_int_year_from_yaml() -> None:
    assert str(Period.parse(2026)) == "2026"


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-Q5", "2025-W53", "26-10", "Oct 2026", "", "2026-10-01"]
)
def test_invalid(text: str) -> None:
    with pytest.raises(PeriodError, match="expected a month 2026-10"):
        Period.parse(text)


@pytest.mark.parametrize(
    ("text", "previous", "last_year"),
    [
        ("2026-01", "2025-12", "2025-01"),
        ("2026-Q1", "2025-Q4", "2025-Q1"),
        ("2026", "2025", "2025"),
        ("2026-W01", "2025-W52", "2025-W01"),
        ("2026-W53", "2026-W52", "2025-W52"),
    ],
)
def test_neighbours(text: str, previous: str, last_year: str) -> None:
    period = Period.parse(text)
    assert str(period.previous()) == previous
    assert str(period.same_period_last_year()) == last_year
    assert period.previous().next() == period


def test_enclosing_periods() -> None:
    assert [str(p) for p in Period.parse("2026-10").enclosing()] == ["2026-Q4", "2026"]
    assert [str(p) for p in Period.parse("2026-Q2").enclosing()] == ["2026"]
    assert Period.parse("2026").enclosing() == []
    # a week belongs where its Thursday is: W01 of 2026 starts on 29 Dec 2025
    assert [str(p) for p in Period.parse("2026-W01").enclosing()] == ["2026-Q1", "2026"]
    assert str(Period.parse("2026-W40").quarter()) == "2026-Q4"  # 28 Sep - 4 Oct, Thursday 1 Oct


def test_months_ranges_and_year_to_date() -> None:
    assert [str(m) for m in Period.parse("2026-Q4").months()] == ["2026-10", "2026-11", "2026-12"]
    assert [str(m) for m in Period.parse("2026-W40").months()] == ["2026-09", "2026-10"]
    assert [str(p) for p in Period.last_n(Period.parse("2026-02"), 3)] == [
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    assert len(Period.range(Period.parse("2024-11"), Period.parse("2026-10"))) == 24
    assert Period.parse("2026-10").year_to_date() == (date(2026, 1, 1), date(2026, 10, 31))
    assert Period.parse("2026-10").year_elapsed_share() == pytest.approx(10 / 12)
    assert Period.parse("2026-Q2").year_elapsed_share() == pytest.approx(0.5)
    assert Period.parse("2026-W02").year_elapsed_share() == pytest.approx(11 / 365)
    with pytest.raises(ValueError, match="cannot range"):
        Period.range(Period.parse("2026-01"), Period.parse("2026-Q2"))


def test_contains_and_order() -> None:
    assert Period.parse("2026-10").contains(date(2026, 10, 31))
    assert not Period.parse("2026-10").contains(date(2026, 11, 1))
    assert Period.parse("2026-09") < Period.parse("2026-10")
