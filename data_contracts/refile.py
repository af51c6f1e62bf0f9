"""Filing an upload under another account: the kept original bytes imported again under the
account the user chose, replacing what the earlier import stored, in one transaction.

Only an upload whose account the file itself does not name can be re-filed: one filed under
an assumed account (the only one of its platform socialkpi knew) or under the account a user
typed. Its facts are taken back, the facts it had replaced under the assumed account are put
back (`warehouse.replaced`), the same bytes are imported under the chosen account, and the
earlier import is marked `replaced` (its bytes and validation stay in the history). A
re-import that is rejected changes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine, select

from data_contracts.planning import NeedsAnswer
from data_contracts.problems import FileRejected, Problem
from data_contracts.results import FileResult
from data_contracts.workdirs import work_folder
from warehouse import audit
from warehouse.queries import import_blob, import_details
from warehouse.replaced import mark_replaced, take_back
from warehouse.schema import imports

NAMED_BY_FILE = ("file_column", "links", "file_name")


def _refuse(result: FileResult, code: str, message: str, **params: Any) -> FileResult:
    result.status = "rejected"
    result.problems = [Problem(code, message, file=result.path, params=params).as_dict()]
    return result


def refile_in(
    conn: Any,
    import_id: int,
    result: FileResult,
    *,
    account: str,
    platform: str | None,
    timezone: str,
    imported_by: str | None,
    today: date | None,
) -> None:
    """Re-file upload `import_id` under `account` inside the caller's transaction, filling
    `result` (the new import); raises FileRejected when it cannot be (the caller rolls back)."""
    from data_contracts.pipeline import load_into  # the pipeline imports this module

    details = import_details(conn, import_id)
    if details is None or details["status"] not in ("loaded", "partial"):
        raise FileRejected(
            Problem(
                "not_refileable",
                f"import #{import_id} holds no stored facts to file under another account",
                file=result.path,
                params={"reason": "nothing_stored", "import_id": import_id},
            )
        )
    provenance = details["validation"].get("provenance", {})
    if provenance.get("account_source") in NAMED_BY_FILE:
        raise FileRejected(
            Problem(
                "not_refileable",
                f"{details['file_name']} names its own account ({details['account']}); it cannot "
                "be filed under another one",
                file=details["file_name"],
                params={
                    "reason": "named_by_file",
                    "file": details["file_name"],
                    "account": details["account"],
                },
            )
        )
    blob = import_blob(conn, import_id)
    assert blob is not None
    name, content = blob
    members = [
        int(r.id)
        for r in conn.execute(select(imports.c.id).where(imports.c.parent_id == import_id))
    ]
    take_back(conn, [import_id, *members])
    with work_folder("refile") as folder:
        path = folder / "upload" / name
        path.parent.mkdir()
        path.write_bytes(content)
        work = folder / "work"
        work.mkdir()
        load_into(
            conn,
            path,
            work,
            result,
            digest=str(details["sha256"]),
            store_facts=True,
            account=account,
            platform=platform or details["platform"],
            timezone=timezone,
            today=today,
            progress=None,
            imported_by=imported_by,
        )
    assert result.import_id is not None
    mark_replaced(conn, [import_id, *members], result.import_id)


def refile_import(
    engine: Engine,
    import_id: int,
    *,
    account: str,
    platform: str | None = None,
    timezone: str = "UTC",
    imported_by: str | None = None,
    today: date | None = None,
    role: str | None = None,
) -> FileResult:
    """File upload `import_id` under `account` (see the module's docstring); the result is
    that of the new import, or `rejected` with the reason when nothing changed. The refiling
    is in the audit log (who, `role`), in its transaction."""
    with engine.connect() as conn:
        transaction = conn.begin()
        name = conn.execute(select(imports.c.file_name).where(imports.c.id == import_id)).scalar()
        result = FileResult(path=str(name or f"#{import_id}"))
        if not account.strip():
            transaction.rollback()
            result.needs_account = True
            return _refuse(
                result,
                "account_required",
                f"{result.path}: name the account to file it under",
                reason="no_account",
                file=result.path,
            )
        try:
            refile_in(
                conn,
                import_id,
                result,
                account=account.strip(),
                platform=platform,
                timezone=timezone,
                imported_by=imported_by,
                today=today,
            )
            audit.record(
                conn,
                who=imported_by or "command line",
                role=role,
                action="upload.refile",
                subject=result.path,
                before=f"import {import_id}",
                after=f"{result.status}: account {account.strip()} (import {result.import_id})",
            )
            transaction.commit()
        except FileRejected as exc:
            transaction.rollback()
            result.status, result.import_id, result.rows_loaded = "rejected", None, 0
            result.problems = [p.as_dict() for p in exc.problems]
            result.needs_account = isinstance(exc, NeedsAnswer)
    return result


def assumed_elsewhere(conn: Any, import_id: int, account: str | None) -> bool:
    """Upload `import_id` was filed under an assumed account and the user now names another:
    importing the same bytes again with that account re-files it."""
    if not account:
        return False
    details = import_details(conn, import_id)
    if details is None or details["parent_id"] is not None:
        return False
    provenance = details["validation"].get("provenance", {})
    return bool(provenance.get("account_assumed")) and details["account"] != account.strip()
