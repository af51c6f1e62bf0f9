"""Backup and restore of the whole warehouse (warehouse/backup.py) as what people do: a
restore needs the admin role and is written to the audit log; a backup is a read and needs
none (every role may download what it can read)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from warehouse import audit
from warehouse.backup import Manifest, Progress, backup, restore
from workflows.roles import check

BACKUP_FILE = "backup"  # the `file` of a refusal's problem


def take_backup(engine: Engine, path: Path, progress: Progress | None = None) -> Manifest:
    return backup(engine, path, progress)


def restore_backup(
    engine: Engine,
    path: Path,
    *,
    actor: str,
    role: str | None = None,
    progress: Progress | None = None,
) -> Manifest:
    """Restore `path` into an empty database as `actor` (refused unless admin), then record
    who restored what in the restored audit log."""
    acting = check("backup.restore", actor, file=BACKUP_FILE, role=role)
    manifest = restore(engine, path, progress)
    rows = sum(manifest.tables.values())
    with engine.begin() as conn:
        audit.record(
            conn,
            who=actor,
            role=acting,
            action="backup.restore",
            subject=path.name,
            after=f"{rows} rows, schema {manifest.revision}, taken {manifest.created_at}",
        )
    return manifest
