"""Platforms: the KPIs side by side per platform, and what each account contributed."""

from __future__ import annotations

import streamlit as st

from dashboard import loaders, state
from dashboard.components.comparison import account_figures_html, comparison_table
from dashboard.components.empty import missing_exports_notice
from dashboard.components.plain_text import markdown_text
from dashboard.components.titles import page_title
from dashboard.formatting import format_number
from dashboard.i18n import _

filters = state.current_filters()
version = loaders.data_version()
key = loaders.strategy_key()
sf = loaders.strategy_file()
page_title(_("Platforms"), filters, sf)
missing_exports_notice(version, filters)

accounts = loaders.period_coverage(version, filters.period, filters.platforms)
if accounts.empty:
    st.info(_("No account has data in this period with the selected platforms."))
    st.stop()

platforms = [p for p in state.PLATFORM_NAMES if p in set(accounts["platform"])]
st.subheader(_("KPIs by platform"))
overall = loaders.scorecard(version, key, filters.period, filters.platforms, filters.strategy_id)
per_platform = {
    platform: {row.kpi_id: row for row in rows}
    for platform, rows in loaders.platform_scorecards(
        version, key, filters.period, tuple(platforms), filters.strategy_id
    ).items()
}
st.markdown(comparison_table(overall, per_platform), unsafe_allow_html=True)
st.caption(
    _(
        "Targets and status apply to the KPI as a whole; the platform columns show each "
        "platform's share of it. Not counted: the KPI leaves the platform out. A dash: the "
        "platform reported nothing the KPI needs in this period."
    )
)

st.subheader(_("Accounts"))
cards = st.columns(min(3, len(accounts)))
for index, acc in enumerate(accounts.itertuples(index=False)):
    with cards[index % len(cards)].container(border=True):
        platform = state.PLATFORM_NAMES.get(acc.platform, acc.platform)
        st.markdown(f"**{markdown_text(platform)}** · {markdown_text(acc.account)}")
        # Label beside figure: three metrics side by side cut "Days with data" to "Days with …"
        # at laptop width, and Dutch said "Berichten" for both posts and messages.
        st.markdown(
            account_figures_html(
                [
                    (_("Posts"), format_number(acc.posts)),
                    (_("Days with data"), format_number(acc.days)),
                    (_("Inbox messages"), format_number(acc.messages)),
                ]
            ),
            unsafe_allow_html=True,
        )
