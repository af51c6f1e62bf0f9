from __future__ import annotations

from pathlib import Path

import pytest

from metrics.strategy_source import ENV_STRATEGY, resolve_strategy_path, sample_strategy_path


def test_order_of_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(ENV_STRATEGY, raising=False)
    assert resolve_strategy_path(None) == sample_strategy_path()
    assert sample_strategy_path().name == "strategy.yaml"
    assert sample_strategy_path().parent.name == "sample_data"
    local = tmp_path / "strategy.yaml"
    local.write_text("objectives: []\n", encoding="utf-8")
    assert resolve_strategy_path(None) == local
    monkeypatch.setenv(ENV_STRATEGY, str(tmp_path / "env.yaml"))
    assert resolve_strategy_path(None) == tmp_path / "env.yaml"
    assert resolve_strategy_path(tmp_path / "given.yaml") == tmp_path / "given.yaml"
