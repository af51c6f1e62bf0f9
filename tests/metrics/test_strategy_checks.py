"""Strategy loading: a valid file in DESIGN.md's format loads; every meaning rule has a
failing example whose line number is asserted; all problems are reported at once."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from metrics.problems import StrategyInvalid, StrategyProblem
from metrics.strategy import load_strategy, parse_strategy

DESIGN_EXAMPLE = """\
organisation: Example Institute
timezone: America/Guatemala          # default UTC
language: es                         # default en; en, es, nl
strategies:                          # optional; default one strategy "main"
  - id: main
    name: Social networks strategy 2026
objectives:
  - id: engagement
    strategy: main                   # optional when there is one strategy
    name: Improve customer engagement
    kpis:
      - id: engagement_rate
        name: Engagement rate per impression
        metric: {type: ratio, numerator: engagements, denominator: impressions, grain: post}
        platforms: [facebook, instagram, x, linkedin]   # default: all
        unit: percent                # count | percent | hours | ...
        direction: up                # up: higher is better; down: lower is better
        owner: Communications lead
        frequency: monthly
        baseline: {period: 2025-12, value: 0.021}
        targets: {2026-10: 0.03, 2026-Q4: 0.03, 2026: 0.032}
"""

HEADER = """\
organisation: Test
objectives:
  - id: o
    name: O
    kpis:
