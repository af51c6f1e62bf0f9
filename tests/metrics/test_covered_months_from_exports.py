"""Issue 11 item 10, from the upload to the KPI: a month that an export covers but in which
nothing was published reads 0 posts (red against a target of 4) and 0 for the sums of the
measures that export reports; a month no export covers stays "no data". The same for the day
grain. Seen with a YouTube Studio content export covering July-October 2025 in which no video
was published in October. SQLite and PostgreSQL."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine

from data_contracts.pipeline import import_files
from metrics.scorecard import compute_scorecard
from metrics.strategy import parse_strategy

# Table data.csv as YouTube Studio writes it (Total row first, rows sorted by views, quoted
# "Mon D, YYYY" publish times): three videos published in July, August and September 2025 and
# one from 2023 that still drew views; none in October. Totals.csv: the channel's daily views on
# the days Studio listed (July 1-2, September 30); the ZIP's name says the export covers
# 2025-07-01..2025-10-31.
TABLE_DATA = """\
Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Impressions,Impressions click-through rate (%)
Total,,,,1900,95.5,12,30000,4.1
aaaaaaaaaaa,Budget briefing,"Jul 8, 2025",610,900,45.25,6,14000,4.6
bbbbbbbbbbb,Town hall recording,"Aug 19, 2025",1800,600,30.5,4,9000,3.9
ccccccccccc,Questions and answers,"Sep 2, 2025",420,350,17.25,2,6000,3.7
ddddddddddd,Annual report 2022,"Mar 14, 2023",300,50,2.5,0,1000,2.1
"""
TOTALS = """\
Date,Views
2025-07-01,40
2025-07-02,55
2025-09-30,61
"""
STRATEGY = """
organisation: Case Institute
objectives:
  - id: video
    name: Video
    kpis:
      - id: videos
        name: Videos published
        metric: {type: count, grain: post}
        platforms: [youtube]
        targets: {2025-09: 4, 2025-10: 4, 2025-11: 4}
      - id: watch_time
        name: Watch time of the month's videos
        metric: {type: sum, measure: watch_time_hours, grain: post}
        platforms: [youtube]
      - id: daily_views
        name: Channel views
        metric: {type: sum, measure: video_views, grain: day}
        platforms: [youtube]
"""


@pytest.fixture
def loaded(engine: Engine, tmp_path: Path) -> Engine:
    upload = tmp_path / "Content 2025-07-01_2025-10-31 Northwind Policy Institute.zip"
    with zipfile.ZipFile(upload, "w") as archive:
        archive.writestr("Table data.csv", TABLE_DATA)
        archive.writestr("Totals.csv", TOTALS)
    [result] = import_files(engine, [upload], account=None, timezone="UTC")
    assert (result.status, result.rows_loaded) == ("loaded", 7), result.problems
    return engine


def _card(engine: Engine, period: str) -> dict[str, object]:
    strategy = parse_strategy(STRATEGY, file="s.yaml")
    return {r.kpi_id: r for r in compute_scorecard(engine, strategy, period)}


def test_a_covered_month_without_posts_reads_zero(loaded: Engine) -> None:
    october = _card(loaded, "2025-10")
    videos, watch_time = october["videos"], october["watch_time"]
    assert (videos.value, videos.target, videos.status) == (0, 4, "red")  # type: ignore[attr-defined]
    assert watch_time.value == 0  # type: ignore[attr-defined]
    # a covered month with posts, for contrast: one video (September 2), 17.25 hours
    september = _card(loaded, "2025-09")
    assert september["videos"].value == 1  # type: ignore[attr-defined]
    assert september["watch_time"].value == pytest.approx(17.25)  # type: ignore[attr-defined]


def test_a_covered_month_without_day_rows_reads_zero(loaded: Engine) -> None:
    # Totals.csv lists no October day, but the export covers October: 0 views, not "no data"
    assert _card(loaded, "2025-10")["daily_views"].value == 0  # type: ignore[attr-defined]
    assert _card(loaded, "2025-07")["daily_views"].value == 95  # type: ignore[attr-defined]
    assert _card(loaded, "2025-08")["daily_views"].value == 0  # type: ignore[attr-defined]


def test_a_month_no_export_covers_stays_no_data(loaded: Engine) -> None:
    november = _card(loaded, "2025-11")
    for kpi in ("videos", "watch_time", "daily_views"):
        assert november[kpi].value is None, kpi  # type: ignore[attr-defined]
    assert november["videos"].status == "no_data"  # type: ignore[attr-defined]
    # a month no export covers but with a stored post counts what is stored: the table lists
    # the 2023 video (published in March 2023), and nothing else of that month is known
    assert _card(loaded, "2023-03")["videos"].value == 1  # type: ignore[attr-defined]
    assert _card(loaded, "2023-04")["videos"].value is None  # type: ignore[attr-defined]
