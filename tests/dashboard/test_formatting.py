from __future__ import annotations

from datetime import date, datetime

from dashboard.formatting import (
    format_change,
    format_date,
    format_datetime,
    format_number,
    format_percent,
    format_period,
    format_value,
    short_period,
)
from dashboard.i18n import set_language


def test_numbers_follow_the_locale() -> None:
    assert format_number(12345.6, lang="en") == "12,346"
    assert format_number(12345.6, lang="es") == "12.346"
    assert format_number(12345.6, lang="nl") == "12.346"
    assert format_number(None) == "–"
    assert format_number(float("nan")) == "–"


def test_percent_of_fractions() -> None:
    assert format_percent(0.0312, lang="en") == "3.1%"
    assert format_percent(0.0312, lang="es").startswith("3,1")


def test_values_by_unit() -> None:
    set_language("en")
    assert format_value(0.045, "percent") == "4.5%"
    assert format_value(2.25, "hours") == "2.2\xa0h"  # a value never breaks over lines
    assert format_value(5310.0, "count") == "5,310"
    assert format_value(2_500_000.0, "count") == "2.5M"
    assert format_value(None, "count") == "–"


def test_change_in_points_for_percentages_and_relative_otherwise() -> None:
    set_language("en")
    assert format_change(0.05, 0.04, "percent") == "+1.0\xa0pp"
    assert format_change(110, 100, "count") == "+10.0%"
    assert format_change(90, 100, "count") == "-10.0%"
    assert format_change(5, 0, "count") == "–"
    assert format_change(None, 3, "count") == "–"
    # a change that rounds to nothing is shown as nothing, not as "-0.0 pp"
    assert format_change(0.05199, 0.05201, "percent") == "0.0\xa0pp"
    assert format_change(100.0, 100.04, "count") == "0.0%"


def test_dates_and_periods_in_each_language() -> None:
    assert format_date(date(2026, 10, 5), lang="en") == "5 Oct 2026"
    assert format_date(date(2026, 10, 5), lang="nl") == "5 okt 2026"
    assert format_date(date(2026, 9, 5), lang="en") == "5 Sep 2026"  # never "Sept" beside "Oct"
    assert format_date(date(2026, 9, 5), lang="es") == "5 sept 2026"  # Spanish writes "sept"
    assert format_datetime(datetime(2026, 9, 6, 7, 3, 27), lang="en") == "6 Sep 2026, 07:03:27"
    assert format_datetime(datetime(2026, 9, 6, 7, 3, 27), lang="es") == "6 sept 2026, 7:03:27"
    # each locale's own pattern: Spanish and Dutch write months in lower case
    assert format_period("2026-10", lang="en") == "October 2026"
    assert format_period("2026-10", lang="es") == "octubre de 2026"
    assert format_period("2026-10", lang="nl") == "oktober 2026"
    assert format_period("2026-Q4", lang="en") == "Q4 2026"
    assert format_period("2026-Q4", lang="es") == "T4 2026"
    assert format_period("2026-Q4", lang="nl") == "K4 2026"
    set_language("en")
    assert format_period("2026-W43") == "Week 43, 2026"
    assert format_period("2026") == "2026"


def test_axis_labels_have_one_form_per_period_type() -> None:
    """A quarter on an axis is "Q1 26" (it raised ValueError: 'Q1' taken for a month), and
    English months are all three letters ("Sep 26" beside "Oct 26", never "Sept")."""
    set_language("en")
    assert [short_period(p) for p in ("2026-08", "2026-09", "2026-10")] == [
        "Aug 26",
        "Sep 26",
        "Oct 26",
    ]
    assert short_period("2026-Q1") == "Q1 26"
    assert short_period("2026-W43") == "W43 26"
    assert short_period("2026-W01") == "W1 26"
    assert short_period("2026") == "2026"
    set_language("es")
    assert short_period("2026-10", lang="es") == "oct 26"
    assert short_period("2026-Q1", lang="es") == "T1 26"
    assert short_period("2026-W43", lang="es") == "S43 26"
    set_language("nl")
    assert short_period("2026-10", lang="nl") == "okt 26"
    assert short_period("2026-Q3", lang="nl") == "K3 26"
    set_language("en")


def test_values_are_written_as_the_dashboard_writes_them() -> None:
    """The report and the screen of the same meeting show the same figures."""
    assert format_value(-0.008, "percent") == "-0.8%"  # not "-0.80%" beside "46.5%"
    assert format_value(0.0064, "percent") == "0.64%"  # not "0.6%"
    assert format_value(0.052, "percent") == "5.2%"
    assert format_value(49.333, "count") == "49.3"  # not "49.33" beside "147"
    from reports.formatting import kpi_value

    for value, unit in [
        (0.052, "percent"),
        (0.0064, "percent"),
        (-0.008, "percent"),
        (7_912_345, "count"),
        (49.333, "count"),
        (3.2, "hours"),
        (147.0, "count"),
        (4.25, "count"),
    ]:
        # the screen keeps a figure and its unit on one line (a non-breaking space)
        shown = format_value(value, unit, lang="en").replace("\xa0", " ")
        assert kpi_value(value, unit, "en") == shown, (value, unit)
