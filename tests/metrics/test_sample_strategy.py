"""The packaged sample strategy loads cleanly and its 24-month series is a handful of
statements."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from metrics.periods import Period
from metrics.scorecard import compute_scorecard, compute_series
from metrics.strategy import load_strategy
from metrics.strategy_source import sample_strategy_path

SAMPLE = sample_strategy_path()


def test_sample_strategy_loads_without_errors() -> None:
    strategy = load_strategy(SAMPLE)
    assert strategy.kpis()
    for kpi in strategy.kpis():
        assert kpi.description, f"KPI {kpi.id} has no description"
        assert strategy.objective_of(kpi.id)


def test_sample_strategy_over_24_months_is_a_handful_of_statements(
    sqlite_warehouse: Engine, facts: Any, synthetic: dict[str, Any], statement_counter: Any
) -> None:
    facts(sqlite_warehouse, synthetic)
    strategy = load_strategy(SAMPLE)
    counter = statement_counter(sqlite_warehouse)
    months = Period.last_n(Period.parse("2026-10"), 24)
    series = compute_series(sqlite_warehouse, strategy, months)
    assert len(series) == 24 * len(strategy.kpis())
    percentiles = sum(k.metric.type in ("median", "percentile") for k in strategy.kpis())
    day_means = sum(
        k.metric.type == "mean" and k.metric.resolved_grain == "day" for k in strategy.kpis()
    )
    # posts, day sums, day ratio parts, stocks, messages; + one per percentile / day mean
    assert counter.count <= 5 + percentiles + day_means, counter.statements
    assert {r.status for r in compute_scorecard(sqlite_warehouse, strategy, "2026-10")} <= {
        "green",
        "amber",
        "red",
        "no_data",
        "no_target",
    }
