"""Platforms: the KPIs side by side per platform, and what each account contributed."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import loaders, state
from dashboard.components.empty import missing_exports_notice
from dashboard.components.palette import status_style
from dashboard.components.titles import page_title
from dashboard.formatting import format_number, format_value
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
table: dict[str, dict[str, str]] = {}
statuses: dict[str, dict[str, str]] = {}
for platform in platforms:
    for row in loaders.scorecard(version, key, filters.period, (platform,), filters.strategy_id):
        if platform not in row.get("platforms", [platform]):
            continue
        cell = format_value(row.get("value"), row.get("unit"))
        if row.get("value") is not None:
            cell = f"{status_style(row.get('status')).symbol} {cell}"
        table.setdefault(row["name"], {})[state.PLATFORM_NAMES[platform]] = cell
frame = (
    pd.DataFrame.from_dict(table, orient="index")
    .reindex(columns=[state.PLATFORM_NAMES[p] for p in platforms])
    .fillna("")
)
st.dataframe(frame.rename_axis(_("KPI")), width="stretch")
st.caption(_("● on target · ▲ near target · ■ off target · ○ no target for the period"))

st.subheader(_("Accounts"))
cards = st.columns(min(3, len(accounts)))
for index, acc in enumerate(accounts.itertuples(index=False)):
    with cards[index % len(cards)].container(border=True):
        st.markdown(f"**{state.PLATFORM_NAMES.get(acc.platform, acc.platform)}** · {acc.account}")
        cols = st.columns(3)
        cols[0].metric(_("Posts"), format_number(acc.posts))
        cols[1].metric(_("Days with data"), format_number(acc.days))
        cols[2].metric(_("Messages"), format_number(acc.messages))
