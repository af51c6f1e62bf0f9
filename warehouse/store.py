"""Writers: every function takes a Connection inside the caller's transaction.

One imported file is one transaction: the pipeline opens it, calls these, and commits or
rolls back as a whole, so a rejected file changes nothing.
"""

from __future__ import annotations

import hashlib
import math
import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Table,
    column,
    delete,
    func,
    literal,
    literal_column,
    select,
)
from sqlalchemy import table as table_clause
from sqlalchemy.dialects import postgresql, sqlite

from warehouse import json_text
from warehouse.schema import (
    DAY_MEASURES,
    MESSAGE_ATTRIBUTES,
    MESSAGE_MEASURES,
    POST_ATTRIBUTES,
    POST_MEASURES,
    blobs,
    day_values,
    import_coverage,
    imports,
    messages,
    posts,
    quarantine,
)

BATCH_ROWS = 5_000
BLOB_CHUNK_BYTES = 8 * 1024**2
SQLITE_BULK_CACHE_KIB = 64 * 1024  # page cache of a connection that writes an import
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's storage format for SQLite DATETIME


@dataclass(frozen=True)
class ImportRecord:
    """One upload (a file, or a member of an uploaded ZIP) and what became of it."""

    file_name: str
    sha256: str
    status: str
    format: str | None = None
    platform: str | None = None
    account: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    period_start: date | None = None
    period_end: date | None = None
    imported_at: datetime | None = None
    imported_by: str | None = None
    validation: dict[str, Any] = field(default_factory=dict)
    parent_id: int | None = None


@dataclass(frozen=True)
class QuarantinedRow:
    """A row kept out of the facts, with every reason and the cells as they were read."""

    row_number: int
    reasons: list[dict[str, Any]]
    raw: dict[str, Any]


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def sha256_of_file(path: Path, chunk_bytes: int = BLOB_CHUNK_BYTES) -> str:
    """The sha256 of a file, read in pieces (the file is never held whole in memory)."""
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(chunk_bytes):
            digest.update(chunk)
    return digest.hexdigest()


def save_blob(conn: Connection, content: bytes) -> str:
    """Keep the original bytes of an upload; returns their sha256. Idempotent."""
    digest = sha256_of(content)
    exists = conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == digest)).first()
    if exists is None:
        conn.execute(blobs.insert().values(sha256=digest, content=content, size_bytes=len(content)))
    return digest


def save_blob_from_file(
    conn: Connection,
    path: Path,
    digest: str | None = None,
    chunk_bytes: int = BLOB_CHUNK_BYTES,
) -> str:
    """`save_blob` for an upload on disk, streamed: the file's bytes are never held whole.

    SQLite: a zero-filled blob of the file's size is inserted, then written piece by piece
    through incremental blob I/O (`content` is the table's last column since migration
    0005, so SQLite never builds the zeros in memory). PostgreSQL: the row is sent with a binary `COPY`, the
    bytes written piece by piece. `digest` (the file's sha256, computed when None) is checked
    against the bytes as they are copied: a file that changed meanwhile raises ValueError
    and the caller's transaction is rolled back. Returns the sha256. Idempotent.
    """
    if digest is None:
        digest = sha256_of_file(path, chunk_bytes)
    exists = conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == digest)).first()
    if exists is not None:
        return digest
    size = path.stat().st_size
    raw = conn.connection.dbapi_connection
    copied = hashlib.sha256()
    with path.open("rb") as source:
        if conn.dialect.name == "sqlite" and hasattr(raw, "blobopen"):
            conn.execute(
                blobs.insert().values(sha256=digest, content=func.zeroblob(size), size_bytes=size)
            )
            rowid = conn.execute(
                select(literal_column("rowid")).select_from(blobs).where(blobs.c.sha256 == digest)
            ).scalar_one()
            with raw.blobopen("blobs", "content", rowid) as blob:
                written = 0
                while written < size and (chunk := source.read(min(chunk_bytes, size - written))):
                    blob.write(chunk)
                    copied.update(chunk)
                    written += len(chunk)
        elif conn.dialect.name == "postgresql":
            _copy_blob_postgres(raw, source, digest, size, copied, chunk_bytes)
        else:  # pragma: no cover - make_engine refuses other backends
            content = source.read()
            copied.update(content)
            conn.execute(blobs.insert().values(sha256=digest, content=content, size_bytes=size))
        if source.read(1):
            raise ValueError(f"{path.name} grew while it was being stored")
    if copied.hexdigest() != digest:
        raise ValueError(f"{path.name} changed while it was being stored")
    return digest


