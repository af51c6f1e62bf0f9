"""The engine's post and account-day facts from the rollups: the same answers as grouping
the fact tables (every KPI case, and every KPI of the every-metric strategy by month, ISO
week, platform and post type), and the fallback to the facts when a writer did not refresh
the rollups."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, update
from test_kpi_cases import _cases, check_case, with_coverage

from metrics.engine import FactSource, KpiEngine
from metrics.periods import Period
from metrics.scorecard import compute_series
from metrics.sql import Scope
from metrics.strategy import load_strategy
from warehouse.rollups import rebuild_rollups, rollup_is_current
from warehouse.schema import post_month_all_types, post_month_rollup

STRATEGY = Path(__file__).parent / "strategies" / "every_metric.yaml"
MONTHS = Period.range(Period.parse("2024-12"), Period.parse("2026-11"))
WEEKS = [Period.parse(f"2026-W{w:02d}") for w in range(1, 45)]


def _rebuild(engine: Engine) -> None:
    with engine.begin() as conn:
        rebuild_rollups(conn)
        assert rollup_is_current(conn)


@pytest.fixture
def rolled(warehouse: Engine, facts: Any, synthetic: dict[str, Any]) -> Engine:
    facts(warehouse, synthetic)
    _rebuild(warehouse)
    return warehouse


@pytest.mark.parametrize(("case", "case_facts"), _cases())
def test_kpi_case_from_the_rollup(
    warehouse: Engine, facts: Any, case: dict[str, Any], case_facts: dict[str, Any]
) -> None:
    facts(warehouse, with_coverage(case, case_facts))
    _rebuild(warehouse)
    check_case(warehouse, case)


def _both(
    engine: Engine,
    spans: list[Any],
    restrictions: list[Scope],
    platforms: list[str] | None = None,
) -> tuple[dict[Any, float | None], dict[Any, float | None]]:
    strategy = load_strategy(STRATEGY)
    out = []
    sources: tuple[FactSource, ...] = ("rollup", "facts")
    for source in sources:
        kpi_engine = KpiEngine(engine, strategy, platforms, source=source)
        ids = list(kpi_engine.kpis)
        kpi_engine.load(ids, spans, restrictions)
        out.append(
            {
                (k, str(s), r): kpi_engine.value(k, s, r)
                for k in ids
                for s in spans
                for r in restrictions
            }
        )
    return out[0], out[1]


def _assert_same(rollup: dict[Any, float | None], posts: dict[Any, float | None]) -> int:
    assert rollup.keys() == posts.keys()
    compared = 0
    for key, want in posts.items():
        got = rollup[key]
        if want is None:
            assert got is None, key
        else:
            assert got == pytest.approx(want, rel=1e-12), key
            compared += 1
    return compared


def test_months_platforms_and_post_types_agree_with_posts(rolled: Engine) -> None:
    restrictions = [Scope(), Scope(post_type="video"), Scope(platforms=frozenset({"x"}))]
    rollup, posts = _both(rolled, MONTHS, restrictions)
    assert _assert_same(rollup, posts) > 500
    rollup, posts = _both(rolled, MONTHS, [Scope()], platforms=["facebook", "linkedin"])
    assert _assert_same(rollup, posts) > 150


def test_weeks_and_custom_spans_agree_with_posts(rolled: Engine) -> None:
    rollup, posts = _both(rolled, WEEKS, [Scope(), Scope(post_type="link")])
    assert _assert_same(rollup, posts) > 500


def test_the_engine_reads_the_rollup_and_falls_back_when_it_is_stale(
    rolled: Engine, facts: Any
) -> None:
    strategy = load_strategy(STRATEGY)
    october = Period.parse("2026-10")
    video = Scope(post_type="video")

    def by_type(source: FactSource = "rollup") -> float | None:
        kpi_engine = KpiEngine(rolled, strategy, source=source)
        kpi_engine.load(["impressions"], [october], [video])
        return kpi_engine.value("impressions", october, video)

    truth = KpiEngine(rolled, strategy, source="facts").values([october], ["impressions"])
    truth_video = by_type("facts")
    # tamper with the month rollups: an engine must read the all-types one when it does
    # not split by post type, and the typed one when it does
    with rolled.begin() as conn:
        for table, factor in ((post_month_all_types, 2), (post_month_rollup, 3)):
            conn.execute(update(table).values(impressions_sum=table.c.impressions_sum * factor))
    doubled = KpiEngine(rolled, strategy).values([october], ["impressions"])
    assert doubled[("impressions", "2026-10")] == pytest.approx(
        2 * truth[("impressions", "2026-10")]
    )
    assert truth_video and by_type() == pytest.approx(3 * truth_video)
    # a newer import that bypassed the refresh: the rollup is no longer trusted
    facts(
        rolled,
        {
            "posts": [
                {
                    "platform": "facebook",
                    "account": "Northwind Policy Institute",
                    "post_id": "late-1",
                    "published_at": "2026-10-15 12:00",
                    "impressions": 1000.0,
                }
            ]
        },
        file_name="bypass.csv",
    )
    fallback = KpiEngine(rolled, strategy).values([october], ["impressions"])
    assert fallback[("impressions", "2026-10")] == pytest.approx(
        truth[("impressions", "2026-10")] + 1000.0
    )


def test_series_from_the_rollup_keep_the_statement_budget(
    rolled: Engine, statement_counter: Any
) -> None:
    strategy = load_strategy(STRATEGY)
    counter = statement_counter(rolled)
    series = compute_series(rolled, strategy, MONTHS)
    assert len(series) == len(strategy.kpis()) * 24
    assert counter.count <= 8, counter.statements
    # one statement each reads the post rollup, the account-day sums and the last values
    reads = ("sum(post_month_all_types.posts)", "sum(day_month_rollup.days)", "day_month_last.")
    for read in reads:
        assert sum(read in s for s in counter.statements) == 1, read
