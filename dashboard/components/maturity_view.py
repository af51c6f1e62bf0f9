"""The pieces of the Maturity page: the cone's three stages with their elements, one card
per element (evidence and why, self-assessment, owner, notes, next steps), the form of a new
self-assessment and the comparison of two versions. Words come from dashboard/maturity_words.py;
every write goes through workflows.maturity."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from dashboard.components.plain_text import markdown_text
from dashboard.formatting import format_date, format_datetime, format_period
from dashboard.i18n import _
from dashboard.maturity_words import (
    SCORES,
    element_name,
    found_text,
    next_step_texts,
    score_name,
    stage_name,
    verdict_name,
)
from metrics.maturity import ELEMENTS, STAGES, Assessment, ElementResult
from metrics.maturity_steps import Comparison
from warehouse.assessments import AssessmentRecord, ElementScore
from workflows.maturity import compare_versions, evidence_month

DATE_INPUT_FORMAT = "DD/MM/YYYY"
FLASH = "_maturity_flash"


def _mark(in_place: bool) -> str:
    return (
        ":green[:material/check_circle: " + _("in place") + "]"
        if in_place
        else ":red[:material/cancel: " + _("not in place") + "]"
    )


def cone(result: Assessment) -> None:
    """The three stages side by side, each with its elements and whether they are in place;
    the stages reached are marked."""
    names = [name for name, _elements in STAGES]
    reached = names[: names.index(result.stage) + 1] if result.stage else []
    for number, (column, (stage, elements)) in enumerate(
        zip(st.columns(3), STAGES, strict=True), start=1
    ):
        with column, st.container(border=True):
            title = f"{number}. {stage_name(stage)}"
            st.markdown(f"**{title}**")
            st.caption(_("Reached") if stage in reached else _("Not reached"))
            for element in elements:
                r = result.result(element)
                st.markdown(f"{element_name(element)}  \n{_mark(r.in_place)}")


def element_card(r: ElementResult, own: ElementScore | None, strategy: Any, assessed: bool) -> None:
    """One element: the verdict and why, the self-assessment, its owner and notes, and the
    next steps (the evidence's, then the assessor's own)."""
    with st.container(border=True):
        st.markdown(f"**{element_name(r.element)}** · {_mark(r.in_place)}")
        why = _("Evidence ({verdict}): {found}").format(
            verdict=verdict_name(r.evidence.met), found=found_text(r.evidence)
        )
        st.markdown(markdown_text(why))
        if r.overruled:
            st.markdown(":orange[" + _("The evidence overrules the self-assessment.") + "]")
        if r.self_score is not None:
            line = markdown_text(
                _("Self-assessment: {score}").format(score=score_name(r.self_score))
            )
            if own is not None and own.owner:
                line += " · " + _("Owner: {owner}").format(owner=markdown_text(own.owner))
            st.markdown(line)
        elif assessed:
            st.caption(_("Not scored in the self-assessment."))
        if own is not None and own.notes:
            st.caption(_("Notes: {notes}").format(notes=markdown_text(own.notes)))
        steps = next_step_texts(r, strategy)
        if own is not None and own.next_step:
            steps.append(_("Assessor's next step: {step}").format(step=own.next_step))
        if steps:
            st.markdown(
                "**"
                + _("Next steps")
                + "**\n"
                + "\n".join(f"- {markdown_text(step)}" for step in steps)
            )


def assessment_form(
    latest: AssessmentRecord | None,
) -> tuple[date, dict[str, ElementScore]] | None:
    """The form of a new self-assessment, filled with the newest version's values; returns
    the date and the elements submitted (None until it is)."""
    old = latest.elements if latest is not None else {}
    choices: list[int | None] = [None, *SCORES]
    with st.form("maturity_assessment"):
        assessed_on = st.date_input(
            _("Assessed on"), value=date.today(), key="maturity_on", format=DATE_INPUT_FORMAT
        )
        submitted: dict[str, ElementScore] = {}
        for element in ELEMENTS:
            before = old.get(element)
            st.markdown(f"**{element_name(element)}**")
            score_col, owner_col = st.columns(2)
            notes_col, step_col = st.columns(2)
            score = score_col.selectbox(
                _("Score"),
                choices,
                index=choices.index(before.score) if before is not None else 0,
                format_func=lambda s: _("not assessed") if s is None else score_name(s),
                key=f"maturity_score_{element}",
            )
            owner = owner_col.text_input(
                _("Owner"), value=before.owner if before else "", key=f"maturity_owner_{element}"
            )
            notes = notes_col.text_input(
                _("Evidence notes"),
                value=before.notes if before else "",
                key=f"maturity_notes_{element}",
            )
            step = step_col.text_input(
                _("Your next step"),
                value=before.next_step if before else "",
                key=f"maturity_step_{element}",
            )
            if score is not None:
                submitted[element] = ElementScore(int(score), notes, owner, step)
        if st.form_submit_button(_("Record the self-assessment")):
            return assessed_on, submitted
    return None


def version_label(version: AssessmentRecord) -> str:
    return _("{date} · {author}").format(
        date=format_date(version.assessed_on), author=version.author
    )


def history_table(versions: list[AssessmentRecord]) -> pd.DataFrame:
    """One row per version, newest first: its date, author, when stored, each score."""
    rows = []
    for v in reversed(versions):
        row = {
            _("Assessed on"): format_date(v.assessed_on),
            _("Author"): v.author,
            _("Stored (UTC)"): format_datetime(v.created_at),
        }
        for element in ELEMENTS:
            e = v.elements.get(element)
            row[element_name(element)] = str(e.score) if e is not None else "–"
        rows.append(row)
    return pd.DataFrame(rows)


def comparison_table(result: Comparison) -> pd.DataFrame:
    rows = []
    for c in result.elements:
        change = c.score_change
        rows.append(
            {
                _("Element"): element_name(c.element),
                _("Score then"): score_name(c.score_then),
                _("Score now"): score_name(c.score_now),
                _("Change"): "–" if change is None else f"{change:+d}" if change else "0",
                _("Evidence then"): verdict_name(c.evidence_then),
                _("Evidence now"): verdict_name(c.evidence_now),
                _("In place then"): _("yes") if c.in_place_then else _("no"),
                _("In place now"): _("yes") if c.in_place_now else _("no"),
            }
        )
    return pd.DataFrame(rows)


def comparison_caption(result: Comparison, then_month: str, now_month: str) -> str:
    return _(
        "Stage {then} → {now} (each version on the evidence of the last whole month before "
        "its date: {then_month} and {now_month})."
    ).format(
        then=stage_name(result.stage_then),
        now=stage_name(result.stage_now),
        then_month=format_period(then_month),
        now_month=format_period(now_month),
    )


def version_comparison(
    engine: Engine, sf: Any, versions: list[AssessmentRecord], strategy_id: str | None
) -> None:
    """Two chosen versions side by side (the two newest by default)."""
    by_id = {v.id: v for v in versions}
    ids = [v.id for v in reversed(versions)]  # newest first
    left, right = st.columns(2)
    then_id = left.selectbox(
        _("Compare"),
        ids,
        index=1,
        format_func=lambda i: version_label(by_id[i]),
        key="maturity_then",
    )
    now_id = right.selectbox(
        _("with"), ids, index=0, format_func=lambda i: version_label(by_id[i]), key="maturity_now"
    )
    then, now = by_id[then_id], by_id[now_id]
    compared = compare_versions(engine, sf, then, now, strategy_id)
    st.markdown(
        comparison_caption(
            compared,
            str(evidence_month(then.assessed_on)),
            str(evidence_month(now.assessed_on)),
        )
    )
    st.dataframe(comparison_table(compared), hide_index=True, width="stretch")
