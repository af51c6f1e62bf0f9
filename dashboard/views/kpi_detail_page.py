"""KPI detail: trend against target and baseline, breakdowns, the posts behind it, trace."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import loaders, state
from dashboard.components.charts import breakdown_bars, trend
from dashboard.components.definitions import definition_card
from dashboard.components.kpi_sources import kpi_sources
from dashboard.components.readings import shown_target
from dashboard.components.scorecard import kpi_headline, trend_of
from dashboard.components.tables import measure_name, posts_table
from dashboard.components.titles import page_title
from dashboard.i18n import N_, _
from metrics.periods import Period

TREND_PERIODS = 12
EACH_PERIOD = {
    "month": N_("Each month"),
    "quarter": N_("Each quarter"),
    "year": N_("Each year"),
    "week": N_("Each week"),
}

filters = state.current_filters()
version = loaders.data_version()
key = loaders.strategy_key()
sf = loaders.strategy_file()

kpis = [k for k in sf.kpis() if sf.strategy_of(k.id) == filters.strategy_id] or sf.kpis()
if not kpis:
    st.info(_("This strategy has no KPIs yet. Add objectives and KPIs to the strategy file."))
    st.stop()
names = {k.id: k.name for k in kpis}
wanted = st.query_params.get("kpi")
if "kpi_pick" not in st.session_state or (wanted in names and wanted != st.session_state.kpi_pick):
    st.session_state.kpi_pick = wanted if wanted in names else kpis[0].id

page_title(_("KPI detail"), filters, sf)
kpi_id = st.selectbox(_("KPI"), list(names), format_func=names.__getitem__, key="kpi_pick")
st.query_params["kpi"] = kpi_id
kpi = sf.kpi(kpi_id)

results = loaders.scorecard(version, key, filters.period, filters.platforms, filters.strategy_id)
row = next((r for r in results if r.kpi_id == kpi_id), None)
if row is None:
    st.info(_("No result for this KPI with the selected platforms."))
    st.stop()

unit = row.unit
kpi_headline(row)

left, right = st.columns([2, 1])
with left:
    st.subheader(_("Trend"))
    periods = tuple(str(p) for p in Period.last_n(Period.parse(filters.period), TREND_PERIODS))
    series = trend_of(loaders.series(version, key, periods, (kpi_id,), filters.platforms), kpi_id)
    if series["value"].notna().sum() == 0:
        st.info(_("No value in the last {n} periods.").format(n=TREND_PERIODS))
    else:
        st.altair_chart(
            trend(
                series,
                unit,
                target=shown_target(row),
                baseline=row.baseline,
                period_name=_(EACH_PERIOD[filters.grain]),
            ),
            width="stretch",
        )
with right:
    st.subheader(_("Definition"))
    definition_card(kpi, {k.id: k.name for k in sf.kpis()}, baseline_period=row.baseline_period)

st.subheader(_("Breakdown"))
# One above the other: side by side, the account names took the chart's width and the bar
# labels ran off its edge on a projector.
for by, title in (("platform", _("By platform")), ("account", _("By account"))):
    st.markdown(f"**{title}**")
    frame = loaders.breakdown(version, key, kpi_id, filters.period, by, filters.platforms)
    if frame.empty:
        st.caption(_("No data for this period."))
    else:
        frame = frame.assign(value=pd.to_numeric(frame["value"]))
        st.altair_chart(breakdown_bars(frame, by, unit), width="stretch")

metric = kpi.metric
measure = metric.measure or metric.numerator
if metric.grain == "post" and measure:
    st.subheader(_("Posts that drove it"))
    platforms = tuple(
        p for p in kpi.effective_platforms if not filters.platforms or p in filters.platforms
    )
    posts = loaders.top_posts(version, filters.period, platforms, measure, 10, False)
    if posts.empty:
        st.caption(
            _("No post reports {measure} in this period.").format(
                measure=measure_name(measure).lower()
            )
        )
    else:
        posts_table(posts, measure)

st.subheader(_("Where the numbers come from"))
kpi_sources(loaders.trace(version, key, kpi_id, filters.period, filters.platforms))
