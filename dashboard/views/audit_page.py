"""Audit log (admins): who wrote what, when, with which role, from what to what; filtered
by person and kind of write, and downloadable as CSV (cells escaped for spreadsheets)."""

from __future__ import annotations

import streamlit as st

from dashboard import loaders
from dashboard.i18n import N_, _
from dashboard.identity import acting
from reports.csv_text import csv_bytes

KINDS = {
    "": N_("Every write"),
    "login": N_("Sign-ins"),
    "upload": N_("Uploads and refilings"),
    "strategy.": N_("Strategy versions and edits"),
    "review.target_change": N_("Target changes"),
    "review.comment": N_("Comments"),
    "review.decision": N_("Decisions"),
    "review.action": N_("Actions"),
    "review.story": N_("Success stories"),
    "review.event": N_("Events"),
    "review.close": N_("Periods closed"),
    "review.reopen": N_("Periods re-opened"),
    "maturity.assess": N_("Maturity self-assessments"),
    "report.export": N_("Reports prepared"),
}

st.title(_("Audit log"))
if acting("")[1] not in (None, "admin"):  # the page is only listed for admins
    st.info(_("The audit log is for admins."))
    st.stop()
left, right = st.columns(2)
who = left.text_input(_("Who (e-mail or name)"), key="audit_who")
kind = right.selectbox(
    _("Kind of write"), list(KINDS), format_func=lambda k: _(KINDS[k]), key="audit_kind"
)
log = loaders.audit_entries(who.strip() or None, kind or None)
if log.empty:
    st.info(_("Nothing recorded yet for this choice."))
    st.stop()
headers = {
    "at": _("When (UTC)"),
    "who": _("Who"),
    "role": _("Role"),
    "action": _("What"),
    "subject": _("About"),
    "before": _("Before"),
    "after": _("After"),
}
shown = log[list(headers)].rename(columns=headers)
st.caption(_("Entries: {n}, newest first.").format(n=len(shown)))
st.dataframe(shown, hide_index=True, width="stretch")
st.download_button(
    _("Download the audit log (CSV)"),
    data=csv_bytes(shown),
    file_name="socialkpi-audit-log.csv",
    mime="text/csv",
    icon=":material/download:",
    key="audit_csv",
)
