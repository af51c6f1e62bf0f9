"""The KPI detail's "Where the numbers come from": the imports that supplied the values of a
KPI in a period (metrics' trace), with what a reader checks first and the contract id last."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.formatting import format_datetime
from dashboard.i18n import _


def kpi_sources(sources: pd.DataFrame) -> None:
    """The trace as a table (`sources`: loaders.trace), or why there is none."""
    if sources.empty:
        st.caption(_("No import supplied values for this KPI in this period."))
        return
    labels = {  # what a reader checks first; the contract id (format) last, for analysts
        "import_id": _("Import"),
        "file_name": _("File"),
        "platform": _("Platform"),
        "account": _("Account"),
        "imported_at": _("Imported"),
        "rows": _("Rows"),
        "format": _("Format"),
    }
    st.dataframe(
        sources.assign(
            imported_at=[format_datetime(v) for v in sources["imported_at"]],
            platform=[
                state.PLATFORM_NAMES.get(p, p) if isinstance(p, str) else "–"
                for p in sources["platform"]
            ],
        ).rename(columns=labels),
        hide_index=True,
        width="stretch",
        column_order=[labels[c] for c in labels if c in sources.columns],
    )
