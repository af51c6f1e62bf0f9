"""Altair charts in the house palette, each with tooltips. Pure: frame in, chart out."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.components.palette import (
    ACCENT,
    BASELINE,
    PLATFORM_COLOURS,
    SERIES,
    TARGET,
)
from dashboard.i18n import _, get_language
from dashboard.state import PLATFORM_NAMES
from language.formatting import compact_label_expr, vega_locale

FONT = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"
LABEL_ROOM = 0.3  # share of the value range kept beyond the longest bar for its label


def platform_colour(frame: pd.DataFrame, *, legend: alt.Legend | None = None) -> alt.Color:
    """Colour by `platform_name`, each platform in its house colour (present ones only)."""
    present = [p for p in PLATFORM_COLOURS if p in set(frame["platform"])]
    return alt.Color(
        "platform_name:N",
        title=_("Platform"),
        scale=alt.Scale(
            domain=[PLATFORM_NAMES[p] for p in present],
            range=[PLATFORM_COLOURS[p] for p in present],
        ),
        legend=legend,
    )


def with_platform_names(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(platform_name=[PLATFORM_NAMES.get(p, p) for p in frame["platform"]])


def _axis_format(unit: str | None) -> str:
    """Tick labels: 4.5% and 80% (not 80.0%) for percentages, 2,000 / 0.5 for hours, 4k /
    1.5M for counts."""
    if unit == "percent":
        return ".1~%"
    if unit == "hours":
        return ",~f"
    return "~s"


def value_axis(unit: str | None, **options: object) -> alt.Axis:
    """A value axis: percentages and hours by their format, counts in the reader's compact
    form ("8 mln." in Dutch, "8 M" in Spanish: Vega's "~s" writes "8M" in every language)."""
    if unit in ("percent", "hours"):
        return alt.Axis(format=_axis_format(unit), **options)
    return alt.Axis(labelExpr=compact_label_expr(get_language()), **options)


def _label_format(unit: str | None, values: pd.Series) -> str:
    """Bar labels as the tables write the value: 3.2 h stays 3.2, a mean of 49.3 keeps a decimal."""
    if unit == "percent":
        return ".1%"
    if unit == "hours":
        return ",.1f"
    biggest = pd.to_numeric(values, errors="coerce").abs().max()
    if not pd.isna(biggest) and biggest >= 100_000:
        return ".3~s"  # "2.47M": a label as long as "2,470,057" ran off the chart's edge
    return ",.0f" if pd.isna(biggest) or biggest >= 100 else ",.1~f"


def _bar_domain(values: pd.Series) -> list[float]:
    """Zero to the values, with room for labels beyond the longest bar on each side that has
    bars (and none on a side that has none: no "-2%" tick under bars that are all gains)."""
    numbers = pd.to_numeric(values, errors="coerce").dropna()
    low, high = min(0.0, float(numbers.min())), max(0.0, float(numbers.max()))
    span = (high - low) or 1.0
    return [
        low - LABEL_ROOM * span if low < 0 else 0.0,
        high + LABEL_ROOM * span if high > 0 else 0.0,
    ]


def _y_title(unit: str | None) -> str | None:
    """An axis title only where the ticks do not say the unit themselves."""
    return _("Hours") if unit == "hours" else None


def _style(chart: alt.Chart | alt.LayerChart) -> alt.Chart | alt.LayerChart:
    """House fonts and colours, and numbers written as the reader's language writes them."""
    return (
        chart.configure(locale=vega_locale(get_language()))
        .configure_axis(
            labelFont=FONT,
            titleFont=FONT,
            labelColor="#31333F",
            titleColor="#31333F",
            gridColor="#E6E9EF",
            domainColor="#C9CED6",
        )
        .configure_legend(labelFont=FONT, titleFont=FONT, orient="bottom")
        .configure_view(strokeWidth=0)
    )


def sparkline(series: pd.DataFrame, unit: str | None, *, height: int = 42) -> alt.LayerChart:
    """A small trend line of `series` (columns `period`, `label`, `value`, and `target` when
    known) with tooltips; the target of each period is a dashed line in the target colour, so
    a reader sees at a glance whether the line runs above or below it."""
    fmt = _axis_format(unit)
    x = alt.X("period:N", sort=None, axis=None)
    base = alt.Chart(series).encode(
        x=x,
        y=alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False)),
        tooltip=[
            alt.Tooltip("label:N", title=_("Period")),
            alt.Tooltip("value:Q", title=_("Value"), format=fmt),
        ],
    )
    layers: list[alt.Chart] = []
    if "target" in series and pd.to_numeric(series["target"], errors="coerce").notna().any():
        targets = series.assign(target=pd.to_numeric(series["target"], errors="coerce"))
        layers.append(
            alt.Chart(targets)
            .mark_line(color=TARGET, strokeWidth=1.5, strokeDash=[3, 2])
            .encode(
                x=x,
                y=alt.Y("target:Q", axis=None),
                tooltip=[
                    alt.Tooltip("label:N", title=_("Period")),
                    alt.Tooltip("target:Q", title=_("Target"), format=fmt),
                ],
            )
        )
    layers += [
        base.mark_line(color=ACCENT, strokeWidth=2),
        base.mark_circle(color=ACCENT, size=28),
    ]
    return _style(alt.layer(*layers).properties(height=height, width="container"))


