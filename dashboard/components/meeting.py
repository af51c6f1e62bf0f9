"""Parts of the Monthly review's meeting mode: one objective at a time on a projector.

`objective_nav` moves between objectives without scrolling; `kpi_card` shows one KPI as the
room reads it (value, target, status, the change naming what it compares with, the part of
the period its data covers, the trend with its target). No business logic: the figures and
their meaning come from the review pack (reports.review_pack).
"""

from __future__ import annotations

import html
from dataclasses import replace
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.components.charts import ACCENT, _axis_format, _style
from dashboard.components.readings import comparison_note, notes_html, target_notes, value_notes
from dashboard.components.status import status_badge_html
from dashboard.formatting import change_shown, format_change, format_value, short_period
from dashboard.i18n import _
from reports.review_pack import KpiLine

NAV_KEY = "review_obj"
TARGET_COLOUR = "#D97B00"  # the reports' target line (reports.branding.Branding.target)


def change_against(kpi: KpiLine, period: str) -> str:
    """ "+9.4% vs September 2026": a change always names what it compares with (the span
    metrics names, else the period before; dashboard.components.readings)."""
    text = format_change(kpi.value, kpi.previous, kpi.unit)
    if text == "–":
        return text
    note = comparison_note(replace(kpi, period=period), short=False)
    return f"{text} {note}" if note else text


def change_html(kpi: KpiLine, period: str) -> str:
    """The change, coloured by whether it goes the KPI's good way."""
    text = change_against(kpi, period)
    if text == "–" or kpi.improved is None:
        return f'<span class="skpi-flat">{html.escape(text)}</span>'
    if not change_shown(kpi.value, kpi.previous, kpi.unit):
        # a change too small to show is no movement: "→ 0.0 pp", as the Overview writes it
        return f'<span class="skpi-flat">→ {html.escape(text)}</span>'
    better = bool(kpi.improved)
    arrow = "↑" if (kpi.value or 0) > (kpi.previous or 0) else "↓"
    css = "skpi-up" if better else "skpi-down"
    return f'<span class="{css}">{arrow} {html.escape(text)}</span>'


def objective_nav(ids: list[str], names: dict[str, str]) -> str:
    """◀ previous · "2 of 6: name" · next ▶, in one row; returns the objective shown."""
    if st.session_state.get(NAV_KEY) not in ids:
        st.session_state[NAV_KEY] = ids[0]

    def move(step: int) -> None:
        at = ids.index(st.session_state[NAV_KEY])
        st.session_state[NAV_KEY] = ids[(at + step) % len(ids)]

    previous, middle, following = st.columns([1.8, 4.4, 1.8], vertical_alignment="center")
    previous.button(_("◀ Previous"), key="review_prev", on_click=move, args=(-1,), width="stretch")
    following.button(_("Next ▶"), key="review_next", on_click=move, args=(1,), width="stretch")
    with middle:
        st.selectbox(
            _("Objective"),
            ids,
            format_func=lambda i: _("{n} of {total}: {name}").format(
                n=ids.index(i) + 1, total=len(ids), name=names[i]
            ),
            key=NAV_KEY,
            label_visibility="collapsed",
        )
    return str(st.session_state[NAV_KEY])


def trend_frame(points: Any) -> pd.DataFrame:
    rows = []
    for p in points:
        label = short_period(p.period)
        if p.value is not None:
            rows.append({"period": p.period, "label": label, "what": _("Value"), "number": p.value})
        if p.target is not None:
            rows.append(
                {"period": p.period, "label": label, "what": _("Target"), "number": p.target}
            )
    return pd.DataFrame(rows, columns=["period", "label", "what", "number"])


def trend_chart(points: Any, unit: str | None, *, height: int = 90) -> alt.Chart | None:
    """The KPI's last months: value solid with dots, target dashed in another colour."""
    frame = trend_frame(points)
    if (frame["what"] == _("Value")).sum() < 2:
        return None
    domain = [_("Value"), _("Target")]
    base = alt.Chart(frame).encode(
        x=alt.X("period:N", sort=None, axis=None),
        y=alt.Y("number:Q", axis=None, scale=alt.Scale(zero=False)),
        color=alt.Color(
            "what:N", scale=alt.Scale(domain=domain, range=[ACCENT, TARGET_COLOUR]), legend=None
        ),
        strokeDash=alt.StrokeDash(
            "what:N", scale=alt.Scale(domain=domain, range=[[1, 0], [6, 4]]), legend=None
        ),
        tooltip=[
            alt.Tooltip("label:N", title=_("Period")),
            alt.Tooltip("what:N", title=" "),
            alt.Tooltip("number:Q", title=" ", format=_axis_format(unit)),
        ],
    )
    line = base.mark_line(strokeWidth=2.5)
    dots = base.transform_filter(alt.datum.what == _("Value")).mark_circle(size=36)
    return _style(alt.layer(line, dots).properties(height=height, width="container"))


def kpi_card(kpi: KpiLine, points: Any, period: str) -> None:
    """One KPI, large enough for a projector: name and status, value against target, the
    change against a named period, the trend."""
    with st.container(border=True):
        name = html.escape(kpi.name)
        st.markdown(
            f'<div class="skpi-meeting-name">{name}</div>{status_badge_html(kpi.status)}',
            unsafe_allow_html=True,
        )
        value, target = st.columns(2)
        value.metric(_("Value"), format_value(kpi.value, kpi.unit))
        # "year to date", "1 of 3 months"; the target's "83% of 8.4M", "2026 target": the
        # Overview's note lines (dashboard.components.readings)
        value.markdown(notes_html(value_notes(kpi)), unsafe_allow_html=True)
        target.metric(_("Target"), format_value(kpi.target, kpi.unit))
        target.markdown(notes_html(target_notes(kpi)), unsafe_allow_html=True)
        st.markdown(change_html(kpi, period), unsafe_allow_html=True)
        chart = trend_chart(points, kpi.unit)
        if chart is not None:
            st.altair_chart(chart, width="stretch")
