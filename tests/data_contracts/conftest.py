"""Fixtures of the data_contracts tests: sample export paths and small fact counters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from warehouse.schema import blobs, day_values, imports, messages, posts

REPO = Path(__file__).resolve().parents[2]
EXPORTS = REPO / "sample_data" / "exports"
BROKEN = REPO / "sample_data" / "broken"


def _fact_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            table.name: int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
            for table in (posts, day_values, messages, imports, blobs)
        }


@pytest.fixture
def fact_counts() -> Callable[[Engine], dict[str, int]]:
    """Rows per table (facts, imports and blobs) of a warehouse."""
    return _fact_counts


@pytest.fixture
def x_overview() -> tuple[Path, Path]:
    """The 2025 X account overview and its newer download `(1)` that revises the last days."""
    folder = EXPORTS / "x"
    return folder / "account_overview_analytics.csv", folder / "account_overview_analytics (1).csv"


@pytest.fixture(scope="session", autouse=True)
def _locale_index_built() -> None:
    """Babel's index of month names and number symbols of every locale is built once per
    machine (a few seconds, then read from the cache folder): built before the tests, so no
    single test case (Hypothesis deadlines) pays for it."""
    from data_contracts.locale_words import all_words, number_symbols, preferred_words

    preferred_words()
    all_words()
    number_symbols()
