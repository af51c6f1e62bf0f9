"""Next steps per element follow from the evidence finding and name what to do: the KPI
without a dated target, the month not closed, the platform without posts."""

from __future__ import annotations

from metrics.maturity import ELEMENTS, Facts, assess, evidence
from metrics.maturity_steps import Step, next_steps
from metrics.periods import Period
from metrics.strategy import parse_strategy

STRATEGY = """\
organisation: Test
objectives:
  - id: reach
    name: Reach
    kpis:
      - id: impressions
        name: Impressions
        metric: {type: sum, measure: impressions}
        platforms: [facebook, x]
        owner: Ana
        targets: {2026-10: 2000}
      - id: engagement_rate
        name: Engagement rate
        metric: {type: sum, measure: impressions}
        platforms: [facebook]
        owner: Ana
        baseline: {period: 2025-12, value: 1000}
  - id: conversation
    name: Conversation
    kpis:
      - id: replies
        name: Replies
        metric: {type: sum, measure: impressions}
        platforms: [facebook]
  - id: trust
    name: Trust
    kpis:
      - id: mentions
        name: Mentions
        metric: {type: sum, measure: impressions}
        platforms: [facebook]
        owner: Joost
        baseline: {period: 2025-12, value: 10}
        targets: {2026-10: 20}
"""


def _result(facts: Facts, scores: dict | None = None):  # type: ignore[no-untyped-def]
    strategy = parse_strategy(STRATEGY, file="s")
    return strategy, assess(evidence(strategy, Period.parse("2026-05"), facts), scores or {})


FACTS = Facts(
    platforms_with_data=frozenset({"facebook"}),
    platforms_with_posts=frozenset({"facebook"}),
    platforms_by_month={
        "2026-03": frozenset({"facebook", "x"}),
        "2026-04": frozenset({"facebook"}),
        "2026-05": frozenset({"facebook", "x"}),
    },
    closed_months=frozenset({"2026-03", "2026-04"}),
)


def test_each_element_not_in_place_gets_its_concrete_steps() -> None:
    strategy, result = _result(FACTS)
    steps = {e: next_steps(result.result(e), strategy) for e in ELEMENTS}
    # reach: engagement_rate lacks only a dated target, impressions only a baseline; the
    # first with one part missing is named. conversation: replies lacks both.
    assert steps["goals"] == (
        Step(
            "set_baseline",
            {"kpi": "impressions", "kpi_name": "Impressions", "objective": "reach"},
        ),
        Step(
            "set_baseline_and_target",
            {"kpi": "replies", "kpi_name": "Replies", "objective": "conversation"},
        ),
    )
    assert steps["resources"] == (Step("name_owner", {"kpi": "replies", "kpi_name": "Replies"}),)
    assert steps["channel_choice"] == (Step("import_platform", {"platform": "x"}),)
    assert steps["content_activities"] == (Step("import_posts", {"platform": "x"}),)
    # April lacks X; May is not closed either
    assert steps["monitoring"] == (
        Step("import_month", {"month": "2026-04", "platforms": ["x"]}),
        Step("close_month", {"month": "2026-05"}),
    )
    assert steps["policy"] == (Step("write_response_policy"),)
    # no audiences: the product cannot tell, the self-assessment decides
    assert steps["target_audience"] == (
        Step("list_audiences"),
        Step("raise_self_score", {"score": None}),
    )


def test_an_element_in_place_needs_no_step_and_only_unclosed_months_need_closing() -> None:
    facts = Facts(
        platforms_with_data=frozenset({"facebook", "x"}),
        platforms_with_posts=frozenset({"facebook", "x"}),
        platforms_by_month={
            m: frozenset({"facebook", "x"}) for m in ("2026-03", "2026-04", "2026-05")
        },
        closed_months=frozenset({"2026-03"}),
    )
    strategy, result = _result(facts, {"target_audience": 2})
    assert next_steps(result.result("target_audience"), strategy) == ()
    assert next_steps(result.result("channel_choice"), strategy) == ()
    assert next_steps(result.result("monitoring"), strategy) == (
        Step("close_month", {"month": "2026-04"}),
        Step("close_month", {"month": "2026-05"}),
    )


def test_an_objective_without_kpis_or_a_strategy_without_objectives() -> None:
    strategy = parse_strategy(STRATEGY + "  - id: empty\n    name: Empty\n    kpis: []\n", file="s")
    result = assess(evidence(strategy, Period.parse("2026-05"), FACTS), {})
    assert Step("add_measured_kpi", {"objective": "empty"}) in next_steps(
        result.result("goals"), strategy
    )