# Legend names whole: Vega cuts them at 160 px ("Cumulatief sinds jan…")
LEGEND_LABEL = 320


def period_axis() -> alt.Axis:
    """Periods read across, level ("Oct 26", "Q3 26", "W40 26"): where they would collide
    (a projector, a phone) every other one is left out rather than all tilted (tilted labels
    read as numbers broken over lines, and fight the chart for height)."""
    return alt.Axis(labelAngle=0, labelOverlap="parity", labelPadding=6, labelSeparation=6)


def _long(series: pd.DataFrame, column: str, name: str) -> pd.DataFrame:
    """One named line of `series` (period, label, value), periods without a number left out."""
    values = pd.to_numeric(series[column], errors="coerce")
    return pd.DataFrame(
        {"period": series["period"], "label": series["label"], "value": values, "name": name}
    ).dropna(subset=["value"])


def trend(
    series: pd.DataFrame,
    unit: str | None,
    *,
    target: float | None = None,
    baseline: float | None = None,
    period_name: str | None = None,
    height: int = 300,
) -> alt.LayerChart:
    """The KPI over time, with its target and baseline as reference lines named in a legend
    (labels drawn on the lines collided with the series where it crossed them).

    `series`: period, label, value, and when known `target` (per period, pro-rated as the
    scorecard judges it: drawn as a line that follows it, not one level), `period_value` and
    `running_total`. A year-to-date KPI (running_total present and `period_name` given, e.g.
    "Each month") is drawn as two named series, each period's own value and the running
    total, never one line mixing them; its baseline (a whole year's) is left out."""
    fmt = _axis_format(unit)
    x = alt.X(
        "label:N",
        sort=alt.EncodingSortField(field="period", order="ascending"),
        title=None,
        axis=period_axis(),
    )
    y = alt.Y("value:Q", title=_y_title(unit), axis=value_axis(unit))
    tooltip = [
        alt.Tooltip("label:N", title=_("Period")),
        alt.Tooltip("value:Q", title=_("Value"), format=fmt),
    ]
    running = (
        period_name is not None
        and "running_total" in series
        and pd.to_numeric(series["running_total"], errors="coerce").notna().any()
    )
    if running:
        names = [period_name, _("Year to date")]
        lines = pd.concat(
            [_long(series, "period_value", names[0]), _long(series, "running_total", names[1])]
        )
        colour = alt.Color(
            "name:N",
            scale=alt.Scale(domain=names, range=[SERIES[1], ACCENT]),
            legend=alt.Legend(
                title=None, orient="top", symbolType="stroke", labelLimit=LEGEND_LABEL
            ),
        )
        base = alt.Chart(lines).encode(
            x=x, y=y, color=colour, tooltip=[alt.Tooltip("name:N", title=_("Line")), *tooltip]
        )
        layers: list[alt.Chart | alt.LayerChart] = [
            # one layer of its own, so its colour legend is one legend beside the targets'
            alt.layer(base.mark_line(strokeWidth=2.5), base.mark_circle(size=60))
        ]
    else:
        base = alt.Chart(series).encode(x=x, y=y, tooltip=tooltip)
        layers = [
            base.mark_line(color=ACCENT, strokeWidth=2.5),
            base.mark_circle(color=ACCENT, size=60),
        ]
    refs: list[pd.DataFrame] = []
    styles: list[tuple[str, str, list[int]]] = []
    per_period = "target" in series and bool(
        pd.to_numeric(series["target"], errors="coerce").notna().any()
    )
    if per_period:
        refs.append(_long(series, "target", _("Target")))
        styles.append((_("Target"), TARGET, [6, 4]))
    elif target is not None:
        refs.append(series.assign(target=target).pipe(_long, "target", _("Target")))
        styles.append((_("Target"), TARGET, [6, 4]))
    if baseline is not None and not running:
        refs.append(series.assign(baseline=baseline).pipe(_long, "baseline", _("Baseline")))
        styles.append((_("Baseline"), BASELINE, [2, 3]))
    if refs:
        names = [name for name, _c, _d in styles]
        layers.append(
            alt.Chart(pd.concat(refs))
            .mark_line(strokeWidth=2)
            .encode(
                x=x,
                y="value:Q",
                color=alt.Color(
                    "name:N",
                    scale=alt.Scale(domain=names, range=[c for _n, c, _d in styles]),
                    legend=alt.Legend(
                        title=None, orient="top", symbolType="stroke", labelLimit=LEGEND_LABEL
                    ),
                ),
                strokeDash=alt.StrokeDash(
                    "name:N",
                    scale=alt.Scale(domain=names, range=[d for _n, _c, d in styles]),
                    legend=alt.Legend(title=None, orient="top", labelLimit=LEGEND_LABEL),
                ),
                tooltip=[
                    alt.Tooltip("name:N", title=_("Line")),
                    alt.Tooltip("label:N", title=_("Period")),
                    alt.Tooltip("value:Q", title=_("Value"), format=fmt),
                ],
            )
        )
    chart = alt.layer(*layers).properties(height=height, width="container")
    if running:
        chart = chart.resolve_scale(color="independent", strokeDash="independent")
    return _style(chart)


