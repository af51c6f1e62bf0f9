"""Fixtures of the dashboard tests: the seeded warehouse of dashboard_seed.py, built once
per session, and the environment that points the app at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dashboard_seed import APP, STRATEGY_YAML, seed

# Re-exported for tests written as `from conftest import APP`; new tests import dashboard_seed.
__all__ = ["APP", "STRATEGY_YAML", "seed"]


@pytest.fixture(scope="session")
def seeded_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("dashboard")
    url = f"sqlite:///{folder / 'warehouse.sqlite'}"
    seed(url)
    strategy = folder / "strategy.yaml"
    strategy.write_text(STRATEGY_YAML, encoding="utf-8")
    return {"SOCIALKPI_DATABASE_URL": url, "SOCIALKPI_STRATEGY": str(strategy)}


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo's warehouse: every sample export loaded as `socialkpi demo` loads them."""
    from dashboard.cli_serve import load_sample_data
    from warehouse.engine import open_database

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}"
    assert load_sample_data(open_database(url)) > 0  # it disposes of the engine
    return url


@pytest.fixture
def demo_env(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The app on the demo data with the sample strategy (two strategies, 20 KPIs)."""
    from dashboard.cli_serve import sample_strategy_path

    monkeypatch.setenv("SOCIALKPI_DATABASE_URL", demo_url)
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(sample_strategy_path()))
    yield demo_url


@pytest.fixture
def empty_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The app on a warehouse that holds nothing yet, with the sample strategy."""
    from dashboard.cli_serve import sample_strategy_path

    url = f"sqlite:///{tmp_path_factory.mktemp('empty') / 'empty.sqlite'}"
    monkeypatch.setenv("SOCIALKPI_DATABASE_URL", url)
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(sample_strategy_path()))
    yield url


@pytest.fixture
def app_env(
    seeded_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, str]]:
    for name, value in seeded_env.items():
        monkeypatch.setenv(name, value)
    yield seeded_env
