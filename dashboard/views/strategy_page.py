"""Strategy: objectives and KPI definitions as cards, the targets, the Strategy Cone, then
editing (dashboard/components/strategy_editor.py) and the version history."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboard import loaders, state
from dashboard.components import strategy_editor
from dashboard.components.definitions import definition_card, targets_table_rows
from dashboard.components.palette import ACCENT
from dashboard.components.titles import page_title
from dashboard.formatting import format_period
from dashboard.i18n import N_, _

CONE_STAGES: list[tuple[str, list[tuple[str, str]]]] = [
    (
        N_("Initiation"),
        [("target_audience", N_("Target audience")), ("channel_choice", N_("Channel choice"))],
    ),
    (
        N_("Diffusion"),
        [("goals", N_("Goals")), ("resources", N_("Resources")), ("policy", N_("Policy"))],
    ),
    (
        N_("Maturity"),
        [("content_activities", N_("Content activities")), ("monitoring", N_("Monitoring"))],
    ),
]

filters = state.current_filters()
sf = loaders.strategy_file()
page_title(_("Strategy"), filters, sf)

objectives = sf.objectives_of(filters.strategy_id) if filters.strategy_id else sf.objectives
info = next((s for s in sf.strategies if s.id == filters.strategy_id), None)
if info is not None and info.description:
    st.markdown(info.description)

st.subheader(_("Social Strategy Cone"))
st.caption(
    _(
        "Effing & Spil (2016): seven elements in three stages. An element is covered when an "
        "objective names it."
    )
)
covered = {o.cone_element for o in objectives if o.cone_element}
for column, (stage, elements) in zip(st.columns(3), CONE_STAGES, strict=True):
    done = sum(1 for element, _label in elements if element in covered)
    items = "".join(
        f"<li>{'✔' if element in covered else '○'} {html.escape(_(label))}</li>"
        for element, label in elements
    )
    column.markdown(
        f'<div class="skpi-cone" style="border-top:5px solid {ACCENT}">'
        f"<b>{html.escape(_(stage))}</b> · "
        f'<span class="skpi-muted">{done}/{len(elements)}</span>'
        f'<ul style="list-style:none;padding-left:0;margin:6px 0 0 0">{items}</ul></div>',
        unsafe_allow_html=True,
    )

st.subheader(_("Objectives and KPIs"))
in_force = {k.id for k in sf.kpis_in_force(filters.period, filters.strategy_id)}
kpi_names = {k.id: k.name for k in sf.kpis()}
for objective in objectives:
    st.markdown(f"#### {objective.name}")
    if objective.retired:
        st.caption(_("Retired from {period}.").format(period=format_period(objective.retired)))
    if objective.description:
        st.caption(objective.description)
    cards = st.columns(2)
    for index, kpi in enumerate(objective.kpis):
        with cards[index % 2]:
            definition_card(kpi, kpi_names)
            if kpi.id not in in_force and kpi.retired:
                st.caption(_("Retired from {period}.").format(period=format_period(kpi.retired)))

st.subheader(_("Targets"))
kpis = [k for o in objectives for k in o.kpis]
rows = targets_table_rows(kpis)
if rows:
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
else:
    st.info(_("No KPI has targets yet."))

source = loaders.strategy_source()
strategy_editor.flash()
st.subheader(_("Edit the strategy"))
if strategy_editor.source_notice(source):
    strategy_editor.edit_section(sf, period=filters.period)
st.subheader(_("Versions"))
strategy_editor.versions_section(source, loaders.strategy_text())
