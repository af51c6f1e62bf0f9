"""Series of year-to-date KPIs (the period's own value and the running total, side by side,
against the pro-rated target of each point), the Platforms page's per-platform scorecards
under the filtered-view rule, and the overview agreeing with both; hand-computed values on
SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine

from metrics.periods import Period
from metrics.scorecard import (
    compute_overview,
    compute_platform_scorecards,
    compute_scorecard,
    compute_series,
)
from metrics.strategy import parse_strategy

# 2025: 100 (Jan), 300 (Oct), 400 (Dec); 2026: 1000 (Jan), 2000 (Sep), 500 (Oct) on Facebook,
# and 2300 (Oct) on X. Post exports cover January 2025 to October 2026.
FACTS: dict[str, Any] = {
    "posts": [
        {"platform": "facebook", "account": "fb", "published_at": "2025-01-10 09:00", "impressions": 100},
        {"platform": "facebook", "account": "fb", "published_at": "2025-10-10 09:00", "impressions": 300},
        {"platform": "facebook", "account": "fb", "published_at": "2025-12-10 09:00", "impressions": 400},
        {"platform": "facebook", "account": "fb", "published_at": "2026-01-15 09:00", "impressions": 1000},
        {"platform": "facebook", "account": "fb", "published_at": "2026-09-10 09:00", "impressions": 2000},
        {"platform": "facebook", "account": "fb", "published_at": "2026-10-10 09:00", "impressions": 500},
        {"platform": "x", "account": "xa", "published_at": "2026-10-11 09:00", "impressions": 2300},
    ],
    "coverage": [
        {"grain": "post", "platform": p, "account": a, "first_day": "2025-01-01",
         "last_day": "2026-10-31", "measures": ["impressions"]}
        for p, a in (("facebook", "fb"), ("x", "xa"))
    ],
}  # fmt: skip
STRATEGY = """
organisation: Case Institute
objectives:
  - id: reach
    name: Reach
    kpis:
      - id: impressions
        name: Impressions
        metric: {type: sum, measure: impressions, grain: post}
        platforms: [facebook, x]
        cumulative: true
        targets: {2026: 12000}
        platform_targets: {x: {2026: 3600}}
      - id: posts
        name: Posts
        metric: {type: count, grain: post}
        platforms: [facebook, x]
        targets: {2026-10: 3}
"""


@pytest.fixture
def loaded(warehouse: Engine, facts: Any) -> Engine:
    facts(warehouse, FACTS)
    return warehouse


def _rows(frame: Any, kpi_id: str) -> dict[str, dict[str, Any]]:
    return {r["period"]: r for r in frame[frame.kpi_id == kpi_id].to_dict("records")}


def test_series_gives_each_months_value_and_the_running_total(loaded: Engine) -> None:
    strategy = parse_strategy(STRATEGY, file="s.yaml")
    months = Period.range(Period.parse("2025-12"), Period.parse("2026-10"))
    series = _rows(compute_series(loaded, strategy, months), "impressions")
    # December 2025: its own 400, 2025's running total 800; no 2025 target
    assert series["2025-12"]["period_value"] == 400
    assert series["2025-12"]["running_total"] == 800
    assert series["2025-12"]["value"] == 800
    assert pd.isna(series["2025-12"]["target"])
    # January 2026 starts a new running total; the target is 12000 × 1/12
    assert (series["2026-01"]["period_value"], series["2026-01"]["running_total"]) == (1000, 1000)
    assert series["2026-01"]["target"] == pytest.approx(1000)
    assert series["2026-01"]["target_share"] == pytest.approx(1 / 12)
    # a month without a post of a covered year: 0 on its own, the running total carries on
    assert (series["2026-05"]["period_value"], series["2026-05"]["running_total"]) == (0, 1000)
    assert series["2026-05"]["target"] == pytest.approx(5000)
    assert series["2026-05"]["status"] == "red"
    assert (series["2026-10"]["period_value"], series["2026-10"]["running_total"]) == (2800, 5800)
    assert series["2026-10"]["target"] == pytest.approx(10000)
    assert series["2026-10"]["target_period"] == "2026"
    assert not series["2026-10"]["in_progress"]
    posts = _rows(compute_series(loaded, strategy, months), "posts")
    assert pd.isna(posts["2026-10"]["running_total"])  # not a year-to-date KPI
    assert posts["2026-10"]["period_value"] == posts["2026-10"]["value"] == 2


def test_the_platforms_page_follows_the_filtered_view_rule(loaded: Engine) -> None:
    strategy = parse_strategy(STRATEGY, file="s.yaml")
    cards = compute_platform_scorecards(loaded, strategy, "2026-10", ["facebook", "x"])
    facebook = {r.kpi_id: r for r in cards["facebook"]}
    x = {r.kpi_id: r for r in cards["x"]}
    # Facebook has no target of its own: its share, no status
    assert facebook["impressions"].value == 3500
    assert facebook["impressions"].whole_value == 5800
    assert facebook["impressions"].share_of_whole == pytest.approx(3500 / 5800)
    assert (facebook["impressions"].status, facebook["impressions"].status_reason) == (
        "no_target",
        "filtered_subset",
    )
    # X's own year target, pro-rated to October like the whole's: 3600 × 10/12 = 3000
    assert x["impressions"].value == 2300
    assert x["impressions"].target == pytest.approx(3000)
    assert (x["impressions"].status, x["impressions"].status_reason) == ("red", "platform_target")
    assert x["impressions"].compared_with == "2025-10 YTD"
    assert x["impressions"].previous == 0  # covered, nothing published on X a year earlier
    assert x["posts"].status == "no_target" and x["posts"].target is None
    same = {r.kpi_id: r for r in compute_scorecard(loaded, strategy, "2026-10", platforms=["x"])}
    assert same == x


def test_overview_is_the_scorecard_and_the_series(loaded: Engine) -> None:
    strategy = parse_strategy(STRATEGY, file="s.yaml")
    months = Period.last_n(Period.parse("2026-10"), 13)
    for platforms in (None, ["x"]):
        card, series = compute_overview(loaded, strategy, "2026-10", months, platforms=platforms)
        assert card == compute_scorecard(loaded, strategy, "2026-10", platforms=platforms)
        alone = compute_series(loaded, strategy, months, platforms=platforms)
        pd.testing.assert_frame_equal(series, alone)
