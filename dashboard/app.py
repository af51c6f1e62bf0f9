"""The socialkpi dashboard: page setup, the shared sidebar filters and navigation only.

Run with `socialkpi serve` (or `streamlit run dashboard/app.py`). Configuration comes from
the environment when the app runs: SOCIALKPI_DATABASE_URL and SOCIALKPI_STRATEGY.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import streamlit as st

from dashboard import state
from dashboard.components.boundary import error_boundary
from dashboard.components.filters import shared_sidebar
from dashboard.components.theme import apply_theme
from dashboard.i18n import _
from dashboard.identity import Identity, signed_in

VIEWS = Path(__file__).resolve().parent / "views"


def pages(identity: Identity | None = None) -> list[st.Page]:
    admin = identity is None or identity.role == "admin"  # single-user mode: the one user
    audit = [
        st.Page(
            VIEWS / "audit_page.py",
            title=_("Audit log"),
            icon=":material/history:",
            url_path="audit",
        )
    ]
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
            VIEWS / "benchmarks_page.py",
            title=_("Benchmarks"),
            icon=":material/leaderboard:",
            url_path="benchmarks",
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
            VIEWS / "maturity_page.py",
            title=_("Maturity"),
            icon=":material/stairs:",
            url_path="maturity",
        ),
        st.Page(
            VIEWS / "data_page.py", title=_("Data"), icon=":material/upload_file:", url_path="data"
        ),
    ] + (audit if admin else [])


def identity_sidebar(identity: Identity | None) -> None:
    """Who is signed in, with which role, and the sign-out; or that there is no login."""
    with st.sidebar:
        if identity is None:
            st.caption(
                _(
                    "Single-user mode: no login (socialkpi serve listens on this computer "
                    "only). For a team, configure a login: docs/deploy.md."
                )
            )
            return
        from dashboard.components.plain_text import markdown_text
        from dashboard.components.strategy_editor import ROLE_NAMES

        st.caption(
            _("Signed in as {name} · {role}").format(
                name=markdown_text(identity.display), role=_(ROLE_NAMES[identity.role])
            )
        )
        if st.button(_("Sign out"), key="identity_logout"):
            st.logout()


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
    identity = signed_in()  # behind a login, nobody signed in sees the sign-in and stops here
    if identity is not None and st.session_state.get("_login_recorded") != identity.name:
        with error_boundary("login"):
            from dashboard import loaders
            from workflows.access import record_login

            record_login(
                loaders.engine(),
                who=identity.name,
                role=identity.role,
                # a provider whose token has no time: once per browser session instead
                signed_in_at=identity.signed_in_at
                or st.session_state.setdefault("_session_token", secrets.token_hex(6)),
            )
            st.session_state["_login_recorded"] = identity.name
    state.clear_filters()
    with error_boundary("sidebar"):
        if not shared_sidebar():
            return
    if not state.has_filters():
        return  # the sidebar failed: its message is shown, no page can run without filters
    identity_sidebar(identity)
    page = st.navigation(pages(identity))
    with error_boundary(page.url_path or "overview"):
        page.run()


main()
