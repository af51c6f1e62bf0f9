"""`socialkpi maturity --period P [--strategy FILE] [--self-score ELEMENT=N] [--json]`.

Where the strategy stands in the Social Strategy Cone for a period, on the warehouse's
evidence and the self-assessment scores given (docs/maturity.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from dashboard.cli_database import EXIT_DATABASE, database_fault, open_for_cli, strategy_for_cli
from dashboard.i18n import _
from dashboard.maturity_words import element_name, found_text, next_step, stage_name
from metrics.maturity import ELEMENTS, Assessment, Element, maturity
from metrics.periods import Period, PeriodError

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def parse_scores(texts: list[str]) -> dict[Element, int]:
    """`element=score` pairs (score 0-3); ValueError naming the bad one."""
    scores: dict[Element, int] = {}
    for text in texts:
        element, _sep, score = text.partition("=")
        element = element.strip()
        if element not in ELEMENTS or not score.strip().isdigit() or int(score) > 3:
            raise ValueError(
                f"--self-score {text!r}: expected ELEMENT=0..3 with ELEMENT one of "
                + ", ".join(ELEMENTS)
            )
        scores[element] = int(score)  # type: ignore[index]
    return scores


def maturity_json(period: Period, result: Assessment) -> dict[str, Any]:
    return {
        "period": str(period),
        "stage": result.stage,
        "elements": [
            {
                "element": r.element,
                "in_place": r.in_place,
                "evidence": {"met": r.evidence.met, "code": r.evidence.code, **r.evidence.params},
                "self_score": r.self_score,
                "overruled": r.overruled,
            }
            for r in result.elements
        ],
    }


def maturity_text(period: Period, result: Assessment) -> str:
    lines = [
        _("Social Strategy Cone, {period}: {stage}").format(
            period=str(period), stage=stage_name(result.stage)
        ),
        "",
    ]
    for r in result.elements:
        mark = _("in place") if r.in_place else _("not in place")
        lines.append(f"{element_name(r.element)}: {mark}")
        lines.append("    " + found_text(r.evidence))
        if r.self_score is not None:
            lines.append("    " + _("Self-assessment: {score} of 3").format(score=r.self_score))
        if r.overruled:
            lines.append("    " + _("The evidence overrules the self-assessment."))
        step = next_step(r)
        if step:
            lines.append("    " + _("Next step: {step}").format(step=step))
    return "\n".join(lines)


def run_maturity(
    period: str,
    *,
    strategy: Path | None,
    self_scores: list[str],
    as_json: bool,
    db: str | None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        print(f"--period: {exc}", file=err)
        return EXIT_USAGE
    try:
        scores = parse_scores(self_scores)
    except ValueError as exc:
        print(str(exc), file=err)
        return EXIT_USAGE

    from sqlalchemy.exc import SQLAlchemyError

    engine = open_for_cli(db, err)
    if engine is None:
        return EXIT_DATABASE
    strategy_file = strategy_for_cli(strategy, engine, err)
    if strategy_file is None:
        return EXIT_REJECTED
    try:
        with engine.connect() as conn:
            result = maturity(conn, strategy_file, parsed, scores)
    except SQLAlchemyError as exc:
        return database_fault(exc, err)
    finally:
        engine.dispose()
    if as_json:
        print(json.dumps(maturity_json(parsed, result), ensure_ascii=False, indent=2), file=out)
    else:
        print(maturity_text(parsed, result), file=out)
    return EXIT_OK
