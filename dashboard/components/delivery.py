"""The e-mail that follows a month close, worded for the page (reports.delivery sends it)."""

from __future__ import annotations

import os
from typing import Any

from dashboard import loaders
from dashboard.i18n import _
from metrics.periods import Period

DELIVERY_FLASH = "review_delivery_notes"  # shown once after the rerun that follows a close


def send_after_close(
    engine: Any,
    strategy_file: Any,
    period: Period,
    close_id: int,
    strategy_id: str | None,
    who: str,
) -> list[str]:
    """Send the closed month's report to the strategy's recipients (once per close) and
    say what happened, one line per strategy; nothing when no strategy names recipients."""
    from reports.delivery import deliver_close, recipients_of
    from reports.mail import MailSettingsError, smtp_settings

    if not recipients_of(strategy_file, strategy_id):
        return []
    try:
        settings = smtp_settings(os.environ)
    except MailSettingsError as exc:
        return [_("The report was not e-mailed: {reason}").format(reason=exc.message)]
    outcomes = deliver_close(
        engine,
        strategy_file,
        period,
        close_id=close_id,
        strategy_id=strategy_id,
        settings=settings,
        requested_by=who,
        strategy_dir=loaders.strategy_dir(),
    )
    notes = []
    for outcome in outcomes:
        if outcome.status in ("sent", "refused"):
            notes.append(
                _("The report was e-mailed to {recipients}.").format(
                    recipients=", ".join(outcome.recipients)
                )
            )
        if outcome.refused:
            notes.append(
                _("The mail server refused {refused}.").format(refused=", ".join(outcome.refused))
            )
        if outcome.status == "failed":
            notes.append(
                _(
                    "The report could not be e-mailed ({reason}); `socialkpi report --send` "
                    "sends it later."
                ).format(reason=outcome.reason)
            )
    return notes
