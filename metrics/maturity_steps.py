"""Concrete next steps per element of the Social Strategy Cone, and how two dated
self-assessments compare (docs/maturity.md).

Pure. A step is a code and its facts (`Step`); the faces word it (dashboard/maturity_words.py
and the report). The steps follow from the evidence finding of an element not in place:
goals not met because KPI `engagement_rate` has no dated target gives "Give KPI
engagement_rate a dated target"; monitoring not met because 2026-05 was not closed gives
"Close the review of May 2026". An element the product cannot see, not in place by its
self-assessment, gets the one step of putting it in place and assessing it again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from metrics.maturity import ELEMENTS, STAGES, Assessment, Element, ElementResult, Stage
from metrics.strategy_model import StrategyFile


@dataclass(frozen=True)
class Step:
    code: str
    params: dict[str, object] = field(default_factory=dict)


def _kpi(kpi_id: str, strategy: StrategyFile | None) -> dict[str, object]:
    name = kpi_id
    if strategy is not None:
        with contextlib.suppress(KeyError):
            name = strategy.kpi(kpi_id).name or kpi_id
    return {"kpi": kpi_id, "kpi_name": name}


def _goal_steps(params: Mapping[str, object], strategy: StrategyFile | None) -> list[Step]:
    objectives = list(params.get("objectives") or [])  # type: ignore[call-overload]
    lacking: dict[str, list[str]] = dict(params.get("lacking") or {})  # type: ignore[call-overload]
    if not objectives:
        return [Step("add_objective")]
    steps: list[Step] = []
    for objective_id in objectives:
        kpi_ids = []
        if strategy is not None:
            kpi_ids = [k.id for o in strategy.objectives if o.id == objective_id for k in o.kpis]
        kpi_ids = [k for k in kpi_ids if k in lacking]
        if not kpi_ids:
            steps.append(Step("add_measured_kpi", {"objective": objective_id}))
            continue
        # the KPI closest to a measured goal: one that lacks a single part, else the first
        kpi_id = min(kpi_ids, key=lambda k: len(lacking[k]))
        missing = lacking[kpi_id]
        code = (
            "set_baseline_and_target"
            if len(missing) == 2
            else "set_baseline"
            if missing == ["baseline"]
            else "set_target"
        )
        steps.append(Step(code, {**_kpi(kpi_id, strategy), "objective": objective_id}))
    return steps


def next_steps(result: ElementResult, strategy: StrategyFile | None = None) -> tuple[Step, ...]:
    """What to do to put an element in place, most concrete first (none when it is)."""
    if result.in_place:
        return ()
    finding = result.evidence
    params = finding.params
    code = finding.code
    steps: list[Step]
    if code == "no_platforms_named":
        steps = [Step("name_platforms")]
    elif code == "platforms_without_data":
        steps = [Step("import_platform", {"platform": p}) for p in params["platforms"]]  # type: ignore[attr-defined]
    elif code == "objectives_without_measured_goal":
        steps = _goal_steps(params, strategy)
    elif code == "kpis_without_owner":
        kpis = list(params["kpis"])  # type: ignore[call-overload]
        steps = [Step("name_owner", _kpi(k, strategy)) for k in kpis] or [Step("add_kpi")]
    elif code == "no_response_policy":
        steps = [Step("write_response_policy")]
    elif code == "platforms_without_posts":
        steps = [Step("import_posts", {"platform": p}) for p in params["platforms"]]  # type: ignore[attr-defined]
    elif code == "months_without_exports":
        months: dict[str, list[str]] = dict(params["months"])  # type: ignore[call-overload]
        steps = [
            Step("import_month", {"month": m, "platforms": list(ps)}) for m, ps in months.items()
        ]
        steps += [Step("close_month", {"month": m}) for m in params.get("open_months", [])]  # type: ignore[attr-defined]
    elif code == "months_not_closed":
        steps = [Step("close_month", {"month": m}) for m in params["months"]]  # type: ignore[attr-defined]
    elif code == "no_audiences_declared":
        steps = [Step("list_audiences")]
    else:
        steps = []
    if finding.met is None:
        # the self-assessment decides: put the element in place, then score it again
        steps.append(Step("raise_self_score", {"score": result.self_score}))
    return tuple(steps)


# --- two versions side by side ------------------------------------------------------------


@dataclass(frozen=True)
class ElementChange:
    element: Element
    score_then: int | None
    score_now: int | None
    in_place_then: bool
    in_place_now: bool
    evidence_then: bool | None  # the evidence verdict: met, not met, not measurable
    evidence_now: bool | None

    @property
    def score_change(self) -> int | None:
        if self.score_then is None or self.score_now is None:
            return None
        return self.score_now - self.score_then


def element_stage(element: Element) -> Stage:
    return next(stage for stage, elements in STAGES if element in elements)


@dataclass(frozen=True)
class Comparison:
    stage_then: Stage | None
    stage_now: Stage | None
    elements: tuple[ElementChange, ...]


def compare(then: Assessment, now: Assessment) -> Comparison:
    """Two assessments (each on its own evidence and self-scores), element by element."""
    changes = tuple(
        ElementChange(
            element,
            then.result(element).self_score,
            now.result(element).self_score,
            then.result(element).in_place,
            now.result(element).in_place,
            then.result(element).evidence.met,
            now.result(element).evidence.met,
        )
        for element in ELEMENTS
    )
    return Comparison(then.stage, now.stage, changes)
