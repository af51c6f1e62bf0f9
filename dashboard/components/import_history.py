"""The Data page's import history: every upload (a ZIP's files under it), its original file
to download, and the status, warnings and notes of the one chosen."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import loaders, state
from dashboard.components.imports import (
    history_status,
    import_findings,
    import_status_html,
    nest_history,
)
from dashboard.formatting import format_datetime
from dashboard.i18n import _


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """The history's rows as the table shows them (`history` nested by `nest_history`)."""
    return pd.DataFrame(
        {
            "id": history["id"],
            "when": [format_datetime(v) for v in history["imported_at"]],
            "file": history["file_label"],
            "platform": [
                state.PLATFORM_NAMES.get(p, p) if isinstance(p, str) else ""
                for p in history["platform"]
            ],
            "account": history["account"].fillna(""),
            "status": [history_status(s) for s in history["status"]],
            "read": history["rows_read"],
            "loaded": history["rows_loaded"],
            "quarantined": history["rows_rejected"],
        }
    )


def import_history(version: str) -> None:
    """The table of imports, then the original file of the one chosen and its findings."""
    history = nest_history(loaders.imports_history(version))
    if history.empty:
        st.info(_("Nothing has been imported yet. Upload exports above."))
        return
    st.dataframe(
        history_table(history),
        hide_index=True,
        width="stretch",
        column_config={
            "id": st.column_config.NumberColumn("#", width=40),
            # file and account names sized to their text (a fixed width cut them short)
            "when": st.column_config.TextColumn(_("Imported")),
            "file": st.column_config.TextColumn(_("File")),
            "platform": st.column_config.TextColumn(_("Platform")),
            "account": st.column_config.TextColumn(_("Account")),
            "status": st.column_config.TextColumn(_("Status"), width=110),
            "read": st.column_config.NumberColumn(_("Read"), format="localized", width=55),
            "loaded": st.column_config.NumberColumn(_("Accepted"), format="localized", width=70),
            "quarantined": st.column_config.NumberColumn(
                _("Quarantined"), format="localized", width=85
            ),
        },
    )
    labels = {int(r.id): f"#{int(r.id)} · {r.file_label}" for r in history.itertuples(index=False)}
    chosen = st.selectbox(
        _("Original file to download"),
        options=list(labels),
        format_func=labels.__getitem__,
        key=f"data_history_pick_{version}",  # a new import selects the newest file
    )
    original = loaders.original_file(int(chosen)) if chosen is not None else None
    if original is None:
        return
    st.download_button(
        _("Download {name}").format(name=original[0]),
        data=original[1],
        file_name=original[0],
        icon=":material/download:",
        key="data_download",
    )
    details = loaders.import_details(version, int(chosen)) or {}
    st.markdown(import_status_html(str(details.get("status"))), unsafe_allow_html=True)
    validation = details.get("validation") or {}
    import_findings(
        list(validation.get("warnings") or []),
        validation.get("warnings_count"),
        list(validation.get("notes") or []),
    )
