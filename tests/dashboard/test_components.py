"""Pure builders behind the components: grouping, status, coverage grid, reasons."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
from kpi_results import kpi_result

from dashboard.components.charts import breakdown_bars, sparkline, trend
from dashboard.components.comparison import comparison_table
from dashboard.components.coverage_section import months_shown
from dashboard.components.definitions import definition_rows
from dashboard.components.filters import latest_data_day
from dashboard.components.imports import (
    coverage_grid,
    month_range,
    nest_history,
    reasons_text,
)
from dashboard.components.palette import PLATFORM_COLOURS, STATUS_STYLES, status_label
from dashboard.components.scorecard import (
    change_html,
    compared_with,
    objective_summary_html,
    status_counts,
)
from dashboard.components.status import status_badge_html
from dashboard.components.tables import measure_name, post_rows
from dashboard.components.upload_flow import next_step, waiting_of
from dashboard.formatting import format_values_alike
from dashboard.i18n import set_language
from dashboard.state import period_choices

REPO = Path(__file__).resolve().parents[2]


def test_every_status_has_label_symbol_and_distinct_colour() -> None:
    set_language("en")
    colours = {style.colour for style in STATUS_STYLES.values()}
    assert len(colours) == len(STATUS_STYLES)
    assert status_label("amber") == "Near target"
    badge = status_badge_html("red")
    assert "Off target" in badge and "■" in badge


def test_change_is_coloured_by_direction() -> None:
    up = {"value": 0.05, "previous": 0.04, "unit": "percent", "direction": "up"}
    down = {**up, "direction": "down"}
    assert "skpi-up" in change_html(kpi_result(up)) and "↑" in change_html(kpi_result(up))
    assert "skpi-down" in change_html(kpi_result(down))
    assert "–" in change_html(kpi_result({**up, "previous": None}))
    tiny = {"value": 0.05199, "previous": 0.05201, "unit": "percent", "direction": "up"}
    assert change_html(kpi_result(tiny)) == '<span class="skpi-flat">→ 0.0\xa0pp</span>'


def test_status_counts() -> None:
    rows = [kpi_result(status="green"), kpi_result(status="green"), kpi_result(status="no_data")]
    counts = status_counts(rows)
    assert counts["green"] == 2 and counts["no_data"] == 1 and counts["red"] == 0


def test_coverage_grid_marks_missing_and_partial_months() -> None:
    set_language("en")
    cov = pd.DataFrame(
        [
            {
                "platform": "linkedin",
                "account": "nw",
                "month": "2026-08",
                "posts": 3,
                "days": 31,
                "messages": 0,
            },
            {
                "platform": "linkedin",
                "account": "nw",
                "month": "2026-10",
                "posts": 0,
                "days": 12,
                "messages": 0,
            },
        ]
    )
    grid = coverage_grid(cov, month_range("2026-10", 3))
    assert list(grid["month"]) == ["2026-08", "2026-09", "2026-10"]
    assert list(grid["state"]) == ["covered", "missing", "partial"]
    assert grid["account_label"].iloc[0] == "LinkedIn · nw"
    assert grid["detail"].iloc[2] == "12 days, 0 posts"


def test_month_range_crosses_years() -> None:
    assert month_range("2026-02", 4) == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_coverage_shows_the_months_with_data_at_most_18() -> None:
    assert months_shown("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    shown = months_shown("2023-01", "2026-10")  # 46 months of data: the last 18
    assert (len(shown), shown[0], shown[-1]) == (18, "2025-05", "2026-10")


def test_uploads_waiting_are_those_still_on_disk() -> None:
    results = [{"name": "a", "spooled": "/s/a"}, {"name": "b"}, {"name": "c", "spooled": "/s/c"}]
    assert [r["name"] for r in waiting_of(results, {"/s/c"}.__contains__)] == ["c"]


def test_reasons_and_account_question() -> None:
    set_language("en")
    text = reasons_text([{"column": "impressions", "value": "n/a", "expected": "a number"}])
    assert text == 'impressions = "n/a": expected a number'
    asks = {
        "status": "rejected",
        "needs_account": True,
        "problems": [{"code": "x", "message": "m"}],
    }
    assert next_step(asks) == "ask_account"  # the pipeline's word, whatever the codes say
    assert next_step({**asks, "needs_account": False}) == "report"
    assumed = {"status": "partial", "import_id": 7, "account_assumed": True}
    assert next_step(assumed) == "change_account"
    assert next_step({**assumed, "status": "replaced"}) == "report"
    assert next_step({**assumed, "import_id": None}) == "report"


def test_period_choices_and_latest_day() -> None:
    assert period_choices(date(2026, 10, 15), "quarter", 3) == ["2026-Q4", "2026-Q3", "2026-Q2"]
    assert latest_data_day(date(2026, 10, 4), date(2030, 1, 1)) == date(2026, 10, 31)
    assert latest_data_day(date(2024, 2, 1), date(2030, 1, 1)) == date(2024, 2, 29)
    assert latest_data_day(None, date(2030, 1, 1)) == date(2030, 1, 1)


def test_breakdown_chart_names_platforms_and_keeps_their_colours() -> None:
    set_language("en")
    frame = pd.DataFrame({"platform": ["linkedin", "facebook"], "value": [0.06, 0.05]})
    spec = breakdown_bars(frame, "platform", "percent").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert {r["platform_name"] for r in rows} == {"LinkedIn", "Facebook"}
    bars = spec["layer"][0]["encoding"]
    assert bars["y"]["field"] == "platform_name"
    assert bars["color"]["scale"] == {
        "domain": ["Facebook", "LinkedIn"],
        "range": [PLATFORM_COLOURS["facebook"], PLATFORM_COLOURS["linkedin"]],
    }
    assert [t["title"] for t in bars["tooltip"]] == ["Name", "Value"]


def test_trend_names_target_and_baseline_in_a_legend() -> None:
    set_language("en")
    series = pd.DataFrame(
        {
            "period": ["2026-09", "2026-10"],
            "label": ["Sept 2026", "Oct 2026"],
            "value": [0.04, 0.054],
        }
    )
    spec = trend(series, "percent", target=0.05, baseline=0.02).to_dict()
    assert len(spec["layer"]) == 3  # line, points, the reference rules; no text drawn on lines
    rules = spec["layer"][2]["encoding"]
    assert rules["color"]["scale"]["domain"] == ["Target", "Baseline"]
    assert rules["strokeDash"]["scale"]["range"] == [[6, 4], [2, 3]]
    assert spec["layer"][0]["encoding"]["y"]["axis"]["format"] == ".1~%"
    assert spec["layer"][0]["encoding"]["y"]["title"] is None  # no meaningless "Value" title
    hours = trend(series, "hours", target=None, baseline=None).to_dict()
    assert len(hours["layer"]) == 2
    assert hours["layer"][0]["encoding"]["y"]["title"] == "Hours"


def test_charts_write_numbers_in_the_readers_language() -> None:
    series = pd.DataFrame({"period": ["2026-10"], "label": ["Oct 2026"], "value": [0.052]})
    set_language("es")
    try:
        number = trend(series, "percent").to_dict()["config"]["locale"]["number"]
        assert (number["decimal"], number["thousands"]) == (",", ".")
        frame = pd.DataFrame({"platform": ["x"], "value": [0.05]})
        assert breakdown_bars(frame, "platform", "percent").to_dict()["config"]["locale"] == {
            "number": number
        }
    finally:
        set_language("en")
    number = trend(series, "percent").to_dict()["config"]["locale"]["number"]
    assert (number["decimal"], number["thousands"]) == (".", ",")


def test_account_breakdown_keeps_one_bar_per_platform_account() -> None:
    """The same handle on Instagram and X is two accounts: two bars, never one stacked bar."""
    set_language("en")
    frame = pd.DataFrame(
        {
            "platform": ["instagram", "x", "facebook"],
            "account": ["northwindpolicy", "northwindpolicy", "Northwind"],
            "value": [3.2, 3.0, 3.3],
        }
    )
    spec = breakdown_bars(frame, "account", "hours").to_dict()
    rows = next(iter(spec["datasets"].values()))
    labels = [r["account_label"] for r in rows]
    assert labels == ["Instagram · northwindpolicy", "X · northwindpolicy", "Facebook · Northwind"]
    assert spec["layer"][0]["encoding"]["y"]["field"] == "account_label"
    assert spec["layer"][1]["encoding"]["text"]["format"] == ",.1f"  # 3.2 h, not "3"


def test_breakdown_labels_sit_outside_negative_bars() -> None:
    set_language("en")
    frame = pd.DataFrame({"platform": ["facebook", "x"], "value": [-0.113, 0.042]})
    layers = breakdown_bars(frame, "platform", "percent").to_dict()["layer"]
    gains, losses = layers[1], layers[2]
    assert (gains["mark"]["align"], gains["mark"]["dx"]) == ("left", 4)
    assert (losses["mark"]["align"], losses["mark"]["dx"]) == ("right", -4)
    assert losses["transform"] == [{"filter": "(datum.value < 0)"}]
    low, high = layers[0]["encoding"]["x"]["scale"]["domain"]
    assert low < -0.113 and high > 0.042  # room for the labels beyond both ends
    gains_only = pd.DataFrame({"platform": ["x"], "value": [0.05]})
    domain = breakdown_bars(gains_only, "platform", "percent").to_dict()["layer"][0]["encoding"]
    assert domain["x"]["scale"]["domain"][0] == 0.0  # no negative ticks under gains


def test_comparison_table_shows_status_once_for_the_whole_kpi() -> None:
    set_language("en")
    overall = [
        kpi_result(
            kpi_id="posts",
            name="Posts",
            value=10.0,
            target=8.0,
            status="green",
            unit="count",
            platforms=["facebook", "x"],
        )
    ]
    per = {
        "facebook": {"posts": kpi_result(kpi_id="posts", value=6.0, platforms=["facebook"])},
        "x": {"posts": kpi_result(kpi_id="posts", value=None, platforms=["x"])},
    }
    table = comparison_table(overall, per)
    assert table.count("On target") == 1
    assert ">6<" in table and ">–<" in table and ">X<" in table


def test_comparison_table_says_what_a_running_total_and_its_target_cover() -> None:
    """2026 in October: the Platforms page showed 7.9M against 7M with nothing saying the
    value is January to October and the target 10/12 of the year's 8.4M."""
    set_language("en")
    overall = [
        kpi_result(
            {
                "kpi_id": "impressions",
                "name": "Impressions",
                "value": 7_900_000.0,
                "target": 7_000_000.0,
                "target_share": 10 / 12,
                "target_period": "2026",
                "status": "green",
                "status_reason": "pro_rated_target",
                "unit": "count",
                "cumulative": True,
                "in_progress": True,
                "coverage_done": 10,
                "coverage_total": 12,
                "coverage_unit": "month",
                "platforms": ["x"],
            }
        )
    ]
    per = {"x": {"impressions": kpi_result(kpi_id="impressions", value=2_300_000.0)}}
    table = comparison_table(overall, per)
    cells = [re.sub(r"<[^>]+>", "|", c).strip("|") for c in re.findall(r"<td[^>]*>.*?</td>", table)]
    assert cells[1] == "7.9M||year to date||10\u00a0of\u00a012\u00a0months"
    assert cells[2] == "7M||83%\u00a0of\u00a08.4M||2026 target"
    assert cells[4] == "2.3M"


