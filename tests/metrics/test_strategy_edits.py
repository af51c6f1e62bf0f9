"""Strategy edits: each operation changes only what it names and refuses invalid edits with
every problem (who may make them: tests/workflows/test_roles.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from metrics.problems import StrategyInvalid
from metrics.strategy import parse_strategy
from metrics.strategy_edits import (
    AddKpi,
    AddObjective,
    EditKpi,
    EditObjective,
    EditRefused,
    RetireKpi,
    RetireObjective,
    SetTargets,
    apply_edit,
    changes,
)

TEXT = """\
# Strategy of the test organisation: comments survive edits.
organisation: Test Institute
timezone: UTC
language: en
objectives:
  - id: engagement
    name: Improve engagement
    kpis:
      - id: engagement_rate
        name: Engagement rate
        metric: {type: ratio, numerator: engagements, denominator: impressions, grain: post}
        unit: percent
        direction: up
        owner: Communications lead   # the person who answers for it
        frequency: monthly
        baseline: {period: 2025-12, value: 0.02}
        targets: {2026-10: 0.03, 2026-Q4: 0.03, 2026: 0.032}
      - id: posts_published
        name: Posts published
        metric: {type: count, grain: post}
        targets: {2026-10: 12}
      - id: posts_growth
        name: Growth of posts
        metric: {type: growth, of: posts_published}
        unit: percent
  - id: reach
    name: Grow our audience
    kpis:
      - id: followers
        name: Followers
        metric: {type: last, measure: followers}
        targets: {2026-10: 5000}
