"""Edits of the strategy file, as pure functions over its YAML text.

Each operation takes the current YAML text and returns the new text: it changes only what it
names and keeps the rest of the document as written (key order, comments, flow style,
quoting), then checks the result with `parse_strategy`, so an edit that would make the file
invalid is refused with every problem listed. `changes(before, after)` lists what differs
between two strategies (targets, KPI metadata, added/retired objectives and KPIs...); from it
`workflows.roles` decides which role an edit or an import needs. Nothing here knows who is
editing: roles are checked by workflows (workflows/roles.py).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from metrics.metric_types import referenced_kpis
from metrics.periods import Period, PeriodError
from metrics.problems import StrategyInvalid, StrategyProblem
from metrics.strategy import parse_strategy
from metrics.strategy_model import Kpi, Objective, StrategyFile

KPI_METADATA: tuple[str, ...] = (
    "name",
    "description",
    "owner",
    "source",
    "frequency",
    "unit",
    "direction",
    "level",
)
OBJECTIVE_METADATA: tuple[str, ...] = ("name", "description", "cone_element")
KPI_DEFINITION: tuple[str, ...] = ("metric", "platforms", "accounts", "cumulative")
# Field order of a KPI and an objective, where a new key is written.
KPI_ORDER: tuple[str, ...] = tuple(Kpi.model_fields)
OBJECTIVE_ORDER: tuple[str, ...] = tuple(Objective.model_fields)
_REQUIRED_TEXT = frozenset({"name"})
_FLOW_KEYS = frozenset({"metric", "baseline", "targets", "platforms", "accounts"})

EDIT_FILE = "strategy edit"


# --- problems ---------------------------------------------------------------------------


class EditRefused(StrategyInvalid):
    """The edit is not allowed or names something that does not exist; nothing changed."""


def _problem(code: str, message: str, kpi_id: str | None = None) -> StrategyProblem:
    return StrategyProblem(EDIT_FILE, None, kpi_id, code, message)


def _refuse(code: str, message: str, kpi_id: str | None = None) -> EditRefused:
    return EditRefused([_problem(code, message, kpi_id)])


# --- what changed -----------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One difference between two versions of the strategy.

    kind: objective_added, objective_removed, objective_retired, objective_reinstated,
    objective_field, kpi_added, kpi_removed, kpi_retired, kpi_reinstated, kpi_field,
    kpi_definition, target, platform_target, baseline, settings. `old`/`new` are the values
    (a target, a field's value, a retirement period...), `field` names the field (for a
    platform_target: the platform), `period` the target's.
    """

    kind: str
    objective_id: str | None = None
    kpi_id: str | None = None
    field: str | None = None
    period: str | None = None
    old: Any = None
    new: Any = None

    def describe(self) -> str:
        """Plain English (the dashboard shows its own translated sentences)."""
        what = self.kpi_id or self.objective_id or ""
        texts: dict[str, Callable[[], str]] = {
            "objective_added": lambda: f"objective {what} added",
            "objective_removed": lambda: f"objective {what} removed",
            "objective_retired": lambda: f"objective {what} retired from {self.new}",
            "objective_reinstated": lambda: f"objective {what} reinstated",
            "objective_field": lambda: (
                f"objective {what}: {self.field} {self.old!r} → {self.new!r}"
            ),
            "kpi_added": lambda: f"KPI {what} added to objective {self.objective_id}",
            "kpi_removed": lambda: f"KPI {what} removed",
            "kpi_retired": lambda: f"KPI {what} retired from {self.new}",
            "kpi_reinstated": lambda: f"KPI {what} reinstated",
            "kpi_field": lambda: f"KPI {what}: {self.field} {self.old!r} → {self.new!r}",
            "kpi_definition": lambda: f"KPI {what}: definition ({self.field}) changed",
            "target": lambda: (
                f"KPI {what}: target {self.period} {_num(self.old)} → {_num(self.new)}"
            ),
            "platform_target": lambda: (
                f"KPI {what}: {self.field} target {self.period} {_num(self.old)} → {_num(self.new)}"
            ),
            "baseline": lambda: f"KPI {what}: baseline {self.old or '—'} → {self.new or '—'}",
            "settings": lambda: f"setting {self.field} changed",
        }
        text = texts.get(self.kind)
        return text() if text is not None else self.kind


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else f"{value:.6g}"


