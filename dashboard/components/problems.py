"""Problems reported by library packages, shown translated and specific (never a traceback)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard.i18n import _
from dashboard.refusals import refusal_text


def problem_text(problem: Any) -> str:
    """One problem (object or dict with code/message/params) in the reader's language."""
    if isinstance(problem, str):
        return problem
    get = problem.get if isinstance(problem, dict) else lambda name: getattr(problem, name, None)
    return refusal_text(get("code"), str(get("message") or ""), get("params") or {})


def problems_table(problems: list[Any]) -> pd.DataFrame:
    rows = []
    for problem in problems:
        get = problem.get if isinstance(problem, dict) else lambda n, p=problem: getattr(p, n, None)
        rows.append(
            {
                _("Where"): ":".join(str(x) for x in (get("file"), get("line")) if x),
                _("KPI"): get("kpi_id") or "",
                _("Problem"): problem_text(problem),
            }
        )
    return pd.DataFrame(rows)


def strategy_invalid(exc: Any) -> None:
    """The whole page when the strategy file does not check out: every problem at once."""
    st.title(_("The strategy file needs attention"))
    problems = list(getattr(exc, "problems", []))
    st.error(
        _("{count} problem(s) stop the strategy file from loading. Fix them and reload.").format(
            count=len(problems)
        )
    )
    if problems:
        st.dataframe(problems_table(problems), hide_index=True, width="stretch")
