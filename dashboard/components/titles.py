"""Page titles with the context line: strategy · period · platforms."""

from __future__ import annotations

import html
from typing import Any

import streamlit as st

from dashboard import state
from dashboard.formatting import format_period
from dashboard.i18n import _


def context_line(filters: state.Filters, sf: Any) -> str:
    names = {info.id: info.name for info in sf.strategies if info.name}  # unnamed: the org
    platforms = (
        ", ".join(state.PLATFORM_NAMES[p] for p in filters.platforms)
        if filters.platforms
        else _("All platforms")
    )
    parts = [
        names.get(filters.strategy_id or "", sf.organisation),
        format_period(filters.period),
        platforms,
    ]
    return " · ".join(parts)


def page_title(title: str, filters: state.Filters, sf: Any) -> None:
    st.title(title)
    st.markdown(
        f'<div class="skpi-subtitle">{html.escape(context_line(filters, sf))}</div>',
        unsafe_allow_html=True,
    )