def _baseline_text(kpi: Kpi) -> str | None:
    if kpi.baseline is None:
        return None
    if kpi.baseline.value is None:
        return f"{kpi.baseline.period} (measured)"
    return f"{kpi.baseline.period}: {_num(kpi.baseline.value)}"


def changes(before: StrategyFile | None, after: StrategyFile) -> list[Change]:
    """What differs from `before` to `after` (everything is added when before is None)."""
    found: list[Change] = []
    old_settings = _settings(before) if before is not None else {}
    for name, value in _settings(after).items():
        if before is not None and old_settings.get(name) != value:
            found.append(Change("settings", field=name, old=old_settings.get(name), new=value))
    old_objectives = {o.id: o for o in before.objectives} if before is not None else {}
    new_objectives = {o.id: o for o in after.objectives}
    old_kpis = {k.id: (o.id, k) for o in old_objectives.values() for k in o.kpis}
    new_kpis = {k.id: (o.id, k) for o in new_objectives.values() for k in o.kpis}

    for oid, objective in new_objectives.items():
        old = old_objectives.get(oid)
        if old is None:
            found.append(Change("objective_added", objective_id=oid, new=objective.name))
            continue
        for name in OBJECTIVE_METADATA:
            if getattr(old, name) != getattr(objective, name):
                found.append(
                    Change(
                        "objective_field",
                        objective_id=oid,
                        field=name,
                        old=getattr(old, name),
                        new=getattr(objective, name),
                    )
                )
        if old.strategy != objective.strategy:
            found.append(
                Change(
                    "settings",
                    objective_id=oid,
                    field="strategy",
                    old=old.strategy,
                    new=objective.strategy,
                )
            )
        found.extend(_retirement("objective", oid, None, old.retired, objective.retired))
    for oid in old_objectives.keys() - new_objectives.keys():
        found.append(Change("objective_removed", objective_id=oid))

    for kid, (oid, kpi) in new_kpis.items():
        if kid not in old_kpis:
            found.append(Change("kpi_added", objective_id=oid, kpi_id=kid, new=kpi.name))
            continue
        old_oid, old_kpi = old_kpis[kid]
        found.extend(_kpi_changes(oid, old_oid, old_kpi, kpi))
    for kid in old_kpis.keys() - new_kpis.keys():
        found.append(Change("kpi_removed", objective_id=old_kpis[kid][0], kpi_id=kid))
    return found


def _settings(strategy: StrategyFile) -> dict[str, Any]:
    dumped = strategy.model_dump(exclude={"objectives"})
    dumped.update(strategy.model_extra or {})
    return dumped


def _retirement(
    what: str, oid: str | None, kid: str | None, old: str | None, new: str | None
) -> list[Change]:
    if old == new:
        return []
    kind = f"{what}_reinstated" if new is None else f"{what}_retired"
    return [Change(kind, objective_id=oid, kpi_id=kid, old=old, new=new)]