def breakdown_bars(frame: pd.DataFrame, category: str, unit: str | None) -> alt.Chart:
    """Horizontal bars of `value` by `category` (platform or account), labelled with values.

    An account is named with its platform ("X · northwindpolicy"): the same handle on two
    platforms is two accounts, and one bar for both stacked their values (a ratio or a
    median summed across platforms is no value of the KPI)."""
    if "platform" in frame.columns:
        frame = with_platform_names(frame)
        colour: alt.Color | alt.ColorValue = platform_colour(frame)
    else:
        colour = alt.value(ACCENT)
    if category == "platform":
        category = "platform_name"
    elif category == "account" and "platform" in frame.columns:
        frame = frame.assign(
            account_label=[
                f"{name} · {account}"
                for name, account in zip(frame["platform_name"], frame["account"], strict=True)
            ]
        )
        category = "account_label"
    tooltip = [alt.Tooltip(f"{category}:N", title=_("Name"))]
    tooltip.append(
        alt.Tooltip("value:Q", title=_("Value"), format=_label_format(unit, frame["value"]))
    )
    base = alt.Chart(frame).encode(
        y=alt.Y(f"{category}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X(
            "value:Q",
            title=_y_title(unit),
            axis=value_axis(unit, tickCount=5),
            scale=alt.Scale(domain=_bar_domain(frame["value"]), nice=False),
        ),
        tooltip=tooltip,
    )
    bars = base.mark_bar(cornerRadiusEnd=3).encode(color=colour)
    text = alt.Text("value:Q", format=_label_format(unit, frame["value"]))
    # A label sits beyond the end of its bar: right of a gain, left of a loss (drawn from the
    # bar's end to the right, "-11.3%" sat on the dark bar and could not be read).
    gains = (
        base.transform_filter(alt.datum.value >= 0)
        .mark_text(align="left", dx=4, font=FONT, color="#31333F")
        .encode(text=text)
    )
    losses = (
        base.transform_filter(alt.datum.value < 0)
        .mark_text(align="right", dx=-4, font=FONT, color="#31333F")
        .encode(text=text)
    )
    return _style(alt.layer(bars, gains, losses).properties(height=alt.Step(34), width="container"))


def distribution(frame: pd.DataFrame, measure: str, measure_title: str) -> alt.Chart:
    """Histogram of a post measure, stacked by platform."""
    frame = with_platform_names(frame[["platform", measure]])
    return _style(
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{measure}:Q", bin=alt.Bin(maxbins=30), title=measure_title),
            y=alt.Y("count():Q", title=_("Posts"), axis=alt.Axis(tickMinStep=1, format="d")),
            color=platform_colour(frame, legend=alt.Legend(title=None)),
            tooltip=[
                alt.Tooltip("platform_name:N", title=_("Platform")),
                alt.Tooltip(f"{measure}:Q", bin=True, title=measure_title),
                alt.Tooltip("count():Q", title=_("Posts")),
            ],
        )
        .properties(height=280, width="container")
    )


def coverage_calendar(grid: pd.DataFrame) -> alt.Chart:
    """Months × accounts; a missing export stands out as an empty, outlined cell.

    `grid` columns: `account_label`, `month`, `month_label`, `state`, `state_label`, `detail`.
    """
    states = ["covered", "partial", "missing"]
    colours = {"covered": "#0072B2", "partial": "#56B4E9", "missing": "#FFFFFF"}
    labels = grid.drop_duplicates("state").set_index("state")["state_label"].to_dict()
    present = [s for s in states if s in labels]
    return _style(
        alt.Chart(grid)
        .mark_rect(stroke="#9AA3AD", strokeWidth=0.8, cornerRadius=2)
        .encode(
            x=alt.X("month_label:N", sort=None, title=None, axis=period_axis()),
            y=alt.Y("account_label:N", title=None, axis=alt.Axis(labelLimit=320)),
            color=alt.Color(
                "state_label:N",
                scale=alt.Scale(
                    domain=[labels[s] for s in present], range=[colours[s] for s in present]
                ),
                legend=alt.Legend(title=None),
            ),
            tooltip=[
                alt.Tooltip("account_label:N", title=_("Account")),
                alt.Tooltip("month_label:N", title=_("Month")),
                alt.Tooltip("state_label:N", title=_("Coverage")),
                alt.Tooltip("detail:N", title=_("Facts")),
            ],
        )
        .properties(height=alt.Step(30), width="container")
    )


__all__ = [
    "breakdown_bars",
    "coverage_calendar",
    "distribution",
    "period_axis",
    "sparkline",
    "trend",
]
