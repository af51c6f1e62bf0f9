"""The executive report by e-mail: SMTP settings from the environment, the message (the
page-one summary in the body, the PDF attached) and sending it with retries.

Settings (read when a report is sent, never at import time; docs/reports.md "By e-mail"):

| variable | meaning | default |
|---|---|---|
| `SOCIALKPI_SMTP_HOST` | the SMTP server (required to send) | |
| `SOCIALKPI_SMTP_PORT` | its port | 587 (`starttls`), 465 (`ssl`), 25 (`none`) |
| `SOCIALKPI_SMTP_SECURITY` | `starttls`, `ssl` or `none` | `starttls` |
| `SOCIALKPI_SMTP_USER`, `SOCIALKPI_SMTP_PASSWORD` | login, when the server asks for one | none |
| `SOCIALKPI_SMTP_PASSWORD_FILE` | a file holding the password (Docker/systemd secrets) | |
| `SOCIALKPI_SMTP_FROM` | the sender address (required to send) | |
| `SOCIALKPI_SMTP_TIMEOUT` | seconds to wait for the server | 30 |
| `SOCIALKPI_SMTP_ATTEMPTS` | tries when the server is unreachable or answers 4xx | 4 |

A server that cannot be reached, drops the connection or answers with a temporary (4xx)
code is tried again after 2, 4, 8... seconds (tenacity's exponential wait, at most 60 s);
a permanent refusal (5xx: wrong login, unknown recipient) is not.
"""

from __future__ import annotations

import smtplib
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path

