"""Meaning rules over a structurally valid strategy: each rule yields located problems.

Rules see the KPIs with their YAML paths so every problem can name its line. They run on
every KPI that passed the structure check, so one run reports everything at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel

from metrics.business_hours import COMPUTED_MEASURES, computed_names, parse_clock
from metrics.expressions import ExpressionError, parse_expression
from metrics.metric_types import METRIC_FIELDS, spec
from metrics.periods import Period, PeriodError
from metrics.strategy_model import ALL_PLATFORMS, Kpi, Objective, StrategyFile, valid_address
from metrics.yaml_lines import Path
from warehouse.schema import DAY_MEASURES, MESSAGE_MEASURES, POST_MEASURES

MEASURES_BY_GRAIN: dict[str, tuple[str, ...]] = {
    "post": POST_MEASURES,
    "day": DAY_MEASURES,
    "message": (*MESSAGE_MEASURES, *computed_names("message")),
}
# computed measures are read from the rows themselves: only these types can use them
COMPUTED_MEASURE_TYPES = ("median", "percentile", "within")


@dataclass(frozen=True)
class Finding:
    """A problem before it is given its file and line."""

    path: Path
    kpi_id: str | None
    code: str
    message: str
    level: Literal["error", "warning"] = "error"
    params: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class LocatedKpi:
    path: Path
    kpi: Kpi


@dataclass(frozen=True)
class LocatedObjective:
    path: Path
    objective: Objective


@dataclass(frozen=True)
class Checked:
    """What passed the structure check, with where it is written."""

    top: StrategyFile | None
    objectives: list[LocatedObjective]
    kpis: list[LocatedKpi]
    raw_kpi_ids: set[str]


Rule = Callable[[Checked], Iterator[Finding]]


def _without_hours(checked: Checked) -> bool:
    """True when the file declares no working hours (a top level that failed its structure
    check has its own problem reported: no second one here)."""
    return checked.top is not None and checked.top.business_hours is None


def _extras(model: BaseModel, path: Path, kpi_id: str | None) -> Iterator[Finding]:
    for name in model.model_extra or {}:
        known = ", ".join(sorted(type(model).model_fields))
        yield Finding(
            (*path, name),
            kpi_id,
            "unknown_field",
            f"unknown field {name!r} is ignored; known fields here: {known}",
            "warning",
            {"field": name, "known": known},
        )
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if isinstance(item, BaseModel) and not isinstance(item, Objective | Kpi):
                sub = (*path, name, index) if isinstance(value, list) else (*path, name)
                yield from _extras(item, sub, kpi_id)


def unknown_fields(checked: Checked) -> Iterator[Finding]:
    if checked.top is not None:
        yield from _extras(checked.top, (), None)
    for located in checked.objectives:
        yield from _extras(located.objective, located.path, None)
    for lk in checked.kpis:
        yield from _extras(lk.kpi, lk.path, lk.kpi.id)


def top_level_values(checked: Checked) -> Iterator[Finding]:
    top = checked.top
    if top is None:
        return
    if not 0 <= top.amber_band < 1:
        yield Finding(
            ("amber_band",),
            None,
            "invalid_amber_band",
            f"amber_band {top.amber_band} must be a fraction from 0 to 1 (e.g. 0.10 for 10%)",
        )
    try:
        ZoneInfo(top.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        yield Finding(
            ("timezone",),
            None,
            "invalid_value",
            f"unknown time zone {top.timezone!r}; expected an IANA name such as "
            "'America/Guatemala' or 'UTC'",
        )


def unique_ids(checked: Checked) -> Iterator[Finding]:
    if checked.top is not None:
        seen: set[str] = set()
        for index, info in enumerate(checked.top.strategies):
            if info.id in seen:
                yield Finding(
                    ("strategies", index, "id"),
                    None,
                    "duplicate_strategy_id",
                    f"strategy id {info.id!r} is used more than once",
                )
            seen.add(info.id)
    seen_objectives: dict[str, Path] = {}
    for located in checked.objectives:
        oid = located.objective.id
        if oid in seen_objectives:
            yield Finding(
                (*located.path, "id"),
                None,
                "duplicate_objective_id",
                f"objective id {oid!r} is used more than once",
            )
        seen_objectives.setdefault(oid, located.path)
    seen_kpis: set[str] = set()
    for lk in checked.kpis:
        if lk.kpi.id in seen_kpis:
            yield Finding(
                (*lk.path, "id"),
                lk.kpi.id,
                "duplicate_kpi_id",
                f"KPI id {lk.kpi.id!r} is used more than once; KPI ids must be unique in the file",
                params={"kpi_id": lk.kpi.id},
            )
        seen_kpis.add(lk.kpi.id)


def report_recipients(checked: Checked) -> Iterator[Finding]:
    """Every `recipients:` entry of a strategy is an e-mail address."""
    if checked.top is None:
        return
    for index, info in enumerate(checked.top.strategies):
        for number, address in enumerate(info.recipients):
            if not valid_address(address):
                yield Finding(
                    ("strategies", index, "recipients", number),
                    None,
                    "invalid_recipient",
                    f"strategy {info.id!r}: recipient {address!r} is not an e-mail address "
                    "(write name@example.org or 'Name <name@example.org>')",
                )


def objective_strategies(checked: Checked) -> Iterator[Finding]:
    if checked.top is None:
        return
    ids = [s.id for s in checked.top.strategies]
    for located in checked.objectives:
        strategy = located.objective.strategy
        if strategy is None:
            if len(ids) > 1:
                yield Finding(
                    located.path,
                    None,
                    "missing_field",
                    f"objective {located.objective.id!r} must name its strategy "
                    f"(one of: {', '.join(ids)}) because the file has several",
                )
        elif strategy not in ids:
            yield Finding(
                (*located.path, "strategy"),
                None,
                "unknown_strategy",
                f"objective {located.objective.id!r} names strategy {strategy!r}, "
                f"which is not declared; declared strategies: {', '.join(ids)}",
            )


def metric_fields(checked: Checked) -> Iterator[Finding]:
    for lk in checked.kpis:
        metric = lk.kpi.metric
        path = (*lk.path, "metric")
        required = spec(metric.type).needs
        for name in required:
            if getattr(metric, name) is None:
                yield Finding(
                    path,
                    lk.kpi.id,
                    "metric_field_missing",
                    f"metric type {metric.type!r} needs field {name!r}",
                    params={"type": metric.type, "field": name},
                )
        for name in METRIC_FIELDS:
            if name in required or getattr(metric, name) is None:
                continue
            if name == "grain" and spec(metric.type).allows_grain:
                continue
            yield Finding(
                (*path, name),
                lk.kpi.id,
                "metric_field_unused",
                f"field {name!r} is not used by metric type {metric.type!r}",
                "warning",
            )


def grains_and_measures(checked: Checked) -> Iterator[Finding]:
    for lk in checked.kpis:
        metric = lk.kpi.metric
        path = (*lk.path, "metric")
        allowed = spec(metric.type).grains
        if not allowed:
            continue
        grain = metric.resolved_grain
        if grain not in allowed:
            yield Finding(
                (*path, "grain"),
                lk.kpi.id,
                "invalid_grain",
                f"metric type {metric.type!r} cannot use grain {grain!r}; "
                f"allowed: {', '.join(allowed)}",
                params={"type": metric.type, "grain": grain, "allowed": ", ".join(allowed)},
            )
            continue
        valid = MEASURES_BY_GRAIN[grain]
        for name in ("measure", "numerator", "denominator"):
            measure = getattr(metric, name)
            if measure is not None and measure not in valid:
                yield Finding(
                    (*path, name),
                    lk.kpi.id,
                    "unknown_measure",
                    f"unknown {grain}-grain measure {measure!r}; valid measures: "
                    f"{', '.join(valid)}",
                    params={"measure": measure, "grain": grain, "valid": ", ".join(valid)},
                )
        if metric.threshold is not None and not metric.threshold > 0:
            yield Finding(
                (*path, "threshold"),
                lk.kpi.id,
                "invalid_threshold",
                f"threshold = {metric.threshold} must be above 0 (hours, e.g. 4)",
                params={"threshold": metric.threshold},
            )
        computed = COMPUTED_MEASURES.get(metric.measure or "")
        if computed is not None and metric.type not in COMPUTED_MEASURE_TYPES:
            yield Finding(
                (*path, "measure"),
                lk.kpi.id,
                "computed_measure_type",
                f"{metric.measure} is computed per message; use it with metric type "
                f"{', '.join(COMPUTED_MEASURE_TYPES)}, not {metric.type}",
                params={"measure": metric.measure, "type": metric.type},
            )
        elif computed is not None and computed.needs_working_hours and _without_hours(checked):
            yield Finding(
                (*path, "measure"),
                lk.kpi.id,
                "business_hours_missing",
                f"{metric.measure} needs the organisation's working hours: add "
                "business_hours (days, start, end, holidays) to the strategy file",
                params={"measure": metric.measure},
            )
        if metric.q is not None and not 0 < metric.q < 1:
            yield Finding(
                (*path, "q"),
                lk.kpi.id,
                "invalid_quantile",
                f"q = {metric.q} must lie strictly between 0 and 1 (e.g. 0.9)",
                params={"q": metric.q},
            )


def references(checked: Checked) -> Iterator[Finding]:
    known = checked.raw_kpi_ids
    graph: dict[str, set[str]] = {}
    paths: dict[str, Path] = {}
    for lk in checked.kpis:
        metric = lk.kpi.metric
        path = (*lk.path, "metric")
        refs: set[str] = set()
        if metric.type == "derived" and metric.expr is not None:
            try:
                refs = parse_expression(metric.expr)
            except ExpressionError as exc:
                yield Finding(
                    (*path, "expr"),
                    lk.kpi.id,
                    "invalid_expression",
                    f"expression {metric.expr!r} is not arithmetic over KPI ids: {exc}",
                )
                continue
            field_name = "expr"
        elif metric.type == "growth" and metric.of is not None:
            refs = {metric.of}
            field_name = "of"
        else:
            continue
        for name in sorted(refs - known):
            yield Finding(
                (*path, field_name),
                lk.kpi.id,
                "unknown_kpi_reference",
                f"refers to KPI {name!r}, which is not defined in the file",
                params={"name": name},
            )
        graph[lk.kpi.id] = refs & known
        paths.setdefault(lk.kpi.id, (*path, field_name))
    for cycle in _cycles(graph):
        first = cycle[0]
        yield Finding(
            paths[first],
            first,
            "reference_cycle",
            "KPIs refer to each other in a cycle: " + " -> ".join([*cycle, first]),
            params={"cycle": " -> ".join([*cycle, first])},
        )


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each elementary cycle once (reported from its smallest id)."""
    found: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :]
                pivot = cycle.index(min(cycle))
                key = tuple(cycle[pivot:] + cycle[:pivot])
                if key not in seen:
                    seen.add(key)
                    found.append(list(key))
            elif state.get(nxt) is None:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def periods(checked: Checked) -> Iterator[Finding]:
    for lk in checked.kpis:
        for key in lk.kpi.targets:
            try:
                Period.parse(key)
            except PeriodError as exc:
                yield Finding(
                    (*lk.path, "targets", key),
                    lk.kpi.id,
                    "invalid_period",
                    str(exc),
                    params={"period": key},
                )
        for platform, targets in lk.kpi.platform_targets.items():
            for key in targets:
                try:
                    Period.parse(key)
                except PeriodError as exc:
                    yield Finding(
                        (*lk.path, "platform_targets", platform, key),
                        lk.kpi.id,
                        "invalid_period",
                        str(exc),
                        params={"period": key},
                    )
        if lk.kpi.retired is not None:
            yield from _retired_period(lk.path, lk.kpi.id, lk.kpi.retired)
        if lk.kpi.baseline is not None:
            try:
                Period.parse(lk.kpi.baseline.period)
            except PeriodError as exc:
                yield Finding(
                    (*lk.path, "baseline", "period"),
                    lk.kpi.id,
                    "invalid_period",
                    str(exc),
                    params={"period": lk.kpi.baseline.period},
                )


