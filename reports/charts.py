"""Charts of the reports: Altair specs of a KPI's series (value, target, dated events),
rendered offline to PNG with vl-convert."""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd

from language.catalogs import rt
from language.formatting import compact_label_expr, period_label, vega_locale
from reports.branding import Branding
from reports.review_pack import AnnotationItem, KpiLine, KpiSeries

AXIS_FORMATS: dict[str, str] = {"percent": ".1~%", "hours": ",~f", "count": "~s"}


VALUE_DASH: list[int] = [1, 0]  # solid
TARGET_DASH: list[int] = [6, 4]  # dashed
VALUE_WIDTH, TARGET_WIDTH = 2.6, 2.0
MONTH_WIDTH = 1.4  # a year-to-date KPI's own months, beside its running total


def value_label(kpi: KpiLine, lang: str) -> str:
    """The value line's name: "Year to date" for a running total, else "Value"."""
    return rt(lang, "Year to date") if kpi.cumulative else rt(lang, "Value")


def series_frame(
    series: KpiSeries, lang: str, *, value_name: str | None = None, by_year: bool = False
) -> pd.DataFrame:
    """Long frame: period, what (value/target label), number, in_progress, segment (the
    year when `by_year`: lines are drawn per segment); missing values left out."""
    value_name = value_name or rt(lang, "Value")
    target_label = rt(lang, "Target")
    rows: list[dict[str, Any]] = []
    for point in series.points:
        if point.value is not None:
            rows.append(
                {
                    "period": point.period,
                    "what": value_name,
                    "number": point.value,
                    "in_progress": point.in_progress,
                }
            )
        if point.period_value is not None:
            rows.append(
                {
                    "period": point.period,
                    "what": rt(lang, "Each month"),
                    "number": point.period_value,
                    "in_progress": point.in_progress,
                }
            )
        if point.target is not None:
            rows.append(
                {
                    "period": point.period,
                    "what": target_label,
                    "number": point.target,
                    "in_progress": point.in_progress,
                }
            )
    frame = pd.DataFrame(rows, columns=["period", "what", "number", "in_progress"])
    # a line never joins two years of a year-to-date KPI: its running total starts again in
    # January, and a line from December's year total down to January reads as a collapse
    frame["segment"] = frame["period"].str[:4] if by_year else ""
    return frame


def kpi_chart_spec(
    kpi: KpiLine,
    series: KpiSeries,
    branding: Branding,
    lang: str,
    *,
    annotations: tuple[AnnotationItem, ...] = (),
    width: int = 420,
    height: int = 170,
) -> dict[str, Any]:
    """A Vega-Lite spec: the KPI's values as a solid line with dots in the primary colour,
    its targets as a dashed line in the target colour (colour *and* dash tell them apart,
    also in black and white); a period whose data is not complete is an open circle."""
    value_name = value_label(kpi, lang)
    frame = series_frame(series, lang, value_name=value_name, by_year=kpi.cumulative)
    periods = [p.period for p in series.points]
    target_label = rt(lang, "Target")
    axis_format = AXIS_FORMATS.get(kpi.unit, ",.2~f")
    x = alt.X(
        "period:O",
        sort=periods,
        title=None,
        scale=alt.Scale(domain=periods),
        # "Oct 25" for 2025-10: the ids are for files, the labels for executives.
        axis=alt.Axis(
            labelAngle=-40,
            labelExpr=f"{json.dumps({p: period_label(p, lang, short=True) for p in periods})}"
            "[datum.value]",
        ),
    )
    # counts in the reader's compact form ("8 mln."), not Vega's "8M" in every language
    ticks = (
        {"labelExpr": compact_label_expr(lang)} if kpi.unit == "count" else {"format": axis_format}
    )
    y = alt.Y("number:Q", title=None, axis=alt.Axis(tickCount=4, **ticks))
    monthly = rt(lang, "Each month")
    # a year-to-date KPI adds its months' own values: thin, solid, in the accent colour
    each = [monthly] if monthly in set(frame["what"]) else []
    domain = [value_name, *each, target_label]
    colour = alt.Color(
        "what:N",
        title=None,
        scale=alt.Scale(
            domain=domain, range=[branding.primary, *[branding.accent] * len(each), branding.target]
        ),
        legend=alt.Legend(orient="top", labelFontSize=11, symbolType="stroke", symbolStrokeWidth=3),
    )
    dash = alt.StrokeDash(
        "what:N",
        scale=alt.Scale(domain=domain, range=[VALUE_DASH, *[VALUE_DASH] * len(each), TARGET_DASH]),
        legend=None,
    )
    width_by = alt.StrokeWidth(
        "what:N",
        scale=alt.Scale(
            domain=domain, range=[VALUE_WIDTH, *[MONTH_WIDTH] * len(each), TARGET_WIDTH]
        ),
        legend=None,
    )
    base = alt.Chart(frame)
    values = base.transform_filter(alt.datum.what == value_name)
    layers: list[alt.Chart] = [
        base.mark_line().encode(
            x=x, y=y, color=colour, strokeDash=dash, strokeWidth=width_by, detail="segment:N"
        ),
        values.transform_filter("!datum.in_progress")
        .mark_point(filled=True, size=36)
        .encode(x=x, y=y, color=colour),
        values.transform_filter("datum.in_progress")
        .mark_point(filled=True, fill="white", size=70, strokeWidth=2)
        .encode(x=x, y=y, stroke=alt.value(branding.primary)),
    ]
    events = _events(kpi, series, annotations)
    for side, dx in (("left", 3), ("right", -3)):
        placed = [e for e in events if e["side"] == side]
        if not placed:
            continue
        marks = alt.Chart(pd.DataFrame(placed))
        layers.append(marks.mark_rule(color="#777777", strokeDash=[2, 2]).encode(x=x))
        layers.append(
            marks.mark_text(
                align=side, dx=dx, dy=-4, fontSize=10, color="#444444", baseline="top"
            ).encode(x=x, y=alt.value(2), text="label:N")
        )
    chart = alt.layer(*layers).properties(width=width, height=height)
    return (
        chart.configure(locale=vega_locale(lang))
        .configure_view(strokeWidth=0)
        .configure_axis(
            labelFontSize=12, gridColor="#E6E6E6", domainColor="#999999", labelFont="DejaVu Sans"
        )
        .configure_legend(labelFont="DejaVu Sans")
        .to_dict()
    )


def _events(
    kpi: KpiLine, series: KpiSeries, annotations: tuple[AnnotationItem, ...]
) -> list[dict[str, str]]:
    """Annotations of this KPI (or of every KPI) placed on the period that holds their date;
    labels in the right part of the chart are written to the left of their rule."""
    events: list[dict[str, str]] = []
    count = len(series.points)
    for annotation in annotations:
        if annotation.kpi_id not in (None, kpi.kpi_id):
            continue
        index = max(
            (i for i, p in enumerate(series.points) if p.start <= annotation.on), default=None
        )
        if index is None:
            continue
        side = "right" if index >= 0.6 * count else "left"
        events.append(
            {"period": series.points[index].period, "label": annotation.label, "side": side}
        )
    return events


def render_png(spec: dict[str, Any], *, scale: float = 2.0) -> bytes:
    import vl_convert as vlc

    return bytes(vlc.vegalite_to_png(spec, scale=scale))
