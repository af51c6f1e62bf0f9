"""Figures that mean what they say: what a value covers and what it is judged against, in the
reader's words (dashboard/components/readings.py), from metrics' results.

Demo data (sample_data, strategy 'Research reach and policy influence 2026'), as metrics computes
them from the sample exports: impressions January-October 2026 = 7,913,243 against 5,848,819 for
January-October 2025 (+35.3%); January 2026 alone 640,575 against January 2025's 529,378
(+21.0%, where comparing with all of 2025 read -90.9%); LinkedIn new followers in January 2026:
229 against the Q1 target of 750 (31%).
"""

from __future__ import annotations

import pytest
from dashboard_seed import APP
from kpi_results import kpi_result
from streamlit.testing.v1 import AppTest

from dashboard.components.readings import (
    IN_PROGRESS,
    PART_OF_WHOLE,
    comparison_note,
    coverage_note,
    display_status,
    enclosing_share_note,
    partial_comparison,
    shown_target,
    target_note,
    target_notes,
    value_notes,
    whole_note,
)
from dashboard.components.scorecard import change_html
from dashboard.i18n import set_language

YTD = {
    "kpi_id": "research_impressions",
    "period": "2026-10",
    "value": 7_913_243.0,
    "previous": 7_029_966.0,
    "compared_with": "2025-10 YTD",
    "comparison": "same_point_last_year",
    "cumulative": True,
    "target": 7_000_000.0,
    "target_period": "2026",
    "target_share": 10 / 12,
    "status": "green",
    "status_reason": "prorated_target",
    "unit": "count",
}


@pytest.fixture(autouse=True)
def english() -> object:
    set_language("en")
    yield
    set_language("en")


def test_year_to_date_value_says_so_and_names_its_comparison() -> None:
    assert value_notes(kpi_result(YTD)) == ["year to date"]
    assert comparison_note(kpi_result(YTD)) == "vs Jan\u2009–\u2009Oct 2025"
    assert comparison_note(kpi_result(YTD), short=False) == "vs January\u2009–\u2009October 2025"
    # the written year target 8.4M, pro-rated to ten months: 7M
    assert target_notes(kpi_result(YTD)) == ["83%\xa0of\xa08.4M", "2026 target"]
    assert target_note(kpi_result(YTD)) == "83%\xa0of\xa08.4M · 2026 target"
    set_language("es")
    assert comparison_note(kpi_result(YTD)) == "vs. ene–oct 2025"
    assert value_notes(kpi_result(YTD)) == ["acumulado del año"]


def test_an_incomplete_quarter_says_how_much_of_it_is_there() -> None:
    quarter = {
        "period": "2026-Q4",
        "value": 198.0,
        "previous": 358.0,
        "compared_with": "2026-Q3",
        "target": 550 / 3,
        "target_period": "2026-Q4",
        "target_share": 1 / 3,
        "coverage_done": 1,
        "coverage_total": 3,
        "coverage_unit": "month",
        "in_progress": True,
        "status": "green",
        "status_reason": "prorated_target",
        "unit": "count",
    }
    assert coverage_note(kpi_result(quarter)) == "1\u00a0of\u00a03\u00a0months"
    assert target_notes(kpi_result(quarter)) == ["33%\xa0of\xa0550", "Q4\xa02026 target"]
    # October alone against all of Q3: named, and not coloured better or worse
    assert comparison_note(kpi_result(quarter)) == "vs all of Q3 2026"
    assert partial_comparison(kpi_result(quarter))
    assert 'class="skpi-flat">↓ -44.7%' in change_html(kpi_result({**quarter, "direction": "up"}))
    # a running total in progress is compared with the same point a year earlier: like with like
    assert not partial_comparison(kpi_result({**YTD, "in_progress": True}))
    week = {**quarter, "coverage_done": 3, "coverage_total": 7, "coverage_unit": "day"}
    assert coverage_note(kpi_result(week)) == "3\u00a0of\u00a07\u00a0days"
    assert coverage_note(kpi_result({**quarter, "in_progress": False, "coverage_done": 3})) is None
    set_language("nl")
    assert coverage_note(kpi_result(quarter)) == "1\u00a0van\u00a03\u00a0maanden"
    set_language("es")
    assert (
        coverage_note(kpi_result({**quarter, "coverage_total": 1})) == "1\u00a0de\u00a01\u00a0mes"
    )
    not_yet = {**quarter, "status": "no_target", "status_reason": "in_progress"}
    assert display_status(kpi_result(not_yet)) == IN_PROGRESS


