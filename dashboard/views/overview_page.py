"""Overview: the scorecard of the period, grouped by strategy and objective, each objective
with its own summary status. By default every strategy is shown, as the report shows them."""

from __future__ import annotations

import streamlit as st

from dashboard import loaders, state
from dashboard.components.empty import missing_exports_notice
from dashboard.components.scorecard import (
    by_strategy,
    group_scorecard,
    header_row,
    kpi_row,
    objective_summary_html,
    status_counts,
    status_tiles,
    trend_of,
)
from dashboard.components.titles import page_title
from dashboard.i18n import _
from metrics.periods import Period

SPARKLINE_PERIODS = 8

filters = state.current_filters()
version = loaders.data_version()
key = loaders.strategy_key()
sf = loaders.strategy_file()

page_title(_("Overview"), filters, sf)
periods = tuple(str(p) for p in Period.last_n(Period.parse(filters.period), SPARKLINE_PERIODS))
results, series = loaders.overview(
    version, key, filters.period, periods, filters.platforms, filters.strategy_id
)

if not results:
    st.info(_("This strategy has no KPIs yet. Add objectives and KPIs to the strategy file."))
    st.stop()

missing_exports_notice(version, filters)
status_tiles(status_counts(results))

query = {"period": filters.period, "grain": filters.grain}
strategies = by_strategy(group_scorecard(results, sf))
# A strategy's name heads its objectives only when several are shown (one strategy is named
# in the page subtitle already).
for strategy in strategies:
    if len(strategies) > 1:
        st.header(strategy.strategy_name, anchor=strategy.strategy_id, divider="gray")
    for group in strategy.objectives:
        st.subheader(group.objective_name, anchor=group.objective_id)
        st.markdown(objective_summary_html(group.rows), unsafe_allow_html=True)
        with st.container(border=True):
            header_row(group.objective_id)
            for row in group.rows:
                kpi_row(row, trend_of(series, row.kpi_id), query)
