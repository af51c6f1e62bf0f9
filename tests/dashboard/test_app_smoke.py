"""Every page renders on a seeded warehouse without an exception, and without a message of
the error boundary (which catches an exception, so `at.exception` alone does not see it)."""

from __future__ import annotations

import pytest
from dashboard_seed import APP
from streamlit.testing.v1 import AppTest

from dashboard.components.boundary import REFERENCE_PREFIX

PAGES = [
    "views/overview_page.py",
    "views/kpi_detail_page.py",
    "views/platforms_page.py",
    "views/benchmarks_page.py",
    "views/content_page.py",
    "views/strategy_page.py",
    "views/data_page.py",
    "views/review_page.py",
    "views/maturity_page.py",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page: str, app_env: dict[str, str]) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, at.exception
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [e.value for e in at.error if REFERENCE_PREFIX in e.value]
    assert at.title, f"{page} shows no title"
