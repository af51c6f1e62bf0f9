"""Fixtures of the report tests: a seeded warehouse (built once, copied per test) and the
strategy in English and Spanish. The data itself is in report_seed.py."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from report_seed import seed, strategy_text
from sqlalchemy import Engine

from metrics.strategy import parse_strategy
from metrics.strategy_model import StrategyFile
from warehouse.engine import open_database


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded SQLite file, built once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("reports") / "template.sqlite"
    engine = open_database(f"sqlite:///{path}")
    seed(engine)
    engine.dispose()  # the last connection checkpoints the WAL into the file
    return path


@pytest.fixture
def report_engine(seeded_template: Path, tmp_path: Path) -> Iterator[Engine]:
    copy = tmp_path / "warehouse.sqlite"
    shutil.copyfile(seeded_template, copy)
    engine = open_database(f"sqlite:///{copy}")
    yield engine
    engine.dispose()


@pytest.fixture
def strategy_en(tmp_path: Path) -> StrategyFile:
    return parse_strategy(strategy_text("en"), file=str(tmp_path / "strategy.yaml"))


@pytest.fixture
def strategy_es(tmp_path: Path) -> StrategyFile:
    return parse_strategy(strategy_text("es"), file=str(tmp_path / "strategy.yaml"))