def _copy_blob_postgres(
    raw: Any, source: BinaryIO, digest: str, size: int, copied: Any, chunk_bytes: int
) -> None:
    """One `blobs` row through `COPY ... (FORMAT BINARY)`, the content streamed in pieces:
    PGCOPY header, a 3-field tuple (text, bytea as raw bytes, int8), the end marker."""
    sha = digest.encode("ascii")
    with (
        raw.cursor() as cursor,
        cursor.copy("COPY blobs (sha256, content, size_bytes) FROM STDIN (FORMAT BINARY)") as copy,
    ):
        copy.write(b"PGCOPY\n\xff\r\n\x00" + struct.pack("!ii", 0, 0))
        copy.write(struct.pack("!hi", 3, len(sha)) + sha + struct.pack("!i", size))
        written = 0
        while written < size and (chunk := source.read(min(chunk_bytes, size - written))):
            copy.write(chunk)
            copied.update(chunk)
            written += len(chunk)
        if written != size:
            raise ValueError("the file shrank while it was being stored")
        copy.write(struct.pack("!iqh", 8, size, -1))


def find_loaded_import(conn: Connection, sha256: str) -> int | None:
    """The id of an earlier import of the same bytes that stored facts, if any."""
    row = conn.execute(
        select(imports.c.id)
        .where(imports.c.sha256 == sha256, imports.c.status.in_(("loaded", "partial")))
        .order_by(imports.c.id)
        .limit(1)
    ).first()
    return None if row is None else int(row.id)


def record_import(conn: Connection, rec: ImportRecord) -> int:
    values = {
        "file_name": rec.file_name,
        "sha256": rec.sha256,
        "status": rec.status,
        "format": rec.format,
        "platform": rec.platform,
        "account": rec.account,
        "rows_read": rec.rows_read,
        "rows_loaded": rec.rows_loaded,
        "rows_rejected": rec.rows_rejected,
        "period_start": rec.period_start,
        "period_end": rec.period_end,
        "imported_at": rec.imported_at or datetime.now().replace(microsecond=0),
        "imported_by": rec.imported_by,
        "validation": json_text.dumps(rec.validation, default=str, ensure_ascii=False),
        "parent_id": rec.parent_id,
    }
    result = conn.execute(imports.insert().values(**values))
    return int(result.inserted_primary_key[0])


def update_import_counts(
    conn: Connection,
    import_id: int,
    *,
    status: str,
    rows_loaded: int,
    rows_rejected: int,
    validation: dict[str, Any] | None = None,
    rows_read: int | None = None,
) -> None:
    """Set the outcome of an import once its rows are stored."""
    values: dict[str, Any] = {
        "status": status,
        "rows_loaded": rows_loaded,
        "rows_rejected": rows_rejected,
    }
    if rows_read is not None:
        values["rows_read"] = rows_read
    if validation is not None:
        values["validation"] = json_text.dumps(validation, default=str, ensure_ascii=False)
    conn.execute(imports.update().where(imports.c.id == import_id).values(**values))


