"""Tables of the monthly review: commentary, annotations, actions, stories, target changes
and month closes (frozen snapshots of the reviewed figures). The strategy versions, also
created by migration 0002, are in warehouse/strategy_store.py.

Defined on `warehouse.schema.metadata`, so Alembic sees them next to the fact tables;
migration 0002 creates them. Timestamps are naive UTC.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from warehouse.schema import metadata

COMMENT_KINDS: tuple[str, ...] = ("comment", "decision")
ACTION_STATUSES: tuple[str, ...] = ("open", "done", "dropped")

review_comments = Table(
    "review_comments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("period", String(20), nullable=False),
    Column("objective_id", String(100)),
    Column("kpi_id", String(100)),
    Column("kind", String(20), nullable=False),
    Column("author", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("parent_id", Integer, ForeignKey("review_comments.id")),
    Index("ix_review_comments_period", "period"),
)

review_annotations = Table(
    "review_annotations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kpi_id", String(100)),
    Column("on_date", Date, nullable=False),
    Column("label", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Index("ix_review_annotations_on_date", "on_date"),
)

review_actions = Table(
    "review_actions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", Text, nullable=False),
    Column("owner", Text, nullable=False),
    Column("due_date", Date),
    Column("status", String(20), nullable=False),
    Column("objective_id", String(100)),
    Column("kpi_id", String(100)),
    Column("opened_on", Date, nullable=False),
    Column("closed_on", Date),
    Column("author", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Index("ix_review_actions_opened_on", "opened_on"),
)

review_stories = Table(
    "review_stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("period", String(20), nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("objective_id", String(100)),
    Column("kpi_id", String(100)),
    Column("link", Text),
    Column("author", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Index("ix_review_stories_period", "period"),
)

target_changes = Table(
    "target_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kpi_id", String(100), nullable=False),
    Column("target_period", String(20), nullable=False),
    Column("old_value", Float),
    Column("new_value", Float),
    Column("reason", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

period_closes = Table(
    "period_closes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("strategy_key", String(100), nullable=False),
    Column("period", String(20), nullable=False),
    Column("snapshot", Text, nullable=False),
    Column("closed_by", Text, nullable=False),
    Column("closed_at", DateTime, nullable=False),
    Column("reopened_by", Text),
    Column("reopened_at", DateTime),
    Column("reopen_reason", Text),
    Index("ix_period_closes_strategy_key_period", "strategy_key", "period"),
)

REVIEW_TABLES = (
    review_comments,
    review_annotations,
    review_actions,
    review_stories,
    target_changes,
    period_closes,
)
