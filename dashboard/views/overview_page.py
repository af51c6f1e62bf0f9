"""Overview: the scorecard of the period, grouped by strategy and objective."""

from __future__ import annotations

import streamlit as st

from dashboard import loaders, state
from dashboard.components.empty import missing_exports_notice
from dashboard.components.scorecard import (
    group_scorecard,
    header_row,
    kpi_row,
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
st.write("")

query = {"period": filters.period, "grain": filters.grain}

groups = group_scorecard(results, sf)
# The strategy's name is in the page subtitle; repeat it under an objective only when the
# scorecard mixes strategies (it was printed under every objective of the one shown).
mixed = len({group.strategy_name for group in groups}) > 1
for group in groups:
    st.subheader(group.objective_name, anchor=group.objective_id)
    if mixed:
        st.caption(group.strategy_name)
    with st.container(border=True):
        header_row()
        for row in group.rows:
            kpi_row(row, trend_of(series, row["kpi_id"]), query)
