"""Empty states that say what is missing and where to fix it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import loaders, state
from dashboard.formatting import format_period
from dashboard.i18n import _

DATA_PAGE = Path(__file__).resolve().parents[1] / "views" / "data_page.py"


def missing_platforms(
    ever: pd.DataFrame, in_period: pd.DataFrame, selected: tuple[str, ...]
) -> list[str]:
    """Platforms that have had data before but have none in the period (in the filter)."""
    known = set(ever["platform"]) if not ever.empty else set()
    present = set(in_period["platform"]) if not in_period.empty else set()
    if selected:
        known &= set(selected)
    return [p for p in state.PLATFORM_NAMES if p in known - present]


def missing_exports_notice(version: str, filters: state.Filters) -> None:
    """One line per platform without exports for the period, with a link to the Data page."""
    ever = loaders.platforms_with_data(version)
    if ever.empty:
        no_data_at_all()
        return
    in_period = loaders.period_coverage(version, filters.period, filters.platforms)
    for platform in missing_platforms(ever, in_period, filters.platforms):
        st.warning(
            _("No {platform} export covers {period} — upload one on the Data page.").format(
                platform=state.PLATFORM_NAMES[platform], period=format_period(filters.period)
            ),
            icon=":material/event_busy:",
        )


def no_data_at_all() -> None:
    st.info(
        _("The warehouse holds no exports yet. Upload your platforms' exports on the Data page."),
        icon=":material/upload_file:",
    )
    st.page_link(DATA_PAGE, label=_("Go to the Data page"), icon=":material/arrow_forward:")
