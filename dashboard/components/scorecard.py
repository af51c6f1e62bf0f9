"""The scorecard: KPI rows grouped by strategy and objective, with a sparkline each."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.components.charts import sparkline
from dashboard.components.palette import STATUS_ORDER, status_label, status_style
from dashboard.components.status import status_badge_html
from dashboard.formatting import (
    change_shown,
    format_change,
    format_value,
    is_missing,
    short_period,
)
from dashboard.i18n import _

COLUMNS = (3.2, 1.3, 1.3, 1.5, 1.3, 2.2)
KPI_DETAIL = Path(__file__).resolve().parents[1] / "views" / "kpi_detail_page.py"


@dataclass
class ObjectiveGroup:
    strategy_id: str
    strategy_name: str
    objective_id: str
    objective_name: str
    rows: list[dict[str, Any]] = field(default_factory=list)


def group_scorecard(results: Iterable[dict[str, Any]], sf: Any) -> list[ObjectiveGroup]:
    """Scorecard rows grouped by strategy then objective, in the strategy file's order."""
    names = {info.id: info.name for info in sf.strategies}
    groups: dict[str, ObjectiveGroup] = {}
    for objective in sf.objectives:
        groups[objective.id] = ObjectiveGroup(
            objective.strategy,
            names.get(objective.strategy, objective.strategy),
            objective.id,
            objective.name,
        )
    for row in results:
        group = groups.get(row["objective_id"])
        if group is not None:
            group.rows.append(row)
    return [g for g in groups.values() if g.rows]


def status_counts(results: Iterable[dict[str, Any]]) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for row in results:
        counts[row.get("status") or "no_data"] = counts.get(row.get("status") or "no_data", 0) + 1
    return counts


def change_html(row: dict[str, Any]) -> str:
    """The change since the previous period, coloured by whether it is an improvement."""
    text = format_change(row.get("value"), row.get("previous"), row.get("unit"))
    if is_missing(row.get("value")) or is_missing(row.get("previous")) or text == "–":
        return '<span class="skpi-flat">–</span>'
    delta = change_shown(row.get("value"), row.get("previous"), row.get("unit")) or 0.0
    if delta == 0:  # also a change too small to show: "→ 0.0 pp", not "↓ -0.0 pp"
        return f'<span class="skpi-flat">→ {html.escape(text)}</span>'
    better = (delta > 0) == (row.get("direction", "up") == "up")
    arrow = "↑" if delta > 0 else "↓"
    css = "skpi-up" if better else "skpi-down"
    return f'<span class="{css}">{arrow} {html.escape(text)}</span>'


def status_tiles(counts: dict[str, int]) -> None:
    cols = st.columns(len(STATUS_ORDER))
    for col, status in zip(cols, STATUS_ORDER, strict=True):
        style = status_style(status)
        col.markdown(
            f'<div class="skpi-tile" style="border-left:6px solid {style.colour}">'
            f'<div class="skpi-tile-count" style="color:{style.colour}">{counts[status]}</div>'
            f'<div class="skpi-muted">{style.symbol} {html.escape(status_label(status))}</div>'
            "</div>",
            unsafe_allow_html=True,
        )


def header_row() -> None:
    cols = st.columns(COLUMNS, vertical_alignment="bottom")
    for col, title in zip(
        cols,
        (_("KPI"), _("Value"), _("Target"), _("Status"), _("Change"), _("Trend")),
        strict=True,
    ):
        col.markdown(f'<span class="skpi-head">{html.escape(title)}</span>', unsafe_allow_html=True)


def kpi_row(row: dict[str, Any], trend: pd.DataFrame, query: dict[str, str]) -> None:
    unit = row.get("unit")
    cols = st.columns(COLUMNS, vertical_alignment="center")
    with cols[0]:
        st.page_link(KPI_DETAIL, label=row["name"], query_params={**query, "kpi": row["kpi_id"]})
    cols[1].markdown(
        f'<span class="skpi-value">{html.escape(format_value(row.get("value"), unit))}</span>',
        unsafe_allow_html=True,
    )
    cols[2].markdown(
        f'<span class="skpi-num">{html.escape(format_value(row.get("target"), unit))}</span>',
        unsafe_allow_html=True,
    )
    cols[3].markdown(status_badge_html(row.get("status")), unsafe_allow_html=True)
    cols[4].markdown(change_html(row), unsafe_allow_html=True)
    with cols[5]:
        if trend["value"].notna().sum() >= 2:
            st.altair_chart(sparkline(trend.dropna(subset=["value"]), unit), width="stretch")
        else:
            st.markdown(
                f'<span class="skpi-muted">{html.escape(_("Not enough history"))}</span>',
                unsafe_allow_html=True,
            )


def trend_of(series: pd.DataFrame, kpi_id: str) -> pd.DataFrame:
    """One KPI's series with reader-friendly period labels, oldest first."""
    if series.empty:
        return pd.DataFrame(columns=["period", "label", "value"])
    own = series.loc[series["kpi_id"] == kpi_id, ["period", "value"]].copy()
    own["period"] = own["period"].astype(str)
    own["label"] = [short_period(p) for p in own["period"]]
    return own.sort_values("period").reset_index(drop=True)