def _kpi_changes(oid: str, old_oid: str, old: Kpi, new: Kpi) -> list[Change]:
    found: list[Change] = []
    kid = new.id
    if oid != old_oid:
        found.append(
            Change("kpi_definition", objective_id=oid, kpi_id=kid, field="objective", new=oid)
        )
    for name in KPI_METADATA:
        if getattr(old, name) != getattr(new, name):
            found.append(
                Change(
                    "kpi_field",
                    objective_id=oid,
                    kpi_id=kid,
                    field=name,
                    old=getattr(old, name),
                    new=getattr(new, name),
                )
            )
    for name in KPI_DEFINITION:
        before = getattr(old, name)
        after = getattr(new, name)
        if name == "metric":
            before, after = before.model_dump(), after.model_dump()
        if before != after:
            found.append(Change("kpi_definition", objective_id=oid, kpi_id=kid, field=name))
    if (old.model_extra or {}) != (new.model_extra or {}):
        found.append(Change("kpi_definition", objective_id=oid, kpi_id=kid, field="extra"))
    if _baseline_text(old) != _baseline_text(new):
        found.append(
            Change(
                "baseline",
                objective_id=oid,
                kpi_id=kid,
                old=_baseline_text(old),
                new=_baseline_text(new),
            )
        )
    for period in _ordered_periods([*old.targets, *new.targets]):
        before_value = old.targets.get(period)
        after_value = new.targets.get(period)
        if before_value != after_value:
            found.append(
                Change(
                    "target",
                    objective_id=oid,
                    kpi_id=kid,
                    period=period,
                    old=before_value,
                    new=after_value,
                )
            )
    for platform in sorted({*old.platform_targets, *new.platform_targets}):
        before_map = old.platform_targets.get(platform, {})
        after_map = new.platform_targets.get(platform, {})
        for period in _ordered_periods([*before_map, *after_map]):
            if before_map.get(period) != after_map.get(period):
                found.append(
                    Change(
                        "platform_target",
                        objective_id=oid,
                        kpi_id=kid,
                        field=platform,
                        period=period,
                        old=before_map.get(period),
                        new=after_map.get(period),
                    )
                )
    found.extend(_retirement("kpi", oid, kid, old.retired, new.retired))
    return found


def _ordered_periods(keys: list[str]) -> list[str]:
    def sort_key(key: str) -> tuple[Any, ...]:
        try:
            period = Period.parse(key)
        except PeriodError:
            return (1, key)
        return (0, period.start, -period.days, key)

    return sorted(set(keys), key=sort_key)


# --- operations -------------------------------------------------------------------------


@dataclass(frozen=True)
class SetTargets:
    """Replace a KPI's targets (period → value; a None value drops the period) and, when
    `baseline` is given, its baseline (period, value or None for a measured baseline)."""

    kpi_id: str
    targets: Mapping[str, float | None]
    baseline: tuple[str, float | None] | None = None
    clear_baseline: bool = False


@dataclass(frozen=True)
class EditKpi:
    """Change KPI metadata (KPI_METADATA); None or "" removes an optional field."""

    kpi_id: str
    fields: Mapping[str, Any]


@dataclass(frozen=True)
class EditObjective:
    """Change objective metadata (OBJECTIVE_METADATA)."""

    objective_id: str
    fields: Mapping[str, Any]


@dataclass(frozen=True)
class AddObjective:
    """A new objective: id, name and the optional fields of an objective (kpis included)."""

    objective: Mapping[str, Any]


@dataclass(frozen=True)
class AddKpi:
    """A new KPI under an objective: the full definition, as in the strategy file."""

    objective_id: str
    kpi: Mapping[str, Any]


@dataclass(frozen=True)
class RetireKpi:
    """Retire a KPI from `period` (the first period it no longer counts); None reinstates."""

    kpi_id: str
    period: str | None


@dataclass(frozen=True)
class RetireObjective:
    """Retire an objective (and so its KPIs) from `period`; None reinstates it."""

    objective_id: str
    period: str | None


EditOp = SetTargets | EditKpi | EditObjective | AddObjective | AddKpi | RetireKpi | RetireObjective


@dataclass(frozen=True)
class EditResult:
    text: str
    strategy: StrategyFile
    changes: list[Change] = field(default_factory=list)


def apply_edit(text: str, op: EditOp, *, file: str = "strategy.yaml") -> EditResult:
    """Apply `op` to the strategy YAML `text` (whoever asks: workflows check the role).

    Raises EditRefused (unknown objective/KPI, no change) or StrategyInvalid (the edited
    file does not check out), each with every problem listed.
    """
    before = parse_strategy(text, file=file)
    document = _RoundTrip(text)
    _APPLY[type(op)](document.data, before, op)
    new_text = document.dump()
    after = parse_strategy(new_text, file=file)
    found = changes(before, after)
    if not found:
        raise _refuse("no_change", "the edit changes nothing in the strategy")
    return EditResult(new_text, after, found)