def test_zip_members_are_listed_under_their_zip_in_import_order() -> None:
    history = pd.DataFrame(
        {  # newest first, as warehouse.queries.list_imports returns it
            "id": [9, 8, 7, 6, 5, 4],
            "file_name": ["late.csv", "b.csv", "a.csv", "bundle.zip", "orphan.csv", "old.csv"],
            "parent_id": [None, 6, 6, None, 2, None],
        }
    )
    nested = nest_history(history)
    assert list(nested["id"]) == [9, 6, 7, 8, 5, 4]
    assert list(nested["depth"]) == [0, 0, 1, 1, 0, 0]
    assert list(nested["file_label"]) == [
        "late.csv",
        "bundle.zip",
        "↳ a.csv",
        "↳ b.csv",
        "orphan.csv",  # its ZIP (#2) is not in the listing: stays a top-level row
        "old.csv",
    ]
    empty = nest_history(history.iloc[0:0])
    assert empty.empty and {"depth", "file_label"} <= set(empty.columns)


def test_post_rows_leave_a_missing_link_empty_and_capitalise_the_type() -> None:
    posts = pd.DataFrame(
        {
            "published_at": pd.to_datetime(["2026-10-02", "2026-10-08"]),
            "platform": ["linkedin", "instagram"],
            "account": ["nw", "nw"],
            "post_type": ["video", None],
            "text": ["A", "B"],
            "permalink": [None, "https://example.org/p/1"],
            "engagements": [780.0, 809.0],
        }
    )
    set_language("en")
    rows = post_rows(posts, "engagements")
    assert list(rows["permalink"]) == ["", "https://example.org/p/1"]  # never "None"
    assert list(rows["type"]) == ["Video", ""]
    assert list(rows["platform"]) == ["LinkedIn", "Instagram"]


