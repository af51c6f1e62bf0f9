"""The record of reports sent by e-mail (migration 0009): one row per sending, so a month's
close is delivered once, whatever the number of app replicas or retries.

A delivery triggered by a close names the close (`close_id`) and is unique per close and
strategy: the second attempt to claim it finds the row. A failed one can be claimed again.
Deliveries sent from the command line (`socialkpi report --send`) have no close. Timestamps
are naive UTC.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
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

DELIVERY_STATUSES: tuple[str, ...] = ("sending", "sent", "failed")
DELIVERY_TRIGGERS: tuple[str, ...] = ("close", "command")

report_deliveries = Table(
    "report_deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("close_id", Integer, ForeignKey("period_closes.id")),
    Column("strategy_key", String(100), nullable=False),
    Column("period", String(20), nullable=False),
    Column("trigger", String(20), nullable=False),
    Column("recipients", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("error", Text),
    Column("requested_by", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    UniqueConstraint("close_id", "strategy_key", name="uq_report_deliveries_close_strategy"),
    Index("ix_report_deliveries_period", "period"),
)
