"""The metric-type registry is the one home of what a type needs and allows: the strategy
rules, the model and the editor all take it from there."""

from __future__ import annotations

import textwrap
from typing import get_args

import pytest

from dashboard.components import strategy_editor
from metrics.metric_types import METRIC_TYPES, MetricType, referenced_kpis, spec
from metrics.problems import StrategyInvalid
from metrics.strategy import parse_strategy
from metrics.strategy_model import Metric

HEADER = """\
organisation: Test
objectives:
  - id: o
    name: O
    kpis:
      - id: base
        name: Base
        metric: {type: count}
"""
# a complete metric of each type (growth and derived refer to `base`)
COMPLETE: dict[str, dict[str, object]] = {
    "sum": {"measure": "impressions"},
    "mean": {"measure": "impressions"},
    "count": {},
    "ratio": {"numerator": "engagements", "denominator": "impressions"},
    "last": {"measure": "followers"},
    "change": {"measure": "followers"},
    "median": {"measure": "impressions"},
    "percentile": {"measure": "impressions", "q": 0.9},
    "growth": {"of": "base"},
    "derived": {"expr": "base * 2"},
    "within": {"measure": "first_response_hours", "threshold": 4},
}


def _strategy(metric: dict[str, object]) -> str:
    flow = ", ".join(f"{k}: {v}" for k, v in metric.items())
    kpi = f"- id: k\n  name: K\n  metric: {{{flow}}}\n"
    return HEADER + textwrap.indent(kpi, "      ")


def test_the_registry_defines_every_type_of_the_model_and_the_editor_offers_them() -> None:
    assert set(METRIC_TYPES) == set(get_args(MetricType))
    assert get_args(MetricType) == strategy_editor.METRIC_TYPES
    assert strategy_editor.GRAINS == ("", "post", "day", "message")


@pytest.mark.parametrize("metric_type", sorted(COMPLETE))
def test_a_complete_metric_of_each_type_loads(metric_type: str) -> None:
    strategy = parse_strategy(_strategy({"type": metric_type, **COMPLETE[metric_type]}), file="s")
    assert strategy.kpi("k").metric.type == metric_type


@pytest.mark.parametrize(
    ("metric_type", "field"),
    [(t, f) for t in sorted(COMPLETE) for f in spec(t).needs],
)
def test_each_needed_field_is_required_by_the_rules(metric_type: str, field: str) -> None:
    fields = {k: v for k, v in COMPLETE[metric_type].items() if k != field}
    with pytest.raises(StrategyInvalid) as caught:
        parse_strategy(_strategy({"type": metric_type, **fields}), file="s")
    codes = [(p.code, p.params.get("field")) for p in caught.value.errors]
    assert ("metric_field_missing", field) in codes


@pytest.mark.parametrize(
    ("metric_type", "grain", "allowed"),
    [
        ("count", "day", False),
        ("last", "post", False),
        ("change", "day", True),
        ("sum", "day", True),
    ],
)
def test_grains_follow_the_registry(metric_type: str, grain: str, allowed: bool) -> None:
    text = _strategy({"type": metric_type, **COMPLETE[metric_type], "grain": grain})
    if allowed:
        assert parse_strategy(text, file="s").kpi("k").metric.resolved_grain == grain
        return
    with pytest.raises(StrategyInvalid) as caught:
        parse_strategy(text, file="s")
    assert [p.code for p in caught.value.errors] == ["invalid_grain"]


def test_additive_types_and_default_grains() -> None:
    assert {t for t, s in METRIC_TYPES.items() if s.additive} == {"sum", "count", "change"}
    assert Metric(type="last", measure="followers").resolved_grain == "day"
    assert Metric(type="sum", measure="impressions").resolved_grain == "post"


def test_referenced_kpis() -> None:
    assert referenced_kpis(Metric(type="growth", of="a")) == ["a"]
    assert referenced_kpis(Metric(type="derived", expr="b / a + 1")) == ["a", "b"]
    assert referenced_kpis(Metric(type="derived", expr="b /")) == []
    assert referenced_kpis(Metric(type="sum", measure="impressions")) == []


HOURS = "business_hours: {days: [mon, tue], start: 08:30, end: 17:30, holidays: [2026-12-25]}\n"
BUSINESS_MEDIAN = {"type": "median", "measure": "first_response_business_hours", "grain": "message"}


def test_working_hours_are_read_as_written_even_where_yaml_sees_a_number() -> None:
    # YAML 1.1 reads an unquoted 17:30 as the number 1050 (sexagesimal)
    strategy = parse_strategy(HOURS + _strategy(BUSINESS_MEDIAN), file="s")
    hours = strategy.business_hours
    assert hours is not None
    assert (hours.days, hours.start, hours.end) == (["mon", "tue"], "08:30", "17:30")
    assert [str(d) for d in hours.holidays] == ["2026-12-25"]


@pytest.mark.parametrize(
    ("top", "metric", "code"),
    [
        ("", BUSINESS_MEDIAN, "business_hours_missing"),
        (
            HOURS,
            {"type": "sum", "measure": "first_response_business_hours", "grain": "message"},
            "computed_measure_type",
        ),
        (
            "business_hours: {start: '17:00', end: '09:00'}\n",
            BUSINESS_MEDIAN,
            "invalid_business_hours",
        ),
        ("business_hours: {start: 9am}\n", BUSINESS_MEDIAN, "invalid_business_hours"),
        (
            "",
            {"type": "within", "measure": "first_response_hours", "threshold": 0},
            "invalid_threshold",
        ),
    ],
)
def test_business_hour_kpis_are_refused_with_a_reason(
    top: str, metric: dict[str, object], code: str
) -> None:
    with pytest.raises(StrategyInvalid) as caught:
        parse_strategy(top + _strategy(metric), file="s")
    assert [p.code for p in caught.value.errors] == [code]
