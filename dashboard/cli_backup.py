"""`socialkpi backup FILE` and `socialkpi restore FILE --author NAME`: the whole warehouse
(original uploads, facts, review records, strategy versions, audit log) as one file that
moves between SQLite and PostgreSQL (docs/deploy.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from dashboard.cli_database import EXIT_DATABASE, database_fault, open_for_cli
from dashboard.i18n import _

EXIT_OK, EXIT_REJECTED = 0, 1


def _progress(err: TextIO):  # type: ignore[no-untyped-def]
    def show(table: str, rows: int) -> None:
        print(_("{table}: {rows} rows").format(table=table, rows=f"{rows:,}"), file=err)

    return show


def run_backup(path: Path, *, db: str | None, err: TextIO | None = None) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from warehouse.backup import BackupError
    from workflows.backup import take_backup

    err = err or sys.stderr
    engine = open_for_cli(db, err)
    if engine is None:
        return EXIT_DATABASE
    try:
        manifest = take_backup(engine, path, _progress(err))
    except BackupError as exc:
        print(f"{exc.code}: {exc}", file=err)
        return EXIT_REJECTED
    except OSError as exc:
        print(_("error: cannot write {path}: {reason}").format(path=path, reason=exc), file=err)
        return EXIT_REJECTED
    except SQLAlchemyError as exc:
        return database_fault(exc, err)
    finally:
        engine.dispose()
    rows = sum(manifest.tables.values())
    print(
        _("Backup written to {path}: {rows} rows in {tables} tables.").format(
            path=path, rows=f"{rows:,}", tables=len(manifest.tables)
        )
    )
    return EXIT_OK


def run_restore(path: Path, *, author: str, db: str | None, err: TextIO | None = None) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from metrics.strategy_edits import EditRefused
    from warehouse.backup import BackupError
    from warehouse.engine import DatabaseUnavailable, display_url, make_engine
    from warehouse.settings import resolve_database_url
    from workflows.backup import restore_backup

    err = err or sys.stderr
    if not path.is_file():
        print(_("error: {path}: no such file").format(path=path), file=err)
        return EXIT_REJECTED
    url = resolve_database_url(db)
    try:
        # not open_for_cli: that migrates to the newest schema, and a restore builds the
        # backup's own schema first
        engine = make_engine(url)
    except (DatabaseUnavailable, SQLAlchemyError, ValueError) as exc:
        return database_fault(exc, err)
    try:
        manifest = restore_backup(engine, path, actor=author, progress=_progress(err))
    except BackupError as exc:
        print(f"{exc.code}: {exc}", file=err)
        return EXIT_REJECTED
    except EditRefused as exc:
        for problem in exc.errors:
            print(f"{problem.code}: {problem.message}", file=err)
        return EXIT_REJECTED
    except SQLAlchemyError as exc:
        return database_fault(exc, err)
    finally:
        engine.dispose()
    rows = sum(manifest.tables.values())
    print(_("Restored {rows} rows into {url}.").format(rows=f"{rows:,}", url=display_url(url)))
    return EXIT_OK
