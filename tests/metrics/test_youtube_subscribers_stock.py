"""YouTube Studio's Subscribers.csv holds the channel's running total (issue 11, the genuine
export in tests/data_contracts/wild/youtube/joshcirre): imported, it is a stock. A month reads
its last value, the change is end minus the previous end, and it is never summed as new
subscribers (the export reports no follows: "no data"). SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from data_contracts.pipeline import import_files
from metrics.scorecard import compute_scorecard
from metrics.strategy import parse_strategy

# days missing, as in the genuine export; the folder names the channel and the period
SUBSCRIBERS = """\
Date,Subscribers
2024-11-03,9
2024-11-28,10
2024-12-01,12
2024-12-02,12
2024-12-04,13
2024-12-09,15
"""
STRATEGY = """
organisation: Case Institute
objectives:
  - id: audience
    name: Audience
    kpis:
      - id: subscribers
        name: YouTube subscribers
        metric: {type: last, measure: followers}
        platforms: [youtube]
      - id: subscriber_change
        name: Net subscriber growth
        metric: {type: change, measure: followers}
        platforms: [youtube]
      - id: new_subscribers
        name: New subscribers
        metric: {type: sum, measure: follows, grain: day}
        platforms: [youtube]
"""


@pytest.fixture
def loaded(engine: Engine, tmp_path: Path) -> Engine:
    folder = tmp_path / "Subscribers 2024-11-01_2024-12-31 Northwind Policy Institute"
    folder.mkdir()
    upload = folder / "Subscribers.csv"
    upload.write_text(SUBSCRIBERS, encoding="utf-8")
    [result] = import_files(engine, [upload], account=None, timezone="UTC")
    assert (result.status, result.account, result.rows_loaded) == (
        "loaded",
        "Northwind Policy Institute",
        6,
    ), result.problems
    return engine


def test_a_month_reads_the_last_running_total(loaded: Engine) -> None:
    strategy = parse_strategy(STRATEGY, file="s.yaml")
    december = {r.kpi_id: r for r in compute_scorecard(loaded, strategy, "2024-12")}
    november = {r.kpi_id: r for r in compute_scorecard(loaded, strategy, "2024-11")}
    assert november["subscribers"].value == 10
    assert december["subscribers"].value == 15  # not 12 + 12 + 13 + 15 = 52
    assert december["subscriber_change"].value == 5  # 15 at the end of December - 10
    # the export reports no subscribers gained: nothing to sum, not the running total summed
    assert december["new_subscribers"].value is None
    quarter = {r.kpi_id: r for r in compute_scorecard(loaded, strategy, "2024-Q4")}
    assert quarter["subscribers"].value == 15
