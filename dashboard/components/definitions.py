"""KPI definitions written for readers: formula, denominator, owner, source, frequency."""

from __future__ import annotations

import html
from typing import Any

import streamlit as st

from dashboard import state
from dashboard.formatting import format_period, format_value
from dashboard.i18n import N_, _

DIRECTIONS = {"up": N_("Higher is better"), "down": N_("Lower is better")}
FREQUENCIES = {
    "daily": N_("daily"),
    "weekly": N_("weekly"),
    "monthly": N_("monthly"),
    "quarterly": N_("quarterly"),
    "yearly": N_("yearly"),
    "annual": N_("yearly"),
}


def formula(metric: Any) -> str:
    """The metric as a short formula, e.g. "Σ engagements ÷ Σ impressions (per post)"."""
    kind = metric.type
    grain = {"post": _("per post"), "day": _("per account-day"), "message": _("per message")}.get(
        getattr(metric, "grain", None) or "", ""
    )
    if kind == "ratio":
        text = f"Σ {metric.numerator} ÷ Σ {metric.denominator}"
    elif kind == "sum":
        text = f"Σ {metric.measure}"
    elif kind == "mean":
        text = _("mean of {measure}").format(measure=metric.measure)
    elif kind == "count":
        text = _("number of posts") if metric.grain == "post" else _("number of messages")
    elif kind == "last":
        text = _("{measure} at the end of the period").format(measure=metric.measure)
    elif kind == "change":
        text = _("change in {measure} since the previous period").format(measure=metric.measure)
    elif kind == "growth":
        text = _("growth of {kpi} since the previous period").format(kpi=metric.of)
    elif kind == "derived":
        text = str(metric.expr)
    elif kind == "median":
        text = _("median of {measure}").format(measure=metric.measure)
    elif kind == "percentile":
        text = _("{q}th percentile of {measure}").format(
            q=round(float(metric.q or 0) * 100), measure=metric.measure
        )
    else:
        text = kind
    return f"{text} ({grain})" if grain and kind not in ("derived", "growth", "count") else text


def definition_rows(kpi: Any, denominator: str | None = None) -> list[tuple[str, str]]:
    platforms = ", ".join(state.PLATFORM_NAMES.get(p, p) for p in kpi.effective_platforms)
    baseline = (
        f"{format_value(kpi.baseline.value, kpi.unit)} ({format_period(kpi.baseline.period)})"
        if kpi.baseline is not None
        else "–"
    )
    rows = [
        (_("Formula"), formula(kpi.metric)),
        (_("Denominator"), denominator or "–"),
        (_("Direction"), _(DIRECTIONS.get(kpi.direction, kpi.direction))),
        (_("Owner"), kpi.owner or "–"),
        (_("Source"), kpi.source or "–"),
        (
            _("Frequency"),
            _(FREQUENCIES[kpi.frequency]) if kpi.frequency in FREQUENCIES else kpi.frequency or "–",
        ),
        (_("Level"), kpi.level or "–"),
        (_("Platforms"), platforms),
        (_("Baseline"), baseline),
    ]
    return rows


def definition_card(kpi: Any, denominator: str | None = None) -> None:
    with st.container(border=True):
        st.markdown(f"**{html.escape(kpi.name)}**")
        if kpi.description:
            st.caption(kpi.description)
        lines = "".join(
            f'<tr><td class="skpi-muted" style="padding:3px 12px 3px 0;border:none">'
            f"{html.escape(label)}</td>"
            f'<td style="padding:3px 0;border:none">{html.escape(str(value))}</td></tr>'
            for label, value in definition_rows(kpi, denominator)
        )
        st.markdown(
            f'<table style="border:none;font-size:0.9rem">{lines}</table>', unsafe_allow_html=True
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
