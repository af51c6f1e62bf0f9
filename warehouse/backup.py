"""The whole warehouse as one file, and back: original uploads, facts, review records,
strategy versions, the audit log.

The file is a ZIP: `manifest.json` (format, version, the schema revision, the row count
of every table) and one `tables/<name>.jsonl` per table, a JSON object per row. Values
that JSON cannot hold keep their type in a one-key object (`{"$dt": "2026-10-03T18:12:00"}`,
`{"$d": "2026-10-03"}`, `{"$b": "<base64>"}`), so a backup taken from SQLite restores into
PostgreSQL and the other way round. Tables are read from the database itself (reflected),
so a backup always holds what is stored, whatever the code's schema; a restore rebuilds the
schema at the backup's revision, inserts the rows parents first, then migrates to the
newest revision.
"""

from __future__ import annotations

import base64
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, func, insert, select, text

from warehouse.engine import current_revision, upgrade

FORMAT = "socialkpi-backup"
VERSION = 1
BATCH = 1_000
SKIPPED = frozenset({"alembic_version"})
Progress = Callable[[str, int], None]  # table, rows done


class BackupError(Exception):
    """A backup that cannot be restored here; `code` is stable, the message plain English."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Manifest:
    revision: str
    tables: dict[str, int]
    created_at: str


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$b": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Decimal):
        return float(value)
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((tag, raw),) = value.items()
        if tag == "$dt":
            return datetime.fromisoformat(raw)
        if tag == "$d":
            return date.fromisoformat(raw)
        if tag == "$b":
            return base64.b64decode(raw)
    return value


def _tables(engine: Engine) -> MetaData:
    meta = MetaData()
    meta.reflect(engine)
    return meta


def backup(engine: Engine, path: Path, progress: Progress | None = None) -> Manifest:
    """Write every table of the warehouse to `path` (one read transaction: a consistent
    copy while others keep working)."""
    revision = current_revision(engine)
    if revision is None:
        raise BackupError("empty_database", "the database holds no socialkpi warehouse")
    meta = _tables(engine)
    counts: dict[str, int] = {}
    partial = path.with_name(path.name + ".partial")
    with engine.connect() as conn, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
        for table in meta.sorted_tables:
            if table.name in SKIPPED:
                continue
            keys = [c for c in table.primary_key.columns] or list(table.columns)
            rows = conn.execute(select(table).order_by(*keys)).mappings()
            done = 0
            with zf.open(f"tables/{table.name}.jsonl", "w") as out:
                for row in rows:
                    line = {k: _encode(v) for k, v in row.items()}
                    out.write(json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n")
                    done += 1
                    if progress is not None and done % BATCH == 0:
                        progress(table.name, done)
            counts[table.name] = done
            if progress is not None:
                progress(table.name, done)
        manifest = Manifest(revision, counts, datetime.now().isoformat(timespec="seconds"))
        zf.writestr(
            "manifest.json",
            json.dumps(
                {
                    "format": FORMAT,
                    "version": VERSION,
                    "revision": manifest.revision,
                    "tables": manifest.tables,
                    "created_at": manifest.created_at,
                },
                indent=2,
            ),
        )
    partial.replace(path)
    return manifest


def read_manifest(path: Path) -> Manifest:
    try:
        with zipfile.ZipFile(path) as zf:
            data = json.loads(zf.read("manifest.json"))
    except (OSError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise BackupError("not_a_backup", f"{path.name} is not a socialkpi backup ({exc})") from exc
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise BackupError("not_a_backup", f"{path.name} is not a socialkpi backup of version 1")
    return Manifest(str(data["revision"]), dict(data["tables"]), str(data["created_at"]))


def _rows(zf: zipfile.ZipFile, name: str) -> Iterator[dict[str, Any]]:
    with zf.open(f"tables/{name}.jsonl") as lines:
        for line in lines:
            yield {k: _decode(v) for k, v in json.loads(line).items()}


def is_empty(engine: Engine) -> bool:
    """True when no table of the warehouse holds a row (a fresh or never-used database)."""
    meta = _tables(engine)
    with engine.connect() as conn:
        return all(
            conn.execute(select(func.count()).select_from(t)).scalar_one() == 0
            for t in meta.sorted_tables
            if t.name not in SKIPPED
        )


def restore(engine: Engine, path: Path, progress: Progress | None = None) -> Manifest:
    """Restore a backup into an empty database (refused otherwise: a restore never merges),
    in one transaction, then migrate it to the newest schema."""
    manifest = read_manifest(path)
    revision = current_revision(engine)
    if revision is not None and not is_empty(engine):
        raise BackupError(
            "database_not_empty",
            "restore needs an empty database; this one holds data (nothing was changed)",
        )
    if revision not in (None, manifest.revision):
        raise BackupError(
            "schema_differs",
            f"the backup holds schema {manifest.revision} and this empty database is at "
            f"{revision}: restore into a new database, which gets the backup's schema",
        )
    upgrade(engine, manifest.revision)
    meta = _tables(engine)
    with zipfile.ZipFile(path) as zf, engine.begin() as conn:
        for table in meta.sorted_tables:
            if table.name in SKIPPED or table.name not in manifest.tables:
                continue
            batch: list[dict[str, Any]] = []
            done = 0
            for row in _rows(zf, table.name):
                batch.append(row)
                if len(batch) == BATCH:
                    conn.execute(insert(table), batch)
                    done += len(batch)
                    batch = []
                    if progress is not None:
                        progress(table.name, done)
            if batch:
                conn.execute(insert(table), batch)
                done += len(batch)
            if done != manifest.tables[table.name]:
                raise BackupError(
                    "backup_damaged",
                    f"table {table.name}: {done} rows in the file, the manifest says "
                    f"{manifest.tables[table.name]} (nothing was restored)",
                )
            if progress is not None:
                progress(table.name, done)
        if conn.dialect.name == "postgresql":
            for table in meta.sorted_tables:
                column = table.c.get("id")
                if column is None or not column.autoincrement or table.name in SKIPPED:
                    continue
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )
                )
    upgrade(engine)
    return manifest
