"""Writing and reading the audit log (table in warehouse/audit_schema.py).

`record` is called inside the transaction of the write it describes (workflows/, the import
pipeline), so a write that rolls back leaves no entry and an entry never lacks its write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from warehouse.audit_schema import audit_log


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    who: str
    role: str | None
    action: str
    subject: str
    before: str | None
    after: str | None


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def record(
    conn: Connection,
    *,
    who: str,
    role: str | None,
    action: str,
    subject: str,
    before: object = None,
    after: object = None,
) -> int:
    """One entry: `who` (as given or as the login names them) did `action` on `subject`,
    changing it from `before` to `after` (kept as text). Returns its id."""
    values = {
        "at": now(),
        "who": who.strip() or "?",
        "role": role,
        "action": action,
        "subject": subject,
        "before": None if before is None else str(before),
        "after": None if after is None else str(after),
    }
    return int(conn.execute(audit_log.insert().values(**values)).inserted_primary_key[0])


def has_entry(conn: Connection, *, who: str, action: str, subject: str) -> bool:
    """Whether this very entry (who, action, subject) is already recorded."""
    query = select(audit_log.c.id).where(
        audit_log.c.who == who, audit_log.c.action == action, audit_log.c.subject == subject
    )
    return conn.execute(query.limit(1)).first() is not None


def entries(
    conn: Connection,
    *,
    who: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    limit: int = 10_000,
) -> list[AuditEntry]:
    """The newest entries first, narrowed by who (any case), action (its prefix:
    "review." is every review write) and time."""
    query = select(audit_log).order_by(audit_log.c.at.desc(), audit_log.c.id.desc())
    if who:
        query = query.where(audit_log.c.who.ilike(who.strip()))
    if action:
        query = query.where(audit_log.c.action.startswith(action, autoescape=True))
    if since is not None:
        query = query.where(audit_log.c.at >= since)
    return [AuditEntry(**row._mapping) for row in conn.execute(query.limit(limit))]
