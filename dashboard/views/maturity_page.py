"""Maturity: where the strategy stands in the Social Strategy Cone (Effing & Spil) for the
period, on the warehouse's evidence and the newest self-assessment; per element the
evidence verdict and why, the self-assessed score, owner, notes and next steps; a form to
record a new self-assessment (workflows.maturity, editor role) and the versions, two of
which can be compared (docs/maturity.md)."""

from __future__ import annotations

import streamlit as st

from dashboard import loaders, state
from dashboard.components.maturity_view import (
    FLASH,
    assessment_form,
    cone,
    element_card,
    history_table,
    version_comparison,
)
from dashboard.components.titles import page_title
from dashboard.formatting import format_date
from dashboard.i18n import _
from dashboard.identity import acting, name_input
from dashboard.maturity_words import stage_name
from dashboard.refusals import refusal_text
from metrics.maturity import STAGES
from metrics.periods import Period
from metrics.strategy_edits import EditRefused
from workflows import maturity as assessments

filters = state.current_filters()
sf = loaders.strategy_file()
engine = loaders.engine()
period = Period.parse(filters.period)
page_title(_("Maturity"), filters, sf)

result, latest = assessments.current_assessment(engine, sf, period, filters.strategy_id)
message = st.session_state.pop(FLASH, None)
if message:
    st.success(message)

st.markdown("### " + _("Stage on evidence: {stage}").format(stage=stage_name(result.stage)))
if latest is None:
    st.caption(
        _(
            "Social Strategy Cone: seven elements in three stages. No self-assessment is "
            "stored yet: the stage rests on the warehouse's evidence alone."
        )
    )
else:
    st.caption(
        _(
            "Social Strategy Cone: seven elements in three stages, on the warehouse's "
            "evidence and the self-assessment of {date} by {author}. Evidence that an element "
            "is not in place overrules the self-assessment."
        ).format(date=format_date(latest.assessed_on), author=latest.author)
    )
cone(result)

own = latest.elements if latest is not None else {}
for number, (stage, elements) in enumerate(STAGES, start=1):
    st.subheader(f"{number}. {stage_name(stage)}")
    for element in elements:
        element_card(result.result(element), own.get(element), sf, latest is not None)


# --- versions and their comparison ----------------------------------------------------------
st.divider()
st.subheader(_("Versions"))
versions = assessments.assessment_versions(engine, filters.strategy_id)
if not versions:
    st.info(_("No self-assessment recorded yet."))
else:
    st.dataframe(history_table(versions), hide_index=True, width="stretch")
if len(versions) == 1:
    st.caption(_("Two versions are needed for a comparison."))
if len(versions) >= 2:
    version_comparison(engine, sf, versions, filters.strategy_id)

# --- a new self-assessment -----------------------------------------------------------------
st.divider()
with st.expander(_("Record a self-assessment"), icon=":material/edit_note:"):
    st.caption(
        _(
            "Scores: 0 absent, 1 started, 2 in place, 3 embedded. A new assessment is kept as a "
            "new version; the form starts from the newest one. Needs the editor role."
        )
    )
    author = name_input("maturity_author")
    submitted = assessment_form(latest)
    if submitted is not None:
        assessed_on, elements = submitted
        who, role = acting(author)
        if not who.strip():
            st.error(_("Say who assessed the strategy."))
        elif not elements:
            st.error(_("Score at least one element."))
        else:
            try:
                assessments.save_assessment(
                    engine,
                    assessed_on=assessed_on,
                    author=who,
                    elements=elements,
                    strategy_id=filters.strategy_id,
                    role=role,
                )
            except EditRefused as exc:
                why = "; ".join(refusal_text(p.code, p.message, p.params) for p in exc.errors)
                st.error(_("Not saved: {why}").format(why=why), icon=":material/block:")
            else:
                st.session_state[FLASH] = _("Self-assessment recorded.")
                st.rerun()