def test_measures_are_named_in_the_readers_language() -> None:
    set_language("es")
    try:
        assert measure_name("link_clicks") == "Clics en enlaces"
    finally:
        set_language("en")
    assert measure_name("watch_time_hours") == "Hours watched"
    assert measure_name("brand_new_measure") == "Brand new measure"


def test_definitions_speak_the_readers_words() -> None:
    from metrics.strategy import load_strategy

    set_language("en")
    sf = load_strategy(REPO / "sample_data" / "strategy.yaml")
    names = {k.id: k.name for k in sf.kpis()}
    rate = dict(definition_rows(sf.kpi("engagement_rate"), names))
    assert rate["Formula"] == "Σ engagements ÷ Σ impressions (per post)"
    assert rate["Denominator"] == "impressions, over the posts that report impressions"
    assert rate["Level"] == "Outtake: how the audience responded"
    growth = dict(definition_rows(sf.kpi("engagement_rate_growth"), names))
    assert growth["Formula"] == "growth of Engagement rate per impression since the previous period"
    assert "Denominator" not in growth  # no row of dashes for KPIs without one
    derived = dict(definition_rows(sf.kpi("reactions_per_post"), names))
    assert derived["Formula"] == "Reactions and likes / Posts published"
    response = dict(definition_rows(sf.kpi("median_first_response"), names))
    assert response["Formula"] == "median of hours to first response (per inbox message)"
    # a year-to-date KPI's baseline written for "2025-12" is the year's total, and says so
    # without a scorecard row to name it (the Strategy page said "(December 2025)")
    impressions = dict(definition_rows(sf.kpi("research_impressions"), names))
    assert impressions["Baseline"] == "7M (January\u2009–\u2009December 2025)"
    assert dict(definition_rows(sf.kpi("posts_published"), names))["Baseline"] == (
        "112 (December 2025)"
    )
    set_language("nl")
    try:  # the Dutch grain read "(per bericht (inbox))" inside the formula's parentheses
        dutch = dict(definition_rows(sf.kpi("median_first_response"), names))
        assert dutch["Formule"] == "mediaan van uren tot eerste reactie (per inboxbericht)"
        impressions = dict(definition_rows(sf.kpi("research_impressions"), names))
        assert impressions["Nulmeting"] == "7\u00a0mln. (januari–december 2025)"
    finally:
        set_language("en")


