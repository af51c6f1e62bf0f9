"""Chart specs: value and target series, dated events placed on their period."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from reports.branding import Branding
from reports.charts import kpi_chart_spec, render_png, series_frame
from reports.review_pack import AnnotationItem, KpiLine, KpiSeries, SeriesPoint

KPI = KpiLine(
    kpi_id="engagement_rate",
    objective_id="engagement",
    strategy_id="main",
    name="Engagement rate",
    period="2026-04",
    value=0.044,
    previous=0.052,
    last_year=None,
    baseline=0.03,
    target=0.05,
    status="red",
    progress=0.7,
    unit="percent",
    direction="up",
    owner="Comms",
)
SERIES = KpiSeries(
    "engagement_rate",
    tuple(
        SeriesPoint(f"2026-{m:02}", date(2026, m, 1), v, t, in_progress=m == 4)
        for m, v, t in [(1, None, 0.045), (2, 0.031, 0.045), (3, 0.034, None), (4, 0.044, 0.05)]
    ),
)


def test_series_frame_leaves_out_missing_values_and_translates_labels() -> None:
    frame = series_frame(SERIES, "nl")[["period", "what", "number", "in_progress"]]
    assert list(frame.itertuples(index=False, name=None)) == [
        ("2026-01", "Doel", 0.045, False),
        ("2026-02", "Waarde", 0.031, False),
        ("2026-02", "Doel", 0.045, False),
        ("2026-03", "Waarde", 0.034, False),
        ("2026-04", "Waarde", 0.044, True),
        ("2026-04", "Doel", 0.05, True),
    ]


def test_events_sit_on_their_period_and_late_labels_point_left() -> None:
    events = (
        AnnotationItem(date(2026, 1, 20), "Launch", None),
        AnnotationItem(date(2026, 4, 3), "Rent campaign", "engagement_rate"),
        AnnotationItem(date(2026, 2, 1), "Other KPI", "followers"),
    )
    spec = kpi_chart_spec(KPI, SERIES, Branding(), "en", annotations=events)
    texts = [layer for layer in spec["layer"] if layer["mark"].get("type") == "text"]
    placed = {
        layer["mark"]["align"]: [row["label"] for row in spec["datasets"][layer["data"]["name"]]]
        for layer in texts
    }
    assert placed == {"left": ["Launch"], "right": ["Rent campaign"]}
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    assert axis["format"] == ".1~%"


def test_chart_renders_offline_to_png() -> None:
    png = render_png(kpi_chart_spec(KPI, SERIES, Branding(), "es"), scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 2000


def test_value_and_target_differ_in_colour_dash_and_width() -> None:
    """Both lines were blue: the value is solid in the primary colour, the target dashed in
    the target colour, so they differ in print and for colour-blind readers too."""
    branding = Branding(primary="#1F4E79", accent="#2E86AB")
    spec = kpi_chart_spec(KPI, SERIES, branding, "en")
    line = spec["layer"][0]["encoding"]
    assert line["color"]["scale"] == {
        "domain": ["Value", "Target"],
        "range": ["#1F4E79", "#D97B00"],
    }
    assert line["strokeDash"]["scale"]["range"] == [[1, 0], [6, 4]]
    assert line["strokeWidth"]["scale"]["range"] == [2.6, 2.0]


def test_a_period_in_progress_is_an_open_circle() -> None:
    spec = kpi_chart_spec(KPI, SERIES, Branding(), "en")
    points = [layer for layer in spec["layer"] if layer["mark"].get("type") == "point"]
    open_marks = [p for p in points if p["mark"].get("fill") == "white"]
    assert len(open_marks) == 1
    assert open_marks[0]["transform"][-1] == {"filter": "datum.in_progress"}


def test_a_year_to_date_value_is_named_so() -> None:
    from dataclasses import replace

    spec = kpi_chart_spec(replace(KPI, cumulative=True), SERIES, Branding(), "es")
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["Acumulado del año", "Meta"]


def test_a_year_to_date_line_starts_again_each_january() -> None:
    """December's running total (the year's) must not be joined to January's by a line that
    reads as a collapse: a cumulative KPI's lines are drawn per year."""
    points = tuple(
        SeriesPoint(p, date(int(p[:4]), int(p[5:]), 1), v, None)
        for p, v in [("2025-11", 6.4e6), ("2025-12", 7.0e6), ("2026-01", 0.7e6), ("2026-02", 1.3e6)]
    )
    series = KpiSeries("impressions", points)
    assert list(series_frame(series, "en", by_year=True)["segment"]) == [
        "2025",
        "2025",
        "2026",
        "2026",
    ]
    ytd = replace(KPI, cumulative=True)  # the same KPI, year to date
    line = kpi_chart_spec(ytd, series, Branding(), "en")["layer"][0]["encoding"]
    assert line["detail"] == {"field": "segment", "type": "nominal"}
    assert set(series_frame(SERIES, "en")["segment"]) == {""}  # others: one line


