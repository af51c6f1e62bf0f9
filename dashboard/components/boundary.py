"""The error boundary every page renders inside: no traceback ever reaches a reader.

An unexpected error is logged with its traceback under a short reference, and the reader sees
one translated sentence with that reference (what was drawn before the error stays on the
page). Streamlit's own control flow (`st.stop`, `st.rerun`, `st.switch_page`) raises
BaseExceptions that are not errors; they pass through untouched. The server also runs with
`client.showErrorDetails = "none"` (dashboard.cli_serve), in case an error escapes anyway.
"""

from __future__ import annotations

import logging
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from dashboard.i18n import _
from dashboard.refusals import refusal_text
from metrics.strategy_edits import EditRefused
from warehouse.engine import fault_line, is_environment_fault

LOG = logging.getLogger("socialkpi.dashboard")
REFERENCE_PREFIX = "SKPI-"


def new_reference() -> str:
    """A reference short enough to read out in a meeting: "SKPI-3F9A1C"."""
    return REFERENCE_PREFIX + secrets.token_hex(3).upper()


def error_message(reference: str) -> str:
    return _(
        "Part of this page could not be shown. Reference {reference}: whoever runs socialkpi "
        "finds the details under it in the server log."
    ).format(reference=reference)


def fault_message(reference: str) -> str:
    """The database is down or the disk full (issue 14, hole 7): not a fault of the page,
    and nothing the reader did; the details stay in the server log."""
    return _(
        "The database cannot be reached or written just now, so this page cannot be shown. "
        "Try again in a moment; if it lasts, tell whoever runs socialkpi (reference "
        "{reference})."
    ).format(reference=reference)


def _ensure_handler() -> None:
    """Errors go to the server's stderr with a time stamp, whatever logging is configured
    (Streamlit configures its own loggers only)."""
    if not LOG.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        LOG.addHandler(handler)
        LOG.setLevel(logging.INFO)


def report_error(where: str, exc: BaseException) -> str:
    """Log `exc` with its traceback under a new reference; returns the reference."""
    _ensure_handler()
    reference = new_reference()
    if is_environment_fault(exc):  # the database or the machine: one line says it all
        LOG.error("%s: %s on %s: %s", reference, type(exc).__name__, where, fault_line(exc))
    else:
        LOG.error("%s: error on %s", reference, where, exc_info=(type(exc), exc, exc.__traceback__))
    return reference


@contextmanager
def error_boundary(where: str) -> Iterator[None]:
    """Run a page (or the sidebar) so that an error ends it with a message, not a traceback."""
    try:
        yield
    except EditRefused as exc:  # a write the role may not make: say why, nothing stored
        why = "; ".join(refusal_text(p.code, p.message, p.params) for p in exc.errors)
        st.error(_("Not saved: {why}").format(why=why), icon=":material/block:")
    except Exception as exc:  # the point of a boundary: nothing gets past it
        reference = report_error(where, exc)
        if is_environment_fault(exc):
            st.error(fault_message(reference), icon=":material/cloud_off:")
        else:
            st.error(error_message(reference), icon=":material/error:")
