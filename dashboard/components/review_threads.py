"""The Monthly review's record of one objective: what was said last period, this period's
commentary and decisions (threads indented), and the open actions, each with its "Mark done"
(written by workflows.review)."""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlalchemy import Engine

from dashboard.components.review_forms import need_name
from dashboard.formatting import format_date, format_period
from dashboard.i18n import _
from metrics.periods import Period
from reports.review_pack import ObjectiveSection
from workflows import review


def said_and_open_actions(
    engine: Engine,
    period: Period,
    section: ObjectiveSection,
    kpi_names: dict[str, str],
    author: str,
    role: str | None,
) -> None:
    """Two columns: the commentary (last period's, then this one's), the open actions."""
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
                if cols[1].button(_("Mark done"), key=f"done_{action.action_id}") and not need_name(
                    author
                ):
                    review.set_action_status(
                        engine, action.action_id, "done", actor=author, on=date.today(), role=role
                    )
                    st.rerun()
            else:
                cols[1].write(status_names.get(action.status, action.status))
