"""Sending the executive report by e-mail: each strategy's PDF to the recipients its
strategy file names (`strategies: - recipients: [...]`), page one in the body.

- `deliver_close`: after a month close — once per close and strategy (a second call, from
  the same app or another replica, finds the delivery claimed and sends nothing; a failed
  one is tried again by the next call).
- `send_reports`: on a schedule (`socialkpi report --period P --send`, from cron): a closed
  period goes through `deliver_close` (so a close already delivered is not sent twice),
  an open one is sent as it stands; `to=` sends the whole report to other addresses.

The SMTP conversation happens outside any transaction; workflows.delivery records each
delivery before and after it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import Engine

from language.catalogs import rt
from language.formatting import period_label
from metrics.periods import Period
from metrics.strategy_model import StrategyFile
from reports.mail import Attachment, DeliveryFailed, SmtpSettings, build_message, send
from reports.page_one import page_one
from reports.review_pack import ReviewPack, build_review_pack
from warehouse import review
from warehouse.review import strategy_key
from workflows import delivery

Sleep = Callable[[float], None]


@dataclass(frozen=True)
class Outcome:
    """What happened to one strategy's report: `sent`, `refused` (some recipients),
    `already_sent`, `no_recipients` or `failed` (with the reason)."""

    strategy_id: str | None
    status: str
    recipients: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()
    reason: str = ""
    delivery_id: int | None = None


def recipients_of(strategy_file: StrategyFile, strategy_id: str | None) -> list[str]:
    """The report's recipients for one strategy, or for the whole file (every strategy's,
    once each, in order)."""
    infos = [s for s in strategy_file.strategies if strategy_id in (None, s.id)]
    return list(dict.fromkeys(r for info in infos for r in info.recipients))


def attachment_name(pack: ReviewPack) -> str:
    scope = f"{pack.strategy_id}-" if pack.strategy_id else ""
    return f"socialkpi-report-{scope}{pack.period}.pdf"


def report_message(
    pack: ReviewPack, pdf: bytes, *, sender: str, recipients: Sequence[str]
) -> EmailMessage:
    """The e-mail of a report: page one as text in the body, the PDF attached."""
    lang = pack.language
    period = period_label(pack.period, lang)
    subject = rt(
        lang,
        "{title}: {strategy}, {period}",
        title=rt(lang, "Social media performance report"),
        strategy=pack.strategy_name,
        period=period,
    )
    intro = rt(
        lang,
        "The {period} report of {strategy} is attached (PDF). Page one in short:",
        period=period_label(pack.period, lang, in_sentence=True),
        strategy=pack.strategy_name,
    )
    return build_message(
        sender=sender,
        recipients=recipients,
        subject=subject,
        body=f"{intro}\n\n{page_one(pack).text(lang)}",
        attachments=[Attachment(attachment_name(pack), pdf)],
        sender_name=pack.organisation,
    )


def _send_pack(
    engine: Engine,
    pack: ReviewPack,
    recipients: list[str],
    delivery_id: int,
    settings: SmtpSettings,
    sleep: Sleep,
) -> Outcome:
    from reports.pdf_report import build_pdf

    try:
        pdf = build_pdf(pack)
        message = report_message(pack, pdf, sender=settings.sender, recipients=recipients)
        refused = send(message, settings, sleep=sleep)
    except DeliveryFailed as exc:
        delivery.finish_delivery(
            engine, delivery_id, sent=False, attempts=exc.attempts, error=exc.message
        )
        return Outcome(pack.strategy_id, "failed", tuple(recipients), reason=exc.message)
    except Exception as exc:  # the report could not be built: record it, then let it show
        delivery.finish_delivery(engine, delivery_id, sent=False, attempts=0, error=str(exc))
        raise
    delivery.finish_delivery(
        engine,
        delivery_id,
        sent=True,
        attempts=1,
        error=f"refused: {', '.join(refused)}" if refused else None,
    )
    status = "refused" if refused else "sent"
    return Outcome(
        pack.strategy_id, status, tuple(recipients), tuple(refused), delivery_id=delivery_id
    )


def deliver_close(
    engine: Engine,
    strategy_file: StrategyFile,
    period: str | Period,
    *,
    close_id: int,
    strategy_id: str | None,
    settings: SmtpSettings,
    requested_by: str,
    strategy_dir: Path | None = None,
    today: date | None = None,
    sleep: Sleep = time.sleep,
) -> list[Outcome]:
    """Send the report of a close to each strategy's recipients, once: the close of one
    strategy sends that strategy's report; a close of the whole file (`strategy_id` None)
    sends each strategy's own report to its own recipients."""
    parsed = Period.parse(period)
    targets = [strategy_id] if strategy_id is not None else [s.id for s in strategy_file.strategies]
    outcomes: list[Outcome] = []
    for sid in targets:
        recipients = recipients_of(strategy_file, sid)
        if not recipients:
            outcomes.append(Outcome(sid, "no_recipients"))
            continue
        claimed = delivery.claim_close_delivery(
            engine,
            close_id=close_id,
            strategy_id=sid,
            period=parsed,
            recipients=recipients,
            requested_by=requested_by,
        )
        if claimed is None:
            outcomes.append(Outcome(sid, "already_sent", tuple(recipients)))
            continue
        pack = build_review_pack(
            engine, strategy_file, parsed, strategy_id=sid, strategy_dir=strategy_dir, today=today
        )
        outcomes.append(_send_pack(engine, pack, recipients, claimed, settings, sleep))
    return outcomes


