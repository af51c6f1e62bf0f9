"""Monthly review (meeting mode, for a projector): who records is asked once at the top;
one objective at a time (previous / next without scrolling), its KPIs off target first as
cards (value, target, status, change against a named period, trend), what was said last
month and the open actions; the forms to record commentary, decisions, actions, stories,
events and target changes stay folded until someone records something; month close (which
e-mails the report once) and the executive report as PDF, PowerPoint or Excel. Every record is written by workflows.review
(one call, one transaction each); this page collects the inputs and shows the outcome."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import loaders, state
from dashboard.components.delivery import DELIVERY_FLASH, send_after_close
from dashboard.components.meeting import kpi_card, objective_nav
from dashboard.components.palette import STATUS_ORDER
from dashboard.components.strategy_editor import flash, save_edit
from dashboard.components.titles import page_title
from dashboard.formatting import format_date, format_period, format_value
from dashboard.i18n import _
from dashboard.identity import acting, login_configured, name_input, role_of_writer
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

# --- who records: asked once, before anything is recorded ----------------------------------
closed_note, recorder = st.columns([3, 2], vertical_alignment="bottom")
with closed_note:
    if pack.close is not None:
        st.success(
            _("Closed on {date} by {who}: the figures below are frozen.").format(
                date=format_date(pack.close.closed_at), who=pack.close.closed_by
            )
        )
if login_configured():  # the signed-in identity records: shown, not asked
    author = name_input("review_author", recorder)
else:
    author = recorder.text_input(
        _("Recording as"), key="review_author", placeholder=_("Your name, for what you record")
    )
role = role_of_writer(author)  # behind a login, the workflows refuse what it may not do
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


def _need_name() -> bool:
    """True (with the message) when nobody said who is recording."""
    if author.strip():
        return False
    st.error(_("Say who is recording at the top of the page."))
    return True


said, todo = st.columns(2)
with said:
    previous = format_period(str(period.previous()))
    if section.previous_comments:
        st.markdown("##### " + _("Said in {period}").format(period=previous))
        for comment in section.previous_comments:
            label = _("Decision") if comment.kind == "decision" else _("Comment")
            about = kpi_names.get(comment.kpi_id or "", section.name)
            st.markdown(
                f"**{label}** · {about} · {comment.author}  \n{comment.body}",
            )
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
with todo:
    st.markdown("#### " + _("Open actions"))
    status_names = {"open": _("open"), "done": _("done"), "dropped": _("dropped")}
    if not section.actions:
        st.caption(_("No open actions."))
    for action in section.actions:
        cols = st.columns([3, 2], vertical_alignment="center")
        carried = " (" + _("carried over") + ")" if action.carried_over else ""
        cols[0].markdown(f"**{action.title}**{carried}")
        cols[0].caption(
            _("{owner}, due {due}").format(owner=action.owner, due=format_date(action.due))
        )
        if action.status == "open":
            if cols[1].button(_("Mark done"), key=f"done_{action.action_id}") and not _need_name():
                review.set_action_status(
                    engine, action.action_id, "done", actor=author, on=date.today(), role=role
                )
                st.rerun()
        else:
            cols[1].write(status_names.get(action.status, action.status))

# --- recording: folded away until someone records something --------------------------------
st.markdown("#### " + _("Record"))
with (
    st.expander(_("Add a comment or decision")),
    st.form("review_comment", clear_on_submit=True),
):
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
    if st.form_submit_button(_("Add")) and not _need_name():
        if not body.strip():
            st.error(_("Give a text."))
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

with st.expander(_("Add an action")), st.form("review_action", clear_on_submit=True):
    title = st.text_input(_("Action"), key="action_title")
    owner = st.text_input(_("Owner"), key="action_owner")
    due = st.date_input(_("Due"), value=None, key="action_due", format=DATE_INPUT_FORMAT)
    action_kpi = st.selectbox(
        _("About"),
        ["", *kpi_names],
        format_func=lambda k: kpi_names.get(k, _("The whole objective")),
        key="action_kpi",
    )
    if st.form_submit_button(_("Add action")) and not _need_name():
        if not (title.strip() and owner.strip()):
            st.error(_("Give the action and its owner."))
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

for story in section.stories:
    st.markdown(f"**{story.title}** — {story.body}  \n{story.author}")
with st.expander(_("Add a success story")), st.form("review_story", clear_on_submit=True):
    story_title = st.text_input(_("Title"), key="story_title")
    story_body = st.text_area(_("What happened"), key="story_body")
    link = st.text_input(_("Link (optional)"), key="story_link")
    if st.form_submit_button(_("Add story")) and not _need_name():
        if not (story_title.strip() and story_body.strip()):
            st.error(_("Give a title and the story."))
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

events_and_targets = st.expander(_("Add an event or change a target"))
events, targets = events_and_targets.columns(2)
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
    if st.form_submit_button(_("Add event")) and not _need_name():
        if not (event_label.strip() and event_day):
            st.error(_("Give a date and the event."))
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
        if _need_name():
            pass
        elif not target_reason.strip() or new_value is None:
            st.error(_("Give the new target and a reason."))
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

# --- month close and the executive report --------------------------------------------------
st.divider()
if pack.close is not None:
    with st.expander(_("Re-open this period")), st.form("review_reopen", clear_on_submit=True):
        reason = st.text_input(_("Reason"), key="reopen_reason")
        if st.form_submit_button(_("Re-open")) and not _need_name():
            if not reason.strip():
                st.error(_("Give a reason."))
            else:
                review.reopen_month(
                    engine,
                    period,
                    reopened_by=author,
                    reason=reason,
                    strategy_id=filters.strategy_id,
                    role=role,
                )
                st.rerun()
else:
    with st.expander(_("Close this period")), st.form("review_close"):
        st.caption(
            _(
                "Closing freezes the figures: later imports no longer change them. The "
                "report is then e-mailed once to the recipients the strategy file names."
            )
        )
        if st.form_submit_button(_("Close the period")) and not _need_name():
            close_id = review.close_month(
                engine,
                period,
                snapshot=freeze_figures(engine, sf, period, filters.strategy_id),
                closed_by=author,
                strategy_id=filters.strategy_id,
                role=role,
            )
            with st.spinner(_("Sending the report…")):
                st.session_state[DELIVERY_FLASH] = send_after_close(
                    engine, sf, period, close_id, filters.strategy_id, author
                )
            st.rerun()

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
