"""`socialkpi kpis --period P [--strategy FILE] [--platform NAME] [--json]`.

Resolves the strategy and the database, computes the scorecard and prints it as a table or
as the JSON contract of DESIGN.md. Imports only metrics/warehouse (no Great Expectations,
Streamlit or report libraries), so it starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from dashboard.cli_database import EXIT_DATABASE, database_fault, open_for_cli, strategy_for_cli
from dashboard.formatting import format_value
from dashboard.i18n import _
from metrics.periods import Period, PeriodError
from metrics.scorecard import KpiResult, compute_scorecard
from metrics.strategy_model import ALL_PLATFORMS
from warehouse import json_text

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def kpis_json(period: Period, results: list[KpiResult]) -> dict[str, Any]:
    """The `kpis --json` object (DESIGN.md: a contract; `compared_with` and `coverage` extend
    it, docs/cli.md)."""
    return {
        "period": str(period),
        "kpis": [
            {
                "id": r.kpi_id,
                "objective": r.objective_id,
                "name": r.name,
                "value": r.value,
                "previous": r.previous,
                "target": r.target,
                "status": r.status,
                "unit": r.unit,
                "platforms": r.platforms,
                "compared_with": r.compared_with,
                "coverage": {
                    "done": r.coverage_done,
                    "total": r.coverage_total,
                    "unit": r.coverage_unit,
                    "in_progress": r.in_progress,
                },
            }
            for r in results
        ],
    }


def kpis_table(period: Period, results: list[KpiResult]) -> str:
    """A plain-text table: objective, KPI, value, previous, target, status."""
    header = [_("Objective"), _("KPI"), _("Value"), _("Previous"), _("Target"), _("Status")]
    rows = [
        [
            r.objective_id,
            r.name,
            format_value(r.value, r.unit),
            format_value(r.previous, r.unit),
            format_value(r.target, r.unit),
            _(r.status),
        ]
        for r in results
    ]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    numeric = {2, 3, 4}

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ).rstrip()

    title = _("KPIs for {period}").format(period=str(period))
    rule = "  ".join("-" * w for w in widths)
    return "\n".join([title, "", line(header), rule, *[line(r) for r in rows]])


def _error(stream: TextIO, message: str) -> None:
    print(message, file=stream)


def run_kpis(
    period: str,
    *,
    strategy: Path | None,
    platforms: list[str] | None,
    as_json: bool,
    db: str | None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Run the command; returns the exit code (0 done, 1 input rejected, 2 usage error)."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        _error(err, f"--period: {exc}")
        return EXIT_USAGE
    unknown = [p for p in platforms or [] if p not in ALL_PLATFORMS]
    if unknown:
        _error(
            err,
            f"--platform: unknown platform {unknown[0]!r}; expected one of: "
            + ", ".join(ALL_PLATFORMS),
        )
        return EXIT_USAGE

    from sqlalchemy.exc import SQLAlchemyError

    engine = open_for_cli(db, err)
    if engine is None:
        return EXIT_DATABASE
    strategy_file = strategy_for_cli(strategy, engine, err)
    if strategy_file is None:
        return EXIT_REJECTED
    try:
        results = compute_scorecard(engine, strategy_file, parsed, platforms=platforms or None)
    except SQLAlchemyError as exc:
        return database_fault(exc, err)
    finally:
        engine.dispose()

    if as_json:
        print(json_text.dumps(kpis_json(parsed, results), ensure_ascii=False, indent=2), file=out)
    else:
        print(kpis_table(parsed, results), file=out)
    return EXIT_OK
