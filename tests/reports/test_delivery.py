"""The report by e-mail, end to end against a real SMTP server on 127.0.0.1 (aiosmtpd):
the PDF attached byte for byte, page one in the body, a close delivered once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from readback import pdf_pages
from report_seed import strategy_text
from smtp_server import SmtpServer, free_port, smtp_server
from sqlalchemy import Engine

from metrics.strategy import parse_strategy
from metrics.strategy_model import StrategyFile
from reports.delivery import deliver_close, recipients_of, send_reports
from reports.mail import smtp_settings
from reports.page_one import page_one
from reports.pdf_report import build_pdf
from reports.review_pack import build_review_pack, freeze_figures
from workflows.delivery import delivery_history
from workflows.review import close_month

TODAY = date(2026, 11, 23)
RECIPIENTS = "    recipients: [director@lakeside.example, Board <board@lakeside.example>]\n"


@pytest.fixture
def strategy(tmp_path: Path) -> StrategyFile:
    text = strategy_text("en").replace(
        "    name: Tenant communication 2026\n",
        "    name: Tenant communication 2026\n" + RECIPIENTS,
    )
    return parse_strategy(text, file=str(tmp_path / "strategy.yaml"))


def _close(engine: Engine, sf: StrategyFile, strategy_id: str | None = "main") -> int:
    snapshot = freeze_figures(engine, sf, "2026-10", strategy_id)
    return close_month(
        engine, "2026-10", snapshot=snapshot, closed_by="Ana", strategy_id=strategy_id
    )


def test_recipients_come_from_the_strategy_file(strategy: StrategyFile) -> None:
    assert recipients_of(strategy, "main") == [
        "director@lakeside.example",
        "Board <board@lakeside.example>",
    ]


def test_a_close_is_delivered_once_with_the_pdf_and_page_one(
    report_engine: Engine, strategy: StrategyFile
) -> None:
    close_id = _close(report_engine, strategy)
    with smtp_server() as server:
        settings = smtp_settings(server.environ())
        first = deliver_close(
            report_engine,
            strategy,
            "2026-10",
            close_id=close_id,
            strategy_id="main",
            settings=settings,
            requested_by="Ana",
            today=TODAY,
        )
        again = deliver_close(
            report_engine,
            strategy,
            "2026-10",
            close_id=close_id,
            strategy_id="main",
            settings=settings,
            requested_by="Joost",
            today=TODAY,
        )
    assert [o.status for o in first] == ["sent"] and [o.status for o in again] == ["already_sent"]
    [received] = server.mailbox.received
    assert received.recipients == ["director@lakeside.example", "board@lakeside.example"]
    message = received.message
    assert message["Subject"] == (
        "Social media performance report: Tenant communication 2026, October 2026"
    )
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "socialkpi-report-main-2026-10.pdf"
    pack = build_review_pack(report_engine, strategy, "2026-10", strategy_id="main", today=TODAY)
    assert attachment.get_content() == build_pdf(pack)  # the month's PDF, byte for byte
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")  # lines travel as CRLF over SMTP
    assert text.startswith(
        "The October 2026 report of Tenant communication 2026 is attached (PDF)."
    )
    assert page_one(pack).text("en") in text
    assert "Engagement rate per impression: 5.2% → 4.4% (-0.8 pp vs September 2026)" in text
    first_page = " ".join(pdf_pages(attachment.get_content())[0].split())
    assert "October 2026 at a glance" in first_page
    [record] = delivery_history(report_engine, "2026-10")
    assert (record.close_id, record.status, record.trigger) == (close_id, "sent", "close")


def test_a_failed_close_delivery_is_tried_again_by_the_next_call(
    report_engine: Engine, strategy: StrategyFile
) -> None:
    close_id = _close(report_engine, strategy)
    server = SmtpServer(free_port())  # not started yet: nothing listens
    settings = smtp_settings(server.environ(SOCIALKPI_SMTP_ATTEMPTS="2"))
    failed = deliver_close(
        report_engine,
        strategy,
        "2026-10",
        close_id=close_id,
        strategy_id="main",
        settings=settings,
        requested_by="Ana",
        sleep=lambda seconds: None,
    )
    assert [o.status for o in failed] == ["failed"]
    assert "connection refused" in failed[0].reason and "(2 tries)" in failed[0].reason
    [record] = delivery_history(report_engine)
    assert (record.status, record.attempts) == ("failed", 2)
    server.start()
    try:
        retried = send_reports(  # the scheduled command picks the close up
            report_engine, strategy, "2026-10", settings=settings, requested_by="cron"
        )
    finally:
        server.stop()
    assert [o.status for o in retried] == ["sent"]
    assert len(server.mailbox.received) == 1
    [record] = delivery_history(report_engine)
    assert (record.status, record.attempts, record.error) == ("sent", 3, None)


def test_a_scheduled_send_of_an_open_month_sends_each_time(
    report_engine: Engine, strategy: StrategyFile
) -> None:
    with smtp_server() as server:
        settings = smtp_settings(server.environ())
        for _ in range(2):
            outcomes = send_reports(
                report_engine, strategy, "2026-10", settings=settings, requested_by="cron"
            )
            assert [o.status for o in outcomes] == ["sent"]
        extra = send_reports(
            report_engine,
            strategy,
            "2026-10",
            settings=settings,
            requested_by="cron",
            to=["analyst@lakeside.example"],
        )
    assert [o.status for o in extra] == ["sent"]
    assert [r.recipients for r in server.mailbox.received][-1] == ["analyst@lakeside.example"]
    assert len(server.mailbox.received) == 3
    assert [r.trigger for r in delivery_history(report_engine)] == ["command"] * 3


def test_no_recipients_no_message(report_engine: Engine, strategy_en: StrategyFile) -> None:
    with smtp_server() as server:
        outcomes = send_reports(
            report_engine,
            strategy_en,
            "2026-10",
            settings=smtp_settings(server.environ()),
            requested_by="cron",
        )
    assert [o.status for o in outcomes] == ["no_recipients"]
    assert server.mailbox.received == []


def test_a_refused_recipient_is_reported(report_engine: Engine, strategy: StrategyFile) -> None:
    with smtp_server() as server:
        server.mailbox.refuse = {"board@lakeside.example"}
        [outcome] = send_reports(
            report_engine,
            strategy,
            "2026-10",
            settings=smtp_settings(server.environ()),
            requested_by="cron",
        )
    assert outcome.status == "refused" and outcome.refused == ("board@lakeside.example",)
    assert [r.recipients for r in server.mailbox.received] == [["director@lakeside.example"]]
