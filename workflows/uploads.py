"""Uploading exports: the import pipeline behind the role check.

`data_contracts.pipeline.import_files` stores an upload in one transaction per file and
writes its audit log entry there; this asks first whether the uploader may upload at all
(`roles.WRITES["upload"]`: editors and admins), before a byte of the upload is read, so a
viewer's upload changes nothing and costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from data_contracts.pipeline import import_files
from data_contracts.refile import refile_import
from data_contracts.results import FileResult
from workflows.roles import check

UPLOAD_FILE = "upload"  # the `file` of a refusal's problem


def may_upload(actor: str, *, role: str | None = None) -> str | None:
    """The role `actor` uploads with; raises EditRefused (`not_allowed`) for a viewer."""
    return check("upload", actor, file=UPLOAD_FILE, role=role)


def upload(
    engine: Engine,
    paths: Sequence[Path | str],
    *,
    actor: str,
    role: str | None = None,
    **options: Any,
) -> list[FileResult]:
    """Import the uploaded files as `actor` (checked first); options as `import_files`."""
    acting = may_upload(actor, role=role)
    return import_files(engine, paths, imported_by=actor, role=acting, **options)


def refile(
    engine: Engine,
    import_id: int,
    *,
    actor: str,
    role: str | None = None,
    **options: Any,
) -> FileResult:
    """File an upload kept under an assumed account under another one, as `actor` (an
    upload: checked first); options as `data_contracts.refile.refile_import`."""
    acting = may_upload(actor, role=role)
    return refile_import(engine, import_id, imported_by=actor, role=acting, **options)