"""


def _problems(text: str) -> list[StrategyProblem]:
    with pytest.raises(StrategyInvalid) as caught:
        parse_strategy(text, file="s.yaml")
    return caught.value.errors


def _kpis(body: str) -> str:
    return HEADER + textwrap.indent(textwrap.dedent(body), "      ")


def test_design_example_loads() -> None:
    strategy = parse_strategy(DESIGN_EXAMPLE, file="strategy.yaml")
    kpi = strategy.kpi("engagement_rate")
    assert strategy.language == "es"
    assert kpi.targets == {"2026-10": 0.03, "2026-Q4": 0.03, "2026": 0.032}
    assert kpi.baseline is not None and kpi.baseline.period == "2025-12"
    assert kpi.metric.resolved_grain == "post"
    assert strategy.objective_of("engagement_rate").strategy == "main"
    assert strategy.warnings == []


def test_defaults() -> None:
    strategy = parse_strategy(
        _kpis("""\
        - id: followers
          name: Followers
          metric: {type: last, measure: followers}
        """)
    )
    kpi = strategy.kpi("followers")
    assert strategy.timezone == "UTC" and strategy.language == "en"
    assert strategy.amber_band == 0.10
    assert [s.id for s in strategy.strategies] == ["main"]
    assert strategy.strategy_of("followers") == "main"
    assert kpi.metric.resolved_grain == "day"
    assert kpi.effective_platforms == [
        "facebook",
        "instagram",
        "x",
        "linkedin",
        "youtube",
        "tiktok",
    ]
    assert (kpi.unit, kpi.direction, kpi.cumulative) == ("count", "up", False)


# (title, KPI YAML, expected code, line of the problem: the KPI list starts on line 6)
RULE_CASES = [
    (
        "unknown measure lists the valid ones",
        """\
        - id: k
          name: K
          metric: {type: sum, measure: likes}
        """,
        "unknown_measure",
        8,
        "valid measures: impressions, reach",
    ),
    (
        "measure of the wrong grain",
        """\
        - id: k
          name: K
          metric:
            type: sum
            grain: day
            measure: saves
        """,
        "unknown_measure",
        11,
        "unknown day-grain measure 'saves'",
    ),
    (
        "duplicate KPI id",
        """\
        - id: k
          name: K
          metric: {type: count}
        - id: k
          name: K again
          metric: {type: count}
        """,
        "duplicate_kpi_id",
        9,
        "used more than once",
    ),
    (
        "derived expression that is not arithmetic",
        """\
        - id: a
          name: A
          metric: {type: count}
        - id: k
          name: K
          metric: {type: derived, expr: "a ** 2"}
        """,
        "invalid_expression",
        11,
        "Pow is not allowed",
    ),
    (
        "derived expression that does not parse",
        """\
        - id: k
          name: K
          metric: {type: derived, expr: "a / (b"}
        """,
        "invalid_expression",
        8,
        "does not parse",
    ),
    (
        "derived expression naming an unknown KPI",
        """\
        - id: a
          name: A
          metric: {type: count}
        - id: k
          name: K
          metric:
            type: derived
            expr: a / missing_kpi
        """,
        "unknown_kpi_reference",
        13,
        "'missing_kpi'",
    ),
    (
        "growth of an unknown KPI",
        """\
        - id: k
          name: K
          metric: {type: growth, of: nowhere}
        """,
        "unknown_kpi_reference",
        8,
        "'nowhere'",
    ),
    (
        "a cycle of references",
        """\
        - id: a
          name: A
          metric: {type: derived, expr: b + 1}
        - id: b
          name: B
          metric: {type: growth, of: a}
        """,
        "reference_cycle",
        8,
        "a -> b -> a",
    ),
    (
        "target for a period that does not exist",
        """\
        - id: k
          name: K
          metric: {type: count}
          targets:
            2026-10: 3
            2026-Q5: 9
        """,
        "invalid_period",
        11,
        "'2026-Q5'",
    ),
    (
        "baseline period that does not exist",
        """\
        - id: k
          name: K
          metric: {type: count}
          baseline: {period: 2026-W54, value: 3}
        """,
        "invalid_period",
        9,
        "'2026-W54'",
    ),
    (
        "unknown platform",
        """\
        - id: k
          name: K
          metric: {type: count}
          platforms:
            - facebook
            - myspace
        """,
        "unknown_platform",
        11,
        "'myspace'; valid platforms: facebook",
    ),
    (
        "unknown metric type",
        """\
        - id: k
          name: K
          metric: {type: average, measure: reach}
        """,
        "invalid_value",
        8,
        "'average'",
    ),
    (
        "grain that the metric type cannot use",
        """\
        - id: k
          name: K
          metric: {type: last, measure: followers, grain: post}
        """,
        "invalid_grain",
        8,
        "allowed: day",
    ),
    (
        "unknown grain",
        """\
        - id: k
          name: K
          metric: {type: sum, measure: reach, grain: hour}
        """,
        "invalid_value",
        8,
        "'hour'",
    ),
    (
        "quantile outside (0, 1)",
        """\
        - id: k
          name: K
          metric: {type: percentile, measure: first_response_hours, q: 90, grain: message}
        """,
        "invalid_quantile",
        8,
        "strictly between 0 and 1",
    ),
    (
        "metric missing its measure",
        """\
        - id: k
          name: K
          metric: {type: ratio, numerator: engagements}
        """,
        "metric_field_missing",
        8,
        "needs field 'denominator'",
    ),
    (
        "KPI missing its name",
        """\
        - id: k
          metric: {type: count}
        """,
        "missing_field",
        6,
        "'name' is required",
    ),
    (
        "unknown direction",
        """\
        - id: k
          name: K
          metric: {type: count}
          direction: sideways
        """,
        "invalid_value",
        9,
        "'sideways'",
    ),
    (
        "platform target for an unknown platform",
        """\
        - id: k
          name: K
          metric: {type: count}
          platform_targets:
            myspace: {2026-10: 3}
        """,
        "unknown_platform",
        10,
        "unknown platform 'myspace'",
    ),
    (
        "platform target for a platform the KPI does not cover",
        """\
        - id: k
          name: K
          metric: {type: count}
          platforms: [facebook, x]
          platform_targets:
            x: {2026-10: 3}
            tiktok: {2026-10: 3}
        """,
        "platform_not_in_kpi",
        12,
        "'tiktok', which is not among the KPI's platforms (facebook, x)",
    ),
    (
        "platform target for an invalid period",
        """\
        - id: k
          name: K
          metric: {type: count}
          platform_targets:
            x: {2026-13: 3}
        """,
        "invalid_period",
        10,
        "not a period: '2026-13'",
    ),
    (
        "platform target that is not a number",
        """\
        - id: k
          name: K
          metric: {type: count}
          platform_targets:
            x: {2026-10: lots}
        """,
        "wrong_type",
        10,
        "'lots'",
    ),
    (
        "target that is not a number",
        """\
        - id: k
          name: K
          metric: {type: count}
          targets: {2026-10: lots}
        """,
        "wrong_type",
        9,
        "'lots'",
    ),
]


@pytest.mark.parametrize(
    ("body", "code", "line", "fragment"),
    [pytest.param(*case[1:], id=case[0]) for case in RULE_CASES],
)
def test_rule_reports_code_line_and_kpi(body: str, code: str, line: int, fragment: str) -> None:
    problems = _problems(_kpis(body))
    matching = [p for p in problems if p.code == code]
    assert matching, problems
    problem = matching[0]
    assert problem.line == line, problem
    assert fragment in problem.message
    assert problem.file == "s.yaml"
    assert str(problem).startswith(f"s.yaml:{line}: ")


def test_top_level_rules() -> None:
    text = """\
