"""The import pipeline: detect → read → map → validate → store, one transaction per file.

Every upload's original bytes are kept with its validation result, rejected ones too; a
rejected file changes no fact. Identical bytes already loaded are reported as `duplicate`.
The steps live in their own modules: `planning` (contract, platform, account, period),
`loading` (chunks mapped, checked and quarantined), `sink` (what is stored) and `progress`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from data_contracts.loading import load_upload
from data_contracts.model import all_contracts
from data_contracts.planning import NEEDS_ACCOUNT, NeedsAnswer, Plan, plan_file
from data_contracts.problems import FileRejected, Problem, one_line, reject
from data_contracts.progress import Progress, UploadProgress
from data_contracts.refile import assumed_elsewhere, refile_in
from data_contracts.results import FileResult
from data_contracts.sink import Sink
from data_contracts.workdirs import sweep_once, work_folder
from warehouse import audit, store
from warehouse.engine import fault_line, import_lock, is_environment_fault

__all__ = ["FileResult", "Progress", "import_files", "validate_files"]


def _order(paths: Sequence[Path]) -> list[int]:
    """Files that name their account first, so a whole folder imports in one go."""
    patterns = [p for c in all_contracts() if c.id in NEEDS_ACCOUNT for p in c.file_names]

    def needs(path: Path) -> int:
        return int(any(re.search(p, path.name, re.IGNORECASE) for p in patterns))

    return sorted(range(len(paths)), key=lambda i: (needs(paths[i]), i))


def import_files(
    engine: Engine | None,
    paths: Sequence[Path | str],
    *,
    account: str | None = None,
    timezone: str = "UTC",
    store: bool = True,
    progress: Progress | None = None,
    on_file_done: Callable[[Path], None] | None = None,
    imported_by: str | None = None,
    platform: str | None = None,
    today: date | None = None,
    role: str | None = None,
) -> list[FileResult]:
    """Import (or with store=False only validate) every path; results in the given order.

    `account` and `platform` are the user's answers for exports that do not say (the file's
    own word wins); `today` is the last resort for the year of year-less dates. Each stored
    import (loaded, partial or rejected) writes its audit log entry, naming `imported_by` and
    `role` (the uploader's, when a login gives one), in its transaction."""
    do_store = store
    sweep_once()  # the working folders of an import that was killed
    path_list = [Path(p) for p in paths]
    results: list[FileResult | None] = [None] * len(path_list)
    for index in _order(path_list):
        path = path_list[index]
        results[index] = _one(
            engine,
            path,
            account=account,
            timezone=timezone,
            do_store=do_store,
            progress=progress,
            imported_by=imported_by,
            platform=platform,
            today=today,
            role=role,
        )
        if on_file_done is not None:
            on_file_done(path)
    return [r for r in results if r is not None]


def validate_files(
    engine: Engine | None, paths: Sequence[Path | str], **kwargs: Any
) -> list[FileResult]:
    return import_files(engine, paths, store=False, **kwargs)


def _one(
    engine: Engine | None,
    path: Path,
    *,
    account: str | None,
    timezone: str,
    do_store: bool,
    progress: Progress | None,
    imported_by: str | None,
    platform: str | None = None,
    today: date | None = None,
    role: str | None = None,
) -> FileResult:
    result = FileResult(path=str(path))
    try:
        digest = store.sha256_of_file(path)  # read in pieces: the file is never held whole
    except OSError as exc:
        result.problems = [
            Problem(
                "unreadable", f"{path.name}: cannot be read ({exc.strerror})", file=path.name
            ).as_dict()
        ]
        return result
    if engine is None:
        conn_cm: Any = nullcontext(_NoDatabase())
    else:
        conn_cm = engine.connect()
    # Imports into one SQLite file wait for each other instead of timing out (validation
    # writes nothing and does not wait).
    lock = import_lock(engine) if engine is not None and do_store else nullcontext()
    try:
        with lock, conn_cm as conn:
            _import_one(
                conn,
                engine,
                path,
                digest,
                result,
                account=account,
                timezone=timezone,
                do_store=do_store,
                progress=progress,
                imported_by=imported_by,
                platform=platform,
                today=today,
                role=role,
            )
    except Exception as exc:  # the database or the machine failed, not the file
        if not is_environment_fault(exc):
            raise
        result.status, result.rows_loaded, result.import_id = "rejected", 0, None
        result.problems = [
            Problem(
                "database_unavailable",
                f"{one_line(path.name)}: not imported, nothing was stored: {fault_line(exc)}; "
                "try again when the database is available",
                file=path.name,
            ).as_dict()
        ]
    return result


def _import_one(
    conn: Any,
    engine: Engine | None,
    path: Path,
    digest: str,
    result: FileResult,
    *,
    account: str | None,
    timezone: str,
    do_store: bool,
    progress: Progress | None,
    imported_by: str | None,
    platform: str | None,
    today: date | None,
    role: str | None = None,
) -> None:
    """One file in one transaction: stored whole, or rejected with its reasons recorded.
    Faults of the database or the machine propagate (nothing is recorded against the file)."""
    with work_folder("import") as work:
        transaction = conn.begin() if engine is not None else None
        if (
            do_store
            and transaction is not None
            and (earlier := store.find_loaded_import(conn, digest)) is not None
        ):
            if assumed_elsewhere(conn, earlier, account):  # the same bytes, now with an account
                assert account is not None
                try:
                    refile_in(
                        conn,
                        earlier,
                        result,
                        account=account.strip(),
                        platform=platform,
                        timezone=timezone,
                        imported_by=imported_by,
                        today=today,
                    )
                    transaction.commit()
                except FileRejected as exc:
                    transaction.rollback()
                    result.status, result.import_id, result.rows_loaded = "rejected", None, 0
                    result.problems = [p.as_dict() for p in exc.problems]
                    result.needs_account = isinstance(exc, NeedsAnswer)
                return
            transaction.rollback()
            result.status, result.import_id = "duplicate", earlier
            return
        try:
            load_into(
                conn,
                path,
                work,
                result,
                digest=digest,
                store_facts=do_store and engine is not None,
                account=account,
                platform=platform,
                timezone=timezone,
                today=today,
                progress=progress,
                imported_by=imported_by,
            )
            if do_store and engine is not None:
                _audit(conn, path, result, imported_by, role)
            if transaction is not None:
                transaction.commit() if do_store else transaction.rollback()
        except Exception as exc:  # every failure becomes a one-line problem, never a traceback
            if transaction is not None:
                transaction.rollback()
            if is_environment_fault(exc):
                raise
            if isinstance(exc, NeedsAnswer):  # recognised: say what it is, ask the rest
                result.format, result.platform = exc.format, exc.platform
                result.needs_account = True
            if not isinstance(exc, FileRejected):
                exc = reject(
                    "unreadable",
                    f"{one_line(path.name)}: could not be read as an export "
                    f"({type(exc).__name__}: {fault_line(exc)})",
                    file=path.name,
                )
            result.status = "rejected"
            result.rows_loaded = 0
            result.import_id = None
            result.problems = [p.as_dict() for p in exc.problems]
            result.warnings, result.warnings_count = [], 0  # nothing stored: nothing to warn of
            if do_store and engine is not None:
                with conn.begin():
                    store.save_blob_from_file(conn, path, digest)
                    result.import_id = store.record_import(
                        conn,
                        store.ImportRecord(
                            file_name=path.name,
                            sha256=digest,
                            status="rejected",
                            format=result.format,
                            platform=result.platform,
                            account=result.account,
                            rows_read=result.rows_read,
                            rows_rejected=result.rows_rejected,
                            imported_by=imported_by,
                            validation={"problems": result.problems, "notes": result.notes},
                        ),
                    )
                    _audit(conn, path, result, imported_by, role)


def _audit(
    conn: Any, path: Path, result: FileResult, imported_by: str | None, role: str | None
) -> None:
    """The upload's audit log entry, in the transaction that stores the import."""
    audit.record(
        conn,
        who=imported_by or "command line",
        role=role,
        action="upload",
        subject=one_line(path.name),
        after=f"{result.status}: {result.rows_loaded} rows loaded, {result.rows_rejected} set "
        f"aside (import {result.import_id})",
    )


def load_into(
    conn: Any,
    path: Path,
    work: Path,
    result: FileResult,
    *,
    digest: str,
    store_facts: bool,
    account: str | None,
    platform: str | None,
    timezone: str,
    today: date | None,
    progress: Progress | None,
    imported_by: str | None,
) -> None:
    """Plan, check and (with `store_facts`) store one upload inside the caller's transaction,
    filling `result`; raises FileRejected when the file is rejected (the caller rolls back)."""
    plans = plan_file(
        conn, path, work, account=account, timezone=timezone, platform=platform, today=today
    )
    _describe(result, plans)
    sink = Sink(
        conn,
        enabled=store_facts,
        upload_name=path.name,
        digest=digest,
        imported_by=imported_by,
        is_zip=any(p.unit.member is not None for p in plans),
    )
    if sink.enabled:
        store.save_blob_from_file(conn, path, digest)
    tracker = UploadProgress(progress, path, plans) if progress is not None else None
    load_upload(path, plans, tracker, result, sink)
    result.status = "partial" if result.rows_rejected else "loaded"
    starts = [t.period[0] for t in sink.targets if t.period[0]]
    ends = [t.period[1] for t in sink.targets if t.period[1]]
    result.period_start, result.period_end = min(starts, default=None), max(ends, default=None)


def _describe(result: FileResult, plans: list[Plan]) -> None:
    """Where the upload's platform, account and year came from (its first table's, as for
    the format, platform and account of the result)."""
    first = plans[0].provenance
    result.account_source = first.account_source
    result.account_assumed = any(p.provenance.account_assumed for p in plans)
    result.platform_source = first.platform_source
    anchored = next((p.provenance for p in plans if p.provenance.year_source), None)
    if anchored is not None:
        result.year_source, result.year_anchor = anchored.year_source, anchored.year_anchor


class _NoDatabase:
    """Validation without a database: no account is known."""

    dialect = None

    def execute(self, *_: Any, **__: Any) -> list[Any]:
        return []
