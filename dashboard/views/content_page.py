"""Content: the best and weakest posts of the period, and how a measure is distributed."""

from __future__ import annotations

import streamlit as st

from dashboard import loaders, state
from dashboard.components.charts import distribution
from dashboard.components.empty import missing_exports_notice
from dashboard.components.tables import MEASURE_LABELS, posts_table
from dashboard.components.titles import page_title
from dashboard.components.widgets import localized_selectbox
from dashboard.formatting import format_number
from dashboard.i18n import _

RANKED_BY = (
    "engagements",
    "impressions",
    "reach",
    "reactions",
    "comments",
    "shares",
    "clicks",
    "video_views",
)
MEASURES = {m: MEASURE_LABELS[m] for m in RANKED_BY}
DISTRIBUTION_POSTS = 2000

filters = state.current_filters()
version = loaders.data_version()
sf = loaders.strategy_file()
page_title(_("Content"), filters, sf)

controls = st.columns([1.2, 2, 1])
with controls[0]:
    measure = localized_selectbox(
        _("Rank posts by"),
        list(MEASURES),
        format_func=lambda m: _(MEASURES[m]),
        key="content_measure",
    )
everything = loaders.top_posts(
    version, filters.period, filters.platforms, measure, DISTRIBUTION_POSTS, False
)
types = sorted(t for t in everything["post_type"].dropna().unique()) if not everything.empty else []
chosen_types = controls[1].multiselect(
    _("Post types"), types, placeholder=_("All post types"), key="content_types"
)
count = controls[2].number_input(_("Posts shown"), 3, 50, 10, key="content_n")

posts = everything[everything["post_type"].isin(chosen_types)] if chosen_types else everything
if posts.empty:
    missing_exports_notice(version, filters)
    st.info(
        _("No post in this period reports {measure}.").format(measure=_(MEASURES[measure]).lower())
    )
    st.stop()

st.caption(
    _("{n} posts in the period report {measure}.").format(
        n=format_number(len(posts)), measure=_(MEASURES[measure]).lower()
    )
)
top, bottom = st.tabs([_("Top posts"), _("Bottom posts")])
with top:
    posts_table(
        posts.head(int(count)), measure, key="content_top", measure_label=_(MEASURES[measure])
    )
with bottom:
    posts_table(
        posts.tail(int(count)).iloc[::-1],
        measure,
        key="content_bottom",
        measure_label=_(MEASURES[measure]),
    )

st.subheader(_("Distribution"))
st.altair_chart(distribution(posts, measure, _(MEASURES[measure])), width="stretch")
