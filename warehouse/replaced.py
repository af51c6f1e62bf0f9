"""Taking an import back: its facts removed, and the facts it had replaced put back.

An export that does not name its account may be filed under an assumed one (the only account
of its platform already known). Such an import keeps the rows it replaces in
`replaced_facts` (`keep_replaced`, called by the pipeline's sink before each write). When
the user files the export under another account, `take_back` removes the import's facts and
what it was recorded to cover, restores the rows it had replaced wherever no later import has
written since, and brings the rollups of every account it touched up to date, inside the
caller's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Date, DateTime, Table, delete, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite

from warehouse.rollups import refresh_account_rollups
from warehouse.schema import (
    day_values,
    import_coverage,
    imports,
    messages,
    posts,
    replaced_facts,
)

FACT_TABLES: dict[str, Table] = {"posts": posts, "day_values": day_values, "messages": messages}
KEYS: dict[str, tuple[str, ...]] = {
    "posts": ("platform", "account", "post_id"),
    "day_values": ("platform", "account", "date", "measure"),
    "messages": ("platform", "account", "message_id"),
}
BATCH = 500


def _day(value: Any) -> date:
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    return value  # type: ignore[no-any-return]


def _encode(row: dict[str, Any]) -> str:
    return json.dumps(
        {k: v.isoformat() if isinstance(v, date | datetime) else v for k, v in row.items()},
        ensure_ascii=False,
    )


def _decode(table: Table, text: str) -> dict[str, Any]:
    row = json.loads(text)
    for column in table.columns:
        value = row.get(column.name)
        if value is None:
            continue
        if isinstance(column.type, DateTime):
            row[column.name] = datetime.fromisoformat(value)
        elif isinstance(column.type, Date):
            row[column.name] = date.fromisoformat(value)
    return row


def _stored_rows(
    conn: Connection, name: str, frame: pd.DataFrame, measures: Sequence[str]
) -> list[dict[str, Any]]:
    """The stored rows that `frame` (a chunk about to be written) would replace."""
    table = FACT_TABLES[name]
    if frame.empty:
        return []
    found: list[dict[str, Any]] = []
    if name == "day_values":
        if not measures:
            return []
        for (platform, account), group in frame.groupby(["platform", "account"], sort=False):
            days = sorted({_day(d) for d in group["date"] if not pd.isna(d)})
            for start in range(0, len(days), BATCH):
                stmt = select(table).where(
                    table.c.platform == platform,
                    table.c.account == account,
                    table.c.date.in_(days[start : start + BATCH]),
                    table.c.measure.in_(list(measures)),
                )
                found.extend(dict(r._mapping) for r in conn.execute(stmt))
        return found
    key = KEYS[name]
    tuples = list(dict.fromkeys(tuple(r) for r in frame[list(key)].itertuples(index=False)))
    columns = tuple_(*(table.c[k] for k in key))
    for start in range(0, len(tuples), BATCH):
        stmt = select(table).where(columns.in_(tuples[start : start + BATCH]))
        found.extend(dict(r._mapping) for r in conn.execute(stmt))
    return found


def keep_replaced(
    conn: Connection, import_id: int, grain: str, frame: pd.DataFrame, measures: Sequence[str] = ()
) -> int:
    """Keep, for `import_id`, the stored rows that writing `frame` (post, day or message
    grain) is about to replace; rows the import itself wrote earlier are not kept. Returns
    how many rows were kept."""
    name = {"post": "posts", "day": "day_values", "message": "messages"}[grain]
    rows = [r for r in _stored_rows(conn, name, frame, measures) if r["import_id"] != import_id]
    payload = [{"import_id": import_id, "fact_table": name, "row": _encode(r)} for r in rows]
    for start in range(0, len(payload), BATCH):
        conn.execute(replaced_facts.insert(), payload[start : start + BATCH])
    return len(payload)


def _insert_missing(conn: Connection, table: Table, name: str, rows: list[dict[str, Any]]) -> None:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    for start in range(0, len(rows), BATCH):
        stmt = dialect.insert(table).on_conflict_do_nothing(index_elements=list(KEYS[name]))
        conn.execute(stmt, rows[start : start + BATCH])


def take_back(conn: Connection, import_ids: Iterable[int]) -> set[tuple[str, str]]:
    """Remove the facts of `import_ids` and restore the rows they had replaced (where no
    other import has written the same key since); refresh the rollups of every account
    touched. Returns those (platform, account) pairs."""
    ids = list(import_ids)
    touched: set[tuple[str, str]] = set()
    for table in FACT_TABLES.values():
        pairs = conn.execute(
            select(table.c.platform, table.c.account).where(table.c.import_id.in_(ids)).distinct()
        )
        touched.update((p, a) for p, a in pairs)
        conn.execute(delete(table).where(table.c.import_id.in_(ids)))
    kept = conn.execute(
        select(replaced_facts.c.fact_table, replaced_facts.c.row)
        .where(replaced_facts.c.import_id.in_(ids))
        .order_by(replaced_facts.c.id)
    ).all()
    restored: dict[str, list[dict[str, Any]]] = {}
    for name, text in kept:
        row = _decode(FACT_TABLES[name], text)
        restored.setdefault(name, []).append(row)
        touched.add((row["platform"], row["account"]))
    for name, rows in restored.items():
        _insert_missing(conn, FACT_TABLES[name], name, rows)
    conn.execute(delete(replaced_facts).where(replaced_facts.c.import_id.in_(ids)))
    # taken back, the imports cover nothing any more (a month they alone covered is no data)
    conn.execute(delete(import_coverage).where(import_coverage.c.import_id.in_(ids)))
    for platform, account in sorted(touched):
        refresh_account_rollups(conn, platform, account)
    return touched


def _validation(conn: Connection, import_id: int) -> dict[str, Any]:
    text = conn.execute(select(imports.c.validation).where(imports.c.id == import_id)).scalar()
    return json.loads(text or "{}")


def mark_replaced(conn: Connection, import_ids: Sequence[int], by: int) -> None:
    """The imports `import_ids` were filed again as import `by`: status `replaced`, and each
    one's validation names the import that replaced it (and `by`'s names the first)."""
    for import_id in import_ids:
        validation = {**_validation(conn, import_id), "replaced_by": by}
        conn.execute(
            update(imports)
            .where(imports.c.id == import_id)
            .values(status="replaced", validation=json.dumps(validation, ensure_ascii=False))
        )
    validation = {**_validation(conn, by), "replaces": import_ids[0]}
    conn.execute(
        update(imports)
        .where(imports.c.id == by)
        .values(validation=json.dumps(validation, default=str, ensure_ascii=False))
    )


def assumed_imports(conn: Connection) -> pd.DataFrame:
    """Uploads (not ZIP members) still filed under an assumed account, newest first: id,
    file_name, format, platform, account, imported_at."""
    stmt = (
        select(
            imports.c.id,
            imports.c.file_name,
            imports.c.format,
            imports.c.platform,
            imports.c.account,
            imports.c.imported_at,
            imports.c.validation,
        )
        .where(
            imports.c.parent_id.is_(None),
            imports.c.status.in_(("loaded", "partial")),
            imports.c.validation.like('%"account_assumed": true%'),
        )
        .order_by(imports.c.id.desc())
    )
    rows = [
        {k: v for k, v in r._mapping.items() if k != "validation"}
        for r in conn.execute(stmt)
        if json.loads(r.validation or "{}").get("provenance", {}).get("account_assumed")
    ]
    columns = ["id", "file_name", "format", "platform", "account", "imported_at"]
    return pd.DataFrame(rows, columns=columns)
