"""The end of the Monthly review: closing the period (which freezes the figures and e-mails
the report once, components.delivery) or re-opening it, and the executive report as PDF,
PowerPoint or Excel, built on request from the review pack (in the strategy's language)."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from dashboard.components.delivery import DELIVERY_FLASH, send_after_close
from dashboard.components.review_forms import need_name
from dashboard.i18n import _
from dashboard.identity import acting
from metrics.periods import Period
from metrics.strategy_model import StrategyFile
from reports.review_pack import ReviewPack, freeze_figures
from workflows import review
from workflows.access import record_report_export

REPORTS = "review_reports"  # the session's built reports: {"period": ..., "pdf": bytes, ...}


def close_or_reopen(
    engine: Engine,
    sf: StrategyFile,
    period: Period,
    closed: bool,
    strategy_id: str | None,
    author: str,
    role: str | None,
) -> None:
    """Re-open a closed period (with a reason), or close an open one."""
    if closed:
        with st.expander(_("Re-open this period")), st.form("review_reopen", clear_on_submit=True):
            reason = st.text_input(_("Reason"), key="reopen_reason")
            if st.form_submit_button(_("Re-open")) and not need_name(author):
                if not reason.strip():
                    st.error(_("Give a reason."))
                else:
                    review.reopen_month(
                        engine,
                        period,
                        reopened_by=author,
                        reason=reason,
                        strategy_id=strategy_id,
                        role=role,
                    )
                    st.rerun()
    else:
        with st.expander(_("Close this period")), st.form("review_close"):
            st.caption(
                _(
                    "Closing freezes the figures: later imports no longer change them. The "
                    "report is then e-mailed once to the recipients the strategy file names."
                )
            )
            if st.form_submit_button(_("Close the period")) and not need_name(author):
                close_id = review.close_month(
                    engine,
                    period,
                    snapshot=freeze_figures(engine, sf, period, strategy_id),
                    closed_by=author,
                    strategy_id=strategy_id,
                    role=role,
                )
                with st.spinner(_("Sending the report…")):
                    st.session_state[DELIVERY_FLASH] = send_after_close(
                        engine, sf, period, close_id, strategy_id, author
                    )
                st.rerun()


def report_formats() -> dict[str, tuple[str, str]]:
    """Each report format's MIME type and download label."""
    return {
        "pdf": ("application/pdf", _("Download PDF")),
        "pptx": (
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            _("Download PowerPoint"),
        ),
        "xlsx": (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _("Download Excel"),
        ),
    }


def executive_report(engine: Engine, pack: ReviewPack, period: Period) -> None:
    """ "Prepare the reports" builds the three files (the export is in the audit log); then
    one download button each, while the period shown is the one they were built for."""
    st.markdown("#### " + _("Executive report"))
    formats = report_formats()
    if st.button(_("Prepare the reports"), key="review_prepare"):
        from reports.pdf_report import build_pdf
        from reports.pptx_report import build_pptx
        from reports.xlsx_report import build_xlsx

        with st.spinner(_("Building the reports…")):
            st.session_state[REPORTS] = {
                "period": str(period),
                "pdf": build_pdf(pack),
                "pptx": build_pptx(pack),
                "xlsx": build_xlsx(pack),
            }
        record_report_export(
            engine,
            who=acting("")[0] or "dashboard",
            role=acting("")[1],
            period=str(period),
            formats=list(formats),
        )
    built = st.session_state.get(REPORTS)
    if built and built["period"] == str(period):
        cols = st.columns(3)
        for column, (fmt, (mime, label)) in zip(cols, formats.items(), strict=True):
            column.download_button(
                label,
                data=built[fmt],
                file_name=f"socialkpi-report-{period}.{fmt}",
                mime=mime,
                key=f"review_download_{fmt}",
            )
    else:
        st.caption(_("Prepare the reports to download them in the strategy's language."))
