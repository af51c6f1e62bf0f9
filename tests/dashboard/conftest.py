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


@pytest.fixture
def app_env(
    seeded_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, str]]:
    for name, value in seeded_env.items():
        monkeypatch.setenv(name, value)
    yield seeded_env
