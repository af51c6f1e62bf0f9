"""`socialkpi report --period P --format pdf|pptx|xlsx --out PATH [--strategy FILE] [--db URL]`.

Builds the review pack of the period (frozen figures when the period is closed) and writes
the executive report in the strategy's language. Report libraries are imported here, only
when the command runs. Exit codes: 0 done, 1 input rejected, 2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from dashboard.cli_database import EXIT_DATABASE, database_fault, open_for_cli
from dashboard.i18n import _
from metrics.periods import Period, PeriodError
from metrics.problems import StrategyInvalid
from metrics.strategy_source import resolve_strategy

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
    fmt: str,
    out: Path,
    strategy: Path | None,
    db: str | None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command; returns the exit code."""
    stdout = stdout or sys.stdout
    err = stderr or sys.stderr
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
    try:
        # The same order as the dashboard and `kpis`: --strategy, $SOCIALKPI_STRATEGY,
        # ./strategy.yaml, the newest warehouse version, the sample.
        resolved = resolve_strategy(strategy, engine)
    except StrategyInvalid as exc:
        engine.dispose()
        for problem in exc.errors:
            print(str(problem), file=err)
        return EXIT_REJECTED
    strategy_file = resolved.strategy
    for warning in strategy_file.warnings:
        print(f"{warning} (warning)", file=err)
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
