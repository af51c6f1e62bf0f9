"""KPI definitions written for readers: formula, denominator, owner, source, frequency."""

from __future__ import annotations

import html
import re
from typing import Any

import streamlit as st

from dashboard import state
from dashboard.components.tables import measure_name
from dashboard.formatting import format_period, format_span, format_value, unbreakable
from dashboard.i18n import N_, _
from metrics.assessment import value_span
from metrics.periods import Period, PeriodError

DIRECTIONS = {"up": N_("Higher is better"), "down": N_("Lower is better")}
FREQUENCIES = {
    "daily": N_("daily"),
    "weekly": N_("weekly"),
    "monthly": N_("monthly"),
    "quarterly": N_("quarterly"),
    "yearly": N_("yearly"),
    "annual": N_("yearly"),
}
# The measurement levels (AMEC) with what each means, for readers who do not know the jargon.
LEVELS = {
    "output": N_("Output: what we published"),
    "outtake": N_("Outtake: how the audience responded"),
    "outcome": N_("Outcome: what changed for the audience"),
    "impact": N_("Impact: what changed for the organisation"),
}


def _m(measure: str | None) -> str:
    return measure_name(measure or "").lower()


def _named(expr: str, kpi_names: dict[str, str]) -> str:
    """KPI ids in a derived expression replaced by the KPI names."""
    return re.sub(r"[A-Za-z_][A-Za-z0-9_]*", lambda m: kpi_names.get(m.group(0), m.group(0)), expr)


def formula(metric: Any, kpi_names: dict[str, str] | None = None) -> str:
    """The metric as a short formula in the reader's words, e.g. "Σ engagements ÷ Σ
    impressions (per post)"; other KPIs it builds on are named by their names, not ids."""
    names = kpi_names or {}
    kind = metric.type
    grain = {
        "post": _("per post"),
        "day": _("per account-day"),
        "message": _("per inbox message"),
    }.get(getattr(metric, "grain", None) or "", "")
    if kind == "ratio":
        text = f"Σ {_m(metric.numerator)} ÷ Σ {_m(metric.denominator)}"
    elif kind == "sum":
        text = f"Σ {_m(metric.measure)}"
    elif kind == "mean":
        text = _("mean of {measure}").format(measure=_m(metric.measure))
    elif kind == "count":
        text = _("number of posts") if metric.grain == "post" else _("number of messages")
    elif kind == "last":
        text = _("{measure} at the end of the period").format(measure=_m(metric.measure))
    elif kind == "change":
        text = _("change in {measure} since the previous period").format(measure=_m(metric.measure))
    elif kind == "growth":
        text = _("growth of {kpi} since the previous period").format(
            kpi=names.get(metric.of, metric.of)
        )
    elif kind == "derived":
        text = _named(str(metric.expr), names)
    elif kind == "median":
        text = _("median of {measure}").format(measure=_m(metric.measure))
    elif kind == "percentile":
        text = _("{q}th percentile of {measure}").format(
            q=round(float(metric.q or 0) * 100), measure=_m(metric.measure)
        )
    elif kind == "within":
        text = _("share answered within {hours} ({measure})").format(
            hours=format_value(float(metric.threshold or 0), "hours"), measure=_m(metric.measure)
        )
    else:
        text = kind
    return (
        f"{text} ({grain})"
        if grain and kind not in ("derived", "growth", "count", "within")
        else text
    )


def denominator_text(metric: Any) -> str | None:
    """A ratio's denominator and the rows it counts over, e.g. "impressions, over the posts
    that report impressions"; None for every other metric."""
    if metric.type != "ratio":
        return None
    rows = {
        "post": _("posts"),
        "day": _("account-days"),
        "message": _("messages"),
    }.get(metric.resolved_grain, metric.resolved_grain)
    measure = _m(metric.denominator)
    return _("{measure}, over the {rows} that report {measure}").format(measure=measure, rows=rows)


def definition_rows(
    kpi: Any, kpi_names: dict[str, str] | None = None, *, baseline_period: str | None = None
) -> list[tuple[str, str]]:
    """Label and value of each line of a KPI's definition; a ratio's denominator line only
    where there is one (a row of dashes on every other KPI was noise). `baseline_period` is
    the span metrics reads the baseline for ("2025-12 YTD": a year-to-date KPI's baseline is
    January to December 2025's total, not December's)."""
    platforms = ", ".join(state.PLATFORM_NAMES.get(p, p) for p in kpi.effective_platforms)
    baseline = "–"
    if kpi.baseline is not None:
        # the Strategy page has no scorecard row: the span is the KPI's own reading of the
        # written period (a year-to-date KPI's "2025-12" is January to December 2025)
        span = baseline_period or baseline_span(kpi)
        when = format_span(span) if span else format_period(kpi.baseline.period)
        figure = unbreakable(format_value(kpi.baseline.value, kpi.unit))  # "7 M" never split
        baseline = f"{figure} ({when})"
    denominator = denominator_text(kpi.metric)
    rows = [
        (_("Formula"), formula(kpi.metric, kpi_names)),
        *([(_("Denominator"), denominator)] if denominator else []),
        (_("Direction"), _(DIRECTIONS.get(kpi.direction, kpi.direction))),
        (_("Owner"), kpi.owner or "–"),
        (_("Source"), kpi.source or "–"),
        (
            _("Frequency"),
            _(FREQUENCIES[kpi.frequency]) if kpi.frequency in FREQUENCIES else kpi.frequency or "–",
        ),
        (_("Level"), _(LEVELS[kpi.level]) if kpi.level in LEVELS else kpi.level or "–"),
        (_("Platforms"), platforms),
        (_("Baseline"), baseline),
    ]
    return rows


def baseline_span(kpi: Any) -> str | None:
    """The span a KPI's written baseline covers, as metrics reads it ("2025-12 YTD" for a
    year-to-date KPI, "2025-12" otherwise); None when its period cannot be read."""
    try:
        return str(value_span(kpi, Period.parse(str(kpi.baseline.period))))
    except PeriodError:
        return None


def definition_card(
    kpi: Any, kpi_names: dict[str, str] | None = None, *, baseline_period: str | None = None
) -> None:
    with st.container(border=True):
        st.markdown(f"**{html.escape(kpi.name)}**")
        if kpi.description:
            st.caption(kpi.description)
        # labels on one line ("Línea de base" wrapped and made the row two lines high); the
        # value in a span of its own height, whatever the row's
        lines = "".join(
            f'<tr><td class="skpi-muted" style="padding:3px 12px 3px 0;border:none;'
            f'white-space:nowrap;vertical-align:top">{html.escape(label)}</td>'
            f'<td style="padding:3px 0;border:none"><span>{html.escape(str(value))}</span>'
            "</td></tr>"
            for label, value in definition_rows(kpi, kpi_names, baseline_period=baseline_period)
        )
        st.markdown(
            f'<table style="border:none;font-size:0.9rem;width:100%">{lines}</table>',
            unsafe_allow_html=True,
        )


def targets_table_rows(kpis: list[Any]) -> list[dict[str, str]]:
    periods = sorted({p for kpi in kpis for p in kpi.targets})
    rows = []
    for kpi in kpis:
        row = {_("KPI"): kpi.name}
        for period in periods:
            row[format_period(period)] = (
                format_value(kpi.targets[period], kpi.unit) if period in kpi.targets else ""
            )
        rows.append(row)
    return rows
