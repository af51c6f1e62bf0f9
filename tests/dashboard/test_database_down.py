"""A database that cannot be reached shows one translated sentence on every page, never a
traceback, a driver message or the password; the server log gets one line (issue 14, hole 7).

The probe: with PostgreSQL stopped every page showed a raw `OperationalError` and its stack.
"""

from __future__ import annotations

import logging

import pytest
from dashboard_seed import APP
from streamlit.testing.v1 import AppTest

from dashboard.cli_serve import sample_strategy_path
from dashboard.i18n import set_language

PAGES = (
    "views/data_page.py",
    "views/strategy_page.py",
    "views/review_page.py",
    "views/maturity_page.py",
)


def test_every_page_says_the_database_is_down_in_one_sentence(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # nothing listens on port 1: the connection is refused at once
    monkeypatch.setenv(
        "SOCIALKPI_DATABASE_URL", "postgresql+psycopg://socialkpi:s3cret-pw@127.0.0.1:1/kpis"
    )
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(sample_strategy_path()))
    caplog.set_level(logging.ERROR, logger="socialkpi.dashboard")
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    shown = []
    for page in (None, *PAGES):
        if page is not None:
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        [error] = at.error
        assert error.value.startswith(
            "The database cannot be reached or written just now, so this page cannot be shown. "
            "Try again in a moment; if it lasts, tell whoever runs socialkpi (reference SKPI-"
        )
        shown.append(error.value)
    everything = " ".join(shown + [m.value for m in at.markdown])
    assert "s3cret" not in everything and "OperationalError" not in everything
    lines = [r for r in caplog.records if r.name == "socialkpi.dashboard"]
    assert len(lines) == len(shown)
    for record in lines:
        assert record.exc_info is None  # no traceback for a fault of the environment
        message = record.getMessage()
        assert "\n" not in message and "s3cret" not in message
        assert "Connection refused" in message and "socialkpi:***@127.0.0.1:1" in message


def test_the_sentence_is_translated(monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.components.boundary import fault_message

    set_language("es")
    try:
        assert fault_message("SKPI-ABC123").startswith("No se puede acceder a la base de datos")
    finally:
        set_language("en")
