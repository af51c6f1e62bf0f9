"""What the reader sees when there is nothing to show, or the strategy file is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from dashboard_seed import APP, STRATEGY_YAML
from streamlit.testing.v1 import AppTest


def run_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, strategy_text: str) -> AppTest:
    strategy = tmp_path / "strategy.yaml"
    strategy.write_text(strategy_text, encoding="utf-8")
    monkeypatch.setenv("SOCIALKPI_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(strategy))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_empty_warehouse_points_to_the_data_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = run_with(tmp_path, monkeypatch, STRATEGY_YAML)
    assert at.title[0].value == "Overview"
    assert at.info[0].value.startswith("The warehouse holds no exports yet.")
    assert "Go to the Data page" in [link.label for link in at.get("page_link")]
    at.switch_page("views/data_page.py").run()
    assert not at.exception
    infos = [i.value for i in at.info]
    assert "Nothing has been imported yet. Upload exports above." in infos
    at.switch_page("views/content_page.py").run()
    assert not at.exception
    assert "No post in this period reports engagements." in [i.value for i in at.info]


def test_invalid_strategy_lists_every_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = STRATEGY_YAML.replace("numerator: engagements", "numerator: likes").replace(
        "targets: {2026-10: 5000}", "targets: {2026-13: 5000}"
    )
    at = run_with(tmp_path, monkeypatch, broken)
    assert at.title[0].value == "The strategy file needs attention"
    problems = at.dataframe[0].value
    assert len(problems) >= 2
    text = " ".join(problems["Problem"])
    assert "likes" in text and "2026-13" in text
    assert set(problems["KPI"]) >= {"engagement_rate", "followers"}