def test_objective_summary_counts_its_own_kpis_worst_first() -> None:
    set_language("en")
    rows = [kpi_result(status=s) for s in ("green", "red", "green", None)]
    html = objective_summary_html(rows)
    chips = re.findall(r"<span class=\"skpi-chip\"[^>]*>(.*?)</span>", html)
    assert [re.sub(r"<[^>]+>", "", c) for c in chips] == [
        "■ 1 Off target",
        "● 2 On target",
        "– 1 No data",
    ]


def test_change_names_what_it_compares_with() -> None:
    set_language("en")
    row = {"value": 110.0, "previous": 100.0, "unit": "count", "direction": "up"}
    assert compared_with(kpi_result({**row, "period": "2026-10"})) == "2026-09"
    assert compared_with(kpi_result({**row, "period": "2026-Q1"})) == "2025-Q4"
    assert (
        compared_with(kpi_result({**row, "period": "2026-10", "cumulative": True})) == "2026-09 YTD"
    )
    # metrics names it when it knows better (same point last year, for a running total)
    named = {**row, "period": "2026-10", "compared_with": "2025-10 YTD"}
    assert compared_with(kpi_result(named)) == "2025-10 YTD"
    assert change_html(kpi_result(named)).endswith(
        '<span class="skpi-note">vs Jan\u2009–\u2009Oct 2025</span>'
    )
    assert "vs Sep 2026" in change_html(kpi_result({**row, "period": "2026-10"}))
    assert "vs Q4 2025" in change_html(kpi_result({**row, "period": "2026-Q1"}))
    assert "skpi-note" not in change_html(
        kpi_result({**row, "period": "2026-10", "previous": None})
    )


