"""Readers and writers of the strategy versions kept in the warehouse (the table is in
warehouse/strategy_schema.py).

Writers take a `Connection` inside the caller's transaction (workflows.strategy_versions
opens it); readers return frozen dataclasses. The text is kept byte for byte with its
SHA-256, so a version exports exactly as it was saved. Timestamps are naive UTC.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select

from warehouse.review import ReviewError, utc_now
from warehouse.strategy_schema import strategy_versions


@dataclass(frozen=True)
class StrategyVersionRecord:
    id: int
    source: str
    yaml_text: str
    sha256: str
    reason: str
    author: str
    created_at: datetime


def _required(name: str, value: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ReviewError("missing_field", f"{name} is required and was empty")
    return text


def save_strategy_version(
    conn: Connection,
    *,
    yaml_text: str,
    source: str,
    reason: str,
    author: str,
    at: datetime | None = None,
) -> int:
    """Keep a version of the strategy file's text (the caller has checked it)."""
    result = conn.execute(
        insert(strategy_versions).values(
            source=source,
            yaml_text=yaml_text,
            sha256=hashlib.sha256(yaml_text.encode("utf-8")).hexdigest(),
            reason=_required("reason", reason),
            author=_required("author", author),
            created_at=at or utc_now(),
        )
    )
    return int(result.inserted_primary_key[0])


def list_strategy_versions(conn: Connection) -> list[StrategyVersionRecord]:
    rows = conn.execute(
        select(strategy_versions).order_by(strategy_versions.c.id.desc())
    ).mappings()
    return [StrategyVersionRecord(**dict(r)) for r in rows]


def strategy_version(conn: Connection, version_id: int) -> StrategyVersionRecord | None:
    row = (
        conn.execute(select(strategy_versions).where(strategy_versions.c.id == version_id))
        .mappings()
        .first()
    )
    return None if row is None else StrategyVersionRecord(**dict(row))


def latest_strategy_version_stamp(conn: Connection) -> tuple[int, str] | None:
    """(id, sha256) of the newest version, a cheap lookup (the dashboard keys caches on it)."""
    row = conn.execute(
        select(strategy_versions.c.id, strategy_versions.c.sha256)
        .order_by(strategy_versions.c.id.desc())
        .limit(1)
    ).first()
    return None if row is None else (int(row.id), str(row.sha256))


def latest_strategy_version(conn: Connection) -> StrategyVersionRecord | None:
    """The newest version (the one in force when no strategy file overrides it)."""
    stamp = latest_strategy_version_stamp(conn)
    return None if stamp is None else strategy_version(conn, stamp[0])
