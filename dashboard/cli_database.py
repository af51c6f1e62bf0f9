"""Opening the warehouse for a CLI command: one place, one exit code, one line.

Every command that reads or writes the warehouse opens it here, so a bad URL, a server that
is down, wrong credentials or a full disk read the same in `import`, `kpis`, `report`,
`strategy` and `serve`: one line on stderr, the password hidden, exit code 2 (the command
cannot run as configured; DESIGN.md: 2 = usage error). Faults met while a command runs
(the connection lost mid-way) are put the same way by `database_fault`.
"""

from __future__ import annotations

from typing import Any, TextIO

from dashboard.i18n import _

EXIT_DATABASE = 2


def open_for_cli(db: str | None, err: TextIO) -> Any | None:
    """The migrated warehouse of `--db` (else SOCIALKPI_DATABASE_URL, else the default
    file), or None after one line on `err` saying why it cannot be used."""
    from warehouse.engine import DatabaseUnavailable, DatabaseUrlError, open_database
    from warehouse.settings import resolve_database_url

    try:
        return open_database(resolve_database_url(db))
    except DatabaseUrlError as exc:
        print(_("error: --db: {problem}").format(problem=exc), file=err)
    except DatabaseUnavailable as exc:
        print(
            _("error: cannot open the database {url}: {reason}").format(
                url=exc.url, reason=exc.reason
            ),
            file=err,
        )
    return None


def database_fault(exc: BaseException, err: TextIO) -> int:
    """One line for a database fault met while a command ran; the exit code to return."""
    from warehouse.engine import fault_line

    print(_("error: the database failed: {reason}").format(reason=fault_line(exc)), file=err)
    return EXIT_DATABASE


def strategy_for_cli(strategy: Any, engine: Any, err: TextIO) -> Any | None:
    """The strategy in force for a command, in the order the dashboard and the reports use
    (--strategy, $SOCIALKPI_STRATEGY, ./strategy.yaml, the newest warehouse version, the
    sample); its warnings on stderr. None, with every problem on stderr and the engine
    disposed, when the file does not check out (the command exits 1)."""
    resolved = resolved_strategy_for_cli(strategy, engine, err)
    return None if resolved is None else resolved.strategy


def resolved_strategy_for_cli(strategy: Any, engine: Any, err: TextIO) -> Any | None:
    """As `strategy_for_cli`, with where the strategy came from (`.source.base_dir` is the
    folder its relative paths, such as a report logo, are read from)."""
    from metrics.problems import StrategyInvalid
    from metrics.strategy_source import resolve_strategy

    try:
        resolved = resolve_strategy(strategy, engine)
    except StrategyInvalid as exc:
        engine.dispose()
        for problem in exc.errors:
            print(str(problem), file=err)
        return None
    for warning in resolved.strategy.warnings:
        print(f"{warning} (warning)", file=err)
    return resolved
