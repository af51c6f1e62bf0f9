"""The scorecard: KPI rows grouped by strategy and objective, with a sparkline each.

Each row is a keyed container (`st-key-skpi_row_<kpi>`), so the theme can lay it out as a
table row on a wide screen and as a card on a phone (dashboard/components/theme.py); every
cell carries its own label, shown only where the header row is not.
"""

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
    format_span,
    format_value,
    is_missing,
    short_period,
)
from dashboard.i18n import _
from metrics.periods import Period, PeriodError

COLUMNS = (3.0, 1.3, 1.2, 1.5, 1.8, 1.8)
KPI_DETAIL = Path(__file__).resolve().parents[1] / "views" / "kpi_detail_page.py"
ROW_KEY = "skpi_row_"
HEAD_KEY = "skpi_head_"


@dataclass
class ObjectiveGroup:
    strategy_id: str
    strategy_name: str
    objective_id: str
    objective_name: str
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class StrategyGroup:
    strategy_id: str
    strategy_name: str
    objectives: list[ObjectiveGroup] = field(default_factory=list)


def group_scorecard(results: Iterable[dict[str, Any]], sf: Any) -> list[ObjectiveGroup]:
    """Scorecard rows grouped by strategy then objective, in the strategy file's order."""
    names = {info.id: info.name for info in sf.strategies}
    order = {info.id: index for index, info in enumerate(sf.strategies)}
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
    kept = [g for g in groups.values() if g.rows]
    return sorted(kept, key=lambda g: order.get(g.strategy_id, len(order)))


def by_strategy(groups: Iterable[ObjectiveGroup]) -> list[StrategyGroup]:
    """Objective groups under their strategy, strategies in the strategy file's order."""
    out: dict[str, StrategyGroup] = {}
    for group in groups:
        strategy = out.setdefault(
            group.strategy_id, StrategyGroup(group.strategy_id, group.strategy_name)
        )
        strategy.objectives.append(group)
    return list(out.values())


def status_counts(results: Iterable[dict[str, Any]]) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for row in results:
        counts[row.get("status") or "no_data"] = counts.get(row.get("status") or "no_data", 0) + 1
    return counts


def status_tiles_html(counts: dict[str, int]) -> str:
    """The period's status counts as tiles that wrap (five in a row on a wide screen, two or
    three on a phone) instead of five columns that each squeeze their label."""
    tiles = []
    for status in STATUS_ORDER:
        style = status_style(status)
        tiles.append(
            f'<div class="skpi-tile" style="border-left:6px solid {style.colour}">'
            f'<div class="skpi-tile-count" style="color:{style.colour}">{counts[status]}</div>'
            f'<div class="skpi-muted">{style.symbol} {html.escape(status_label(status))}</div>'
            "</div>"
        )
    return f'<div class="skpi-tiles">{"".join(tiles)}</div>'


def status_tiles(counts: dict[str, int]) -> None:
    st.markdown(status_tiles_html(counts), unsafe_allow_html=True)


def objective_summary_html(rows: Iterable[dict[str, Any]]) -> str:
    """An objective's own summary under its heading: how many of its KPIs are in each
    status, worst first ("■ 1 off target · ● 3 on target"), statuses with none left out."""
    counts = status_counts(rows)
    chips = []
    for status in STATUS_ORDER:
        if not counts[status]:
            continue
        style = status_style(status)
        chips.append(
            f'<span class="skpi-chip" style="color:{style.colour};background:{style.background};'
            f'border:1px solid {style.colour}33">{style.symbol} '
            f"<b>{counts[status]}</b> {html.escape(status_label(status))}</span>"
        )
    return f'<div class="skpi-summary">{"".join(chips)}</div>'


def compared_with(row: dict[str, Any]) -> str | None:
    """The period id of what `previous` covers ("2026-09", "2025-10 YTD"). metrics names it;
    until a result carries it, it is the period before the row's (year to date when the row is
    read year to date), which is what `previous` has always been."""
    named = row.get("compared_with")
    if named:
        return str(named)
    try:
        before = str(Period.parse(str(row.get("period"))).previous())
    except PeriodError:
        return None
    return f"{before} YTD" if row.get("cumulative") else before


