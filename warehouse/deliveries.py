"""Readers and writers of the report deliveries (warehouse/delivery_schema.py).

Writers take a `Connection` inside the caller's transaction (workflows.delivery opens it);
readers return frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from warehouse.delivery_schema import report_deliveries
from warehouse.review import utc_now


@dataclass(frozen=True)
class DeliveryRecord:
    id: int
    close_id: int | None
    strategy_key: str
    period: str
    trigger: str
    recipients: str
    status: str
    attempts: int
    error: str | None
    requested_by: str
    created_at: datetime
    finished_at: datetime | None


def claim_close_delivery(
    conn: Connection,
    *,
    close_id: int,
    strategy_key: str,
    period: str,
    recipients: str,
    requested_by: str,
    at: datetime | None = None,
) -> int | None:
    """Mark the delivery of a close as under way; returns its id, or None when the close
    was already delivered (or is being delivered). A failed delivery is claimed again."""
    now = at or utc_now()
    retried = conn.execute(
        update(report_deliveries)
        .where(
            report_deliveries.c.close_id == close_id,
            report_deliveries.c.strategy_key == strategy_key,
            report_deliveries.c.status == "failed",
        )
        .values(status="sending", recipients=recipients, requested_by=requested_by, error=None)
        .returning(report_deliveries.c.id)
    ).scalar_one_or_none()
    if retried is not None:
        return int(retried)
    if close_delivery(conn, close_id, strategy_key) is not None:
        return None
    # Two replicas closing at once: the unique constraint refuses the second insert
    # (IntegrityError, which workflows.delivery reads as "already claimed").
    result = conn.execute(
        insert(report_deliveries).values(
            close_id=close_id,
            strategy_key=strategy_key,
            period=period,
            trigger="close",
            recipients=recipients,
            status="sending",
            attempts=0,
            requested_by=requested_by,
            created_at=now,
        )
    )
    return int(result.inserted_primary_key[0])


def start_delivery(
    conn: Connection,
    *,
    strategy_key: str,
    period: str,
    recipients: str,
    requested_by: str,
    at: datetime | None = None,
) -> int:
    """A delivery asked for from the command line (no close)."""
    result = conn.execute(
        insert(report_deliveries).values(
            close_id=None,
            strategy_key=strategy_key,
            period=period,
            trigger="command",
            recipients=recipients,
            status="sending",
            attempts=0,
            requested_by=requested_by,
            created_at=at or utc_now(),
        )
    )
    return int(result.inserted_primary_key[0])


def finish_delivery(
    conn: Connection,
    delivery_id: int,
    *,
    sent: bool,
    attempts: int,
    error: str | None = None,
    at: datetime | None = None,
) -> None:
    conn.execute(
        update(report_deliveries)
        .where(report_deliveries.c.id == delivery_id)
        .values(
            status="sent" if sent else "failed",
            attempts=report_deliveries.c.attempts + attempts,
            error=error,
            finished_at=at or utc_now(),
        )
    )


def list_deliveries(conn: Connection, period: str | None = None) -> list[DeliveryRecord]:
    """Deliveries, oldest first (of one period, or all)."""
    stmt = select(report_deliveries).order_by(report_deliveries.c.id)
    if period is not None:
        stmt = stmt.where(report_deliveries.c.period == period)
    return [DeliveryRecord(**dict(r)) for r in conn.execute(stmt).mappings()]


def close_delivery(conn: Connection, close_id: int, strategy_key: str) -> DeliveryRecord | None:
    row = (
        conn.execute(
            select(report_deliveries).where(
                report_deliveries.c.close_id == close_id,
                report_deliveries.c.strategy_key == strategy_key,
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else DeliveryRecord(**dict(row))
