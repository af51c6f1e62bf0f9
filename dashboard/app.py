"""The socialkpi dashboard: page setup, the shared sidebar filters and navigation only.

Run with `socialkpi serve` (or `streamlit run dashboard/app.py`). Configuration comes from
the environment when the app runs: SOCIALKPI_DATABASE_URL and SOCIALKPI_STRATEGY.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import loaders
from dashboard.components.filters import choose_language, sidebar_filters
from dashboard.components.problems import strategy_invalid
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
        initial_sidebar_state="expanded",
    )
    apply_theme()
    from metrics.strategy import StrategyInvalid

    try:
        sf = loaders.strategy_file()
    except StrategyInvalid as exc:
        choose_language("en")
        strategy_invalid(exc)
        return
    except FileNotFoundError as exc:
        choose_language("en")
        st.error(
            _("No strategy file at {path}. Set SOCIALKPI_STRATEGY or pass --strategy.").format(
                path=exc.filename
            )
        )
        return
    sidebar_filters(sf, loaders.latest_fact_day(loaders.data_version()))
    st.navigation(pages()).run()


main()
