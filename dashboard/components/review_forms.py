"""The Monthly review's recording: who records (asked once, at the top), and the forms,
folded until someone records something, for commentary and decisions, actions, success
stories, dated events and target changes. Every record is written by workflows.review (one
call, one transaction); a target change where the strategy is kept in the warehouse is a new
strategy version (components.strategy_editor.save_edit)."""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlalchemy import Engine

from dashboard.components.strategy_editor import save_edit
from dashboard.formatting import format_date, format_period, format_value
from dashboard.i18n import _
from dashboard.identity import login_configured, name_input, role_of_writer
from metrics.periods import Period, PeriodError
from metrics.strategy_edits import SetTargets
from metrics.strategy_model import StrategyFile
from reports.review_pack import CloseInfo, ObjectiveSection
from workflows import review

# Day first, as en_GB, Spanish and Dutch write dates (Streamlit's default is YYYY/MM/DD).
DATE_INPUT_FORMAT = "DD/MM/YYYY"


def who_records(close: CloseInfo | None) -> tuple[str, str | None]:
    """The closed notice (when the period is closed) beside who is recording: the name and
    the role it writes with (behind a login, the signed-in identity, shown, not asked)."""
    closed_note, recorder = st.columns([3, 2], vertical_alignment="bottom")
    with closed_note:
        if close is not None:
            st.success(
                _("Closed on {date} by {who}: the figures below are frozen.").format(
                    date=format_date(close.closed_at), who=close.closed_by
                )
            )
    if login_configured():  # the signed-in identity records: shown, not asked
        author = name_input("review_author", recorder)
    else:
        author = recorder.text_input(
            _("Recording as"), key="review_author", placeholder=_("Your name, for what you record")
        )
    # behind a login, the workflows refuse what the role may not do
    return author, role_of_writer(author)


def need_name(author: str) -> bool:
    """True (with the message) when nobody said who is recording."""
    if author.strip():
        return False
    st.error(_("Say who is recording at the top of the page."))
    return True


def comment_form(
    engine: Engine,
    period: Period,
    section: ObjectiveSection,
    kpi_names: dict[str, str],
    author: str,
    role: str | None,
) -> None:
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
        if st.form_submit_button(_("Add")) and not need_name(author):
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


def action_form(
    engine: Engine,
    period: Period,
    section: ObjectiveSection,
    kpi_names: dict[str, str],
    author: str,
    role: str | None,
) -> None:
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
        if st.form_submit_button(_("Add action")) and not need_name(author):
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


def stories_and_form(
    engine: Engine, period: Period, section: ObjectiveSection, author: str, role: str | None
) -> None:
    """The objective's success stories, then the form to add one."""
    for story in section.stories:
        st.markdown(f"**{story.title}** — {story.body}  \n{story.author}")
    with st.expander(_("Add a success story")), st.form("review_story", clear_on_submit=True):
        story_title = st.text_input(_("Title"), key="story_title")
        story_body = st.text_area(_("What happened"), key="story_body")
        link = st.text_input(_("Link (optional)"), key="story_link")
        if st.form_submit_button(_("Add story")) and not need_name(author):
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


def event_form(engine: Engine, kpi_names: dict[str, str], author: str, role: str | None) -> None:
    with st.form("review_event", clear_on_submit=True):
        st.caption(_("A dated event is drawn on the charts of the reports."))
        event_day = st.date_input(_("Date"), value=None, key="event_day", format=DATE_INPUT_FORMAT)
        event_label = st.text_input(_("Event"), key="event_label")
        event_kpi = st.selectbox(
            _("About"),
            ["", *kpi_names],
            format_func=lambda k: kpi_names.get(k, _("Every KPI")),
            key="event_kpi",
        )
        if st.form_submit_button(_("Add event")) and not need_name(author):
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


def target_form(
    engine: Engine,
    sf: StrategyFile,
    period: Period,
    kpi_names: dict[str, str],
    author: str,
    role: str | None,
    *,
    editable: bool,
) -> None:
    """Where the strategy in force is kept in the database (or is still the sample:
    `editable`), a target changed here is saved as a new strategy version, its reason
    recorded with it; a strategy file that overrides the versions can only be changed in the
    file, so the change is recorded here with its reason."""
    with st.form("review_target", clear_on_submit=True):
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
            if need_name(author):
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


def target_changes(engine: Engine, section: ObjectiveSection, kpi_names: dict[str, str]) -> None:
    """The target changes recorded for the objective's KPIs, in the KPI's unit and the
    reader's words: "October 2026: 5.0% → 4.5%", not "0.05 → 0.045"."""
    changes = [c for c in review.target_changes(engine) if c.kpi_id in kpi_names]
    units = {k.kpi_id: k.unit for k in section.kpis}
    for change in changes:
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
