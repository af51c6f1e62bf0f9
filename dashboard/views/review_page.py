"""Monthly review (meeting mode, for a projector): who records is asked once at the top;
one objective at a time (previous / next without scrolling), its KPIs off target first as
cards (value, target, status, change against a named period, trend), what was said last
month and the open actions; the forms to record commentary, decisions, actions, stories,
events and target changes stay folded until someone records something; month close (which
e-mails the report once) and the executive report as PDF, PowerPoint or Excel.

The page composes components (meeting, review_threads, review_forms, month_close); every
record is written by workflows.review (one call, one transaction each). The review pack is
built once per state of the data, the review records and the strategy (loaders.review_pack)."""

from __future__ import annotations

import streamlit as st

from dashboard import loaders, state
from dashboard.components.delivery import DELIVERY_FLASH
from dashboard.components.meeting import kpi_card, objective_nav
from dashboard.components.month_close import close_or_reopen, executive_report
from dashboard.components.palette import STATUS_ORDER
from dashboard.components.review_forms import (
    action_form,
    comment_form,
    event_form,
    stories_and_form,
    target_changes,
    target_form,
    who_records,
)
from dashboard.components.review_threads import said_and_open_actions
from dashboard.components.strategy_editor import flash
from dashboard.components.titles import page_title
from dashboard.i18n import _
from metrics.periods import Period

filters = state.current_filters()
sf = loaders.strategy_file()
engine = loaders.engine()
period = Period.parse(filters.period)
page_title(_("Monthly review"), filters, sf)
st.caption(_("The review covers every platform of the strategy, whatever the platform filter."))

# The pack speaks the strategy's language: the reports built from it go to executives.
pack = loaders.review_pack(str(period), filters.strategy_id)
if not pack.objectives:
    st.info(_("This strategy has no KPIs yet. Add objectives and KPIs to the strategy file."))
    st.stop()

# --- who records: asked once, before anything is recorded ----------------------------------
author, role = who_records(pack.close)
flash()
for note in st.session_state.pop(DELIVERY_FLASH, []):
    st.info(note)

# --- one objective at a time -------------------------------------------------------------
names = {o.objective_id: o.name for o in pack.objectives}
objective_id = objective_nav(list(names), names)
section = next(o for o in pack.objectives if o.objective_id == objective_id)
st.subheader(section.name)
if section.description:
    st.caption(section.description)

order = {status: rank for rank, status in enumerate(STATUS_ORDER)}
ranked = sorted(section.kpis, key=lambda k: order.get(k.status, len(order)))
for start in range(0, len(ranked), 2):
    for column, kpi in zip(st.columns(2), ranked[start : start + 2], strict=False):
        with column:
            series = section.series_of(kpi.kpi_id)
            kpi_card(kpi, series.points if series is not None else (), str(period))

kpi_names = {k.kpi_id: k.name for k in section.kpis}
said_and_open_actions(engine, period, section, kpi_names, author, role)

# --- recording: folded away until someone records something --------------------------------
st.markdown("#### " + _("Record"))
comment_form(engine, period, section, kpi_names, author, role)
action_form(engine, period, section, kpi_names, author, role)
stories_and_form(engine, period, section, author, role)
events, targets = st.expander(_("Add an event or change a target")).columns(2)
with events:
    event_form(engine, kpi_names, author, role)
# A target changed here is a new strategy version where the strategy in force is kept in
# the database (or is still the sample); a strategy file that overrides them is changed there.
editable = loaders.strategy_source().kind in ("warehouse", "sample")
with targets:
    target_form(engine, sf, period, kpi_names, author, role, editable=editable)
target_changes(engine, section, kpi_names)

# --- month close and the executive report --------------------------------------------------
st.divider()
close_or_reopen(engine, sf, period, pack.close is not None, filters.strategy_id, author, role)
executive_report(engine, pack, period)