from tenacity import (
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from metrics.strategy_model import valid_address

SECURITY: tuple[str, ...] = ("starttls", "ssl", "none")
DEFAULT_PORTS: dict[str, int] = {"starttls": 587, "ssl": 465, "none": 25}
ENV_PREFIX = "SOCIALKPI_SMTP_"
MAX_WAIT_SECONDS = 60.0


class MailSettingsError(ValueError):
    """The SMTP settings are missing or wrong; `message` names the variable."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DeliveryFailed(RuntimeError):
    """The report could not be handed to the SMTP server; `message` says why (one line)."""

    def __init__(self, message: str, *, attempts: int) -> None:
        super().__init__(message)
        self.message = message
        self.attempts = attempts


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    sender: str
    port: int = 587
    security: str = "starttls"
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0
    attempts: int = 4

    def __repr__(self) -> str:  # never print a password in a log or a traceback
        hidden = "***" if self.password else None
        return (
            f"SmtpSettings(host={self.host!r}, port={self.port}, security={self.security!r}, "
            f"sender={self.sender!r}, user={self.user!r}, password={hidden!r})"
        )


def smtp_settings(environ: Mapping[str, str]) -> SmtpSettings:
    """The SMTP settings of an environment (`os.environ`), checked; MailSettingsError names
    the first variable that is missing or wrong."""

    def get(name: str) -> str:
        return environ.get(ENV_PREFIX + name, "").strip()

    host = get("HOST")
    if not host:
        raise MailSettingsError(f"{ENV_PREFIX}HOST is not set: the SMTP server to send through")
    sender = get("FROM")
    if not sender:
        raise MailSettingsError(f"{ENV_PREFIX}FROM is not set: the address reports come from")
    if not valid_address(sender):
        raise MailSettingsError(f"{ENV_PREFIX}FROM: {sender!r} is not an e-mail address")
    security = (get("SECURITY") or "starttls").lower()
    if security not in SECURITY:
        raise MailSettingsError(
            f"{ENV_PREFIX}SECURITY: {security!r} is not one of {', '.join(SECURITY)}"
        )
    port = _integer(get("PORT"), "PORT", DEFAULT_PORTS[security], low=1, high=65535)
    timeout = _integer(get("TIMEOUT"), "TIMEOUT", 30, low=1, high=600)
    attempts = _integer(get("ATTEMPTS"), "ATTEMPTS", 4, low=1, high=10)
    password = environ.get(ENV_PREFIX + "PASSWORD") or None
    password_file = get("PASSWORD_FILE")
    if password_file:
        try:
            password = Path(password_file).read_text(encoding="utf-8").strip() or None
        except OSError as exc:
            raise MailSettingsError(
                f"{ENV_PREFIX}PASSWORD_FILE: cannot read {password_file} ({exc.strerror})"
            ) from None
    user = get("USER") or None
    if password and not user:
        raise MailSettingsError(f"{ENV_PREFIX}USER is not set but a password is")
    return SmtpSettings(
        host=host,
        sender=sender,
        port=port,
        security=security,
        user=user,
        password=password,
        timeout=float(timeout),
        attempts=attempts,
    )


def _integer(text: str, name: str, default: int, *, low: int, high: int) -> int:
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise MailSettingsError(
            f"{ENV_PREFIX}{name}: {text!r} is not a whole number from {low} to {high}"
        )
    return value


@dataclass(frozen=True)
class Attachment:
    file_name: str
    content: bytes
    mime: str = "application/pdf"


def build_message(
    *,
    sender: str,
    recipients: Sequence[str],
    subject: str,
    body: str,
    attachments: Sequence[Attachment] = (),
    sender_name: str | None = None,
) -> EmailMessage:
    """A plain-text message (UTF-8) with its attachments."""
    # Python folds a header longer than 78 characters right after its name ("Subject:" then
    # a new line), which some readers show as a leading space; RFC 5322 allows 998.
    message = EmailMessage(policy=policy.default.clone(max_line_length=998))
    message["Subject"] = subject
    message["From"] = formataddr((sender_name, sender)) if sender_name else sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body)
    for item in attachments:
        maintype, _, subtype = item.mime.partition("/")
        message.add_attachment(
            item.content, maintype=maintype, subtype=subtype, filename=item.file_name
        )
    return message


def temporary(exc: BaseException) -> bool:
    """Worth another try: the server could not be reached or dropped us, or answered with a
    temporary (4xx) code. Wrong logins and refused recipients (5xx) are not."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError))


def _send_once(message: EmailMessage, settings: SmtpSettings) -> dict[str, tuple[int, bytes]]:
    context = ssl.create_default_context()
    if settings.security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    with client:
        if settings.security == "starttls":
            client.starttls(context=context)
        if settings.user:
            client.login(settings.user, settings.password or "")
        return client.send_message(message)


def send(
    message: EmailMessage,
    settings: SmtpSettings,
    *,
    sleep: Callable[[float], None] = time.sleep,
    wait_seconds: float = 2.0,
) -> list[str]:
    """Hand the message to the SMTP server, trying again on temporary faults (see
    `temporary`); returns the recipients the server refused (the others were accepted).
    Raises DeliveryFailed with a one-line reason when no try succeeded."""
    retrying = Retrying(
        stop=stop_after_attempt(settings.attempts),
        wait=wait_exponential(multiplier=wait_seconds, max=MAX_WAIT_SECONDS),
        retry=retry_if_exception(temporary),
        sleep=sleep,
        reraise=True,
    )
    try:
        refused = retrying(_send_once, message, settings)
    except (smtplib.SMTPException, OSError) as exc:
        tries = retrying.statistics.get("attempt_number", 1)
        raise DeliveryFailed(
            f"{settings.host}:{settings.port}: {_reason(exc)} "
            f"({tries} {'try' if tries == 1 else 'tries'})",
            attempts=tries,
        ) from None
    return sorted(refused)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "every recipient was refused: " + ", ".join(sorted(exc.recipients))
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "the server refused the login (check SOCIALKPI_SMTP_USER and the password)"
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if exc.smtp_error else ""
        return f"the server answered {exc.smtp_code} {' '.join(text.split())}".strip()
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is the SMTP server running?)"
    if isinstance(exc, TimeoutError):
        return "no answer from the server in time"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return " ".join(str(exc).split()) or type(exc).__name__