def _retired_period(path: Path, kpi_id: str | None, text: str) -> Iterator[Finding]:
    try:
        Period.parse(text)
    except PeriodError as exc:
        yield Finding(
            (*path, "retired"),
            kpi_id,
            "invalid_period",
            f"retired: {exc} (the first period in which it no longer counts)",
            params={"period": text},
        )


def retired_objectives(checked: Checked) -> Iterator[Finding]:
    for located in checked.objectives:
        if located.objective.retired is not None:
            yield from _retired_period(located.path, None, located.objective.retired)


def platforms(checked: Checked) -> Iterator[Finding]:
    for lk in checked.kpis:
        for index, name in enumerate(lk.kpi.platforms or []):
            if name not in ALL_PLATFORMS:
                yield Finding(
                    (*lk.path, "platforms", index),
                    lk.kpi.id,
                    "unknown_platform",
                    f"unknown platform {name!r}; valid platforms: {', '.join(ALL_PLATFORMS)}",
                    params={"platform": name, "valid": ", ".join(ALL_PLATFORMS)},
                )
        own = lk.kpi.effective_platforms
        for name in lk.kpi.platform_targets:
            path = (*lk.path, "platform_targets", name)
            if name not in ALL_PLATFORMS:
                yield Finding(
                    path,
                    lk.kpi.id,
                    "unknown_platform",
                    f"unknown platform {name!r}; valid platforms: {', '.join(ALL_PLATFORMS)}",
                    params={"platform": name, "valid": ", ".join(ALL_PLATFORMS)},
                )
            elif name not in own:
                yield Finding(
                    path,
                    lk.kpi.id,
                    "platform_not_in_kpi",
                    f"platform_targets names {name!r}, which is not among the KPI's "
                    f"platforms ({', '.join(own)})",
                    params={"platform": name, "platforms": ", ".join(own)},
                )


