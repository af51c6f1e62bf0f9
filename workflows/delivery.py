"""Report deliveries by e-mail, one call per step, each in its own transaction: claim the
delivery of a close (once per close and strategy, whatever the number of replicas), start a
delivery asked for from the command line, record how it ended.

Sending is `reports.delivery`'s business (it builds the PDF and talks to the SMTP server
between `claim…`/`start…` and `finish…`, outside any transaction).
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from metrics.periods import Period
from warehouse import deliveries
from warehouse.deliveries import DeliveryRecord
from warehouse.review import strategy_key
from workflows.roles import check

DELIVERY_FILE = "report delivery"


def claim_close_delivery(
    engine: Engine,
    *,
    close_id: int,
    strategy_id: str | None,
    period: str | Period,
    recipients: list[str],
    requested_by: str,
) -> int | None:
    """The delivery id to send a close's report under, or None when that close's report
    was already sent (or is being sent) for this strategy: a close is delivered once."""
    check("report.delivery", requested_by, file=DELIVERY_FILE)
    try:
        with engine.begin() as conn:
            return deliveries.claim_close_delivery(
                conn,
                close_id=close_id,
                strategy_key=strategy_key(strategy_id),
                period=str(Period.parse(period)),
                recipients=", ".join(recipients),
                requested_by=requested_by,
            )
    except IntegrityError:  # another replica claimed it between our read and our insert
        return None


def start_delivery(
    engine: Engine,
    *,
    strategy_id: str | None,
    period: str | Period,
    recipients: list[str],
    requested_by: str,
) -> int:
    """A delivery asked for on purpose (`socialkpi report --send`): always a new one."""
    check("report.delivery", requested_by, file=DELIVERY_FILE)
    with engine.begin() as conn:
        return deliveries.start_delivery(
            conn,
            strategy_key=strategy_key(strategy_id),
            period=str(Period.parse(period)),
            recipients=", ".join(recipients),
            requested_by=requested_by,
        )


def finish_delivery(
    engine: Engine, delivery_id: int, *, sent: bool, attempts: int, error: str | None = None
) -> None:
    """Record how a delivery ended: sent, or failed with the reason (a failed close
    delivery can be claimed again)."""
    with engine.begin() as conn:
        deliveries.finish_delivery(conn, delivery_id, sent=sent, attempts=attempts, error=error)


def delivery_history(engine: Engine, period: str | Period | None = None) -> list[DeliveryRecord]:
    with engine.connect() as conn:
        return deliveries.list_deliveries(
            conn, None if period is None else str(Period.parse(period))
        )
