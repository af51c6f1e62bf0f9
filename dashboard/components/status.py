"""The status badge: colour, symbol and text label together."""

from __future__ import annotations

import html

import streamlit as st

from dashboard.components.palette import status_label, status_style
from dashboard.components.readings import PART_OF_WHOLE, display_status, enclosing_share_note
from metrics.scorecard import KpiResult


def status_badge_html(status: str | None, *, label: str | None = None) -> str:
    """An inline badge, e.g. "▲ Near target" on a pale amber ground (pure; used in cards);
    `label` replaces the status's own words (the status keeps its colour and symbol)."""
    style = status_style(status)
    label = html.escape(label if label is not None else status_label(status))
    return (
        f'<span class="skpi-badge" style="color:{style.colour};background:{style.background};'
        f"border:1px solid {style.colour}33;border-radius:999px;padding:2px 10px;"
        f'font-size:0.8rem;font-weight:600;white-space:nowrap">'
        f"{style.symbol} {label}</span>"
    )


def status_badge(status: str | None) -> None:
    st.markdown(status_badge_html(status), unsafe_allow_html=True)


def status_html(row: KpiResult) -> str:
    """The status badge; none for a value that is only part of the whole; for a month
    without a target whose quarter has one, the month's share of the quarter's target."""
    shown = display_status(row)
    if shown == PART_OF_WHOLE:
        return ""
    share = enclosing_share_note(row)
    if share and shown == "no_target":
        return status_badge_html("no_target", label=share)
    return status_badge_html(shown)
