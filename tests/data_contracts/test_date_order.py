"""Day-first or month-first: decided per column from the column's own evidence."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from data_contracts.date_order import formats_in_order, numeric_date_order

OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))


def test_a_day_above_twelve_in_first_place_means_day_first() -> None:
    column = ["01/10/2026 09:00", "25/10/2026 13:15", None, "07/10/2026 10:00"]
    assert numeric_date_order(column, "MDY") == "DMY"


def test_a_day_above_twelve_in_second_place_means_month_first() -> None:
    assert numeric_date_order(["10/01/2026", "10/25/2026"], "DMY") == "MDY"


def test_ambiguous_cells_follow_the_exports_period() -> None:
    column = ["01/10/2026", "02/10/2026", "12/10/2026"]  # 1, 2, 12 October
    assert numeric_date_order(column, "MDY", OCTOBER) == "DMY"
    january_to_december = (date(2026, 1, 1), date(2026, 12, 31))
    assert numeric_date_order(column, "MDY", january_to_december) == "MDY"  # a tie: contract
    assert numeric_date_order(column, "MDY") == "MDY"  # no period: the contract's order


def test_a_column_mixing_both_orders_keeps_the_contracts_order() -> None:
    assert numeric_date_order(["25/10/2026", "10/25/2026"], "MDY") == "MDY"


def test_columns_without_numeric_dates_keep_the_contracts_order() -> None:
    assert numeric_date_order(["Sep 27, 2024", "2026-10-01", "", 3.5], "MDY") == "MDY"
    assert numeric_date_order(["25/10/2026"], "YMD") == "YMD"


def test_formats_are_swapped_only_where_month_and_day_meet() -> None:
    assert formats_in_order(["%m/%d/%Y %H:%M", "%Y-%m-%d"], "DMY") == ("%d/%m/%Y %H:%M", "%Y-%m-%d")
    assert formats_in_order(["%d.%m.%Y"], "MDY") == ("%m.%d.%Y",)
    assert formats_in_order(["%m/%d/%Y"], "MDY") == ("%m/%d/%Y",)


@given(
    st.lists(st.integers(min_value=0, max_value=364), min_size=1, max_size=40),
    st.booleans(),
)
def test_any_column_with_a_late_day_reads_back_the_dates_written(
    offsets: list[int], day_first: bool
) -> None:
    days = [date(2026, 1, 1) + timedelta(days=o) for o in offsets] + [date(2026, 3, 25)]
    written = "%d/%m/%Y %H:%M" if day_first else "%m/%d/%Y %H:%M"
    column = [datetime(d.year, d.month, d.day, 9, 30).strftime(written) for d in days]
    order = numeric_date_order(column, "MDY")
    assert order == ("DMY" if day_first else "MDY")
    (fmt,) = formats_in_order(["%m/%d/%Y %H:%M"], order)
    assert [datetime.strptime(c, fmt).date() for c in column] == days