def test_a_year_to_date_chart_names_the_running_total_and_each_month() -> None:
    points = (
        SeriesPoint("2026-09", date(2026, 9, 1), 6.5e6, 6.3e6, period_value=0.6e6),
        SeriesPoint("2026-10", date(2026, 10, 1), 7.9e6, 7.0e6, period_value=1.4e6),
    )
    spec = kpi_chart_spec(
        replace(KPI, unit="count", cumulative=True),
        KpiSeries("impressions", points),
        Branding(primary="#1F4E79", accent="#2E86AB"),
        "en",
    )
    line = spec["layer"][0]["encoding"]
    assert line["color"]["scale"] == {
        "domain": ["Year to date", "Each month", "Target"],
        "range": ["#1F4E79", "#2E86AB", "#D97B00"],
    }
    rows = spec["datasets"][spec["data"]["name"]]
    assert [(r["what"], r["number"]) for r in rows if r["period"] == "2026-10"] == [
        ("Year to date", 7.9e6),
        ("Each month", 1.4e6),
        ("Target", 7.0e6),
    ]


@pytest.mark.parametrize(
    ("lang", "label"), [("en", "8M"), ("es", "8\u00a0M"), ("nl", "8\u00a0mln.")]
)
def test_count_axes_write_millions_as_the_reader_does(lang: str, label: str) -> None:
    """Vega's "~s" wrote "8M" in every language while the tables wrote "8,4 mln."."""
    import vl_convert

    points = (
        SeriesPoint("2026-09", date(2026, 9, 1), 4.0e6, None),
        SeriesPoint("2026-10", date(2026, 10, 1), 8.4e6, None),
    )
    spec = kpi_chart_spec(replace(KPI, unit="count"), KpiSeries("i", points), Branding(), lang)
    svg = vl_convert.vega_to_svg(vl_convert.vegalite_to_vega(spec))
    assert f">{label}<" in svg


@pytest.mark.parametrize(
    ("lang", "top", "label"), [("en", 0.85, "80%"), ("nl", 0.85, "80%"), ("nl", 0.024, "0,5%")]
)
def test_percent_axes_drop_a_decimal_that_says_nothing(lang: str, top: float, label: str) -> None:
    """Round ticks read '80%', not '80,0%'; a tick between keeps its decimal ('0,5%')."""
    import re

    import vl_convert

    points = (
        SeriesPoint("2026-09", date(2026, 9, 1), top / 2, None),
        SeriesPoint("2026-10", date(2026, 10, 1), top, None),
    )
    spec = kpi_chart_spec(KPI, KpiSeries("p", points), Branding(), lang)
    svg = vl_convert.vega_to_svg(vl_convert.vegalite_to_vega(spec))
    ticks = re.findall(r">([\d.,]+%)<", svg)
    assert label in ticks, ticks
    assert not [t for t in ticks if re.search(r"[.,]0%$", t)], ticks