def _plain(value: Any) -> Any:
    """A database-ready Python value: NaN/NaT/NA become None, numpy/pandas scalars unwrap."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime()
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        return value.item()
    return value


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None), date, datetime})


def _column_values(series: pd.Series) -> list[Any]:
    """A column as database-ready Python values, converted a column at a time.

    Typed columns (numbers, datetimes) convert in one vectorised step; object columns
    whose values are already plain (text and None, as the import produces) are taken
    as they are, and only other object columns go through `_plain` value by value.
    """
    missing = series.isna().to_numpy()
    if series.dtype == object:
        values = series.tolist()
        if set(map(type, values)) <= _PLAIN_TYPES:
            if not missing.any():
                return values
            return [None if gone else v for v, gone in zip(values, missing, strict=True)]
        return [None if gone else _plain(v) for v, gone in zip(values, missing, strict=True)]
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        values = pd.Series(series.dt.to_pydatetime(), index=series.index, dtype=object).tolist()
    else:
        values = series.astype(object).tolist()
    if not missing.any():
        return values
    return [None if gone else v for v, gone in zip(values, missing, strict=True)]


Column = list[Any] | pd.Series


def _columns(frame: pd.DataFrame, names: Sequence[str]) -> dict[str, Column]:
    """Columns as value lists; naive datetime columns stay Series, for `_datetime_values`."""
    return {
        name: frame[name]
        if isinstance(frame[name].dtype, np.dtype) and frame[name].dtype.kind == "M"
        else _column_values(frame[name])
        for name in names
    }


def _datetime_values(series: pd.Series, process: Any) -> list[Any]:
    """A naive datetime column as bind values. When the dialect stores datetimes as text
    (SQLite), the text is written in one vectorised step, in the format of the dialect's
    own bind processor (checked on the first value; otherwise value by value)."""
    missing = series.isna().to_numpy()
    if process is not None and not missing.all():
        text = series.dt.strftime(SQLITE_DATETIME)
        first = int(np.argmin(missing))
        if process(series.iloc[first].to_pydatetime()) == text.iloc[first]:
            values = text.astype(object).tolist()
            return [None if gone else v for v, gone in zip(values, missing, strict=True)]
    values = _column_values(series)
    if process is None:
        return values
    return [None if v is None else process(v) for v in values]


def _batches(rows: Sequence[Any], size: int = BATCH_ROWS) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _upsert(
    conn: Connection,
    table: Table,
    columns: dict[str, Column],
    key: Sequence[str],
    update_columns: Sequence[str],
    export_end: date | None = None,
) -> int:
    """Insert rows given as column lists; on a key conflict overwrite `update_columns`
    (the latest export wins).

    With `export_end` (the last day the incoming export covers) a stored row is replaced
    only when the import that supplied it covers an older or equal end (ties: the later
    import wins) or an unknown one, so an older export imported late changes nothing.

    The statement is compiled once with positional parameters and sent to the driver's
    `executemany` with plain tuples: no per-row dictionaries or per-row parameter
    processing in SQLAlchemy; only columns whose type needs it (dates on SQLite) are
    converted, value by value, with the dialect's own bind processor.
    """
    dialect = conn.dialect
    if dialect.name == "postgresql":
        staged = _copy_columns(table, columns)
        if staged is not None:
            return _upsert_copy(conn, table, staged, key, update_columns, export_end)
        insert = postgresql.insert
        positional = _positional_postgresql()
    elif dialect.name == "sqlite":
        insert = sqlite.insert
        positional = dialect
        _bulk_cache(conn)
    else:  # pragma: no cover - make_engine refuses other backends
        raise ValueError(f"unsupported database dialect {dialect.name!r}")
    names = list(columns)
    stmt = insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=list(key),
        set_={name: stmt.excluded[name] for name in update_columns},
        where=None if export_end is None else _not_newer_than(table, export_end),
    )
    compiled = stmt.compile(dialect=positional, column_keys=names)
    assert compiled.positiontup is not None
    count = len(columns[names[0]]) if names else 0
    ordered: list[Any] = []
    for name in compiled.positiontup:
        bind = compiled.binds[name]
        process = bind.type._cached_bind_processor(positional)
        if name in columns:
            given = columns[name]
            if isinstance(given, pd.Series):
                values = _datetime_values(given, process)
            elif process is not None:
                values = [None if v is None else process(v) for v in given]
            else:
                values = given
        else:  # a constant of the statement, such as export_end
            constant = compiled.params[name]
            values = [constant if process is None else process(constant)] * count
        ordered.append(values)
    rows = list(zip(*ordered, strict=True))
    for batch in _batches(rows):
        conn.exec_driver_sql(compiled.string, list(batch))
    return count


# What a binary COPY accepts per column type, checked on every value before a COPY is
# used: for these the COPY stores exactly what the parameters of an INSERT would.
_COPY_TYPES: dict[str, tuple[str, frozenset[type]]] = {
    "STRING": ("text", frozenset({str})),
    "TEXT": ("text", frozenset({str})),
    "FLOAT": ("float8", frozenset({float})),
    "INTEGER": ("int4", frozenset({int})),
    "DATE": ("date", frozenset({date})),
    "DATETIME": ("timestamp", frozenset({datetime})),
}
STAGE_TABLE = "socialkpi_stage"


@dataclass(frozen=True)
class _Staged:
    """Columns ready for a binary COPY: plain values and the PostgreSQL type of each."""

    values: dict[str, list[Any]]
    types: list[str]
    count: int


def _copy_columns(table: Table, columns: dict[str, Column]) -> _Staged | None:
    """The columns as values a binary COPY takes, or None when a value is not of the one
    Python type that maps onto its column exactly (an int in a float column, an aware
    datetime, a number in a text column, ...): those rows go through the parameterised
    INSERT, which lets the server convert them as it always has."""
    values: dict[str, list[Any]] = {}
    types: list[str] = []
    for name, given in columns.items():
        kind = type(table.c[name].type).__visit_name__.upper()
        if kind not in _COPY_TYPES:
            return None
        pg_type, allowed = _COPY_TYPES[kind]
        if isinstance(given, pd.Series):  # a naive numpy datetime column: naive datetimes
            plain = _column_values(given)
        else:
            plain = given
            found = set(map(type, plain))
            found.discard(type(None))
            if not found <= allowed:
                return None
            if pg_type == "timestamp" and any(
                v is not None and v.tzinfo is not None for v in plain
            ):
                return None
        values[name] = plain
        types.append(pg_type)
    count = len(next(iter(values.values()))) if values else 0
    return _Staged(values, types, count)


def _upsert_copy(
    conn: Connection,
    table: Table,
    staged: _Staged,
    key: Sequence[str],
    update_columns: Sequence[str],
    export_end: date | None,
) -> int:
    """`_upsert` on PostgreSQL: the rows are sent with a binary COPY into a temporary table,
    then merged by one `INSERT ... SELECT ... ON CONFLICT DO UPDATE ... WHERE` with the same
    update list and export_end condition as the row-by-row statement.

    A key given twice is merged in rounds (its first occurrence, then its second, ...),
    because one INSERT may not touch a row twice; round by round the outcome is that of
    the rows applied in order, as `executemany` applied them.
    """
    if staged.count == 0:
        return 0
    names = list(staged.values)
    stage = table_clause(STAGE_TABLE, *(column(name) for name in names))
    stmt = postgresql.insert(table).from_select(names, select(*(stage.c[n] for n in names)))
    stmt = stmt.on_conflict_do_update(
        index_elements=list(key),
        set_={name: stmt.excluded[name] for name in update_columns},
        where=None if export_end is None else _not_newer_than(table, export_end),
    )
    quoted = ", ".join(f'"{name}"' for name in names)
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {STAGE_TABLE}")
    conn.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {STAGE_TABLE} ON COMMIT DROP AS "
        f'SELECT {quoted} FROM "{table.name}" WITH NO DATA'
    )
    raw: Any = conn.connection.dbapi_connection  # psycopg's own connection
    rows = list(zip(*staged.values.values(), strict=True))
    for batch in _rounds(staged, key, rows):
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {STAGE_TABLE} ({quoted}) FROM STDIN (FORMAT BINARY)") as copy,
        ):
            copy.set_types(staged.types)
            for row in batch:
                copy.write_row(row)
        conn.execute(stmt)
        conn.exec_driver_sql(f"TRUNCATE {STAGE_TABLE}")
    conn.exec_driver_sql(f"DROP TABLE {STAGE_TABLE}")
    return staged.count


def _rounds(staged: _Staged, key: Sequence[str], rows: list[tuple[Any, ...]]) -> list[list[Any]]:
    """The rows in rounds in which every key occurs once: round k holds each key's
    (k+1)-th occurrence, in the order given. One round when no key repeats."""
    keys = pd.DataFrame({name: staged.values[name] for name in key})
    if not keys.duplicated().any():
        return [rows]
    occurrence = keys.groupby(list(key), sort=False, dropna=False).cumcount().to_numpy()
    return [
        [rows[i] for i in np.flatnonzero(occurrence == k)] for k in range(int(occurrence.max()) + 1)
    ]


def _bulk_cache(conn: Connection) -> None:
    """Give SQLite's page cache room for a large import's B-tree pages (index pages of a
    transaction that outgrow the default 2 MB cache spill to the WAL and are read back,
    which tripled the insert time at 1,000,000 posts). Per connection; never shrinks it."""
    size = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    if size is not None and (size < 0 and -size < SQLITE_BULK_CACHE_KIB):
        conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_BULK_CACHE_KIB}")


@cache
def _positional_postgresql() -> Any:
    """psycopg's dialect compiling `%s` placeholders, so rows can be sent as tuples."""
    return postgresql.psycopg.dialect(paramstyle="format")