def _close_in_force(engine: Engine, strategy_id: str | None, period: Period) -> int | None:
    """The id of the close that freezes this strategy's report of the period, if any."""
    with engine.connect() as conn:
        own = review.current_close(conn, strategy_key(strategy_id), str(period))
        if own is None and strategy_id is not None:
            own = review.current_close(conn, "all", str(period))
    return None if own is None else own.id


def send_reports(
    engine: Engine,
    strategy_file: StrategyFile,
    period: str | Period,
    *,
    settings: SmtpSettings,
    requested_by: str,
    to: Sequence[str] = (),
    strategy_dir: Path | None = None,
    today: date | None = None,
    sleep: Sleep = time.sleep,
) -> list[Outcome]:
    """The scheduled send: with `to`, the whole report to those addresses; else each
    strategy's report to its recipients (a closed period once per close)."""
    parsed = Period.parse(period)
    if to:
        pack = build_review_pack(
            engine, strategy_file, parsed, strategy_dir=strategy_dir, today=today
        )
        started = delivery.start_delivery(
            engine, strategy_id=None, period=parsed, recipients=list(to), requested_by=requested_by
        )
        return [_send_pack(engine, pack, list(to), started, settings, sleep)]
    outcomes: list[Outcome] = []
    for info in strategy_file.strategies:
        recipients = recipients_of(strategy_file, info.id)
        if not recipients:
            outcomes.append(Outcome(info.id, "no_recipients"))
            continue
        close_id = _close_in_force(engine, info.id, parsed)
        if close_id is not None:
            outcomes += deliver_close(
                engine,
                strategy_file,
                parsed,
                close_id=close_id,
                strategy_id=info.id,
                settings=settings,
                requested_by=requested_by,
                strategy_dir=strategy_dir,
                today=today,
                sleep=sleep,
            )
            continue
        pack = build_review_pack(
            engine,
            strategy_file,
            parsed,
            strategy_id=info.id,
            strategy_dir=strategy_dir,
            today=today,
        )
        started = delivery.start_delivery(
            engine,
            strategy_id=info.id,
            period=parsed,
            recipients=recipients,
            requested_by=requested_by,
        )
        outcomes.append(_send_pack(engine, pack, recipients, started, settings, sleep))
    return outcomes
