"""Data: upload exports, read each file's validation report, import history, coverage.

The page composes: the upload's steps (`components.upload_flow`), the coverage calendar
(`components.coverage_section`) and the import history (`components.import_history`)."""

from __future__ import annotations

import streamlit as st

from dashboard import loaders, state
from dashboard.components.coverage_section import coverage_section
from dashboard.components.import_history import import_history
from dashboard.components.upload_flow import assumed_uploads, upload_exports
from dashboard.i18n import _

filters = state.current_filters()
sf = loaders.strategy_file()

st.title(_("Data"))
st.markdown(
    '<div class="skpi-subtitle">'
    + _("Upload the exports of each platform; every file is checked before it counts.")
    + "</div>",
    unsafe_allow_html=True,
)

st.subheader(_("Upload exports"))
upload_exports(timezone=sf.timezone)

st.subheader(_("Coverage"))
with st.container():
    coverage_section(loaders.data_version())

st.subheader(_("Import history"))
with st.container():
    version = loaders.data_version()
    import_history(version)
    assumed_uploads(version, timezone=sf.timezone)
