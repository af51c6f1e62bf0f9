"""The Data page's coverage calendar: which account-months have an export, at most the last
`COVERAGE_MONTHS` months with data (the grid itself: `imports.coverage_grid`)."""

from __future__ import annotations

import streamlit as st

from dashboard import loaders
from dashboard.components.charts import coverage_calendar
from dashboard.components.imports import coverage_grid, month_range
from dashboard.formatting import format_number
from dashboard.i18n import _

COVERAGE_MONTHS = 18


def months_shown(first: str, last: str, limit: int = COVERAGE_MONTHS) -> list[str]:
    """The months of the calendar (YYYY-MM, oldest first): from `first` to `last`, at most
    the last `limit` of them."""
    span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    return month_range(last, min(span, limit))


def coverage_section(version: str) -> None:
    """The account × month calendar of what the warehouse holds, and how much is missing."""
    cov = loaders.coverage(version)
    if cov.empty:
        st.info(_("No exports yet, so no month is covered. Upload exports above."))
        return
    grid = coverage_grid(cov, months_shown(str(cov["month"].min()), str(cov["month"].max())))
    missing = int((grid["state"] == "missing").sum())
    st.markdown(
        _(
            "Each row is an account, each column a month. **{missing}** account-months have "
            "no export."
        ).format(missing=format_number(missing))
    )
    st.altair_chart(coverage_calendar(grid), width="stretch")
