"""What people look at and take away, recorded: a sign-in, reports prepared for download.

Neither changes the figures, but a team wants to know who came in and who took the
executive report out (issue 14); each is one audit log entry in a transaction of its own.
"""

from __future__ import annotations

from sqlalchemy import Engine

from warehouse import audit


def record_login(engine: Engine, *, who: str, role: str, signed_in_at: str) -> bool:
    """`who` signed in (at `signed_in_at`, the identity token's time: every page load of
    the same sign-in names the same one) and acts with `role`. Recorded once per sign-in;
    True when this call recorded it."""
    subject = f"sign-in {signed_in_at}"
    with engine.begin() as conn:
        if audit.has_entry(conn, who=who, action="login", subject=subject):
            return False
        audit.record(conn, who=who, role=role, action="login", subject=subject, after=role)
    return True


def record_report_export(
    engine: Engine, *, who: str, role: str | None, period: str, formats: list[str]
) -> None:
    """`who` prepared the executive report of `period` in `formats` for download."""
    with engine.begin() as conn:
        audit.record(
            conn,
            who=who,
            role=role,
            action="report.export",
            subject=f"report {period}",
            after=", ".join(formats),
        )
