"""The dashboard on a warehouse filled the real way: sample exports through the import
pipeline, with the sample strategy. Values on screen must be the ones metrics computes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dashboard_seed import APP
from streamlit.testing.v1 import AppTest

REPO = APP.parents[1]
EXPORTS = REPO / "sample_data" / "exports"
STRATEGY = REPO / "sample_data" / "strategy.yaml"
FILES = [
    EXPORTS / "facebook" / "Northwind Policy Institute Sep-01-2026_Oct-31-2026.csv",
    EXPORTS / "instagram" / "Northwind Policy Institute Sep-01-2026_Oct-31-2026.csv",
    EXPORTS / "x" / "account_analytics_content_2026-09-28_2026-10-31.csv",
    EXPORTS / "linkedin" / "northwind-policy-institute_followers_1793544137531.xls",
    EXPORTS / "competitors" / "competitor_benchmarks_2025-01_2026-10.csv",
]
PAGES = [
    "views/overview_page.py",
    "views/kpi_detail_page.py",
    "views/platforms_page.py",
    "views/benchmarks_page.py",
    "views/content_page.py",
    "views/strategy_page.py",
    "views/data_page.py",
]


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from data_contracts.pipeline import import_files
    from metrics.strategy import load_strategy
    from warehouse.engine import open_database

    url = f"sqlite:///{tmp_path_factory.mktemp('sample') / 'warehouse.sqlite'}"
    engine = open_database(url)
    results = import_files(
        engine, FILES, account="northwindpolicy", timezone=load_strategy(STRATEGY).timezone
    )
    assert [r.status for r in results] == ["loaded"] * len(FILES), [r.problems for r in results]
    engine.dispose()
    return url


@pytest.fixture
def sample_env(sample_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("SOCIALKPI_DATABASE_URL", sample_url)
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(STRATEGY))
    yield sample_url


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_sample_imports(page: str, sample_env: str) -> None:
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]


def test_overview_shows_what_metrics_computes(sample_env: str) -> None:
    from dashboard.formatting import format_value
    from dashboard.i18n import set_language
    from metrics.scorecard import compute_scorecard
    from metrics.strategy import load_strategy
    from warehouse.engine import open_database

    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not at.exception
    period = at.session_state["period"]
    engine = open_database(sample_env)
    sf = load_strategy(STRATEGY)
    results = compute_scorecard(engine, sf, period)  # every strategy: the Overview's default
    engine.dispose()
    set_language(sf.language)
    text = " ".join(m.value for m in at.markdown if "skpi-theme" not in m.value)
    shown = [r for r in results if r.value is not None]
    assert shown, "the sample imports should give some KPIs a value"
    for result in shown:
        assert format_value(result.value, result.unit) in text, result.kpi_id
    labels = [link.label for link in at.get("page_link")]
    assert [r.name for r in results] == labels[-len(results) :]
