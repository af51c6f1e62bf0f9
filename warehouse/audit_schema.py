"""The audit log: who did what, when, with which role, from which version to which.

One row per write (an upload, a strategy version, a target change, a comment, an action, a
story, an event, a month closed or reopened, a report exported, a login), stored in the same
transaction as the write itself, so the log holds exactly the writes that happened (issue
14). Defined on `warehouse.schema.metadata`; migration 0011 creates it. Timestamps are
naive UTC.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Table, Text

from warehouse.schema import metadata

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("who", Text, nullable=False),
    Column("role", String(20)),  # None: single-user mode, no login
    Column("action", String(60), nullable=False),
    Column("subject", Text, nullable=False),  # what was written: "2026-10", "upload x.csv"
    Column("before", Text),  # the version, value or state it changed from
    Column("after", Text),  # and to
    Index("ix_audit_log_at", "at"),
)