def test_a_filtered_view_shows_a_share_of_the_whole_and_no_status() -> None:
    additive = {
        "value": 70.0,
        "whole_value": 198.0,
        "share_of_whole": 70 / 198,
        "status": "no_target",
        "status_reason": "filtered_subset",
        "unit": "count",
    }
    assert whole_note(kpi_result(additive)) == "35% of 198"
    assert display_status(kpi_result(additive)) == PART_OF_WHOLE
    level = {**additive, "value": 0.05, "whole_value": 0.052, "share_of_whole": None}
    assert whole_note(kpi_result({**level, "unit": "percent"})) == "all platforms: 5.2%"
    assert whole_note(kpi_result({"value": 1.0, "unit": "count"})) is None
    # a KPI with no data in the view stays "no data", whatever the reason
    assert display_status(kpi_result({**additive, "status": "no_data"})) == "no_data"


def test_a_month_without_a_target_shows_its_quarters() -> None:
    month = {
        "value": 229.0,
        "target": None,
        "status": "no_target",
        "status_reason": "enclosing_target",
        "enclosing_target": 750.0,
        "enclosing_target_period": "2026-Q1",
        "share_of_enclosing": 229 / 750,
        "unit": "count",
    }
    assert shown_target(kpi_result(month)) == 750.0
    assert target_note(kpi_result(month)) == "Q1\xa02026 target"
    assert enclosing_share_note(kpi_result(month)) == "31% of Q1"
    inherited = {"target": 0.016, "target_period": "2026-Q1", "status_reason": "inherited_target"}
    assert target_note(kpi_result({**inherited, "unit": "percent"})) == "Q1\xa02026 target"
    assert target_note(kpi_result({"target": 5.0, "target_period": "2026-10"})) is None


def overview(**params: str) -> str:
    at = AppTest.from_file(str(APP), default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    return " ".join(m.value for m in at.markdown if "skpi-theme" not in m.value)


@pytest.mark.slow
def test_demo_overview_reads_year_to_date_against_last_year(demo_env: str) -> None:
    october = overview(period="2026-10", grain="month")
    assert (
        '<span class="skpi-value">7.9M</span><span class="skpi-note">year to date</span>'
    ) in october
    assert '↑ +35.3%</span><span class="skpi-note">vs Jan\u2009–\u2009Oct 2025</span>' in october
    january = overview(period="2026-01", grain="month")
    assert '↑ +21.0%</span><span class="skpi-note">vs Jan 2025</span>' in january  # not -90.9%
    assert '<span class="skpi-note">Q1\xa02026 target</span>' in january
    assert "○ 31% of Q1" in january  # LinkedIn new followers: 229 of the Q1 750


@pytest.mark.slow
def test_demo_quarter_opens_on_the_latest_complete_one(demo_env: str) -> None:
    """Clicking Quarter opened Q4 2026, which holds only October, with 9 'off target'."""
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at.segmented_control(key="grain").set_value("quarter").run()
    assert at.session_state["period"] == "2026-Q3"
    q4 = overview(period="2026-Q4", grain="quarter")
    assert (
        q4.count('<span class="skpi-note">1\u00a0of\u00a03\u00a0months</span>') == 18
    )  # every quarterly KPI
    assert (
        q4.count('<span class="skpi-note">10\u00a0of\u00a012\u00a0months</span>') == 2
    )  # the year to date ones
