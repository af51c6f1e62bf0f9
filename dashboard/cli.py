"""The `socialkpi` command line (DESIGN.md "Command line"). Commands stay thin: each one
resolves its options and calls into data_contracts / metrics / reports. Heavy libraries
(Great Expectations, Streamlit, report builders) are imported inside the command that
needs them, so `socialkpi kpis` starts fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dashboard.i18n import _

app = typer.Typer(
    name="socialkpi",
    help=_("Monitoring and evaluation of social media strategies: exports in, KPIs out."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=_(
            "Database URL (else SOCIALKPI_DATABASE_URL, else an SQLite file in your data folder)."
        ),
        show_default=False,
    ),
]
StrategyOption = Annotated[
    Path | None,
    typer.Option(
        "--strategy",
        help=_(
            "Strategy file (else SOCIALKPI_STRATEGY, else ./strategy.yaml, else the sample strategy)."
        ),
        show_default=False,
    ),
]
# kpis, report and serve fall back on the warehouse's newest strategy version
# (metrics.strategy_source); import and validate read only the time zone from a file.
InForceStrategyOption = Annotated[
    Path | None,
    typer.Option(
        "--strategy",
        help=_(
            "Strategy file (else SOCIALKPI_STRATEGY, else ./strategy.yaml, else the newest "
            "version saved in the warehouse, else the sample strategy)."
        ),
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help=_("Print machine-readable JSON."))]
HostOption = Annotated[str, typer.Option("--host", help=_("Address to serve the dashboard on."))]
PortOption = Annotated[
    int | None,
    typer.Option(
        "--port",
        help=_("Port (else Streamlit's configuration, e.g. STREAMLIT_SERVER_PORT)."),
        show_default=False,
    ),
]
FilesArgument = Annotated[
    list[Path], typer.Argument(help=_("Export files (CSV, XLS, XLSX or ZIP)."), show_default=False)
]
AccountOption = Annotated[
    str | None,
    typer.Option(
        "--account", help=_("Account name for exports that do not name theirs."), show_default=False
    ),
]
ImportPlatformOption = Annotated[
    str | None,
    typer.Option(
        "--platform",
        help=_(
            "Platform for exports two platforms write (facebook, instagram, tiktok), when the "
            "file does not say."
        ),
        show_default=False,
    ),
]
PeriodOption = Annotated[
    str, typer.Option("--period", help=_("Period: 2026-10, 2026-Q4, 2026 or 2026-W43."))
]


@app.command(help=_("Fresh embedded database + sample data, then the dashboard."))
def demo(
    host: HostOption = "127.0.0.1",
    port: PortOption = None,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help=_("Start the dashboard after loading."))
    ] = True,
    db: DbOption = None,
) -> None:
    from dashboard.cli_serve import run_demo

    raise typer.Exit(run_demo(host=host, port=port, serve=serve, db=db))


@app.command(help=_("Dashboard on the configured database."))
def serve(
    host: HostOption = "127.0.0.1",
    port: PortOption = None,
    db: DbOption = None,
    strategy: InForceStrategyOption = None,
) -> None:
    from dashboard.cli_serve import run_serve

    raise typer.Exit(run_serve(host=host, port=port, db=db, strategy=strategy))


@app.command("import", help=_("Detect, parse, validate and store exports; a summary per file."))
def import_(
    files: FilesArgument,
    account: AccountOption = None,
    platform: ImportPlatformOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
    strategy: StrategyOption = None,
) -> None:
    from dashboard.cli_import import run_import

    raise typer.Exit(
        run_import(
            files,
            account=account,
            platform=platform,
            as_json=as_json,
            db=db,
            strategy=strategy,
            store=True,
        )
    )


@app.command(help=_("The same checks as import; stores nothing."))
def validate(
    files: FilesArgument,
    account: AccountOption = None,
    platform: ImportPlatformOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
    strategy: StrategyOption = None,
) -> None:
    from dashboard.cli_import import run_import

    raise typer.Exit(
        run_import(
            files,
            account=account,
            platform=platform,
            as_json=as_json,
            db=db,
            strategy=strategy,
            store=False,
        )
    )


@app.command(help=_("Every KPI of the strategy for a period, with target and status."))
def kpis(
    period: PeriodOption,
    strategy: InForceStrategyOption = None,
    platform: Annotated[
        list[str] | None,
        typer.Option("--platform", help=_("Only this platform (repeatable)."), show_default=False),
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    from dashboard.cli_kpis import run_kpis

    raise typer.Exit(
        run_kpis(period, strategy=strategy, platforms=platform, as_json=as_json, db=db)
    )


@app.command(help=_("The whole warehouse as one file (uploads, facts, reviews, strategy, audit)."))
def backup(
    file: Annotated[Path, typer.Argument(help=_("Where to write the backup."), show_default=False)],
    db: DbOption = None,
) -> None:
    from dashboard.cli_backup import run_backup

    raise typer.Exit(run_backup(file, db=db))


@app.command(help=_("Restore a backup into an empty database (admin)."))
def restore(
    file: Annotated[Path, typer.Argument(help=_("The backup to restore."), show_default=False)],
    author: Annotated[
        str, typer.Option("--author", help=_("Who restores (needs the admin role)."))
    ],
    db: DbOption = None,
) -> None:
    from dashboard.cli_backup import run_restore

    raise typer.Exit(run_restore(file, author=author, db=db))


@app.command(help=_("Where the strategy stands in the Social Strategy Cone, on evidence."))
def maturity(
    period: PeriodOption,
    strategy: InForceStrategyOption = None,
    self_score: Annotated[
        list[str] | None,
        typer.Option(
            "--self-score",
            help=_("A self-assessed element, ELEMENT=0..3 (repeatable)."),
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help=_(
                "Store the --self-score values as a new version of the self-assessment "
                "(needs --author, the editor role)."
            ),
        ),
    ] = False,
    author: Annotated[
        str | None,
        typer.Option("--author", help=_("Who assessed (with --record)."), show_default=False),
    ] = None,
    assessed_on: Annotated[
        str | None,
        typer.Option(
            "--assessed-on",
            help=_("The date assessed on, YYYY-MM-DD (with --record; default today)."),
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    from dashboard.cli_maturity import run_maturity

    raise typer.Exit(
        run_maturity(
            period,
            strategy=strategy,
            self_scores=self_score or [],
            as_json=as_json,
            db=db,
            record=record,
            author=author,
            assessed_on=assessed_on,
        )
    )


@app.command(
    help=_(
        "Executive report for a period: PDF, PowerPoint or Excel; --send e-mails each "
        "strategy's PDF to its recipients (SMTP settings: SOCIALKPI_SMTP_*)."
    )
)
def report(
    period: PeriodOption,
    format: Annotated[
        str | None,
        typer.Option(
            "--format", help=_("pdf, pptx or xlsx (with --send: pdf)."), show_default=False
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help=_("Where to write the report (optional with --send)."), show_default=False
        ),
    ] = None,
    strategy: InForceStrategyOption = None,
    db: DbOption = None,
    send: Annotated[
        bool,
        typer.Option(
            "--send",
            help=_(
                "E-mail each strategy's PDF to the recipients its strategy file names; a "
                "closed month is sent once per close."
            ),
        ),
    ] = False,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to",
            help=_("With --send: e-mail the whole report to this address instead (repeatable)."),
            show_default=False,
        ),
    ] = None,
) -> None:
    from dashboard.cli_report import run_report

    raise typer.Exit(
        run_report(period, fmt=format, out=out, strategy=strategy, db=db, send=send, to=to or [])
    )


strategy_app = typer.Typer(
    name="strategy",
    help=_("Strategy versions kept in the warehouse: list, export, import."),
    no_args_is_help=True,
)
app.add_typer(strategy_app)


@strategy_app.command(
    "versions", help=_("Every strategy version, newest first, with author, reason and changes.")
)
def strategy_versions(as_json: JsonOption = False, db: DbOption = None) -> None:
    from dashboard.cli_strategy import run_versions

    raise typer.Exit(run_versions(as_json=as_json, db=db))


@strategy_app.command(
    "export", help=_("Write a strategy version (default: the strategy in force) as YAML.")
)
def strategy_export(
    out: Annotated[Path, typer.Option("--out", help=_("Where to write the YAML file."))],
    version: Annotated[
        int | None,
        typer.Option("--version", help=_("Version number (see `strategy versions`)."), min=1),
    ] = None,
    strategy: InForceStrategyOption = None,
    db: DbOption = None,
) -> None:
    from dashboard.cli_strategy import run_export

    raise typer.Exit(run_export(out_path=out, version=version, strategy=strategy, db=db))


@strategy_app.command(
    "import", help=_("Check a strategy YAML file and keep it as the new version.")
)
def strategy_import(
    file: Annotated[Path, typer.Argument(help=_("Strategy YAML file."), show_default=False)],
    reason: Annotated[str, typer.Option("--reason", help=_("Why the strategy changes."))],
    author: Annotated[str, typer.Option("--author", help=_("Your name (roles: SOCIALKPI_ROLES)."))],
    db: DbOption = None,
) -> None:
    from dashboard.cli_strategy import run_import_version

    raise typer.Exit(run_import_version(file, reason=reason, author=author, db=db))


def main() -> None:
    """Console-script entry point. Usage errors exit 2 (Click's convention)."""
    app()


if __name__ == "__main__":
    main()