# --- the round-trip document ------------------------------------------------------------

# Indentation styles tried, in order, to reproduce the original text exactly:
# (mapping, sequence, offset of the dash).
_INDENTS: tuple[tuple[int, int, int], ...] = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4))


class _RoundTrip:
    """The YAML document loaded with ruamel's round-trip loader (comments and order kept),
    dumped in the indentation style the text is written in."""

    def __init__(self, text: str) -> None:
        self.indent = _INDENTS[0]
        try:
            self.data = self._yaml().load(text)
            for indent in _INDENTS:
                if self._dump(self.data, indent) == text:
                    self.indent = indent
                    break
        except RuamelError as exc:
            raise _refuse("invalid_yaml", f"cannot edit this YAML: {exc}") from None
        if not isinstance(self.data, CommentedMap):
            raise _refuse("wrong_type", "the strategy file must be a mapping with 'objectives'")

    @staticmethod
    def _yaml(indent: tuple[int, int, int] = _INDENTS[0]) -> YAML:
        handler = YAML(typ="rt")
        handler.preserve_quotes = True
        handler.width = 4096
        handler.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
        return handler

    def _dump(self, data: Any, indent: tuple[int, int, int]) -> str:
        buffer = io.StringIO()
        self._yaml(indent).dump(data, buffer)
        return buffer.getvalue()

    def dump(self) -> str:
        return self._dump(self.data, self.indent)


def _objectives(data: CommentedMap) -> CommentedSeq:
    objectives = data.get("objectives")
    if not isinstance(objectives, CommentedSeq):
        objectives = CommentedSeq()
        data["objectives"] = objectives
    return objectives


def _find_objective(data: CommentedMap, objective_id: str) -> CommentedMap:
    for item in _objectives(data):
        if isinstance(item, CommentedMap) and str(item.get("id")) == objective_id:
            return item
    known = ", ".join(str(o.get("id")) for o in _objectives(data) if isinstance(o, CommentedMap))
    raise _refuse(
        "unknown_objective", f"there is no objective {objective_id!r}; objectives: {known}"
    )


def _find_kpi(data: CommentedMap, kpi_id: str) -> tuple[CommentedMap, CommentedMap]:
    """(objective, KPI) mappings of `kpi_id`."""
    for objective in _objectives(data):
        if not isinstance(objective, CommentedMap):
            continue
        for kpi in objective.get("kpis") or []:
            if isinstance(kpi, CommentedMap) and str(kpi.get("id")) == kpi_id:
                return objective, kpi
    raise _refuse("unknown_kpi", f"there is no KPI {kpi_id!r} in the strategy", kpi_id)


def _scalar(value: Any) -> Any:
    """A value as written to the file: strings that PyYAML (the reader) would take for
    something else — yes, no, on, 2026, 1:20 — are quoted; multi-line text is a block."""
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        try:
            plain = yaml.safe_load(value)
        except yaml.YAMLError:
            plain = None
        if plain != value:
            return DoubleQuotedScalarString(value)
        return value
    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[str(key)] = _scalar(item)
        return mapping
    if isinstance(value, list | tuple):
        seq = CommentedSeq()
        seq.extend(_scalar(item) for item in value)
        return seq
    return value


def _flow(value: Any) -> Any:
    if isinstance(value, CommentedMap | CommentedSeq):
        value.fa.set_flow_style()
    return value


