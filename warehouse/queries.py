"""Readers of what the warehouse holds about imports, for the dashboard and reports.

KPI arithmetic lives in metrics/; these are the plain listings around it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, case, exists, func, select, union_all

from warehouse.rollups import rollup_is_current
from warehouse.schema import (
    DAY_MEASURES,
    PLATFORMS,
    blobs,
    day_month_rollup,
    day_values,
    import_coverage,
    imports,
    messages,
    post_month_all_types,
    posts,
    quarantine,
)


def data_version(conn: Connection) -> str:
    """Changes whenever an import lands (or is recorded); caches key on it."""
    row = conn.execute(select(func.count(imports.c.id), func.max(imports.c.id))).one()
    return f"{row[0]}:{row[1] or 0}"


def list_imports(conn: Connection, limit: int | None = None) -> pd.DataFrame:
    """Import history, newest first."""
    stmt = select(
        imports.c.id,
        imports.c.imported_at,
        imports.c.file_name,
        imports.c.format,
        imports.c.platform,
        imports.c.account,
        imports.c.status,
        imports.c.rows_read,
        imports.c.rows_loaded,
        imports.c.rows_rejected,
        imports.c.period_start,
        imports.c.period_end,
        imports.c.sha256,
        imports.c.parent_id,
    ).order_by(imports.c.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return pd.DataFrame(
        conn.execute(stmt).mappings().all(), columns=list(stmt.selected_columns.keys())
    )


def import_details(conn: Connection, import_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(imports).where(imports.c.id == import_id)).mappings().first()
    if row is None:
        return None
    details = dict(row)
    details["validation"] = json.loads(details["validation"] or "{}")
    return details


def import_blob(conn: Connection, import_id: int) -> tuple[str, bytes] | None:
    """The original file name and bytes of an import, exactly as uploaded."""
    row = conn.execute(
        select(imports.c.file_name, blobs.c.content)
        .join(blobs, blobs.c.sha256 == imports.c.sha256)
        .where(imports.c.id == import_id)
    ).first()
    return None if row is None else (row.file_name, bytes(row.content))


def quarantined_rows(conn: Connection, import_id: int) -> pd.DataFrame:
    rows = conn.execute(
        select(quarantine.c.row_number, quarantine.c.reasons, quarantine.c.raw)
        .where(quarantine.c.import_id == import_id)
        .order_by(quarantine.c.row_number)
    ).all()
    return pd.DataFrame(
        [
            {"row_number": r.row_number, "reasons": json.loads(r.reasons), "raw": json.loads(r.raw)}
            for r in rows
        ],
        columns=["row_number", "reasons", "raw"],
    )


def day_frame(
    conn: Connection,
    *,
    start: date | None = None,
    end: date | None = None,
    platforms: list[str] | None = None,
) -> pd.DataFrame:
    """Account-day facts in their wide canonical shape (one row per platform/account/date)."""
    present = [
        func.max(case((day_values.c.measure == m, day_values.c.value))).label(m)
        for m in DAY_MEASURES
    ]
    stmt = select(
        day_values.c.platform, day_values.c.account, day_values.c.date, *present
    ).group_by(day_values.c.platform, day_values.c.account, day_values.c.date)
    if start is not None:
        stmt = stmt.where(day_values.c.date >= start)
    if end is not None:
        stmt = stmt.where(day_values.c.date <= end)
    if platforms:
        stmt = stmt.where(day_values.c.platform.in_(platforms))
    stmt = stmt.order_by(day_values.c.platform, day_values.c.account, day_values.c.date)
    frame = pd.DataFrame(
        conn.execute(stmt).mappings().all(), columns=list(stmt.selected_columns.keys())
    )
    if not frame.empty:
        frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def coverage(conn: Connection) -> pd.DataFrame:
    """Which months each account has facts for: platform, account, month, posts, days.

    Posts and account-days are counted from the month rollups while they are current
    (`warehouse.rollups`: a few thousand rows, where grouping the fact tables read every
    post and account-day, 5-19 s on a warehouse of a million posts); from the facts
    otherwise. Messages are counted from their table."""
    if rollup_is_current(conn):
        rolled, days = post_month_all_types, day_month_rollup
        post_rows = _per_month(
            conn, rolled, rolled.c.month, func.sum(rolled.c.posts), rolled.c.month.is_not(None)
        )
        day_rows = _per_month(conn, days, days.c.month, func.sum(days.c.days))
    else:
        when = posts.c.published_at
        post_rows = _per_month(conn, posts, when, func.count(), when.is_not(None))
        day = day_values.c.date
        day_rows = _per_month(conn, day_values, day, func.count(func.distinct(day)))
    received = messages.c.received_at
    message_rows = _per_month(conn, messages, received, func.count(), received.is_not(None))
    table: dict[tuple[str, str, str], dict[str, Any]] = {}
    for kind, rows in (("posts", post_rows), ("days", day_rows), ("messages", message_rows)):
        for platform, account, month, n in rows:
            table.setdefault((platform, account, month), {})[kind] = int(n)
    records = [
        {
            "platform": p,
            "account": a,
            "month": m,
            "posts": v.get("posts", 0),
            "days": v.get("days", 0),
            "messages": v.get("messages", 0),
        }
        for (p, a, m), v in sorted(table.items())
    ]
    return pd.DataFrame(
        records, columns=["platform", "account", "month", "posts", "days", "messages"]
    )


def covered_months(conn: Connection) -> set[tuple[str, str, str]]:
    """(platform, account, 'YYYY-MM') of every month that imports cover whole for an account
    (any grain; import_coverage): such a month without facts is a fact (nothing published),
    not a gap in the data."""
    spans: dict[tuple[str, str], list[tuple[date, date]]] = {}
    for platform, account, first, last in conn.execute(
        select(
            import_coverage.c.platform,
            import_coverage.c.account,
            import_coverage.c.first_day,
            import_coverage.c.last_day,
        )
    ):
        spans.setdefault((platform, account), []).append((_day(first), _day(last)))
    covered: set[tuple[str, str, str]] = set()
    for (platform, account), ranges in spans.items():
        merged: list[tuple[date, date]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1] + timedelta(days=1):
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        for start, end in merged:
            month = date(start.year, start.month, 1)
            while month <= end:
                following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
                if start <= month and following - timedelta(days=1) <= end:
                    covered.add((platform, account, f"{month.year:04d}-{month.month:02d}"))
                month = following
    return covered


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _per_month(conn: Connection, table: Any, when: Any, count: Any, *where: Any) -> Sequence[Any]:
    """(platform, account, 'YYYY-MM' of `when`, `count`) rows of `table`."""
    month = func.substr(func.cast(when, _text_type()), 1, 7)
    return conn.execute(
        select(table.c.platform, table.c.account, month, count)
        .where(*where)
        .group_by(table.c.platform, table.c.account, month)
    ).all()


def _text_type():  # type: ignore[no-untyped-def]
    from sqlalchemy import String

    return String()


def platforms_with_data(conn: Connection) -> list[str]:
    """Platforms with any stored fact, by indexed EXISTS lookups (cheap on a large warehouse)."""
    found = []
    for platform in PLATFORMS:
        for table in (posts, day_values, messages):
            stmt = select(exists().where(table.c.platform == platform))
            if conn.execute(stmt).scalar():
                found.append(platform)
                break
    return found


def latest_fact_day(conn: Connection) -> date | None:
    """The newest day any fact covers (posts, account-days, messages); None when empty.

    Cheap on a large warehouse, unlike `coverage`: each MAX is an index lookup. Account-days
    are asked per measure, because their date index leads with the measure: a MAX over
    every measure at once would read the whole index (0.4 s on 2,000,000 values).
    """
    newest_day = union_all(
        *(
            select(func.max(day_values.c.date).label("day")).where(day_values.c.measure == m)
            for m in DAY_MEASURES
        )
    ).subquery()
    candidates = [
        conn.execute(select(func.max(posts.c.published_at))).scalar(),
        conn.execute(select(func.max(newest_day.c.day))).scalar(),
        conn.execute(select(func.max(messages.c.received_at))).scalar(),
    ]
    days = [pd.Timestamp(value).date() for value in candidates if value is not None]
    return max(days) if days else None


def count_rows(engine: Engine) -> dict[str, int]:
    """Row counts per fact table (for summaries and tests)."""
    with engine.connect() as conn:
        return {
            "posts": conn.execute(select(func.count()).select_from(posts)).scalar_one(),
            "day_values": conn.execute(select(func.count()).select_from(day_values)).scalar_one(),
            "messages": conn.execute(select(func.count()).select_from(messages)).scalar_one(),
            "quarantine": conn.execute(select(func.count()).select_from(quarantine)).scalar_one(),
            "imports": conn.execute(select(func.count()).select_from(imports)).scalar_one(),
        }
