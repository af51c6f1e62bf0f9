"""`socialkpi report --period P --format pdf|pptx|xlsx --out PATH [--strategy FILE] [--db URL]`
and `socialkpi report --period P --send [--to ADDRESS]...`.

Builds the review pack of the period (frozen figures when the period is closed) and writes
the executive report in the strategy's language; with --send, e-mails each strategy's PDF to
its recipients (reports.delivery). Report libraries are imported here, only when the command
runs. Exit codes: 0 done, 1 input rejected (or a report that could not be sent), 2 usage
error (also SMTP settings that are missing or wrong).
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from dashboard.cli_database import (
    EXIT_DATABASE,
    database_fault,
    open_for_cli,
    resolved_strategy_for_cli,
)
from dashboard.i18n import _
from metrics.periods import Period, PeriodError

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
FORMATS: tuple[str, ...] = ("pdf", "pptx", "xlsx")


def _builder(fmt: str) -> Callable[..., bytes]:
    if fmt == "pdf":
        from reports.pdf_report import build_pdf

        return build_pdf
    if fmt == "pptx":
        from reports.pptx_report import build_pptx

        return build_pptx
    from reports.xlsx_report import build_xlsx

    return build_xlsx


def output_path(out: Path, period: Period, fmt: str) -> Path:
    """`out` itself, or a file named after the period inside `out` when it is a folder."""
    if out.is_dir():
        return out / f"socialkpi-report-{period}.{fmt}"
    return out


def run_report(
    period: str,
    *,
    fmt: str | None,
    out: Path | None,
    strategy: Path | None,
    db: str | None,
    send: bool = False,
    to: Sequence[str] = (),
    environ: Mapping[str, str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    sleep: Callable[[float], None] | None = None,
) -> int:
    """Run the command; returns the exit code."""
    stdout = stdout or sys.stdout
    err = stderr or sys.stderr
    if to and not send:
        print(_("--to: give --send too (the addresses receive the report by e-mail)"), file=err)
        return EXIT_USAGE
    if send:
        return _run_send(
            period,
            fmt=fmt,
            out=out,
            strategy=strategy,
            db=db,
            to=to,
            environ=os.environ if environ is None else environ,
            stdout=stdout,
            err=err,
            sleep=sleep,
        )
    if fmt is None or out is None:
        missing = "--format" if fmt is None else "--out"
        print(_("{option} is required (or --send)").format(option=missing), file=err)
        return EXIT_USAGE
    fmt = (fmt or "").strip().lower().lstrip(".")
    if fmt not in FORMATS:
        print(
            _("--format: unknown format {fmt!r}; expected one of: {formats}").format(
                fmt=fmt, formats=", ".join(FORMATS)
            ),
            file=err,
        )
        return EXIT_USAGE
    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        print(f"--period: {exc}", file=err)
        return EXIT_USAGE

    target = output_path(out, parsed, fmt)
    if not target.parent.is_dir():
        print(_("--out: folder {folder} does not exist").format(folder=target.parent), file=err)
        return EXIT_REJECTED

    from sqlalchemy.exc import SQLAlchemyError

    from reports.branding import BrandingError
    from reports.errors import ReportBuildError
    from reports.review_pack import build_review_pack

    engine = open_for_cli(db, err)
    if engine is None:
        return EXIT_DATABASE
    # The same order as the dashboard and `kpis`: --strategy, $SOCIALKPI_STRATEGY,
    # ./strategy.yaml, the newest warehouse version, the sample.
    resolved = resolved_strategy_for_cli(strategy, engine, err)
    if resolved is None:
        return EXIT_REJECTED
    strategy_file = resolved.strategy
    try:
        pack = build_review_pack(
            engine, strategy_file, parsed, strategy_dir=resolved.source.base_dir
        )
        content = _builder(fmt)(pack)
    except BrandingError as exc:
        print(exc.message, file=err)
        return EXIT_REJECTED
    except ReportBuildError as exc:
        print(exc.message, file=err)
        return EXIT_REJECTED
    except SQLAlchemyError as exc:
        return database_fault(exc, err)
    finally:
        engine.dispose()
    try:
        target.write_bytes(content)
    except OSError as exc:
        print(
            _("--out: cannot write {path}: {reason}").format(path=target, reason=exc.strerror),
            file=err,
        )
        return EXIT_REJECTED
    kpis = len(pack.kpis())
    print(
        _("{path}: {fmt} report of {period} ({kpis} KPIs, {size} bytes)").format(
            path=target, fmt=fmt, period=parsed, kpis=kpis, size=len(content)
        ),
        file=stdout,
    )
    return EXIT_OK


def _run_send(
    period: str,
    *,
    fmt: str | None,
    out: Path | None,
    strategy: Path | None,
    db: str | None,
    to: Sequence[str],
    environ: Mapping[str, str],
    stdout: TextIO,
    err: TextIO,
    sleep: Callable[[float], None] | None,
) -> int:
    """`--send`: each strategy's PDF to its recipients (or the whole report to --to)."""
    if fmt is not None and fmt.strip().lower().lstrip(".") != "pdf":
        print(_("--send: the report is sent as a PDF; leave out --format or give pdf"), file=err)
        return EXIT_USAGE
    if out is not None:
        code = run_report(
            period, fmt="pdf", out=out, strategy=strategy, db=db, stdout=stdout, stderr=err
        )
        if code != EXIT_OK:
            return code
    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        print(f"--period: {exc}", file=err)
        return EXIT_USAGE
    from metrics.strategy_model import valid_address
    from reports.mail import MailSettingsError, smtp_settings

    wrong = [a for a in to if not valid_address(a)]
    if wrong:
        print(_("--to: {address!r} is not an e-mail address").format(address=wrong[0]), file=err)
        return EXIT_USAGE
    try:
        settings = smtp_settings(environ)
    except MailSettingsError as exc:
        print(exc.message, file=err)
        return EXIT_USAGE

    from sqlalchemy.exc import SQLAlchemyError

    from reports.branding import BrandingError
    from reports.delivery import send_reports
    from reports.errors import ReportBuildError

    engine = open_for_cli(db, err)
    if engine is None:
        return EXIT_DATABASE
    resolved = resolved_strategy_for_cli(strategy, engine, err)
    if resolved is None:
        return EXIT_REJECTED
    strategy_file = resolved.strategy
    try:
        outcomes = send_reports(
            engine,
            strategy_file,
            parsed,
            settings=settings,
            requested_by=_("command line ({user})").format(user=getpass.getuser()),
            to=list(to),
            strategy_dir=resolved.source.base_dir,
            **({} if sleep is None else {"sleep": sleep}),
        )
    except (BrandingError, ReportBuildError) as exc:
        print(exc.message, file=err)
        return EXIT_REJECTED
    except SQLAlchemyError as exc:
        return database_fault(exc, err)
    finally:
        engine.dispose()
    code = EXIT_OK
    for outcome in outcomes:
        name = outcome.strategy_id or _("all strategies")
        if outcome.status in ("sent", "refused"):
            print(
                _("{strategy}: {period} report sent to {recipients}").format(
                    strategy=name, period=parsed, recipients=", ".join(outcome.recipients)
                ),
                file=stdout,
            )
            if outcome.refused:
                print(
                    _("{strategy}: the server refused {refused}").format(
                        strategy=name, refused=", ".join(outcome.refused)
                    ),
                    file=err,
                )
                code = EXIT_REJECTED
        elif outcome.status == "already_sent":
            print(
                _("{strategy}: {period} was closed and its report already sent").format(
                    strategy=name, period=parsed
                ),
                file=stdout,
            )
        elif outcome.status == "no_recipients":
            print(
                _(
                    "{strategy}: no recipients (add recipients: to the strategy in the "
                    "strategy file, or give --to)"
                ).format(strategy=name),
                file=err,
            )
        else:
            print(
                _("{strategy}: not sent: {reason}").format(strategy=name, reason=outcome.reason),
                file=err,
            )
            code = EXIT_REJECTED
    if all(o.status == "no_recipients" for o in outcomes):
        code = EXIT_REJECTED
    return code
