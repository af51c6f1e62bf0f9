"""The one formatter (`language.formatting`): every figure, date and period in en/es/nl, on a
screen and in print, with the language given explicitly."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dashboard.formatting import format_value
from dashboard.i18n import set_language
from language.formatting import (
    change,
    format_date,
    format_datetime,
    format_period,
    format_span,
    kpi_value,
    number,
    percent,
    period_label,
    short_period,
    span_label,
    status_count_word,
    status_label,
    values_alike,
)


def test_numbers_follow_the_locale() -> None:
    assert number(12345.6, "en") == "12,346"
    assert number(12345.6, "es") == "12.346"
    assert number(12345.6, "nl") == "12.346"
    assert number(None, "en") == "–"
    assert number(float("nan"), "en") == "–"


def test_percent_of_fractions() -> None:
    assert percent(0.0312, "en", medium="screen") == "3.1%"
    assert percent(0.0312, "es", medium="screen") == "3,1\xa0%"  # the locale's own spacing
    assert percent(0.0312, "es") == "3,1%"  # in print
    assert percent(0.125, "nl", digits=0, signed=True) == "+12%"


def test_values_by_unit_on_a_screen() -> None:
    def screen(value: float | None, unit: str, lang: str = "en") -> str:
        return kpi_value(value, unit, lang, medium="screen")

    assert screen(0.045, "percent") == "4.5%"
    assert screen(2.25, "hours") == "2.2\xa0h"  # a value never breaks over lines
    assert screen(864.0, "hours", "nl") == "864,0\xa0u"
    assert screen(5310.0, "count") == "5,310"
    assert screen(2_500_000.0, "count") == "2.5M"
    assert screen(8_400_000.0, "count", "nl") == "8,4\xa0mln."
    assert screen(None, "count") == "–"


@pytest.mark.parametrize(
    ("value", "unit", "en", "es", "nl"),
    [
        (0.052, "percent", "5.2%", "5,2%", "5,2%"),
        (0.0064, "percent", "0.64%", "0,64%", "0,64%"),  # not "0.6%"
        (-0.008, "percent", "-0.8%", "-0,8%", "-0,8%"),  # not "-0.80%" beside "46.5%"
        (7_912_345, "count", "7.9M", "7,9\xa0M", "7,9\xa0mln."),
        (49.333, "count", "49.3", "49,3", "49,3"),  # not "49.33" beside "147"
        (147.0, "count", "147", "147", "147"),
        (4.25, "ratio", "4.25", "4,25", "4,25"),
        (3.2, "hours", "3.2 h", "3,2 h", "3,2 u"),
        (None, "percent", "–", "–", "–"),
    ],
)
def test_a_kpi_value_in_print(value: float | None, unit: str, en: str, es: str, nl: str) -> None:
    assert [kpi_value(value, unit, lang) for lang in ("en", "es", "nl")] == [en, es, nl]


@pytest.mark.parametrize(
    ("value", "unit"),
    [
        (0.052, "percent"),
        (0.0064, "percent"),
        (-0.008, "percent"),
        (7_912_345, "count"),
        (49.333, "count"),
        (3.2, "hours"),
        (147.0, "count"),
        (4.25, "count"),
    ],
)
def test_screen_and_report_show_the_same_figure(value: float, unit: str) -> None:
    """The report and the screen of one meeting agree: in English they differ only by the
    screen's non-breaking spaces (Spanish percentages also take the locale's own space on a
    screen: "5,2 %")."""
    shown = kpi_value(value, unit, "en", medium="screen").replace("\xa0", " ")
    assert kpi_value(value, unit, "en") == shown
    set_language("nl")  # the dashboard binds the viewer's language
    assert format_value(value, unit) == kpi_value(value, unit, "nl", medium="screen")
    set_language("en")


def test_values_of_one_row_alike() -> None:
    assert values_alike([0.0064, 0.004], "percent", "en") == ["0.64%", "0.40%"]
    assert values_alike([0.052, 0.0064, None], "percent", "en") == ["5.2%", "0.6%", "–"]
    assert values_alike([0.052, 0.0064], "percent", "es") == ["5,2\xa0%", "0,6\xa0%"]
    assert values_alike([147.0, 49.333], "count", "en") == ["147", "49.3"]


def test_change_in_points_for_percentages_and_relative_otherwise() -> None:
    assert change(0.05, 0.04, "percent", "en") == "+1.0\xa0pp"
    assert change(0.05, 0.04, "percent", "es") == "+1,0\xa0p.\xa0p."
    assert change(110, 100, "count", "en") == "+10.0%"
    assert change(90, 100, "count", "en") == "-10.0%"
    assert change(5, 0, "count", "en") == "–"
    assert change(None, 3, "count", "en") == "–"
    # a change that rounds to nothing is shown as nothing, not as "-0.0 pp"
    assert change(0.05199, 0.05201, "percent", "en") == "0.0\xa0pp"
    assert change(100.0, 100.04, "count", "en") == "0.0%"


def test_dates_in_each_language() -> None:
    assert format_date(date(2026, 10, 5), "en") == "5 Oct 2026"
    assert format_date(date(2026, 10, 5), "nl") == "5 okt 2026"
    assert format_date(date(2026, 9, 5), "en") == "5 Sep 2026"  # never "Sept" beside "Oct"
    assert format_date(date(2026, 9, 5), "es") == "5 sept 2026"  # Spanish writes "sept"
    assert format_datetime(datetime(2026, 9, 6, 7, 3, 27), "en") == "6 Sep 2026, 07:03:27"
    assert format_datetime(datetime(2026, 9, 6, 7, 3, 27), "es") == "6 sept 2026, 7:03:27"


def test_periods_on_a_screen() -> None:
    # each locale's own pattern: Spanish and Dutch write months in lower case
    assert format_period("2026-10", "en") == "October 2026"
    assert format_period("2026-10", "es") == "octubre de 2026"
    assert format_period("2026-10", "nl") == "oktober 2026"
    assert format_period("2026-Q4", "en") == "Q4 2026"
    assert format_period("2026-Q4", "es") == "T4 2026"
    assert format_period("2026-Q4", "nl") == "K4 2026"
    assert format_period("2026-W43", "es") == "Semana 43, 2026"
    assert format_period("2026", "en") == "2026"
    assert format_span("2025-10 YTD", "en", short=True) == "Jan\u2009–\u2009Oct 2025"
    assert format_span("2026-09", "nl") == "september 2026"


def test_axis_labels_have_one_form_per_period_type() -> None:
    """A quarter on an axis is "Q1 26" (it raised ValueError: 'Q1' taken for a month), and
    English months are all three letters ("Sep 26" beside "Oct 26", never "Sept")."""
    assert [short_period(p, "en") for p in ("2026-08", "2026-09", "2026-10")] == [
        "Aug 26",
        "Sep 26",
        "Oct 26",
    ]
    assert short_period("2026-Q1", "en") == "Q1 26"
    assert short_period("2026-W43", "en") == "W43 26"
    assert short_period("2026-W01", "en") == "W1 26"
    assert short_period("2026", "en") == "2026"
    assert short_period("2026-10", "es") == "oct 26"
    assert short_period("2026-Q1", "es") == "T1 26"
    assert short_period("2026-W43", "es") == "S43 26"
    assert short_period("2026-10", "nl") == "okt 26"
    assert short_period("2026-Q3", "nl") == "K3 26"


@pytest.mark.parametrize(
    ("period", "lang", "long", "short"),
    [
        ("2026-10", "en", "October 2026", "Oct 26"),
        ("2026-10", "es", "Octubre 2026", "Oct 26"),
        ("2026-10", "nl", "Oktober 2026", "Okt 26"),
        ("2026-Q4", "es", "T4 2026", "T4 2026"),
        ("2026-W43", "nl", "Week 43, 2026", "Week 43, 2026"),
        ("2026", "en", "2026", "2026"),
    ],
)
def test_periods_in_a_report(period: str, lang: str, long: str, short: str) -> None:
    assert period_label(period, lang) == long
    assert period_label(period, lang, short=True) == short


def test_report_periods_inside_a_sentence_and_spans() -> None:
    assert period_label("2026-10", "es", in_sentence=True) == "octubre 2026"
    assert span_label("2025-10 YTD", "en") == "Jan – Oct 2025"
    assert span_label("2026-09 YTD", "es", in_sentence=True) == "ene – sept 2026"
    assert span_label("2026-09", "nl") == "September 2026"


def test_statuses_in_a_report() -> None:
    assert status_label("en", "green") == "On target"
    assert status_label("es", "red") == "Fuera de meta"
    assert status_count_word("nl", "no_data") == "zonder gegevens"
