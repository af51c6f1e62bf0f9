"""Strategy versions: only checked YAML is kept, and exports reproduce it exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_seed import strategy_text
from sqlalchemy import Engine

from metrics.problems import StrategyInvalid
from metrics.strategy import load_strategy
from reports.strategy_versions import export_version, import_version, save_version, versions


def test_import_then_export_round_trips(sqlite_engine: Engine, tmp_path: Path) -> None:
    source = tmp_path / "strategy.yaml"
    source.write_text(strategy_text("es"), encoding="utf-8")
    first = import_version(sqlite_engine, source, reason="Initial 2026 plan", author="Ana")
    second = save_version(
        sqlite_engine,
        strategy_text("es").replace("2026-10: 12", "2026-10: 14"),
        source="strategy.yaml",
        reason="October posting target raised",
        author="Joost",
    )
    kept = versions(sqlite_engine)
    assert [(v.id, v.reason, v.author) for v in kept] == [
        (second, "October posting target raised", "Joost"),
        (first, "Initial 2026 plan", "Ana"),
    ]
    exported = export_version(sqlite_engine, first, tmp_path / "v1.yaml")
    assert exported.read_bytes() == source.read_bytes()
    assert load_strategy(exported).language == "es"


def test_invalid_yaml_is_not_kept(sqlite_engine: Engine) -> None:
    broken = strategy_text().replace("measure: saves", "measure: likes")
    with pytest.raises(StrategyInvalid) as exc:
        save_version(sqlite_engine, broken, source="s.yaml", reason="x", author="Ana")
    assert [p.code for p in exc.value.errors] == ["unknown_measure"]
    assert versions(sqlite_engine) == []


def test_export_of_unknown_version(sqlite_engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(LookupError, match="strategy version 7 does not exist"):
        export_version(sqlite_engine, 7, tmp_path / "x.yaml")