def test_comparison_table_tells_not_counted_from_no_data_and_aligns_decimals() -> None:
    set_language("en")
    overall = [
        kpi_result(
            kpi_id="growth",
            name="Engagement rate growth",
            value=-0.008,
            target=0.04,
            status="red",
            unit="percent",
            platforms=["facebook", "instagram", "x"],
        )
    ]
    per_platform = {
        "facebook": {"growth": kpi_result(kpi_id="growth", value=-0.113)},
        "instagram": {"growth": kpi_result(kpi_id="growth", value=-0.0043)},
        "x": {"growth": kpi_result(kpi_id="growth", value=None)},
        "youtube": {"growth": kpi_result(kpi_id="growth", value=None)},
    }
    table = comparison_table(overall, per_platform)
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>.*?</td>", table)]
    assert cells == [
        "Engagement rate growth",
        "-0.8%",
        "4.0%",
        "■ Off target",
        "-11.3%",
        "-0.4%",  # not "-0.43%" beside "-11.3%"
        "–",  # X counts in this KPI but reported nothing
        "not counted",  # YouTube is not one of the KPI's platforms
    ]
    assert table.startswith('<div class="skpi-scroll">')


def test_values_side_by_side_share_their_decimals() -> None:
    assert format_values_alike([0.0064, 0.004], "percent", lang="en") == ["0.64%", "0.40%"]
    assert format_values_alike([0.052, 0.0064, None], "percent", lang="en") == ["5.2%", "0.6%", "–"]
    assert format_values_alike([0.052, 0.0064], "percent", lang="es") == ["5,2\xa0%", "0,6\xa0%"]
    assert format_values_alike([147.0, 49.333], "count", lang="en") == ["147", "49.3"]


def test_sparkline_draws_the_target_of_each_period() -> None:
    set_language("en")
    series = pd.DataFrame(
        {
            "period": ["2026-08", "2026-09", "2026-10"],
            "label": ["Aug 26", "Sep 26", "Oct 26"],
            "value": [3.0, 4.0, 5.0],
            "target": [None, 4.5, 4.5],
        }
    )
    spec = sparkline(series, "count").to_dict()
    target = spec["layer"][0]
    assert target["mark"]["strokeDash"] == [3, 2]
    assert target["encoding"]["y"]["field"] == "target"
    assert [t["title"] for t in target["encoding"]["tooltip"]] == ["Period", "Target"]
    no_target = sparkline(series.assign(target=None), "count").to_dict()
    assert len(no_target["layer"]) == 2  # the line and its points only