def _not_newer_than(table: Table, export_end: date) -> ColumnElement[bool]:
    """The stored row's import covers an end on or before `export_end` (or an unknown one)."""
    stored_import = literal_column(f"{table.name}.import_id")  # the row already stored
    current_end = (
        select(imports.c.period_end).where(imports.c.id == stored_import).scalar_subquery()
    )
    unknown = literal(date.min, Date)
    return func.coalesce(current_end, unknown) <= literal(export_end, Date)


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} frame lacks key column(s): {', '.join(missing)}")


def upsert_posts(
    conn: Connection, frame: pd.DataFrame, import_id: int, export_end: date | None = None
) -> int:
    """Store post-grain rows; columns absent from `frame` are left as they were.
    `export_end`: see `_upsert` (None: the incoming rows always win)."""
    key = ("platform", "account", "post_id")
    _require(frame, key, "post")
    supplied = [c for c in (*POST_ATTRIBUTES, *POST_MEASURES) if c in frame.columns]
    columns = _columns(frame, [*key, *supplied])
    columns["import_id"] = [import_id] * len(frame)
    return _upsert(conn, posts, columns, key, [*supplied, "import_id"], export_end)


def upsert_day_values(
    conn: Connection, frame: pd.DataFrame, import_id: int, export_end: date | None = None
) -> int:
    """Store a wide account-day frame as one row per measure; returns the rows (days) stored.
    `export_end`: see `_upsert` (None: the incoming rows always win)."""
    key = ("platform", "account", "date")
    _require(frame, key, "account-day")
    measures = [m for m in DAY_MEASURES if m in frame.columns]
    if not measures or frame.empty:
        return 0

    if pd.api.types.is_datetime64_any_dtype(frame["date"].dtype):
        days = frame["date"].dt.date
    else:
        days = frame["date"].map(lambda d: d.date() if isinstance(d, datetime) else d)
    base = _columns(frame.assign(date=days), key)
    n = len(frame)
    columns: dict[str, list[Any]] = {
        "platform": base["platform"] * len(measures),
        "account": base["account"] * len(measures),
        "date": base["date"] * len(measures),
        "measure": [m for m in measures for _ in range(n)],
        "value": [v for m in measures for v in _column_values(frame[m])],
        "import_id": [import_id] * (n * len(measures)),
    }
    _upsert(
        conn,
        day_values,
        columns,
        ("platform", "account", "date", "measure"),
        ("value", "import_id"),
        export_end,
    )
    return len(frame)


