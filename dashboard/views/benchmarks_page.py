"""Benchmarks: the organisation beside its competitors, per platform, for the period chosen
(definitions: docs/benchmarks.md)."""

from __future__ import annotations

import streamlit as st

from dashboard import loaders, state
from dashboard.components.benchmark_table import benchmark_table
from dashboard.components.plain_text import markdown_text
from dashboard.components.titles import page_title
from dashboard.formatting import format_months, format_period
from dashboard.i18n import _

filters = state.current_filters()
version = loaders.data_version()
sf = loaders.strategy_file()
page_title(_("Benchmarks"), filters, sf)

if filters.grain == "week":
    st.info(
        _(
            "Benchmarks are monthly: competitor figures come per calendar month. Choose a "
            "month, a quarter or a year."
        ),
        icon=":material/calendar_month:",
    )
    st.stop()

result = loaders.benchmarks(version, filters.period, filters.platforms)
if not result.rows:
    st.info(
        _(
            "No competitor figures for {period}. Import LinkedIn's Competitors export, or "
            "socialkpi's competitor template for the other platforms, on the Data page "
            "(docs/exports.md, Competitors)."
        ).format(period=format_period(filters.period)),
        icon=":material/leaderboard:",
    )
    st.stop()

st.caption(
    _(
        "Competitor average: the mean over your competitors, you excluded. Landscape average: "
        "the same mean with you included. Each average counts only the pages with a figure "
        "for the period; engagements per post is averaged page by page. Rank 1 is the highest."
    )
)
for platform in result.platforms:
    st.subheader(state.PLATFORM_NAMES.get(platform, platform))
    if platform in result.read_to:
        st.caption(
            _("Read to date: {span}, the months with competitor figures.").format(
                span=format_months(result.period.start, result.read_to[platform])
            )
        )
    own = result.own_pages.get(platform, [])
    if own:
        st.caption(_("Your page: {names}").format(names=markdown_text(", ".join(own))))
    else:
        st.caption(_("No page is marked as yours on this platform: only the averages are shown."))
    st.markdown(benchmark_table(result.platform_rows(platform)), unsafe_allow_html=True)
if result.other_ranges:
    st.caption(
        _(
            "{n} stored competitor row(s) cover a range that is not a calendar month and are "
            "not used."
        ).format(n=result.other_ranges)
    )