def _cell(label: str, body: str) -> str:
    """A cell's label (shown only on a phone, where there is no header row) and its body."""
    return f'<span class="skpi-cell-label">{html.escape(label)}</span>{body}'


def change_html(row: dict[str, Any]) -> str:
    """The change since what the row is compared with, coloured by whether it is an
    improvement, and what it compares with ("vs Sep 2026")."""
    text = format_change(row.get("value"), row.get("previous"), row.get("unit"))
    if is_missing(row.get("value")) or is_missing(row.get("previous")) or text == "–":
        figure = '<span class="skpi-flat">–</span>'
    else:
        delta = change_shown(row.get("value"), row.get("previous"), row.get("unit")) or 0.0
        if delta == 0:  # also a change too small to show: "→ 0.0 pp", not "↓ -0.0 pp"
            figure = f'<span class="skpi-flat">→ {html.escape(text)}</span>'
        else:
            better = (delta > 0) == (row.get("direction", "up") == "up")
            arrow = "↑" if delta > 0 else "↓"
            css = "skpi-up" if better else "skpi-down"
            figure = f'<span class="{css}">{arrow} {html.escape(text)}</span>'
    against = compared_with(row)
    if against and not is_missing(row.get("previous")):
        vs = _("vs {period}").format(period=format_span(against, short=True))
        figure += f'<span class="skpi-note">{html.escape(vs)}</span>'
    return figure


def value_and_target(row: dict[str, Any]) -> tuple[str, str]:
    """The row's value and target, each written as the executive report writes it (so the
    screen and the report of the same meeting agree: "0.26%" against "4.0%")."""
    unit = row.get("unit")
    return format_value(row.get("value"), unit), format_value(row.get("target"), unit)


def value_html(row: dict[str, Any]) -> str:
    """The value in its unit, and "year to date" under it when it is a running total."""
    body = f'<span class="skpi-value">{html.escape(value_and_target(row)[0])}</span>'
    if row.get("cumulative"):
        note = _("year to date")
        body += f'<span class="skpi-note">{html.escape(note)}</span>'
    return body


def target_html(row: dict[str, Any]) -> str:
    text = value_and_target(row)[1]
    return f'<span class="skpi-num">{html.escape(text)}</span>'


def header_row(key: str) -> None:
    with st.container(key=f"{HEAD_KEY}{key}"):
        cols = st.columns(COLUMNS, vertical_alignment="bottom")
        for col, title in zip(
            cols,
            (_("KPI"), _("Value"), _("Target"), _("Status"), _("Change"), _("Trend")),
            strict=True,
        ):
            col.markdown(
                f'<span class="skpi-head">{html.escape(title)}</span>', unsafe_allow_html=True
            )


def kpi_row(row: dict[str, Any], trend: pd.DataFrame, query: dict[str, str]) -> None:
    unit = row.get("unit")
    with st.container(key=f"{ROW_KEY}{row['kpi_id']}"):
        cols = st.columns(COLUMNS, vertical_alignment="center")
        with cols[0]:
            st.page_link(
                KPI_DETAIL, label=row["name"], query_params={**query, "kpi": row["kpi_id"]}
            )
        # On a phone the value is the card's big figure and the change names what it compares
        # with; only the target needs its label there.
        cols[1].markdown(value_html(row), unsafe_allow_html=True)
        cols[2].markdown(_cell(_("Target"), target_html(row)), unsafe_allow_html=True)
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
    """One KPI's series with reader-friendly period labels, oldest first (with its target
    per period when the series carries one)."""
    columns = ["period", "value", "target"]
    if series.empty:
        return pd.DataFrame(columns=[*columns, "label"])
    own = series.loc[series["kpi_id"] == kpi_id, [c for c in columns if c in series]].copy()
    if "target" not in own:
        own["target"] = None
    own["period"] = own["period"].astype(str)
    own["label"] = [short_period(p) for p in own["period"]]
    return own.sort_values("period").reset_index(drop=True)
