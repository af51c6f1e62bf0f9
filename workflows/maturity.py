"""The maturity self-assessment, kept as dated versions (docs/maturity.md): record one,
list the versions, place each on the evidence of its time and compare two.

`save_assessment` checks the role (`maturity.assess`: editor) and the scores, then stores
the version with its audit log entry in one transaction. A version is judged on the
evidence of the last whole month before the date it was assessed on (an assessment of
6 December looks at November and the two months before it for monitoring), with the
strategy given; the reads open no transaction of their own beyond a connection.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import Engine

from metrics.maturity import ELEMENTS, Assessment, maturity
from metrics.maturity_steps import Comparison, compare
from metrics.periods import Period
from metrics.strategy_model import StrategyFile
from warehouse import assessments, audit
from warehouse.assessments import AssessmentRecord, ElementScore
from warehouse.review import strategy_key
from workflows.roles import check

MATURITY_FILE = "maturity self-assessment"  # the `file` of a refusal's problem
MAX_SCORE = 3


class AssessmentInvalid(ValueError):
    """A self-assessment that cannot be stored: `code` (`no_author`, `no_scores`,
    `unknown_element`, `bad_score`) and its `params` for the faces to word; the message is
    plain English."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


def _checked(elements: Mapping[str, ElementScore]) -> dict[str, ElementScore]:
    if not elements:
        raise AssessmentInvalid("no_scores", "a self-assessment scores at least one element")
    out: dict[str, ElementScore] = {}
    for element in ELEMENTS:  # stored in the cone's order
        if element in elements:
            e = elements[element]
            if not isinstance(e.score, int) or not 0 <= e.score <= MAX_SCORE:
                raise AssessmentInvalid(
                    "bad_score",
                    f"{element}: score {e.score!r}, expected 0, 1, 2 or 3",
                    element=element,
                    score=e.score,
                )
            out[element] = ElementScore(
                e.score, e.notes.strip(), e.owner.strip(), e.next_step.strip()
            )
    unknown = sorted(set(elements) - set(ELEMENTS))
    if unknown:
        raise AssessmentInvalid(
            "unknown_element",
            f"unknown element {unknown[0]!r}, expected one of {', '.join(ELEMENTS)}",
            element=unknown[0],
        )
    return out


def save_assessment(
    engine: Engine,
    *,
    assessed_on: date,
    author: str,
    elements: Mapping[str, ElementScore],
    strategy_id: str | None = None,
    role: str | None = None,
) -> int:
    """Store a new version of the self-assessment of `strategy_id` (None: the whole file)
    as assessed on `assessed_on` by `author`. Returns its id."""
    if not (author or "").strip():
        raise AssessmentInvalid("no_author", "a self-assessment names who assessed it")
    acting = check("maturity.assess", author, file=MATURITY_FILE, role=role)
    checked = _checked(elements)
    key = strategy_key(strategy_id)
    with engine.begin() as conn:
        made = assessments.add_assessment(
            conn,
            strategy_key=key,
            assessed_on=assessed_on,
            author=author.strip(),
            elements=checked,
        )
        audit.record(
            conn,
            who=author,
            role=acting,
            action="maturity.assess",
            subject=f"maturity {key} {assessed_on.isoformat()}",
            after=", ".join(f"{element}={e.score}" for element, e in checked.items()),
        )
    return made


def assessment_versions(engine: Engine, strategy_id: str | None = None) -> list[AssessmentRecord]:
    """Every stored version of the strategy's self-assessment, oldest first."""
    with engine.connect() as conn:
        return assessments.assessments(conn, strategy_key(strategy_id))


def latest_assessment(engine: Engine, strategy_id: str | None = None) -> AssessmentRecord | None:
    with engine.connect() as conn:
        return assessments.latest_assessment(conn, strategy_key(strategy_id))


def default_strategy_id(strategy: StrategyFile) -> str | None:
    """The strategy a command without a strategy filter is about, as the dashboard's filter
    chooses it: the one strategy of a file that has one (its versions and closes are kept
    under its id), else None (every strategy: kept under "all")."""
    return strategy.strategies[0].id if len(strategy.strategies) == 1 else None


def evidence_month(assessed_on: date) -> Period:
    """The month whose evidence a version is judged on: the last whole month before it."""
    return Period.parse(assessed_on.strftime("%Y-%m")).previous()


def assess_version(
    engine: Engine,
    strategy: StrategyFile,
    version: AssessmentRecord,
    strategy_id: str | None = None,
) -> Assessment:
    """Where a version placed the strategy: its scores on the evidence of its month."""
    with engine.connect() as conn:
        return maturity(
            conn, strategy, evidence_month(version.assessed_on), version.scores, strategy_id
        )


def compare_versions(
    engine: Engine,
    strategy: StrategyFile,
    then: AssessmentRecord,
    now: AssessmentRecord,
    strategy_id: str | None = None,
) -> Comparison:
    """Two versions side by side: per element the score, the evidence verdict and whether
    it was in place then and now, and the stage each gave."""
    return compare(
        assess_version(engine, strategy, then, strategy_id),
        assess_version(engine, strategy, now, strategy_id),
    )


def current_assessment(
    engine: Engine, strategy: StrategyFile, period: Period, strategy_id: str | None = None
) -> tuple[Assessment, AssessmentRecord | None]:
    """Where the strategy stands in `period`: the evidence of the period with the newest
    stored self-assessment's scores, and that version (None when none is stored)."""
    with engine.connect() as conn:
        version = assessments.latest_assessment(conn, strategy_key(strategy_id))
        scores = version.scores if version is not None else {}
        return maturity(conn, strategy, period, scores, strategy_id), version  # type: ignore[arg-type]
