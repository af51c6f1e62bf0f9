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
from dashboard.components.palette import DISPLAY_ORDER, STATUS_ORDER, status_label, status_style
from dashboard.components.readings import (
    compared_with,
    comparison_note,
    display_status,
    notes_html,
    partial_comparison,
    shown_target,
    target_notes,
    value_notes,
)
from dashboard.components.status import status_html
from dashboard.formatting import (
    change_shown,
    format_change,
    format_span,
    format_value,
    is_missing,
    short_period,
)
from dashboard.i18n import _
from metrics.scorecard import KpiResult

COLUMNS = (2.7, 1.6, 1.5, 1.5, 1.7, 1.5)
__all__ = ["compared_with", "kpi_row", "trend_of", "value_and_target"]  # compared_with: pages
KPI_DETAIL = Path(__file__).resolve().parents[1] / "views" / "kpi_detail_page.py"
ROW_KEY = "skpi_row_"
HEAD_KEY = "skpi_head_"


@dataclass
class ObjectiveGroup:
    strategy_id: str
    strategy_name: str
    objective_id: str
    objective_name: str
    rows: list[KpiResult] = field(default_factory=list)


@dataclass
class StrategyGroup:
    strategy_id: str
    strategy_name: str
    objectives: list[ObjectiveGroup] = field(default_factory=list)


def group_scorecard(results: Iterable[KpiResult], sf: Any) -> list[ObjectiveGroup]:
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
        group = groups.get(row.objective_id)
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


def status_counts(results: Iterable[KpiResult]) -> dict[str, int]:
    """How many KPIs a reader sees in each status (readings.display_status), every status of
    DISPLAY_ORDER present."""
    counts = dict.fromkeys(DISPLAY_ORDER, 0)
    for row in results:
        shown = display_status(row)
        counts[shown] = counts.get(shown, 0) + 1
    return counts


def status_tiles_html(counts: dict[str, int]) -> str:
    """The period's status counts as tiles that wrap (five in a row on a wide screen, two or
    three on a phone) instead of five columns that each squeeze their label; the statuses
    that are not judgements (in progress, part of the whole) only when they occur."""
    tiles = []
    for status in DISPLAY_ORDER:
        if status not in STATUS_ORDER and not counts.get(status):
            continue
        style = status_style(status)
        tiles.append(
            f'<div class="skpi-tile" style="border-left:6px solid {style.colour}">'
            f'<div class="skpi-tile-count" style="color:{style.colour}">{counts.get(status, 0)}</div>'
            f'<div class="skpi-muted">{style.symbol} {html.escape(status_label(status))}</div>'
            "</div>"
        )
    return f'<div class="skpi-tiles">{"".join(tiles)}</div>'


def status_tiles(counts: dict[str, int]) -> None:
    st.markdown(status_tiles_html(counts), unsafe_allow_html=True)


def objective_summary_html(rows: Iterable[KpiResult]) -> str:
    """An objective's own summary under its heading: how many of its KPIs are in each
    status, worst first ("■ 1 off target · ● 3 on target"), statuses with none left out."""
    counts = status_counts(rows)
    chips = []
    for status in DISPLAY_ORDER:
        if not counts[status]:
            continue
        style = status_style(status)
        chips.append(
            f'<span class="skpi-chip" style="color:{style.colour};background:{style.background};'
            f'border:1px solid {style.colour}33">{style.symbol} '
            f"<b>{counts[status]}</b> {html.escape(status_label(status))}</span>"
        )
    return f'<div class="skpi-summary">{"".join(chips)}</div>'


def _cell(label: str, body: str) -> str:
    """A cell's label (shown only on a phone, where there is no header row) and its body."""
    return f'<span class="skpi-cell-label">{html.escape(label)}</span>{body}'


def change_html(row: KpiResult) -> str:
    """The change since what the row is compared with, coloured by whether it is an
    improvement, and what it compares with ("vs Sep 2026", "vs Jan – Oct 2025")."""
    text = format_change(row.value, row.previous, row.unit)
    if is_missing(row.value) or is_missing(row.previous) or text == "–":
        figure = '<span class="skpi-flat">–</span>'
    else:
        delta = change_shown(row.value, row.previous, row.unit) or 0.0
        if delta == 0:  # also a change too small to show: "→ 0.0 pp", not "↓ -0.0 pp"
            figure = f'<span class="skpi-flat">→ {html.escape(text)}</span>'
        else:
            better = (delta > 0) == (row.direction == "up")
            arrow = "↑" if delta > 0 else "↓"
            css = "skpi-up" if better else "skpi-down"
            if partial_comparison(row):  # part of a period against a whole one: no verdict
                css = "skpi-flat"
            figure = f'<span class="{css}">{arrow} {html.escape(text)}</span>'
    note = comparison_note(row)
    return figure + (notes_html([note]) if note else "")