def upsert_messages(
    conn: Connection, frame: pd.DataFrame, import_id: int, export_end: date | None = None
) -> int:
    key = ("platform", "account", "message_id")
    _require(frame, key, "message")
    supplied = [c for c in (*MESSAGE_ATTRIBUTES, *MESSAGE_MEASURES) if c in frame.columns]
    columns = _columns(frame, [*key, *supplied])
    columns["import_id"] = [import_id] * len(frame)
    return _upsert(conn, messages, columns, key, [*supplied, "import_id"], export_end)


def save_quarantine(conn: Connection, import_id: int, rows: Sequence[QuarantinedRow]) -> int:
    payload = [
        {
            "import_id": import_id,
            "row_number": row.row_number,
            "reasons": json_text.dumps(
                row.reasons, nonfinite="text", default=str, ensure_ascii=False
            ),
            "raw": json_text.dumps(
                {k: _plain(v) for k, v in row.raw.items()},
                nonfinite="text",
                default=str,
                ensure_ascii=False,
            ),
        }
        for row in rows
    ]
    for batch in _batches(payload):
        conn.execute(quarantine.insert(), batch)
    return len(payload)


@dataclass(frozen=True)
class Coverage:
    """What one import covers at one grain for one account: the days from `first_day` to
    `last_day` and the measures it reports with a value (in vocabulary order)."""

    grain: str
    platform: str
    account: str
    first_day: date
    last_day: date
    measures: tuple[str, ...]


