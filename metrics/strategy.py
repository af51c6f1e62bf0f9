"""Load a strategy file: YAML → structure check (pydantic) → meaning rules.

Every problem of both stages is collected with its file, line, KPI id, code and message;
`StrategyInvalid` carries them all so the user fixes the file in one pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from metrics.problems import StrategyInvalid, StrategyProblem
from metrics.strategy_model import (
    Baseline,
    Kpi,
    Metric,
    Objective,
    StrategyFile,
    StrategyInfo,
)
from metrics.strategy_rules import (
    Checked,
    Finding,
    LocatedKpi,
    LocatedObjective,
    raw_id,
    run_rules,
)
from metrics.yaml_lines import Path as YamlPath
from metrics.yaml_lines import line_map, line_of
from metrics.yaml_safety import YamlRefused, check_yaml_shape

__all__ = [
    "Baseline",
    "Kpi",
    "Metric",
    "Objective",
    "StrategyFile",
    "StrategyInfo",
    "StrategyInvalid",
    "StrategyProblem",
    "load_strategy",
    "parse_strategy",
]

MAX_STRATEGY_BYTES = 5_000_000


def load_strategy(path: Path | str) -> StrategyFile:
    """The strategy in `path`; raises StrategyInvalid listing every problem."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_STRATEGY_BYTES:
            raise _single(
                path.name, "too_large", f"the file is larger than {MAX_STRATEGY_BYTES} bytes"
            )
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise _single(
            str(path), "unreadable", f"strategy file {str(path)!r} does not exist"
        ) from None
    except UnicodeDecodeError as exc:
        raise _single(
            path.name, "unreadable", f"the file is not UTF-8 text ({exc.reason})"
        ) from None
    except OSError as exc:
        raise _single(str(path), "unreadable", f"cannot read the file: {exc.strerror}") from None
    return parse_strategy(text, file=path.name)


def _single(file: str, code: str, message: str, line: int | None = None) -> StrategyInvalid:
    return StrategyInvalid([StrategyProblem(file, line, None, code, message)])


def parse_strategy(text: str, *, file: str = "strategy.yaml") -> StrategyFile:
    """Parse and check strategy YAML text; `file` names it in problems."""
    try:
        check_yaml_shape(text, max_bytes=MAX_STRATEGY_BYTES)
    except YamlRefused as refused:
        raise _single(file, refused.code, refused.message, refused.line) from None
    try:
        raw = yaml.safe_load(text)
        lines = line_map(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise _single(file, "invalid_yaml", f"not valid YAML: {problem}", line) from None
    if raw is None:
        raise _single(file, "empty_file", "the strategy file is empty")
    if not isinstance(raw, dict):
        raise _single(
            file, "wrong_type", "the strategy file must be a mapping with 'objectives'", 1
        )

    findings: list[Finding] = []
    checked = _check_structure(raw, findings)
    findings.extend(run_rules(checked))
    problems = [_locate(f, file, lines) for f in findings]
    problems.sort(key=lambda p: (p.line or 0, p.level != "error"))
    if any(p.level == "error" for p in problems):
        raise StrategyInvalid(problems)

    strategy = StrategyFile.model_validate(raw)
    default_strategy = strategy.strategies[0].id
    for objective in strategy.objectives:
        if objective.strategy is None:
            objective.strategy = default_strategy
    strategy.source = file
    strategy.warnings = problems
    return strategy


def _check_structure(raw: dict[str, Any], findings: list[Finding]) -> Checked:
    """Validate the file piece by piece so one bad KPI does not hide the others."""
    top_raw = {k: v for k, v in raw.items() if k != "objectives"}
    top = _validate(StrategyFile, {**top_raw, "objectives": []}, (), None, findings)
    objectives: list[LocatedObjective] = []
    kpis: list[LocatedKpi] = []
    raw_ids: set[str] = set()

    objectives_raw = raw.get("objectives")
    if objectives_raw is None:
        findings.append(
            Finding((), None, "missing_field", "the file needs 'objectives', a list of objectives")
        )
        objectives_raw = []
    elif not isinstance(objectives_raw, list):
        findings.append(Finding(("objectives",), None, "wrong_type", "'objectives' must be a list"))
        objectives_raw = []

    for i, objective_raw in enumerate(objectives_raw):
        opath: YamlPath = ("objectives", i)
        if not isinstance(objective_raw, dict):
            findings.append(
                Finding(
                    opath, None, "wrong_type", "each objective must be a mapping (id, name, kpis)"
                )
            )
            continue
        kpis_raw = objective_raw.get("kpis") or []
        if not isinstance(kpis_raw, list):
            findings.append(Finding((*opath, "kpis"), None, "wrong_type", "'kpis' must be a list"))
            kpis_raw = []
        for kpi_raw in kpis_raw:
            kid = raw_id(kpi_raw)
            if kid is not None:
                raw_ids.add(kid)
        objective = _validate(Objective, {**objective_raw, "kpis": []}, opath, None, findings)
        if objective is not None:
            objectives.append(LocatedObjective(opath, objective))
        for j, kpi_raw in enumerate(kpis_raw):
            kpath: YamlPath = (*opath, "kpis", j)
            kpi = _validate(Kpi, kpi_raw, kpath, raw_id(kpi_raw), findings)
            if kpi is None:
                kpi = _salvage(kpi_raw, kpath)
            if kpi is not None:
                kpis.append(LocatedKpi(kpath, kpi))
    return Checked(top, objectives, kpis, raw_ids)


M = TypeVar("M", bound=BaseModel)


def _salvage(kpi_raw: Any, path: YamlPath) -> Kpi | None:
    """A KPI that failed the structure check, without its faulty fields, so that the
    meaning rules still check the rest of it (its metric above all)."""
    if not isinstance(kpi_raw, dict):
        return None
    try:
        Kpi.model_validate(kpi_raw)
    except ValidationError as exc:
        bad = {error["loc"][0] for error in exc.errors() if error["loc"]}
    else:
        return None
    if "metric" in bad:
        return None
    patched = {k: v for k, v in kpi_raw.items() if k not in bad}
    patched.setdefault("id", "#" + ".".join(str(p) for p in path))
    patched.setdefault("name", "")
    try:
        return Kpi.model_validate(patched)
    except ValidationError:
        return None


_CODES = {"missing": "missing_field", "literal_error": "invalid_value"}


def _validate(
    model: type[M], data: Any, path: YamlPath, kpi_id: str | None, findings: list[Finding]
) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            code = _CODES.get(error["type"], "wrong_type")
            where = ".".join(str(part) for part in loc) or "this entry"
            if code == "missing_field":
                message = f"field {where!r} is required"
            else:
                message = f"{where}: {error['msg']} (got {error['input']!r})"
            findings.append(Finding((*path, *loc), kpi_id, code, message))
        return None


def _locate(finding: Finding, file: str, lines: dict[YamlPath, int]) -> StrategyProblem:
    return StrategyProblem(
        file=file,
        line=line_of(lines, finding.path),
        kpi_id=None if (finding.kpi_id or "").startswith("#") else finding.kpi_id,
        code=finding.code,
        message=finding.message,
        level=finding.level,
        params={"file": file, **finding.params},
    )