def target_units(checked: Checked) -> Iterator[Finding]:
    """Percent KPIs hold fractions (4.5% is 0.045); a target above 1 is most likely 4.5."""
    for lk in checked.kpis:
        if lk.kpi.unit == "percent" and spec(lk.kpi.metric.type).reads != "composite":
            written: list[tuple[tuple[str, ...], str, float]] = [
                (("targets", key), key, value) for key, value in lk.kpi.targets.items()
            ]
            written += [
                (("platform_targets", platform, key), key, value)
                for platform, targets in lk.kpi.platform_targets.items()
                for key, value in targets.items()
            ]
            for where, key, value in written:
                if abs(value) > 1:
                    yield Finding(
                        (*lk.path, *where),
                        lk.kpi.id,
                        "percent_not_fraction",
                        f"target {value} for {key} is above 1 but percentages are fractions "
                        f"(write {value / 100:g} for {value:g}%)",
                        "warning",
                        {"period": key, "value": value},
                    )
        if lk.kpi.cumulative and not lk.kpi.additive:
            yield Finding(
                (*lk.path, "cumulative"),
                lk.kpi.id,
                "cumulative_ignored",
                f"cumulative applies to sum, count and change KPIs; a {lk.kpi.metric.type} "
                "KPI is compared period by period",
                "warning",
                {"type": lk.kpi.metric.type},
            )


