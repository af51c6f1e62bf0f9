"""SMTP settings, the message and sending it to a real SMTP server started by the test
(aiosmtpd on 127.0.0.1): retries for a server that is down or busy, none for a refusal."""

from __future__ import annotations

import pytest
from smtp_server import SmtpServer, free_port, smtp_server

from reports.mail import (
    Attachment,
    DeliveryFailed,
    MailSettingsError,
    build_message,
    send,
    smtp_settings,
    valid_address,
)

PDF = b"%PDF-1.7\n% a tiny stand-in, the bytes are compared as they are\n%%EOF\n"


def _message(to: list[str]):  # type: ignore[no-untyped-def]
    return build_message(
        sender="reports@lakeside.example",
        recipients=to,
        subject="Social media report · October 2026",
        body="19 KPIs: 10 on target.\nDecided: keep the 5% target.",
        attachments=[Attachment("socialkpi-report-2026-10.pdf", PDF)],
    )


def test_settings_defaults_and_port_by_security() -> None:
    settings = smtp_settings(
        {"SOCIALKPI_SMTP_HOST": "mail.example.org", "SOCIALKPI_SMTP_FROM": "kpi@example.org"}
    )
    assert (settings.port, settings.security, settings.attempts) == (587, "starttls", 4)
    ssl = smtp_settings(
        {
            "SOCIALKPI_SMTP_HOST": "mail.example.org",
            "SOCIALKPI_SMTP_FROM": "kpi@example.org",
            "SOCIALKPI_SMTP_SECURITY": "SSL",
        }
    )
    assert (ssl.port, ssl.security) == (465, "ssl")


def test_password_from_a_file_is_never_shown(tmp_path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "smtp-password"
    secret.write_text("s3cret-pass\n", encoding="utf-8")
    settings = smtp_settings(
        {
            "SOCIALKPI_SMTP_HOST": "mail.example.org",
            "SOCIALKPI_SMTP_FROM": "kpi@example.org",
            "SOCIALKPI_SMTP_USER": "kpi",
            "SOCIALKPI_SMTP_PASSWORD_FILE": str(secret),
        }
    )
    assert settings.password == "s3cret-pass"
    assert "s3cret" not in repr(settings)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({}, "SOCIALKPI_SMTP_HOST is not set"),
        ({"SOCIALKPI_SMTP_HOST": "h"}, "SOCIALKPI_SMTP_FROM is not set"),
        (
            {"SOCIALKPI_SMTP_HOST": "h", "SOCIALKPI_SMTP_FROM": "reports"},
            "SOCIALKPI_SMTP_FROM: 'reports' is not an e-mail address",
        ),
        (
            {
                "SOCIALKPI_SMTP_HOST": "h",
                "SOCIALKPI_SMTP_FROM": "a@b.c",
                "SOCIALKPI_SMTP_PORT": "x",
            },
            "SOCIALKPI_SMTP_PORT: 'x' is not a whole number from 1 to 65535",
        ),
        (
            {
                "SOCIALKPI_SMTP_HOST": "h",
                "SOCIALKPI_SMTP_FROM": "a@b.c",
                "SOCIALKPI_SMTP_SECURITY": "tls",
            },
            "SOCIALKPI_SMTP_SECURITY: 'tls' is not one of starttls, ssl, none",
        ),
        (
            {
                "SOCIALKPI_SMTP_HOST": "h",
                "SOCIALKPI_SMTP_FROM": "a@b.c",
                "SOCIALKPI_SMTP_PASSWORD": "p",
            },
            "SOCIALKPI_SMTP_USER is not set but a password is",
        ),
    ],
)
def test_settings_name_the_wrong_variable(environ: dict[str, str], message: str) -> None:
    with pytest.raises(MailSettingsError) as raised:
        smtp_settings(environ)
    assert raised.value.message.startswith(message)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("ana@lakeside.example", True),
        ("Ana Ruiz <ana@lakeside.example>", True),
        ("ana", False),
        ("ana@", False),
        ("@lakeside.example", False),
        ("ana @lakeside.example", False),
        ("ana@@lakeside.example", False),
    ],
)
def test_valid_address(text: str, valid: bool) -> None:
    assert valid_address(text) is valid


def test_the_server_receives_the_pdf_and_the_body() -> None:
    with smtp_server() as server:
        refused = send(_message(["ana@lakeside.example"]), smtp_settings(server.environ()))
    assert refused == []
    [received] = server.mailbox.received
    assert received.recipients == ["ana@lakeside.example"]
    assert received.message["Subject"] == "Social media report · October 2026"
    body = received.message.get_body(preferencelist=("plain",))
    assert body is not None and "Decided: keep the 5% target." in body.get_content()
    [attachment] = list(received.message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "socialkpi-report-2026-10.pdf"
    assert attachment.get_content() == PDF


def test_a_server_that_comes_up_late_gets_the_message_on_a_later_try() -> None:
    server = SmtpServer(free_port())
    waits: list[float] = []

    def sleep(seconds: float) -> None:  # the server starts during the second wait
        waits.append(seconds)
        if len(waits) == 2:
            server.start()

    try:
        send(_message(["ana@lakeside.example"]), smtp_settings(server.environ()), sleep=sleep)
    finally:
        server.stop()
    assert waits == [2.0, 4.0]  # exponential back-off: 2 s, then 4 s
    assert len(server.mailbox.received) == 1


def test_a_busy_server_451_is_tried_again() -> None:
    with smtp_server() as server:
        server.mailbox.busy = 1
        send(
            _message(["ana@lakeside.example"]),
            smtp_settings(server.environ()),
            sleep=lambda s: None,
        )
    assert server.mailbox.transactions == 2
    assert len(server.mailbox.received) == 1


def test_an_unreachable_server_fails_after_the_configured_tries() -> None:
    port = free_port()  # nothing listens there
    waits: list[float] = []
    environ = {
        "SOCIALKPI_SMTP_HOST": "127.0.0.1",
        "SOCIALKPI_SMTP_PORT": str(port),
        "SOCIALKPI_SMTP_SECURITY": "none",
        "SOCIALKPI_SMTP_FROM": "reports@lakeside.example",
        "SOCIALKPI_SMTP_ATTEMPTS": "3",
    }
    with pytest.raises(DeliveryFailed) as raised:
        send(_message(["ana@lakeside.example"]), smtp_settings(environ), sleep=waits.append)
    assert waits == [2.0, 4.0]
    assert raised.value.attempts == 3
    assert raised.value.message == (
        f"127.0.0.1:{port}: connection refused (is the SMTP server running?) (3 tries)"
    )


def test_a_refused_recipient_is_reported_and_not_retried() -> None:
    with smtp_server() as server:
        server.mailbox.refuse = {"nobody@lakeside.example"}
        refused = send(
            _message(["ana@lakeside.example", "nobody@lakeside.example"]),
            smtp_settings(server.environ()),
            sleep=lambda s: pytest.fail("a permanent refusal is not retried"),
        )
        assert refused == ["nobody@lakeside.example"]
        assert [r.recipients for r in server.mailbox.received] == [["ana@lakeside.example"]]

        with pytest.raises(DeliveryFailed) as raised:
            send(
                _message(["nobody@lakeside.example"]),
                smtp_settings(server.environ()),
                sleep=lambda s: pytest.fail("a permanent refusal is not retried"),
            )
    assert raised.value.attempts == 1
    assert "every recipient was refused: nobody@lakeside.example (1 try)" in raised.value.message
