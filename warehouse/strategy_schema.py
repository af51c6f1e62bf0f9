"""The `strategy_versions` table: every checked version of the strategy file's text, with its
SHA-256, source, reason, author and time (migration 0002 created it with the review tables).

Defined on `warehouse.schema.metadata`, so Alembic sees it next to the other tables. The
readers and writers are in warehouse/strategy_store.py. Timestamps are naive UTC.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Table, Text

from warehouse.schema import metadata

strategy_versions = Table(
    "strategy_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("yaml_text", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("reason", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
