"""`socialkpi maturity --period P [--strategy FILE] [--self-score ELEMENT=N]... [--json]
[--record --author NAME [--assessed-on DATE]]`.

Where the strategy stands in the Social Strategy Cone for a period, on the warehouse's
evidence and the latest stored self-assessment, each `--self-score` overriding its element
(docs/maturity.md). `--record` first stores the `--self-score` values as a new version of the
self-assessment (workflows/maturity.py: the editor role), then shows the stage with it.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from dashboard.cli_database import EXIT_DATABASE, database_fault, open_for_cli, strategy_for_cli
from dashboard.i18n import _
from dashboard.maturity_words import element_name, found_text, next_step_texts, stage_name
from metrics.maturity import ELEMENTS, Assessment, Element, maturity
from metrics.periods import Period, PeriodError
from metrics.strategy_model import StrategyFile
from warehouse.assessments import AssessmentRecord, ElementScore

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


def maturity_json(
    period: Period, result: Assessment, used: AssessmentRecord | None = None
) -> dict[str, Any]:
    return {
        "period": str(period),
        "stage": result.stage,
        "self_assessment": None
        if used is None
        else {"id": used.id, "assessed_on": used.assessed_on.isoformat(), "author": used.author},
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


def used_text(used: AssessmentRecord | None, overridden: bool) -> str:
    if used is None:
        text = _("No self-assessment stored.")
    else:
        text = _("Self-assessment of {date} by {author}.").format(
            date=used.assessed_on.isoformat(), author=used.author
        )
    if overridden:
        text += " " + _("--self-score overrides it for the elements given.")
    return text


def maturity_text(
    period: Period,
    result: Assessment,
    strategy: StrategyFile | None = None,
    used: AssessmentRecord | None = None,
    overridden: bool = False,
) -> str:
    lines = [
        _("Social Strategy Cone, {period}: {stage}").format(
            period=str(period), stage=stage_name(result.stage)
        ),
        used_text(used, overridden),
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
        for step in next_step_texts(r, strategy):
            lines.append("    " + _("Next step: {step}").format(step=step))
        own = used.elements.get(r.element) if used is not None else None
        if own is not None and own.next_step:
            lines.append("    " + _("Assessor's next step: {step}").format(step=own.next_step))
    return "\n".join(lines)


def run_maturity(
    period: str,
    *,
    strategy: Path | None,
    self_scores: list[str],
    as_json: bool,
    db: str | None,
    record: bool = False,
    author: str | None = None,
    assessed_on: str | None = None,
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
    on = date.today()
    if record:
        if not (author or "").strip():
            print(_("--record needs --author: who assessed the strategy."), file=err)
            return EXIT_USAGE
        if not scores:
            print(_("--record needs at least one --self-score ELEMENT=0..3."), file=err)
            return EXIT_USAGE
        if assessed_on:
            try:
                on = date.fromisoformat(assessed_on)
            except ValueError:
                print(
                    _("--assessed-on {value!r}: expected a date, YYYY-MM-DD.").format(
                        value=assessed_on
                    ),
                    file=err,
                )
                return EXIT_USAGE

    from sqlalchemy.exc import SQLAlchemyError

    from dashboard.refusals import refusal_text
    from metrics.strategy_edits import EditRefused
    from workflows.maturity import default_strategy_id, latest_assessment, save_assessment

    engine = open_for_cli(db, err)
    if engine is None:
        return EXIT_DATABASE
    strategy_file = strategy_for_cli(strategy, engine, err)
    if strategy_file is None:
        return EXIT_REJECTED
    strategy_id = default_strategy_id(strategy_file)  # as the dashboard's filter has it
    try:
        if record:
            save_assessment(
                engine,
                assessed_on=on,
                author=str(author),
                elements={e: ElementScore(score) for e, score in scores.items()},
                strategy_id=strategy_id,
            )
        used = latest_assessment(engine, strategy_id)
        merged: dict[Element, int] = dict(used.scores if used else {})  # type: ignore[arg-type]
        merged.update(scores)
        with engine.connect() as conn:
            result = maturity(conn, strategy_file, parsed, merged, strategy_id)
    except EditRefused as exc:
        for problem in exc.errors:
            print(refusal_text(problem.code, problem.message, problem.params), file=err)
        return EXIT_REJECTED
    except SQLAlchemyError as exc:
        return database_fault(exc, err)
    finally:
        engine.dispose()
    overridden = bool(scores) and not record
    if as_json:
        print(
            json.dumps(maturity_json(parsed, result, used), ensure_ascii=False, indent=2), file=out
        )
    else:
        print(maturity_text(parsed, result, strategy_file, used, overridden), file=out)
    return EXIT_OK