def _set_key(mapping: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Set `key`, in place when it exists, else after the last key that comes before it in
    the model's field order (else at the end)."""
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    position = 0
    for index, existing in enumerate(mapping):
        if str(existing) in order and order.index(str(existing)) < rank:
            position = index + 1
    if rank == len(order):
        position = len(mapping)
    mapping.insert(position, key, value)


def _period_key(period: str) -> Any:
    """How a target period is written: years as plain numbers (2026), like the examples."""
    return int(period) if period.isdigit() else period


def _check_period(text: Any, what: str, kpi_id: str | None) -> tuple[str, StrategyProblem | None]:
    key = str(text).strip()
    try:
        return str(Period.parse(key)), None
    except PeriodError as exc:
        return key, _problem("invalid_period", f"{what}: {exc}", kpi_id)


def _check_number(
    value: Any, what: str, kpi_id: str | None
) -> tuple[float | None, StrategyProblem | None]:
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            value = float(str(value).strip().replace(",", "."))
        except ValueError:
            return None, _problem("invalid_value", f"{what}: {value!r} is not a number", kpi_id)
    if not math.isfinite(value):
        return None, _problem("invalid_value", f"{what}: {value!r} is not a finite number", kpi_id)
    return (int(value) if float(value).is_integer() else float(value)), None


def _set_targets(data: CommentedMap, before: StrategyFile, op: SetTargets) -> None:
    _objective, kpi = _find_kpi(data, op.kpi_id)
    problems: list[StrategyProblem] = []
    wanted: dict[str, float] = {}
    for raw_period, raw_value in op.targets.items():
        period, problem = _check_period(raw_period, f"target period {raw_period!r}", op.kpi_id)
        if problem is not None:
            problems.append(problem)
            continue
        if raw_value is None or (isinstance(raw_value, float) and math.isnan(raw_value)):
            continue
        value, problem = _check_number(raw_value, f"target for {period}", op.kpi_id)
        if problem is not None:
            problems.append(problem)
        elif period in wanted:
            problems.append(
                _problem("duplicate_period", f"period {period} is given twice", op.kpi_id)
            )
        elif value is not None:
            wanted[period] = value
    baseline: CommentedMap | None = None
    if op.baseline is not None and not op.clear_baseline:
        period, problem = _check_period(op.baseline[0], "baseline period", op.kpi_id)
        if problem is not None:
            problems.append(problem)
        baseline = CommentedMap()
        baseline["period"] = _period_key(period)
        if op.baseline[1] is not None:
            value, problem = _check_number(op.baseline[1], "baseline value", op.kpi_id)
            if problem is not None:
                problems.append(problem)
            baseline["value"] = value
    if problems:
        raise EditRefused(problems)

    targets = kpi.get("targets")
    if not isinstance(targets, CommentedMap):
        targets = _flow(CommentedMap())
    existing = {str(k): k for k in targets}
    for name, key in existing.items():
        if name not in wanted:
            del targets[key]
    for period in _ordered_periods(list(wanted)):
        key = existing.get(period, _period_key(period))
        targets[key] = wanted[period]
    if targets:
        _set_key(kpi, "targets", targets, KPI_ORDER)
    elif "targets" in kpi:
        del kpi["targets"]
    if op.clear_baseline:
        if "baseline" in kpi:
            del kpi["baseline"]
    elif baseline is not None:
        old = kpi.get("baseline")
        if isinstance(old, CommentedMap):
            for key in list(old):
                if str(key) not in baseline:
                    del old[key]
            for key, value in baseline.items():
                old[key] = value
        else:
            _set_key(kpi, "baseline", _flow(baseline), KPI_ORDER)


def _set_fields(
    mapping: CommentedMap,
    fields: Mapping[str, Any],
    allowed: tuple[str, ...],
    order: tuple[str, ...],
    kpi_id: str | None,
    what: str,
) -> None:
    problems: list[StrategyProblem] = []
    for name in fields:
        if name in allowed:
            continue
        if name in ("targets", "baseline"):
            hint = "targets and baseline are changed with the targets edit"
        elif name in (*KPI_DEFINITION, "id", "kpis", "strategy"):
            hint = (
                "it is part of the definition, not metadata: retire this one and add a new "
                "one, so that its history stays comparable"
            )
        elif name == "retired":
            hint = "retire or reinstate it instead"
        else:
            hint = f"metadata fields are: {', '.join(allowed)}"
        problems.append(
            _problem(
                "not_metadata", f"{what}: field {name!r} cannot be edited here; {hint}", kpi_id
            )
        )
    if problems:
        raise EditRefused(problems)
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        if (value is None or value == "") and name not in _REQUIRED_TEXT:
            if name in mapping:
                del mapping[name]
            continue
        if value is None:
            value = ""
        _set_key(mapping, name, _scalar(value), order)


def _edit_kpi(data: CommentedMap, before: StrategyFile, op: EditKpi) -> None:
    _objective, kpi = _find_kpi(data, op.kpi_id)
    _set_fields(kpi, op.fields, KPI_METADATA, KPI_ORDER, op.kpi_id, f"KPI {op.kpi_id}")


def _edit_objective(data: CommentedMap, before: StrategyFile, op: EditObjective) -> None:
    objective = _find_objective(data, op.objective_id)
    _set_fields(
        objective,
        op.fields,
        OBJECTIVE_METADATA,
        OBJECTIVE_ORDER,
        None,
        f"objective {op.objective_id}",
    )


def _definition(value: Mapping[str, Any], order: tuple[str, ...]) -> CommentedMap:
    """A new objective or KPI as written to the file: fields in model order, small
    mappings and lists in flow style (`metric: {type: sum, ...}`) as in DESIGN.md."""
    mapping = CommentedMap()
    names = sorted(value, key=lambda n: order.index(n) if n in order else len(order))
    for name in names:
        item = value[name]
        if item is None or (isinstance(item, str) and not item.strip()):
            continue
        if name == "kpis" and isinstance(item, list | tuple):
            seq = CommentedSeq()
            seq.extend(_definition(k, KPI_ORDER) if isinstance(k, Mapping) else k for k in item)
            mapping[name] = seq
        elif name == "targets" and isinstance(item, Mapping):
            targets = CommentedMap()
            for period, target in item.items():
                targets[_period_key(str(period))] = target
            mapping[name] = _flow(targets)
        else:
            converted = _scalar(item.strip() if isinstance(item, str) else item)
            mapping[name] = _flow(converted) if name in _FLOW_KEYS else converted
    return mapping


def _text_id(value: Mapping[str, Any], what: str) -> str:
    raw = value.get("id")
    text = str(raw).strip() if raw is not None else ""
    if not text:
        raise _refuse("missing_field", f"the new {what} needs an id")
    return text


def _all_kpi_ids(before: StrategyFile) -> set[str]:
    return {k.id for k in before.kpis()}


def _add_objective(data: CommentedMap, before: StrategyFile, op: AddObjective) -> None:
    oid = _text_id(op.objective, "objective")
    if any(o.id == oid for o in before.objectives):
        raise _refuse("duplicate_objective_id", f"objective id {oid!r} is already used")
    problems = [
        _problem(
            "duplicate_kpi_id",
            f"KPI id {kid!r} is already used (KPI ids are unique in the file, retired KPIs too)",
            kid,
        )
        for kid in _new_kpi_ids(op.objective.get("kpis"))
        if kid in _all_kpi_ids(before)
    ]
    if problems:
        raise EditRefused(problems)
    _objectives(data).append(_definition({**op.objective, "id": oid}, OBJECTIVE_ORDER))


def _new_kpi_ids(kpis: Any) -> list[str]:
    if not isinstance(kpis, list | tuple):
        return []
    return [str(k.get("id")) for k in kpis if isinstance(k, Mapping) and k.get("id")]


def _add_kpi(data: CommentedMap, before: StrategyFile, op: AddKpi) -> None:
    objective = _find_objective(data, op.objective_id)
    kid = _text_id(op.kpi, "KPI")
    if kid in _all_kpi_ids(before):
        raise _refuse(
            "duplicate_kpi_id",
            f"KPI id {kid!r} is already used (KPI ids are unique in the file, retired KPIs too)",
            kid,
        )
    model = next(o for o in before.objectives if o.id == op.objective_id)
    if model.retired is not None:
        raise _refuse(
            "objective_retired",
            f"objective {op.objective_id!r} is retired from {model.retired}; reinstate it "
            "first or add the KPI to an objective in force",
            kid,
        )
    kpis = objective.get("kpis")
    if not isinstance(kpis, CommentedSeq) or kpis.fa.flow_style():
        kpis = CommentedSeq(list(kpis or []))
        _set_key(objective, "kpis", kpis, OBJECTIVE_ORDER)
    kpis.append(_definition({**op.kpi, "id": kid}, KPI_ORDER))


def _dependants(before: StrategyFile, kpi_id: str) -> list[Kpi]:
    """KPIs whose metric is computed from `kpi_id` (growth of it, or derived from it)."""
    found = []
    for kpi in before.kpis():
        if kpi_id in referenced_kpis(kpi.metric):
            found.append(kpi)
    return found


def _still_counts_after(before: StrategyFile, kpi: Kpi, period: str) -> bool:
    objective = before.objective_of(kpi.id)
    return kpi.in_force(period) and objective.in_force(period)


def _retire_kpi(data: CommentedMap, before: StrategyFile, op: RetireKpi) -> None:
    _objective, kpi = _find_kpi(data, op.kpi_id)
    if op.period is None:
        if "retired" not in kpi:
            raise _refuse("not_retired", f"KPI {op.kpi_id!r} is not retired", op.kpi_id)
        objective = before.objective_of(op.kpi_id)
        if objective.retired is not None:
            raise _refuse(
                "objective_retired",
                f"objective {objective.id!r} is retired from {objective.retired}; reinstate "
                "the objective first",
                op.kpi_id,
            )
        del kpi["retired"]
        return
    period, problem = _check_period(op.period, "retired from", op.kpi_id)
    if problem is not None:
        raise EditRefused([problem])
    blocking = [d for d in _dependants(before, op.kpi_id) if _still_counts_after(before, d, period)]
    if blocking:
        raise EditRefused(
            [
                _problem(
                    "kpi_in_use",
                    f"KPI {d.id!r} ({d.metric.type}) is computed from KPI {op.kpi_id!r} and "
                    f"still counts in {period}; retire it first (from {period} or earlier)",
                    op.kpi_id,
                )
                for d in blocking
            ]
        )
    _set_key(kpi, "retired", _period_key(period), KPI_ORDER)


def _retire_objective(data: CommentedMap, before: StrategyFile, op: RetireObjective) -> None:
    objective = _find_objective(data, op.objective_id)
    if op.period is None:
        if "retired" not in objective:
            raise _refuse("not_retired", f"objective {op.objective_id!r} is not retired")
        del objective["retired"]
        return
    period, problem = _check_period(op.period, "retired from", None)
    if problem is not None:
        raise EditRefused([problem])
    model = next(o for o in before.objectives if o.id == op.objective_id)
    own = {k.id for k in model.kpis}
    blocking = [
        (kpi, d)
        for kpi in model.kpis
        for d in _dependants(before, kpi.id)
        if d.id not in own and _still_counts_after(before, d, period)
    ]
    if blocking:
        raise EditRefused(
            [
                _problem(
                    "kpi_in_use",
                    f"KPI {d.id!r} ({d.metric.type}) of another objective is computed from "
                    f"KPI {kpi.id!r} and still counts in {period}; retire it first",
                    kpi.id,
                )
                for kpi, d in blocking
            ]
        )
    _set_key(objective, "retired", _period_key(period), OBJECTIVE_ORDER)


_APPLY: dict[type, Callable[[CommentedMap, StrategyFile, Any], None]] = {
    SetTargets: _set_targets,
    EditKpi: _edit_kpi,
    EditObjective: _edit_objective,
    AddObjective: _add_objective,
    AddKpi: _add_kpi,
    RetireKpi: _retire_kpi,
    RetireObjective: _retire_objective,
}