def value_and_target(row: KpiResult) -> tuple[str, str]:
    """The row's value and the target shown, each written as the executive report writes it
    (so the screen and the report of the same meeting agree: "0.26%" against "4.0%")."""
    unit = row.unit
    return format_value(row.value, unit), format_value(shown_target(row), unit)


def value_html(row: KpiResult) -> str:
    """The value in its unit, with what qualifies it: "year to date", "1 of 3 months",
    "29% of 7.9M" (a filtered view)."""
    body = f'<span class="skpi-value">{html.escape(value_and_target(row)[0])}</span>'
    return body + notes_html(value_notes(row))


def target_html(row: KpiResult) -> str:
    """The target shown and where it comes from ("33% of 550 (Q4 2026)", "Q1 2026 target")."""
    body = f'<span class="skpi-num">{html.escape(value_and_target(row)[1])}</span>'
    return body + notes_html(target_notes(row))


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


def kpi_row(row: KpiResult, trend: pd.DataFrame, query: dict[str, str]) -> None:
    unit = row.unit
    with st.container(key=f"{ROW_KEY}{row.kpi_id}"):
        cols = st.columns(COLUMNS, vertical_alignment="center")
        with cols[0]:
            st.page_link(KPI_DETAIL, label=row.name, query_params={**query, "kpi": row.kpi_id})
        # On a phone the value is the card's big figure and the change names what it compares
        # with; only the target needs its label there.
        cols[1].markdown(value_html(row), unsafe_allow_html=True)
        cols[2].markdown(_cell(_("Target"), target_html(row)), unsafe_allow_html=True)
        cols[3].markdown(status_html(row), unsafe_allow_html=True)
        cols[4].markdown(change_html(row), unsafe_allow_html=True)
        with cols[5]:
            if trend["value"].notna().sum() >= 2:
                st.altair_chart(sparkline(trend.dropna(subset=["value"]), unit), width="stretch")
            else:
                st.markdown(
                    f'<span class="skpi-muted">{html.escape(_("Not enough history"))}</span>',
                    unsafe_allow_html=True,
                )


def kpi_headline(row: KpiResult) -> None:
    """The KPI detail's figures: the value (with its change and what qualifies it), the
    target shown (and where it comes from), the previous figure named by the span it covers,
    and the status."""
    unit = row.unit
    cols = st.columns([1, 1, 1, 1.2], vertical_alignment="top")
    value_text, target_text = value_and_target(row)
    against = compared_with(row)
    # The change on what the value is compared with (named under it), coloured by whether it
    # goes the KPI's good way; a change that rounds to nothing is grey and arrowless.
    shown = change_shown(row.value, row.previous, unit)
    good_way = "inverse" if row.direction == "down" else "normal"
    cols[0].metric(
        _("Value, year to date") if row.cumulative else _("Value"),
        value_text,
        delta=None if shown is None else format_change(row.value, row.previous, unit),
        delta_color="off" if shown == 0 or partial_comparison(row) else good_way,
        delta_arrow="off" if shown == 0 else "auto",
    )
    for note in [comparison_note(row), *value_notes(row)[1 if row.cumulative else 0 :]]:
        if note:
            cols[0].caption(note)
    cols[1].metric(_("Target"), target_text)
    # one caption a line ("83% of 8.4M", "2026 target"): joined, a narrow column broke
    # "2026 target" over two lines
    for note in target_notes(row):
        cols[1].caption(note)
    cols[2].metric(
        format_span(against) if against else _("Previous period"),
        format_value(row.previous, unit),
    )
    with cols[3]:
        st.markdown(status_html(row), unsafe_allow_html=True)


def trend_of(series: pd.DataFrame, kpi_id: str) -> pd.DataFrame:
    """One KPI's series with reader-friendly period labels, oldest first, with what the
    series carries besides the value: the target per period, each period's own value and the
    running total (year-to-date KPIs)."""
    columns = ["period", "value", "target", "period_value", "running_total"]
    if series.empty:
        return pd.DataFrame(columns=[*columns, "label"])
    own = series.loc[series["kpi_id"] == kpi_id, [c for c in columns if c in series]].copy()
    for column in columns:
        if column not in own:
            own[column] = float("nan")
    own["period"] = own["period"].astype(str)
    own["label"] = [short_period(p) for p in own["period"]]
    return own.sort_values("period").reset_index(drop=True)