def outputs_only(checked: Checked) -> Iterator[Finding]:
    if not checked.kpis:
        return
    levels = [inferred_level(lk.kpi) for lk in checked.kpis]
    if all(level == "output" for level in levels):
        yield Finding(
            ("objectives",),
            None,
            "outputs_only",
            "every KPI measures an output (activity such as posts published); add outtake, "
            "outcome or impact KPIs to see whether the strategy works",
            "warning",
        )


def inferred_level(kpi: Kpi) -> str | None:
    """The KPI's `level`, else `output` for counts of posts and sums of posts published."""
    if kpi.level is not None:
        return kpi.level
    metric = kpi.metric
    if metric.type == "count" and metric.resolved_grain == "post":
        return "output"
    if metric.type == "sum" and metric.measure == "posts":
        return "output"
    return None


def business_hours(checked: Checked) -> Iterator[Finding]:
    hours = checked.top.business_hours if checked.top is not None else None
    if hours is None:
        return
    clocks = {}
    for name in ("start", "end"):
        try:
            clocks[name] = parse_clock(getattr(hours, name))
        except ValueError:
            yield Finding(
                ("business_hours", name),
                None,
                "invalid_business_hours",
                f"business_hours {name} {getattr(hours, name)!r} is not a time of day as "
                "HH:MM (e.g. 09:00)",
                params={"field": name},
            )
    if len(clocks) == 2 and clocks["start"] >= clocks["end"]:
        yield Finding(
            ("business_hours", "end"),
            None,
            "invalid_business_hours",
            f"business_hours end {hours.end} must come after start {hours.start}",
            params={"field": "end"},
        )
    if not hours.days:
        yield Finding(
            ("business_hours", "days"),
            None,
            "invalid_business_hours",
            "business_hours days is empty: name the working days (mon ... sun)",
            params={"field": "days"},
        )


RULES: tuple[Rule, ...] = (
    unknown_fields,
    top_level_values,
    business_hours,
    unique_ids,
    report_recipients,
    objective_strategies,
    metric_fields,
    grains_and_measures,
    references,
    periods,
    retired_objectives,
    platforms,
    target_units,
    outputs_only,
)


def run_rules(checked: Checked) -> list[Finding]:
    return [finding for rule in RULES for finding in rule(checked)]


def raw_id(raw: Any) -> str | None:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str | int):
        return str(raw["id"])
    return None
