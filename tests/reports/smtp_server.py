"""A real SMTP server on 127.0.0.1 for the delivery tests (aiosmtpd), keeping every message
it accepts; it can refuse recipients or answer a temporary 4xx to the first N messages."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class Mailbox:
    """The handler: what the server accepted, and how it misbehaves."""

    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # recipients answered 550
    busy: int = 0  # answer 451 to this many DATA commands first
    transactions: int = 0

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.transactions += 1
        if self.busy > 0:
            self.busy -= 1
            return "451 4.3.0 try again later"
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.mailbox = Mailbox()
        self._controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.running = False

    def start(self) -> None:
        self._controller.start()
        self.running = True

    def stop(self) -> None:
        if self.running:
            self._controller.stop()
            self.running = False

    def environ(self, **extra: str) -> dict[str, str]:
        """The SOCIALKPI_SMTP_* variables that point at this server (no TLS, no login)."""
        return {
            "SOCIALKPI_SMTP_HOST": "127.0.0.1",
            "SOCIALKPI_SMTP_PORT": str(self.port),
            "SOCIALKPI_SMTP_SECURITY": "none",
            "SOCIALKPI_SMTP_FROM": "reports@lakeside.example",
            **extra,
        }


@contextmanager
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
