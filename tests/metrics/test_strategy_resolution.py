"""Which strategy is in force: --strategy > $SOCIALKPI_STRATEGY > ./strategy.yaml > the newest
warehouse version > the sample; the cache key changes with a new version."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import Engine

from metrics.strategy_source import (
    ENV_STRATEGY,
    locate_strategy,
    resolve_strategy,
    sample_strategy_path,
)
from workflows.strategy_versions import save_version

ONE_KPI = """\
organisation: {name}
objectives:
  - id: reach
    name: Reach
    kpis:
      - id: followers
        name: Followers
        metric: {{type: last, measure: followers}}
        targets: {{2026-10: {target}}}
"""


def _text(name: str, target: int = 100) -> str:
    return ONE_KPI.format(name=name, target=target)


@pytest.fixture
def no_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(ENV_STRATEGY, raising=False)
    return tmp_path


def test_sample_when_nothing_else(no_overrides: Path, sqlite_engine: Engine) -> None:
    source = locate_strategy(None, sqlite_engine)
    assert (source.kind, source.path) == ("sample", sample_strategy_path())
    assert resolve_strategy(None, sqlite_engine).strategy.organisation == (
        "Northwind Policy Institute"
    )


def test_full_order_of_precedence(
    no_overrides: Path, sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = save_version(
        sqlite_engine, _text("Warehouse v1"), source="a.yaml", reason="r", author="Ana"
    )
    source = locate_strategy(None, sqlite_engine)
    assert (source.kind, source.version_id) == ("warehouse", first)
    resolved = resolve_strategy(None, sqlite_engine)
    assert resolved.strategy.organisation == "Warehouse v1"
    assert resolved.strategy.source == f"strategy version {first}"
    assert resolved.source.base_dir == no_overrides
    key_v1 = source.key

    second = save_version(
        sqlite_engine, _text("Warehouse v2"), source="a.yaml", reason="r", author="Ana"
    )
    source = locate_strategy(None, sqlite_engine)
    assert source.version_id == second and source.key != key_v1
    assert resolve_strategy(None, sqlite_engine).strategy.organisation == "Warehouse v2"
    # Without an engine the warehouse cannot be consulted: the sample.
    assert locate_strategy(None, None).kind == "sample"

    local = no_overrides / "strategy.yaml"
    local.write_text(_text("Local file"), encoding="utf-8")
    assert resolve_strategy(None, sqlite_engine).strategy.organisation == "Local file"
    assert locate_strategy(None, sqlite_engine).kind == "local"

    env_file = no_overrides / "env.yaml"
    env_file.write_text(_text("From environment"), encoding="utf-8")
    monkeypatch.setenv(ENV_STRATEGY, str(env_file))
    assert resolve_strategy(None, sqlite_engine).strategy.organisation == "From environment"

    given = no_overrides / "given.yaml"
    given.write_text(_text("Given with --strategy"), encoding="utf-8")
    resolved = resolve_strategy(given, sqlite_engine)
    assert (resolved.source.kind, resolved.strategy.organisation) == (
        "option",
        "Given with --strategy",
    )
    assert resolved.source.base_dir == no_overrides


def test_file_key_follows_its_modification(no_overrides: Path) -> None:
    local = no_overrides / "strategy.yaml"
    local.write_text(_text("A"), encoding="utf-8")
    before = locate_strategy().key
    local.write_text(_text("B", 200), encoding="utf-8")

    stat = local.stat()
    os.utime(local, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert locate_strategy().key != before
    assert before[0] == str(local)
