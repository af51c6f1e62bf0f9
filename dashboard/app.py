"""The socialkpi dashboard: page setup, the shared sidebar filters and navigation only.

Run with `socialkpi serve` (or `streamlit run dashboard/app.py`). Configuration comes from
the environment when the app runs: SOCIALKPI_DATABASE_URL and SOCIALKPI_STRATEGY.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import state
from dashboard.components.boundary import error_boundary
from dashboard.components.filters import shared_sidebar
from dashboard.components.theme import apply_theme
from dashboard.i18n import _

VIEWS = Path(__file__).resolve().parent / "views"


def pages() -> list[st.Page]:
    return [
        st.Page(
            VIEWS / "overview_page.py",
            title=_("Overview"),
            icon=":material/dashboard:",
            url_path="overview",
            default=True,
        ),
        st.Page(
            VIEWS / "kpi_detail_page.py",
            title=_("KPI detail"),
            icon=":material/query_stats:",
            url_path="kpi",
        ),
        st.Page(
            VIEWS / "platforms_page.py",
            title=_("Platforms"),
            icon=":material/hub:",
            url_path="platforms",
        ),
        st.Page(
            VIEWS / "content_page.py",
            title=_("Content"),
            icon=":material/article:",
            url_path="content",
        ),
        st.Page(
            VIEWS / "strategy_page.py",
            title=_("Strategy"),
            icon=":material/flag:",
            url_path="strategy",
        ),
        st.Page(
            VIEWS / "review_page.py",
            title=_("Monthly review"),
            icon=":material/groups:",
            url_path="review",
        ),
        st.Page(
            VIEWS / "data_page.py", title=_("Data"), icon=":material/upload_file:", url_path="data"
        ),
    ]


def main() -> None:
    st.set_page_config(
        page_title="socialkpi",
        page_icon=":material/monitoring:",
        layout="wide",
        initial_sidebar_state="auto",
    )
    apply_theme()
    # also when started by `streamlit run` directly, not through `socialkpi serve`
    st.set_option("client.disableDataExport", True)
    state.clear_filters()
    with error_boundary("sidebar"):
        if not shared_sidebar():
            return
    if not state.has_filters():
        return  # the sidebar failed: its message is shown, no page can run without filters
    page = st.navigation(pages())
    with error_boundary(page.url_path or "overview"):
        page.run()


main()
