"""The maturity self-assessments (migration 0013): dated versions of the organisation's own
view of the seven elements of the Social Strategy Cone (metrics/maturity.py), kept per
strategy so that they can be compared over time.

`maturity_assessments` holds one row per version (strategy key, the date it was assessed
on, its author, when it was stored); `maturity_assessment_elements` one row per element of
a version: the score (0 absent, 1 started, 2 in place, 3 embedded), the evidence notes,
the owner and the assessor's next step. A version is never changed: a new assessment is a
new version. Timestamps are naive UTC.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from warehouse.schema import metadata

maturity_assessments = Table(
    "maturity_assessments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("strategy_key", String(100), nullable=False),
    Column("assessed_on", Date, nullable=False),
    Column("author", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Index("ix_maturity_assessments_strategy_date", "strategy_key", "assessed_on"),
)

maturity_assessment_elements = Table(
    "maturity_assessment_elements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("assessment_id", Integer, ForeignKey("maturity_assessments.id"), nullable=False),
    Column("element", String(40), nullable=False),
    Column("score", Integer, nullable=False),
    Column("notes", Text, nullable=False),
    Column("owner", Text, nullable=False),
    Column("next_step", Text, nullable=False),
    UniqueConstraint("assessment_id", "element", name="uq_maturity_assessment_element"),
    CheckConstraint("score >= 0 AND score <= 3", name="ck_maturity_assessment_score"),
)
