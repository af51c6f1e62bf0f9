"""The engine against an independent pandas computation over generated facts, its
statement budget (batched queries, never one per KPI × period), and the helpers the
dashboard reads (series, breakdowns, top posts, traces, coverage)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import Engine, update

from metrics.periods import Period
from metrics.scorecard import (
    breakdown,
    compute_scorecard,
    compute_series,
    data_coverage,
    top_posts,
    trace,
)
from metrics.strategy import StrategyFile, load_strategy
from warehouse.schema import post_month_all_types

STRATEGY = Path(__file__).parent / "strategies" / "every_metric.yaml"
MONTHS = Period.range(Period.parse("2024-12"), Period.parse("2026-11"))  # 24 months


@pytest.fixture
def strategy() -> StrategyFile:
    return load_strategy(STRATEGY)


@pytest.fixture
def loaded(warehouse: Engine, facts: Any, synthetic: dict[str, Any]) -> Engine:
    facts(warehouse, synthetic)
    return warehouse


def _month_of(stamp: Any) -> str:
    return f"{stamp.year:04d}-{stamp.month:02d}"


def _oracle(synthetic: dict[str, Any]) -> dict[str, dict[str, float | None]]:
    """The expected monthly values, computed directly from the generated rows."""
    posts = pd.DataFrame(synthetic["posts"])
    posts["month"] = posts["published_at"].map(_month_of)
    days = pd.DataFrame(synthetic["day_values"])
    days["month"] = days["date"].map(_month_of)
    messages = pd.DataFrame(synthetic["messages"])
    messages["month"] = messages["received_at"].map(_month_of)
    out: dict[str, dict[str, float | None]] = {}
    for period in MONTHS:
        m = str(period)
        p = posts[posts["month"] == m]
        rated = p[p["impressions"].notna()]
        d = days[days["month"] == m]
        last = (
            d[d["followers"].notna()].sort_values("date").groupby(["platform", "account"]).tail(1)
        )
        reach = d[d["reach"].notna()].groupby("date")["reach"].sum()
        msg = messages[messages["month"] == m]["first_response_hours"].dropna()
        out[m] = {
            "engagement_rate": float(rated["engagements"].sum() / rated["impressions"].sum())
            if len(rated)
            else None,
            "posts_published": float(len(p)) if len(p) else None,
            "reactions_per_post": float(p["reactions"].sum() / len(p)) if len(p) else None,
            "followers": float(last["followers"].sum()) if len(last) else None,
            "daily_reach": float(reach.mean()) if len(reach) else None,
            "median_response": float(np.median(msg)) if len(msg) else None,
            "p90_response": float(np.quantile(msg, 0.9)) if len(msg) else None,
        }
    return out


def test_series_matches_an_independent_computation(
    loaded: Engine, strategy: StrategyFile, synthetic: dict[str, Any]
) -> None:
    series = compute_series(loaded, strategy, MONTHS)
    expected = _oracle(synthetic)
    checked = 0
    for kpi_id in expected[str(MONTHS[0])]:
        for period in MONTHS:
            row = series[(series["kpi_id"] == kpi_id) & (series["period"] == str(period))]
            want = expected[str(period)][kpi_id]
            got = row["value"].iloc[0]
            if want is None:
                assert got is None or pd.isna(got), (kpi_id, period)
            else:
                assert got == pytest.approx(want, rel=1e-9), (kpi_id, period)
                checked += 1
    assert checked > 100


def test_scorecard_over_24_months_takes_a_handful_of_statements(
    loaded: Engine, strategy: StrategyFile, statement_counter: Any
) -> None:
    counter = statement_counter(loaded)
    series = compute_series(loaded, strategy, MONTHS)
    assert len(series) == len(strategy.kpis()) * 24
    # posts, account-days, stocks, messages, days with reach, median, percentile
    assert counter.count <= 8, counter.statements
    counter.statements.clear()
    results = compute_scorecard(loaded, strategy, "2026-10")
    assert len(results) == len(strategy.kpis())
    assert counter.count <= 8, counter.statements


def test_scorecard_agrees_with_series(loaded: Engine, strategy: StrategyFile) -> None:
    series = compute_series(loaded, strategy, ["2026-09", "2026-10"])
    for result in compute_scorecard(loaded, strategy, "2026-10"):
        if result.cumulative:
            continue
        now = series[(series.kpi_id == result.kpi_id) & (series.period == "2026-10")]
        before = series[(series.kpi_id == result.kpi_id) & (series.period == "2026-09")]
        assert result.value == pytest.approx(now["value"].iloc[0]), result.kpi_id
        assert result.previous == pytest.approx(before["value"].iloc[0]), result.kpi_id


def test_cumulative_value_is_year_to_date(loaded: Engine, strategy: StrategyFile) -> None:
    monthly = compute_series(
        loaded, strategy, Period.range(Period.parse("2026-01"), Period.parse("2026-10"))
    )
    card = {r.kpi_id: r for r in compute_scorecard(loaded, strategy, "2026-10")}
    impressions = card["impressions"]
    assert impressions.cumulative
    # the series also reports cumulative KPIs year to date: October's value is the YTD sum
    october = monthly[(monthly.kpi_id == "impressions") & (monthly.period == "2026-10")]
    assert impressions.value == pytest.approx(october["value"].iloc[0])
    assert impressions.target == pytest.approx(120000 * 10 / 12)


def test_strategy_filter_and_platform_filter(loaded: Engine, strategy: StrategyFile) -> None:
    listening = compute_scorecard(loaded, strategy, "2026-10", strategy_id="listening")
    assert [r.kpi_id for r in listening] == ["median_response", "p90_response", "messages_received"]
    assert {r.strategy_id for r in listening} == {"listening"}
    only_x = {r.kpi_id: r for r in compute_scorecard(loaded, strategy, "2026-10", platforms=["x"])}
    assert only_x["engagement_rate"].platforms == ["x"]
    assert only_x["daily_reach"].value is None  # x does not report reach
    assert only_x["daily_reach"].status == "no_data"


def test_breakdown_by_platform_adds_up(loaded: Engine, strategy: StrategyFile) -> None:
    frame = breakdown(loaded, strategy, "posts_published", "2026-10", by="platform")
    total = {r.kpi_id: r for r in compute_scorecard(loaded, strategy, "2026-10")}
    assert set(frame["platform"]) == {"facebook", "instagram", "x", "linkedin"}
    assert frame["value"].sum() == total["posts_published"].value
    accounts = breakdown(loaded, strategy, "followers", "2026-10", by="account")
    assert accounts["value"].sum() == pytest.approx(total["followers"].value)
    assert list(accounts.columns) == ["platform", "account", "value"]
    types = breakdown(loaded, strategy, "posts_published", "2026-10", by="post_type")
    assert set(types["post_type"]) <= {"photo", "video", "link"}
    assert types["value"].sum() == total["posts_published"].value
    derived = breakdown(loaded, strategy, "reactions_per_post", "2026-10", by="platform")
    assert len(derived) == 4
    with pytest.raises(ValueError, match="post type"):
        breakdown(loaded, strategy, "followers", "2026-10", by="post_type")


def test_top_posts_have_permalinks(loaded: Engine) -> None:
    top = top_posts(loaded, "2026-10", measure="engagements", n=5)
    assert len(top) == 5
    assert list(top["engagements"]) == sorted(top["engagements"], reverse=True)
    assert top["permalink"].str.startswith("https://example.org/").all()
    assert all(str(d)[:7] == "2026-10" for d in top["published_at"])
    low = top_posts(loaded, "2026-10", platforms=["x"], measure="impressions", n=3, ascending=True)
    assert set(low["platform"]) == {"x"}
    assert list(low["impressions"]) == sorted(low["impressions"])


def test_trace_names_the_imports(
    warehouse: Engine, facts: Any, strategy: StrategyFile, synthetic: dict[str, Any]
) -> None:
    first = facts(warehouse, {"posts": synthetic["posts"]}, file_name="posts.csv")
    second = facts(warehouse, {"day_values": synthetic["day_values"]}, file_name="days.csv")
    posts_trace = trace(warehouse, strategy, "reactions_per_post", "2026-10")
    assert list(posts_trace["import_id"]) == [first]
    assert posts_trace["file_name"].iloc[0] == "posts.csv"
    assert posts_trace["rows"].iloc[0] > 0
    followers_trace = trace(warehouse, strategy, "followers_gained", "2026-10")
    assert list(followers_trace["import_id"]) == [second]
    assert trace(warehouse, strategy, "median_response", "2026-10").empty


def test_data_coverage(loaded: Engine) -> None:
    coverage = data_coverage(loaded, "2026-10", platforms=["facebook"])
    assert list(coverage["platform"]) == ["facebook"]
    assert 0 < coverage["days"].iloc[0] <= 31


def test_data_coverage_of_whole_months_reads_the_rollups_alike(loaded: Engine) -> None:
    """Months and quarters count from the month rollups once they are current; weeks and a
    stale rollup count from the facts: the same numbers either way."""
    from warehouse.rollups import rebuild_rollups, rollup_is_current

    periods = ["2026-10", "2026-Q3", "2025", "2026-W40"]
    with loaded.connect() as conn:
        assert not rollup_is_current(conn)
    from_facts = {p: data_coverage(loaded, p) for p in periods}
    with loaded.begin() as conn:
        rebuild_rollups(conn)
    for period in periods:
        pd.testing.assert_frame_equal(data_coverage(loaded, period), from_facts[period])
    assert from_facts["2026-Q3"]["posts"].sum() > from_facts["2026-10"]["posts"].sum() > 0
    with loaded.begin() as conn:  # whole months really read the rollup, weeks do not
        conn.execute(update(post_month_all_types).values(posts=post_month_all_types.c.posts * 2))
    doubled = data_coverage(loaded, "2026-10")
    assert list(doubled["posts"]) == [2 * n for n in from_facts["2026-10"]["posts"]]
    pd.testing.assert_frame_equal(data_coverage(loaded, "2026-W40"), from_facts["2026-W40"])


@pytest.mark.parametrize("period", ["2026-10", "2026-Q3", "2026-W40"])
def test_platform_scorecards_equal_one_scorecard_per_platform(
    loaded: Engine, strategy: StrategyFile, period: str
) -> None:
    from metrics.scorecard import compute_platform_scorecards

    platforms = ["facebook", "instagram", "linkedin", "x", "tiktok", "youtube"]
    batched = compute_platform_scorecards(loaded, strategy, period, platforms)
    compared = 0
    for platform in platforms:
        alone = compute_scorecard(loaded, strategy, period, platforms=[platform])
        assert [r.kpi_id for r in batched[platform]] == [r.kpi_id for r in alone]
        for got, want in zip(batched[platform], alone, strict=True):
            for name, expected in want.to_dict().items():
                actual = got.to_dict()[name]
                if isinstance(expected, float):
                    assert actual == pytest.approx(expected, rel=1e-12), (platform, name)
                    compared += 1
                else:
                    assert actual == expected, (platform, want.kpi_id, name)
    assert compared > 50
