"""Monthly review (meeting mode): objective by objective, KPIs off target first; commentary,
decisions, actions and success stories recorded as the team talks; month close; the
executive report as PDF, PowerPoint or Excel. Every record is written by workflows.review
(one call, one transaction each); this page collects the inputs and shows the outcome."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import streamlit as st

from dashboard import loaders, state
from dashboard.components.palette import STATUS_ORDER
from dashboard.components.readings import notes_html, target_notes, value_notes
from dashboard.components.status import status_badge
from dashboard.components.strategy_editor import flash, save_edit
from dashboard.components.titles import page_title
from dashboard.formatting import format_date, format_period, format_span, format_value
from dashboard.i18n import _
from dashboard.identity import acting, name_input, role_of_writer
from metrics.periods import Period, PeriodError
from metrics.strategy_edits import SetTargets
from reports.review_pack import build_review_pack, freeze_figures
from workflows import review
from workflows.access import record_report_export

# Day first, as en_GB, Spanish and Dutch write dates (Streamlit's default is YYYY/MM/DD).
DATE_INPUT_FORMAT = "DD/MM/YYYY"

filters = state.current_filters()
sf = loaders.strategy_file()
engine = loaders.engine()
period = Period.parse(filters.period)
page_title(_("Monthly review"), filters, sf)
st.caption(_("The review covers every platform of the strategy, whatever the platform filter."))

# The pack speaks the strategy's language: the reports built from it go to executives.
pack = build_review_pack(
    engine,
    sf,
    period,
    strategy_id=filters.strategy_id,
    strategy_dir=loaders.strategy_dir(),
)
if not pack.objectives:
    st.info(_("This strategy has no KPIs yet. Add objectives and KPIs to the strategy file."))
    st.stop()

# --- month close -------------------------------------------------------------------------
if pack.close is not None:
    st.success(
        _("Closed on {date} by {who}: the figures below are frozen.").format(
            date=format_date(pack.close.closed_at), who=pack.close.closed_by
        )
    )
    with st.expander(_("Re-open this period")), st.form("review_reopen", clear_on_submit=True):
        who = name_input("reopen_who")
        reason = st.text_input(_("Reason"), key="reopen_reason")
        if st.form_submit_button(_("Re-open")):
            if not who.strip() or not reason.strip():
                st.error(_("Give your name and a reason."))
            else:
                review.reopen_month(
                    engine,
                    period,
                    reopened_by=who,
                    reason=reason,
                    strategy_id=filters.strategy_id,
                    role=role_of_writer(who),
                )
                st.rerun()
else:
    with st.expander(_("Close this period")), st.form("review_close"):
        st.caption(_("Closing freezes the figures: later imports no longer change them."))
        who = name_input("close_who")
        if st.form_submit_button(_("Close the period")):
            if not who.strip():
                st.error(_("Give your name."))
            else:
                review.close_month(
                    engine,
                    period,
                    snapshot=freeze_figures(engine, sf, period, filters.strategy_id),
                    closed_by=who,
                    strategy_id=filters.strategy_id,
                    role=role_of_writer(who),
                )
                st.rerun()

# --- objective by objective --------------------------------------------------------------
names = {o.objective_id: o.name for o in pack.objectives}
objective_id = st.radio(
    _("Objective"), list(names), format_func=names.__getitem__, horizontal=True, key="review_obj"
)
section = next(o for o in pack.objectives if o.objective_id == objective_id)
st.subheader(section.name)
if section.description:
    st.caption(section.description)

order = {status: rank for rank, status in enumerate(STATUS_ORDER)}
for kpi in sorted(section.kpis, key=lambda k: order.get(k.status, len(order))):
    # Room for "1,976.1 h" under "Previous period" at laptop width (it was cut to "1,976…").
    cols = st.columns([2.4, 1.3, 1.3, 1.5, 1.5], vertical_alignment="center")
    owner_line = _("Owner: {owner}").format(owner=kpi.owner or "–")
    cols[0].markdown(f"**{kpi.name}**  \n{owner_line}")
    cols[1].metric(_("Value"), format_value(kpi.value, kpi.unit))
    # "year to date", "1 of 3 months"; the target's "83% of 1,675", "2026 target"
    cols[1].markdown(notes_html(value_notes(asdict(kpi))), unsafe_allow_html=True)
    cols[2].metric(_("Target"), format_value(kpi.target, kpi.unit))
    cols[2].markdown(notes_html(target_notes(asdict(kpi))), unsafe_allow_html=True)
    # the previous figure named by the span it covers ("Sep 2026", "Jan – Oct 2025"); a
    # close frozen before figures carried it says "Previous period"
    cols[3].metric(
        format_span(kpi.compared_with, short=True) if kpi.compared_with else _("Previous period"),
        format_value(kpi.previous, kpi.unit),
    )
    with cols[4]:
        status_badge(kpi.status)

kpi_names = {k.kpi_id: k.name for k in section.kpis}
author = name_input("review_author")
role = role_of_writer(author)  # behind a login, the workflows refuse what it may not do

st.markdown("#### " + _("Commentary and decisions"))
if not section.comments:
    st.caption(_("No commentary yet."))
for comment in section.comments:
    label = _("Decision") if comment.kind == "decision" else _("Comment")
    about = kpi_names.get(comment.kpi_id or "", section.name)
    indent = "&nbsp;" * 6 * comment.depth
    st.markdown(
        f"{indent}**{label}** · {about} · {comment.author}, "
        f"{format_date(comment.created_at)}  \n{indent}{comment.body}",
        unsafe_allow_html=False,
    )
with st.form("review_comment", clear_on_submit=True):
    target_options = ["", *kpi_names]
    about_kpi = st.selectbox(
        _("About"),
        target_options,
        format_func=lambda k: kpi_names.get(k, _("The whole objective")),
        key="comment_kpi",
    )
    kinds = {"comment": _("Comment"), "decision": _("Decision")}
    kind = st.radio(_("Kind"), list(kinds), format_func=kinds.__getitem__, horizontal=True)
    body = st.text_area(_("Text"), key="comment_body")
    threads = review.comments(engine, period)
    replies = {0: _("New thread")} | {c.id: c.body[:60] for c in threads}
    parent = st.selectbox(
        _("Reply to"), list(replies), format_func=replies.__getitem__, key="comment_parent"
    )
    if st.form_submit_button(_("Add")):
        if not author.strip() or not body.strip():
            st.error(_("Give your name and a text."))
        else:
            review.add_comment(
                engine,
                period=period,
                author=author,
                body=body,
                kind=kind,
                kpi_id=about_kpi or None,
                objective_id=None if about_kpi else section.objective_id,
                parent_id=parent or None,
                role=role,
            )
            st.rerun()

st.markdown("#### " + _("Actions"))
status_names = {"open": _("open"), "done": _("done"), "dropped": _("dropped")}
if not section.actions:
    st.caption(_("No open actions."))
for action in section.actions:
    cols = st.columns([4, 2, 1.5, 1.5], vertical_alignment="center")
    carried = " (" + _("carried over") + ")" if action.carried_over else ""
    cols[0].markdown(f"**{action.title}**{carried}")
    cols[1].write(action.owner)
    cols[2].write(format_date(action.due))
    if action.status == "open":
        if cols[3].button(_("Mark done"), key=f"done_{action.action_id}"):
            review.set_action_status(
                engine, action.action_id, "done", actor=author, on=date.today(), role=role
            )
            st.rerun()
    else:
        cols[3].write(status_names.get(action.status, action.status))
with st.form("review_action", clear_on_submit=True):
    title = st.text_input(_("Action"), key="action_title")
    owner = st.text_input(_("Owner"), key="action_owner")
    due = st.date_input(_("Due"), value=None, key="action_due", format=DATE_INPUT_FORMAT)
    action_kpi = st.selectbox(
        _("About"),
        ["", *kpi_names],
        format_func=lambda k: kpi_names.get(k, _("The whole objective")),
        key="action_kpi",
    )
    if st.form_submit_button(_("Add action")):
        if not (author.strip() and title.strip() and owner.strip()):
            st.error(_("Give your name, the action and its owner."))
        else:
            review.add_action(
                engine,
                title=title,
                owner=owner,
                author=author,
                role=role,
                opened_on=min(date.today(), period.end),
                due_date=due,
                kpi_id=action_kpi or None,
                objective_id=None if action_kpi else section.objective_id,
            )
            st.rerun()

st.markdown("#### " + _("Success stories"))
for story in section.stories:
    st.markdown(f"**{story.title}** — {story.body}  \n{story.author}")
with st.form("review_story", clear_on_submit=True):
    story_title = st.text_input(_("Title"), key="story_title")
    story_body = st.text_area(_("What happened"), key="story_body")
    link = st.text_input(_("Link (optional)"), key="story_link")
    if st.form_submit_button(_("Add story")):
        if not (author.strip() and story_title.strip() and story_body.strip()):
            st.error(_("Give your name, a title and the story."))
        else:
            review.add_story(
                engine,
                period=period,
                title=story_title,
                body=story_body,
                author=author,
                objective_id=section.objective_id,
                link=link,
                role=role,
            )
            st.rerun()

st.markdown("#### " + _("Events and targets"))
events, targets = st.columns(2)
with events, st.form("review_event", clear_on_submit=True):
    st.caption(_("A dated event is drawn on the charts of the reports."))
    event_day = st.date_input(_("Date"), value=None, key="event_day", format=DATE_INPUT_FORMAT)
    event_label = st.text_input(_("Event"), key="event_label")
    event_kpi = st.selectbox(
        _("About"),
        ["", *kpi_names],
        format_func=lambda k: kpi_names.get(k, _("Every KPI")),
        key="event_kpi",
    )
    if st.form_submit_button(_("Add event")):
        if not (author.strip() and event_label.strip() and event_day):
            st.error(_("Give your name, a date and the event."))
        else:
            review.add_event(
                engine,
                on_date=event_day,
                label=event_label,
                author=author,
                kpi_id=event_kpi or None,
                role=role,
            )
            st.rerun()
# Where the strategy in force is kept in the database (or is still the sample), a target
# changed here is saved as a new strategy version, its reason recorded with it; a strategy
# file that overrides the versions can only be changed in the file.
editable = loaders.strategy_source().kind in ("warehouse", "sample")
with targets, st.form("review_target", clear_on_submit=True):
    if editable:
        st.caption(_("A new target is saved as a new strategy version, with its reason."))
    else:
        st.caption(_("Record why a target changes; then change it in the strategy file."))
    target_kpi = st.selectbox(
        _("KPI"), list(kpi_names), format_func=kpi_names.__getitem__, key="target_kpi"
    )
    target_period = st.text_input(_("Target period"), value=str(period), key="target_period")
    new_value = st.number_input(_("New target"), value=None, format="%.4f", key="target_value")
    target_reason = st.text_input(_("Reason"), key="target_reason")
    if st.form_submit_button(_("Record target change")):
        valid_period = True
        try:
            Period.parse(target_period.strip())
        except PeriodError:
            valid_period = False
        if not (author.strip() and target_reason.strip()) or new_value is None:
            st.error(_("Give your name, the new target and a reason."))
        elif not valid_period:
            st.error(
                _("{value} is not a period: write 2026-10, 2026-Q4, 2026 or 2026-W43.").format(
                    value=target_period
                )
            )
        elif editable:
            targets_now: dict[str, float | None] = dict(sf.kpi(target_kpi).targets)
            targets_now[str(Period.parse(target_period.strip()))] = float(new_value)
            save_edit(
                SetTargets(kpi_id=target_kpi, targets=targets_now),
                author=author,
                reason=target_reason,
            )
        else:
            old_value = sf.kpi(target_kpi).targets.get(target_period.strip())
            review.record_target_change(
                engine,
                kpi_id=target_kpi,
                target_period=target_period.strip(),
                old_value=old_value,
                new_value=float(new_value),
                reason=target_reason,
                author=author,
                role=role,
            )
            st.success(_("Target change recorded."))
flash()
changes = [c for c in review.target_changes(engine) if c.kpi_id in kpi_names]
units = {k.kpi_id: k.unit for k in section.kpis}
for change in changes:
    # in the KPI's unit and the reader's words: "October 2026: 5.0% → 4.5%", not "0.05 → 0.045"
    unit = units.get(change.kpi_id)
    st.caption(
        _("{kpi}, {period}: {old} → {new} ({reason}; {author})").format(
            kpi=kpi_names[change.kpi_id],
            period=format_period(change.target_period),
            old=format_value(change.old_value, unit),
            new=format_value(change.new_value, unit),
            reason=change.reason,
            author=change.author,
        )
    )

# --- the executive report ----------------------------------------------------------------
st.divider()
st.markdown("#### " + _("Executive report"))
formats = {
    "pdf": ("application/pdf", _("Download PDF")),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _("Download PowerPoint"),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _("Download Excel"),
    ),
}
if st.button(_("Prepare the reports"), key="review_prepare"):
    from reports.pdf_report import build_pdf
    from reports.pptx_report import build_pptx
    from reports.xlsx_report import build_xlsx

    with st.spinner(_("Building the reports…")):
        st.session_state.review_reports = {
            "period": str(period),
            "pdf": build_pdf(pack),
            "pptx": build_pptx(pack),
            "xlsx": build_xlsx(pack),
        }
    record_report_export(
        engine,
        who=acting("")[0] or "dashboard",
        role=acting("")[1],
        period=str(period),
        formats=list(formats),
    )
built = st.session_state.get("review_reports")
if built and built["period"] == str(period):
    cols = st.columns(3)
    for column, (fmt, (mime, label)) in zip(cols, formats.items(), strict=True):
        column.download_button(
            label,
            data=built[fmt],
            file_name=f"socialkpi-report-{period}.{fmt}",
            mime=mime,
            key=f"review_download_{fmt}",
        )
else:
    st.caption(_("Prepare the reports to download them in the strategy's language."))