organisation: Test
timezone: Mars/Olympus
amber_band: 1.5
strategies:
  - id: a
  - id: b
objectives:
  - id: o
    name: O
    kpis: []
  - id: o
    strategy: c
    name: O2
    kpis: []
"""
    found = {(p.code, p.line) for p in _problems(text)}
    assert ("invalid_value", 2) in found  # time zone
    assert ("invalid_amber_band", 3) in found
    assert ("missing_field", 8) in found  # several strategies: objective must name one
    assert ("duplicate_objective_id", 11) in found
    assert ("unknown_strategy", 12) in found


def test_every_problem_is_reported_at_once() -> None:
    body = """\
    - id: a
      name: A
      metric: {type: sum, measure: likes}
      platforms: [myspace]
    - id: b
      name: B
      direction: sideways
      metric: {type: percentile, measure: first_response_hours, q: 2, grain: message}
    - id: a
      name: A again
      metric: {type: derived, expr: "a / nothing"}
    """
    problems = _problems(_kpis(body))
    assert [(p.line, p.kpi_id, p.code) for p in problems] == [
        (8, "a", "unknown_measure"),
        (9, "a", "unknown_platform"),
        (12, "b", "invalid_value"),
        (13, "b", "invalid_quantile"),
        (14, "a", "duplicate_kpi_id"),
        (16, "a", "unknown_kpi_reference"),
        (16, "a", "reference_cycle"),  # the second `a` refers to itself
    ]


def test_outputs_only_is_a_warning() -> None:
    strategy = parse_strategy(
        _kpis("""\
        - id: posts
          name: Posts
          metric: {type: count}
        - id: published
          name: Published (account level)
          level: output
          metric: {type: sum, measure: posts, grain: day}
        """)
    )
    assert [w.code for w in strategy.warnings] == ["outputs_only"]
    assert strategy.warnings[0].level == "warning"


def test_unknown_field_is_a_warning_with_its_line() -> None:
    strategy = parse_strategy(
        _kpis("""\
        - id: k
          name: K
          metric: {type: count}
          trgets: {2026: 3}
        """)
    )
    unknown = [w for w in strategy.warnings if w.code == "unknown_field"]
    assert [(w.line, w.kpi_id) for w in unknown] == [(9, "k")]
    assert "'trgets'" in unknown[0].message


def test_branding_block_is_a_known_field() -> None:
    text = "branding: {logo: logo.png, primary_color: '#0072B2'}\n" + _kpis("""\
        - id: k
          name: K
          metric: {type: count}
        """)
    strategy = parse_strategy(text)
    assert strategy.branding == {"logo": "logo.png", "primary_color": "#0072B2"}
    assert [w.code for w in strategy.warnings if w.code == "unknown_field"] == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty_file"),
        ("objectives: [\n", "invalid_yaml"),
        ("- just\n- a list\n", "wrong_type"),
        ("organisation: Test\n", "missing_field"),
    ],
)
def test_unusable_files(text: str, code: str) -> None:
    assert [p.code for p in _problems(text)] == [code]


def _laughs(levels: int, width: int = 9) -> str:
    """A "billion laughs" YAML: each level refers `width` times to the one before."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_it_is_built() -> None:
    """17 KB of nested aliases made `kpis` use 5.5 GB and end in MemoryError: refused from
    the event stream, with the line of the first alias over the bound, before any object,
    validation or line map is built (9**12 nodes would not fit in memory)."""
    [problem] = _problems(_laughs(12))
    assert problem.code == "too_many_aliases"
    assert problem.line == 13  # the 101st alias is on line 13 (9 per line from line 2)


