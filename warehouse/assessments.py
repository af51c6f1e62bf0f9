"""Readers and writers of the maturity self-assessments (warehouse/maturity_schema.py).

Writers take a `Connection` inside the caller's transaction (workflows.maturity opens it
and checks the role and the scores first); readers return frozen dataclasses, newest
version last.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, insert, select

from warehouse.maturity_schema import maturity_assessment_elements, maturity_assessments
from warehouse.review import utc_now


@dataclass(frozen=True)
class ElementScore:
    """One element of a self-assessment: its score (0-3), the evidence notes, the owner and
    the assessor's next step (blank text when none was written)."""

    score: int
    notes: str = ""
    owner: str = ""
    next_step: str = ""


@dataclass(frozen=True)
class AssessmentRecord:
    id: int
    strategy_key: str
    assessed_on: date
    author: str
    created_at: datetime
    elements: dict[str, ElementScore]

    @property
    def scores(self) -> dict[str, int]:
        return {element: e.score for element, e in self.elements.items()}


def add_assessment(
    conn: Connection,
    *,
    strategy_key: str,
    assessed_on: date,
    author: str,
    elements: Mapping[str, ElementScore],
    at: datetime | None = None,
) -> int:
    """Store a new version with its element rows; returns its id."""
    made = conn.execute(
        insert(maturity_assessments).values(
            strategy_key=strategy_key,
            assessed_on=assessed_on,
            author=author,
            created_at=at or utc_now(),
        )
    ).inserted_primary_key[0]
    if elements:
        conn.execute(
            insert(maturity_assessment_elements),
            [
                {
                    "assessment_id": made,
                    "element": element,
                    "score": e.score,
                    "notes": e.notes,
                    "owner": e.owner,
                    "next_step": e.next_step,
                }
                for element, e in elements.items()
            ],
        )
    return int(made)


def assessments(conn: Connection, strategy_key: str) -> list[AssessmentRecord]:
    """Every version of a strategy's self-assessment, oldest first (by the date assessed
    on, then by the order stored)."""
    heads = conn.execute(
        select(maturity_assessments)
        .where(maturity_assessments.c.strategy_key == strategy_key)
        .order_by(maturity_assessments.c.assessed_on, maturity_assessments.c.id)
    ).mappings()
    found = [dict(h) for h in heads]
    if not found:
        return []
    rows = conn.execute(
        select(maturity_assessment_elements)
        .where(maturity_assessment_elements.c.assessment_id.in_([h["id"] for h in found]))
        .order_by(maturity_assessment_elements.c.id)
    ).mappings()
    by_id: dict[int, dict[str, ElementScore]] = {h["id"]: {} for h in found}
    for row in rows:
        by_id[row["assessment_id"]][row["element"]] = ElementScore(
            row["score"], row["notes"], row["owner"], row["next_step"]
        )
    return [
        AssessmentRecord(
            h["id"],
            h["strategy_key"],
            h["assessed_on"],
            h["author"],
            h["created_at"],
            by_id[h["id"]],
        )
        for h in found
    ]


def latest_assessment(conn: Connection, strategy_key: str) -> AssessmentRecord | None:
    """The newest version (latest date assessed on; of one date, the last stored)."""
    found = assessments(conn, strategy_key)
    return found[-1] if found else None
