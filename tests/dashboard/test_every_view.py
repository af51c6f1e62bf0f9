"""No traceback ever reaches a reader: every page, for every period type and language, on the
demo data and on an empty warehouse, and an error inside a page ends in a short message with a
reference that the server log also carries."""

from __future__ import annotations

import logging

import pytest
from dashboard_seed import APP
from streamlit.testing.v1 import AppTest

from dashboard.components.boundary import LOG, REFERENCE_PREFIX
from dashboard.i18n import set_language, translations

PAGES = {
    "views/overview_page.py": "Overview",
    "views/kpi_detail_page.py": "KPI detail",
    "views/platforms_page.py": "Platforms",
    "views/benchmarks_page.py": "Benchmarks",
    "views/content_page.py": "Content",
    "views/strategy_page.py": "Strategy",
    "views/review_page.py": "Monthly review",
    "views/maturity_page.py": "Maturity",
    "views/data_page.py": "Data",
}
GRAINS = ("month", "quarter", "year", "week")
LANGUAGES = ("en", "es", "nl")


def problems(at: AppTest) -> list[str]:
    """Tracebacks, and messages of the error boundary, on the page shown."""
    found = [f"exception: {e.value}" for e in at.exception]
    found += [f"error: {e.value}" for e in at.error if REFERENCE_PREFIX in e.value]
    return found


def every_page(lang: str, grain: str) -> list[str]:
    """Open the Overview in `lang`, click the period type `grain` in the sidebar (the period
    is then the sidebar's default for it), and visit every page; returns what went wrong."""
    # AppTest reads select boxes' labels in this thread: give it the page's language
    set_language(lang)
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    found = problems(at)
    at.segmented_control(key="grain").set_value(grain).run()
    found += problems(at)
    period = at.session_state["period"]
    titles = translations(lang)
    for page, title in PAGES.items():
        at.switch_page(page).run()
        found += [f"{page} {grain} {period}: {p}" for p in problems(at)]
        shown = at.title[0].value if at.title else None
        if shown != titles.gettext(title):
            found.append(f"{page} {grain} {period}: title {shown!r}")
    set_language("en")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("grain", GRAINS)
def test_every_page_on_the_demo_data(grain: str, lang: str, demo_env: str) -> None:
    assert every_page(lang, grain) == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("grain", GRAINS)
def test_every_page_on_an_empty_warehouse(grain: str, lang: str, empty_env: str) -> None:
    assert every_page(lang, grain) == []


@pytest.mark.slow
@pytest.mark.parametrize("period", ["2026-10", "2026-Q3", "2026-Q4", "2026", "2026-W40"])
def test_every_page_from_a_shared_link(period: str, demo_env: str) -> None:
    """The links the screenshots follow (and people share): ?grain=…&period=…"""
    grain = {"Q": "quarter", "W": "week"}.get(period[5:6], "month" if "-" in period else "year")
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["grain"] = grain
    at.query_params["period"] = period
    at.run()
    assert at.session_state["period"] == period
    found = problems(at)
    for page in PAGES:
        at.switch_page(page).run()
        found += [f"{page}: {p}" for p in problems(at)]
    assert found == []


def boom_page() -> None:
    import streamlit as st

    from dashboard.components.boundary import error_boundary

    with error_boundary("test page"):
        st.title("Drawn before the error")
        raise ValueError("invalid literal for int() with base 10: 'Q1'")


def stopping_page() -> None:
    import streamlit as st

    from dashboard.components.boundary import error_boundary

    with error_boundary("test page"):
        st.info("Nothing to show")
        st.stop()
    st.title("never drawn")


class Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_an_error_shows_a_reference_the_log_carries() -> None:
    captured = Captured()
    LOG.addHandler(captured)
    try:
        at = AppTest.from_function(boom_page).run()
    finally:
        LOG.removeHandler(captured)
    assert not at.exception
    assert at.title[0].value == "Drawn before the error"  # what was drawn stays
    message = at.error[0].value
    assert message.startswith("Part of this page could not be shown. Reference SKPI-")
    reference = message.split("Reference ", 1)[1].split(":", 1)[0]
    assert len(reference) == len("SKPI-") + 6
    assert "Q1" not in message and "ValueError" not in message  # no detail for the reader
    [record] = captured.records
    assert record.getMessage() == f"{reference}: error on test page"
    assert record.exc_info is not None and record.exc_info[0] is ValueError


def test_stop_inside_the_boundary_is_not_an_error() -> None:
    at = AppTest.from_function(stopping_page).run()
    assert not at.exception and not at.error
    assert not at.title


def test_a_failing_page_keeps_the_sidebar_and_says_so_in_spanish(
    app_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard import loaders

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(loaders, "overview", broken)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = "es"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Resumen"
    [error] = at.error
    assert error.value.startswith("Parte de esta página no se pudo mostrar. Referencia SKPI-")
    assert at.segmented_control(key="grain").value == "month"  # the sidebar still works
    set_language("en")


def test_the_server_hides_error_details() -> None:
    from dashboard.cli_serve import streamlit_command

    command = streamlit_command("127.0.0.1", None)
    assert command[command.index("--client.showErrorDetails") + 1] == "none"