def test_a_few_aliases_are_still_yaml() -> None:
    shared = textwrap.dedent(
        """\
        organisation: Aliases Inc
        objectives:
          - id: reach
            name: Reach
            kpis:
              - id: impressions
                name: Impressions
                metric: {type: sum, measure: impressions, grain: post}
                unit: count
                targets: &t {2026-10: 100}
              - id: reach
                name: Reach
                metric: {type: sum, measure: reach, grain: post}
                unit: count
                targets: *t
        """
    )
    strategy = parse_strategy(shared)
    assert strategy.kpi("reach").targets == strategy.kpi("impressions").targets


def test_deep_nesting_and_huge_files_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import metrics.strategy

    deep = "a: " + "[" * 200 + "]" * 200 + "\n"
    assert [p.code for p in _problems(deep)] == ["too_deep"]
    monkeypatch.setattr(metrics.strategy, "MAX_STRATEGY_BYTES", 1000)
    assert [p.code for p in _problems("# " + "x" * 2000 + "\n")] == ["too_large"]


def test_load_strategy_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(_kpis("- {id: k, name: K, metric: {type: sum}}\n"), encoding="utf-8")
    with pytest.raises(StrategyInvalid) as caught:
        load_strategy(path)
    assert str(caught.value.errors[0]).startswith("mine.yaml:6: k: metric type 'sum' needs")
    with pytest.raises(StrategyInvalid) as missing:
        load_strategy(tmp_path / "absent.yaml")
    assert missing.value.errors[0].code == "unreadable"


def test_problems_carry_parameters_for_translation() -> None:
    problem = _problems(_kpis("- {id: k, name: K, metric: {type: sum, measure: likes}}\n"))[0]
    assert problem.params["measure"] == "likes"
    assert problem.params["grain"] == "post"
    assert problem.params["file"] == "s.yaml"
    assert problem.to_dict()["code"] == "unknown_measure"


def test_percent_targets_and_cumulative_warnings() -> None:
    strategy = parse_strategy(
        _kpis("""\
        - id: rate
          name: Rate
          unit: percent
          cumulative: true
          metric: {type: ratio, numerator: engagements, denominator: impressions}
          targets:
            2026: 4.5
        """)
    )
    found = {(w.code, w.line) for w in strategy.warnings}
    assert found == {("percent_not_fraction", 12), ("cumulative_ignored", 9)}
    assert any("write 0.045 for 4.5%" in w.message for w in strategy.warnings)


def test_platform_targets_load_and_warn_like_targets() -> None:
    strategy = parse_strategy(
        _kpis("""\
        - id: rate
          name: Rate
          unit: percent
          metric: {type: ratio, numerator: engagements, denominator: impressions}
          platforms: [facebook, x]
          targets: {2026: 0.04}
          platform_targets:
            x: {2026-Q4: 0.05, 2026: 5}
        """)
    )
    kpi = strategy.kpi("rate")
    assert kpi.platform_targets == {"x": {"2026-Q4": 0.05, "2026": 5.0}}
    assert kpi.targets == {"2026": 0.04}
    assert {(w.code, w.line) for w in strategy.warnings} == {("percent_not_fraction", 13)}


def test_a_file_without_platform_targets_has_none() -> None:
    strategy = parse_strategy(DESIGN_EXAMPLE, file="strategy.yaml")
    assert strategy.kpi("engagement_rate").platform_targets == {}