"""


def test_set_targets_changes_only_the_targets_line() -> None:
    result = apply_edit(
        TEXT,
        SetTargets("posts_published", {"2026-10": 14, "2026-11": 15.0, "2026": None}),
    )
    old_lines = TEXT.splitlines()
    new_lines = result.text.splitlines()
    assert len(old_lines) == len(new_lines)
    differing = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert differing == [
        ("        targets: {2026-10: 12}", "        targets: {2026-10: 14, 2026-11: 15}")
    ]
    assert result.strategy.kpi("posts_published").targets == {"2026-10": 14, "2026-11": 15}
    assert [(c.kind, c.kpi_id, c.period, c.old, c.new) for c in result.changes] == [
        ("target", "posts_published", "2026-10", 12, 14),
        ("target", "posts_published", "2026-11", None, 15),
    ]


def test_set_targets_drops_periods_and_sets_the_baseline() -> None:
    result = apply_edit(
        TEXT,
        SetTargets(
            "engagement_rate", {"2026-10": 0.035, "2026": 0.032}, baseline=("2026-01", 0.025)
        ),
    )
    kpi = result.strategy.kpi("engagement_rate")
    assert kpi.targets == {"2026-10": 0.035, "2026": 0.032}
    assert (kpi.baseline.period, kpi.baseline.value) == ("2026-01", 0.025)
    assert "        baseline: {period: 2026-01, value: 0.025}" in result.text
    assert "        targets: {2026-10: 0.035, 2026: 0.032}" in result.text
    assert "# the person who answers for it" in result.text
    kinds = sorted((c.kind, c.period or "") for c in result.changes)
    assert kinds == [("baseline", ""), ("target", "2026-10"), ("target", "2026-Q4")]


def test_set_targets_lists_every_bad_period_and_value() -> None:
    with pytest.raises(EditRefused) as exc:
        apply_edit(TEXT, SetTargets("posts_published", {"2026-13": 5, "2026-11": "many"}))
    assert [(p.code, p.kpi_id) for p in exc.value.errors] == [
        ("invalid_period", "posts_published"),
        ("invalid_value", "posts_published"),
    ]
    assert "month 13 does not exist" in exc.value.errors[0].message
    assert "'many' is not a number" in exc.value.errors[1].message


def test_percent_target_above_one_is_a_warning_not_a_refusal() -> None:
    result = apply_edit(TEXT, SetTargets("engagement_rate", {"2026-10": 3}))
    assert [w.code for w in result.strategy.warnings] == ["percent_not_fraction"]


def test_edit_kpi_metadata_keeps_comments_and_quotes_ambiguous_words() -> None:
    result = apply_edit(
        TEXT,
        EditKpi(
            "engagement_rate",
            {"owner": "Head of digital", "description": "no", "source": "Meta exports"},
        ),
    )
    kpi = result.strategy.kpi("engagement_rate")
    assert (kpi.owner, kpi.description, kpi.source) == ("Head of digital", "no", "Meta exports")
    assert '        description: "no"' in result.text
    # The comment stays at its column.
    assert "        owner: Head of digital       # the person who answers for it\n" in result.text
    lines = result.text.splitlines()
    # New keys go where the model puts them: description after name, source after frequency.
    assert (
        lines.index('        description: "no"') == lines.index("        name: Engagement rate") + 1
    )
    assert lines.index("        source: Meta exports") == (
        lines.index("        frequency: monthly") + 1
    )
    assert {c.field for c in result.changes} == {"owner", "description", "source"}


def test_edit_kpi_refuses_definition_fields_and_bad_values() -> None:
    with pytest.raises(EditRefused) as exc:
        apply_edit(TEXT, EditKpi("followers", {"metric": {"type": "sum"}, "id": "x"}))
    assert [p.code for p in exc.value.errors] == ["not_metadata", "not_metadata"]
    assert "retire this one and add a new one" in exc.value.errors[0].message
    with pytest.raises(StrategyInvalid) as invalid:
        apply_edit(TEXT, EditKpi("followers", {"unit": "percents", "direction": "sideways"}))
    assert [(p.code, p.kpi_id) for p in invalid.value.errors] == [
        ("invalid_value", "followers"),
        ("invalid_value", "followers"),
    ]
    assert "percents" in invalid.value.errors[0].message
    assert "'up' or 'down'" in invalid.value.errors[1].message


def test_unknown_ids_and_no_change_are_refused() -> None:
    with pytest.raises(EditRefused, match="there is no KPI 'nope'"):
        apply_edit(TEXT, SetTargets("nope", {"2026-10": 1}))
    with pytest.raises(
        EditRefused, match="there is no objective 'nope'; objectives: engagement, reach"
    ):
        apply_edit(TEXT, EditObjective("nope", {"name": "x"}))
    with pytest.raises(EditRefused, match="changes nothing"):
        apply_edit(TEXT, SetTargets("followers", {"2026-10": 5000}))


def test_edit_objective_metadata() -> None:
    result = apply_edit(
        TEXT,
        EditObjective("reach", {"description": "People who follow us", "cone_element": "goals"}),
    )
    objective = result.strategy.objectives[1]
    assert (objective.description, objective.cone_element) == ("People who follow us", "goals")


def test_add_objective_and_kpi_are_checked() -> None:
    new_kpi = {
        "id": "shares_total",
        "name": "Shares",
        "metric": {"type": "sum", "measure": "shares", "grain": "post"},
        "owner": "Social media officer",
        "targets": {"2026-11": 300, "2026": 3000},
    }
    result = apply_edit(TEXT, AddKpi("reach", new_kpi))
    assert result.text.startswith(TEXT.rstrip("\n"))
    assert result.text.endswith(
        "      - id: shares_total\n"
        "        name: Shares\n"
        "        metric: {type: sum, measure: shares, grain: post}\n"
        "        owner: Social media officer\n"
        "        targets: {2026-11: 300, 2026: 3000}\n"
    )
    assert [(c.kind, c.objective_id, c.kpi_id) for c in result.changes] == [
        ("kpi_added", "reach", "shares_total")
    ]
    with pytest.raises(EditRefused, match="KPI id 'followers' is already used"):
        apply_edit(TEXT, AddKpi("reach", {**new_kpi, "id": "followers"}))
    with pytest.raises(StrategyInvalid) as exc:
        apply_edit(
            TEXT,
            AddKpi("reach", {**new_kpi, "metric": {"type": "sum", "measure": "likes"}}),
        )
    assert [(p.code, p.kpi_id) for p in exc.value.errors] == [("unknown_measure", "shares_total")]

    added = apply_edit(TEXT, AddObjective({"id": "talent", "name": "Attract talent"}))
    assert added.strategy.objectives[-1].id == "talent"
    assert added.text.endswith("  - id: talent\n    name: Attract talent\n")
    with pytest.raises(EditRefused, match="objective id 'reach' is already used"):
        apply_edit(TEXT, AddObjective({"id": "reach", "name": "Again"}))


def test_retired_kpi_leaves_the_scorecard_from_its_period_only() -> None:
    result = apply_edit(TEXT, RetireKpi("followers", "2026-11"))
    assert "        retired: 2026-11" in result.text
    strategy = result.strategy
    assert "followers" in [k.id for k in strategy.kpis()]
    assert "followers" in [k.id for k in strategy.kpis_in_force("2026-10")]
    assert "followers" in [k.id for k in strategy.kpis_in_force("2026-Q4")]
    assert "followers" not in [k.id for k in strategy.kpis_in_force("2026-11")]
    assert [(c.kind, c.new) for c in result.changes] == [("kpi_retired", "2026-11")]
    back = apply_edit(result.text, RetireKpi("followers", None))
    assert back.text == TEXT
    assert [c.kind for c in back.changes] == ["kpi_reinstated"]


def test_a_kpi_others_are_computed_from_cannot_be_retired_alone() -> None:
    with pytest.raises(EditRefused) as exc:
        apply_edit(TEXT, RetireKpi("posts_published", "2026-11"))
    assert [(p.code, p.kpi_id) for p in exc.value.errors] == [("kpi_in_use", "posts_published")]
    assert "'posts_growth' (growth)" in exc.value.errors[0].message
    first = apply_edit(TEXT, RetireKpi("posts_growth", "2026-10"))
    second = apply_edit(first.text, RetireKpi("posts_published", "2026-11"))
    assert second.strategy.kpis_in_force("2026-11") == [
        second.strategy.kpi("engagement_rate"),
        second.strategy.kpi("followers"),
    ]


def test_retire_objective_takes_its_kpis_out() -> None:
    result = apply_edit(TEXT, RetireObjective("reach", "2027"))
    assert "    retired: 2027" in result.text
    assert [k.id for k in result.strategy.kpis_in_force("2027-01")] == [
        "engagement_rate",
        "posts_published",
        "posts_growth",
    ]
    with pytest.raises(EditRefused, match="objective 'reach' is retired from 2027"):
        apply_edit(
            result.text,
            AddKpi("reach", {"id": "k", "name": "K", "metric": {"type": "count"}}),
        )
    with pytest.raises(EditRefused, match="retired from: not a period"):
        apply_edit(TEXT, RetireObjective("reach", "soon"))


def test_retired_field_is_optional_and_checked_by_the_rules() -> None:
    assert parse_strategy(TEXT).kpi("followers").retired is None
    with pytest.raises(StrategyInvalid) as exc:
        parse_strategy(
            TEXT.replace("    name: Grow our audience\n", "    name: Grow\n    retired: 2026-13\n")
        )
    assert [p.code for p in exc.value.errors] == ["invalid_period"]
    assert "retired: not a period" in exc.value.errors[0].message


def test_changes_between_two_strategies() -> None:
    before = parse_strategy(TEXT)
    after = parse_strategy(
        TEXT.replace("{type: count, grain: post}", "{type: count, grain: message}").replace(
            "timezone: UTC", "timezone: Europe/Amsterdam"
        )
    )
    found = changes(before, after)
    assert [(c.kind, c.field) for c in found] == [
        ("settings", "timezone"),
        ("kpi_definition", "metric"),
    ]


def test_scorecard_leaves_out_retired_kpis_from_their_period(sqlite_engine: Engine) -> None:
    from metrics.scorecard import compute_overview, compute_scorecard

    retired = apply_edit(TEXT, RetireObjective("reach", "2026-11")).strategy
    october = [r.kpi_id for r in compute_scorecard(sqlite_engine, retired, "2026-10")]
    november = [r.kpi_id for r in compute_scorecard(sqlite_engine, retired, "2026-11")]
    assert october == ["engagement_rate", "posts_published", "posts_growth", "followers"]
    assert november == ["engagement_rate", "posts_published", "posts_growth"]
    results, series = compute_overview(sqlite_engine, retired, "2026-11", ["2026-10", "2026-11"])
    assert [r.kpi_id for r in results] == november
    assert set(series["kpi_id"]) == set(november)


PLATFORM_TEXT = TEXT.replace(
    "        targets: {2026-10: 12}\n",
    "        targets: {2026-10: 12}\n"
    "        platform_targets:   # what each network should give\n"
    "          x: {2026-10: 4}\n",
)


def test_platform_targets_survive_an_edit_and_are_listed_as_changes() -> None:
    result = apply_edit(PLATFORM_TEXT, SetTargets("posts_published", {"2026-10": 14}))
    assert "          x: {2026-10: 4}\n" in result.text
    assert "# what each network should give" in result.text
    assert result.strategy.kpi("posts_published").platform_targets == {"x": {"2026-10": 4}}
    before = parse_strategy(PLATFORM_TEXT)
    after = parse_strategy(PLATFORM_TEXT.replace("x: {2026-10: 4}", "x: {2026-10: 5, 2026: 50}"))
    found = changes(before, after)
    assert [(c.kind, c.field, c.period, c.old, c.new) for c in found] == [
        ("platform_target", "x", "2026", None, 50),
        ("platform_target", "x", "2026-10", 4, 5),
    ]
    assert found[1].describe() == "KPI posts_published: x target 2026-10 4 → 5"