Reported = dict[tuple[str, str, str], set[str]]  # (grain, platform, account) -> measures
MEASURES_OF_GRAIN: dict[str, tuple[str, ...]] = {
    "post": POST_MEASURES,
    "day": DAY_MEASURES,
    "message": MESSAGE_MEASURES,
}


def note_reported(reported: Reported, grain: str, frame: pd.DataFrame) -> None:
    """Add to `reported` the accounts of a frame of checked rows about to be stored, and
    the measures each reports with a value (an import's rows pass through here chunk by
    chunk; `record_coverage` writes the result)."""
    if frame.empty or "platform" not in frame.columns or "account" not in frame.columns:
        return
    measures = [m for m in MEASURES_OF_GRAIN[grain] if m in frame.columns]
    keys = frame[["platform", "account"]].astype(object)
    if measures:
        held = frame[measures].notna().groupby([keys["platform"], keys["account"]]).any()
        for (platform, account), row in held.iterrows():
            names = reported.setdefault((grain, str(platform), str(account)), set())
            names.update(m for m in measures if bool(row[m]))
        return
    for platform, account in keys.drop_duplicates().itertuples(index=False):
        reported.setdefault((grain, str(platform), str(account)), set())


def _day_of(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def record_coverage(conn: Connection, import_id: int, reported: Reported) -> list[Coverage]:
    """Record what an import covers: for each grain and account it read rows of (see
    `note_reported`), the import's period (the export's own, else the days its rows span)
    and the measures reported with a value. Replaces what was recorded for the import
    before. A period that an export of the grain covers but that holds no row then counts 0
    for those measures (DESIGN.md); the rows need not have been stored (an older export
    imported late leaves newer rows in place but still covers its period)."""
    period = conn.execute(
        select(imports.c.period_start, imports.c.period_end).where(imports.c.id == import_id)
    ).first()
    first_day = _day_of(period.period_start) if period is not None else None
    last_day = _day_of(period.period_end) if period is not None else None
    found: list[Coverage] = []
    if first_day is not None and last_day is not None and first_day <= last_day:
        for (grain, platform, account), names in sorted(reported.items()):
            measures = tuple(m for m in MEASURES_OF_GRAIN[grain] if m in names)
            found.append(Coverage(grain, platform, account, first_day, last_day, measures))
    conn.execute(delete(import_coverage).where(import_coverage.c.import_id == import_id))
    if found:
        conn.execute(
            import_coverage.insert(),
            [
                {
                    "import_id": import_id,
                    "grain": c.grain,
                    "platform": c.platform,
                    "account": c.account,
                    "first_day": c.first_day,
                    "last_day": c.last_day,
                    "measures": ",".join(c.measures),
                }
                for c in found
            ],
        )
    return found


def known_accounts(conn: Connection, platform: str) -> list[str]:
    """Accounts of `platform` that already have stored facts or loaded imports."""
    names: set[str] = set()
    for table in (posts, messages):
        names.update(
            r[0]
            for r in conn.execute(
                select(table.c.account).where(table.c.platform == platform).distinct()
            )
        )
    names.update(
        r[0]
        for r in conn.execute(
            select(day_values.c.account).where(day_values.c.platform == platform).distinct()
        )
    )
    return sorted(names)
