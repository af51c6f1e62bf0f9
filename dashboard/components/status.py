"""The status badge: colour, symbol and text label together."""

from __future__ import annotations

import html

import streamlit as st

from dashboard.components.palette import status_label, status_style


def status_badge_html(status: str | None) -> str:
    """An inline badge, e.g. "▲ Near target" on a pale amber ground (pure; used in cards)."""
    style = status_style(status)
    label = html.escape(status_label(status))
    return (
        f'<span class="skpi-badge" style="color:{style.colour};background:{style.background};'
        f"border:1px solid {style.colour}33;border-radius:999px;padding:2px 10px;"
        f'font-size:0.8rem;font-weight:600;white-space:nowrap">'
        f"{style.symbol} {label}</span>"
    )


def status_badge(status: str | None) -> None:
    st.markdown(status_badge_html(status), unsafe_allow_html=True)