def test_rejected_file_shows_no_row_counters() -> None:
    from streamlit.testing.v1 import AppTest

    def report() -> None:
        from dashboard.components.imports import file_report

        file_report(
            {
                "name": "notes.csv",
                "status": "rejected",
                "rows_read": 0,
                "rows_loaded": 0,
                "rows_rejected": 0,
                "problems": [{"code": "unknown_format", "message": "not an export we know"}],
            },
            None,
        )
        file_report(
            {
                "name": "posts.csv",
                "status": "loaded",
                "rows_read": 5,
                "rows_loaded": 5,
                "rows_rejected": 0,
            },
            None,
        )

    at = AppTest.from_function(report).run()
    assert not at.exception
    assert [m.label for m in at.metric] == ["Rows read", "Rows accepted", "Rows quarantined"]
    assert [m.value for m in at.metric] == ["5", "5", "0"]  # the loaded file's only
    assert len(at.error) == 1


def test_year_to_date_trend_draws_the_month_and_the_running_total_apart() -> None:
    """The trend mixed 2025 monthly values with 2026 running totals in one line."""
    set_language("en")
    series = pd.DataFrame(
        {
            "period": ["2025-12", "2026-01", "2026-02"],
            "label": ["Dec 25", "Jan 26", "Feb 26"],
            "value": [7.0e6, 0.64e6, 1.3e6],
            "period_value": [0.6e6, 0.64e6, 0.66e6],
            "running_total": [7.0e6, 0.64e6, 1.3e6],
            "target": [None, 0.7e6, 1.4e6],  # the year target pro-rated, 2026 only
        }
    )
    spec = trend(series, "count", baseline=7.0e6, period_name="Each month").to_dict()
    values, refs = spec["layer"]
    lines = spec["datasets"][values["data"]["name"]]
    named = {(r["name"], r["period"]): r["value"] for r in lines}
    assert named[("Each month", "2026-01")] == 0.64e6
    assert named[("Year to date", "2025-12")] == 7.0e6
    assert values["layer"][0]["encoding"]["color"]["scale"]["domain"] == [
        "Each month",
        "Year to date",
    ]
    # the target follows the pro-rated points; a year's baseline is not drawn against them
    assert refs["encoding"]["color"]["scale"]["domain"] == ["Target"]
    target_rows = spec["datasets"][refs["data"]["name"]]
    assert [(r["period"], r["value"]) for r in target_rows] == [
        ("2026-01", 0.7e6),
        ("2026-02", 1.4e6),
    ]
    assert spec["resolve"] == {"scale": {"color": "independent", "strokeDash": "independent"}}


def test_meeting_card_change_that_rounds_to_nothing_is_no_movement() -> None:
    """The demo's engagement rate per impression read "↓ 0.0 pp vs September 2026" in red on
    the projector: 5.19% after 5.21% is no movement at the precision shown."""
    from dashboard.components.meeting import change_html as meeting_change
    from reports.review_pack import KpiLine

    set_language("en")
    flat = KpiLine(
        kpi_id="er",
        objective_id="o",
        strategy_id="main",
        name="Engagement rate",
        period="2026-10",
        unit="percent",
        direction="up",
        owner="",
        value=0.05199,
        previous=0.05201,
        last_year=None,
        target=0.047,
        baseline=None,
        status="green",
        progress=None,
    )
    assert meeting_change(flat, "2026-10") == (
        '<span class="skpi-flat">→ 0.0\xa0pp vs September 2026</span>'
    )
    fell = KpiLine(**{**flat.__dict__, "value": 0.0450})
    assert meeting_change(fell, "2026-10").startswith('<span class="skpi-down">↓ -0.7\xa0pp')
