"""Writing and reading competitor observations (`warehouse.competitor_schema`).

The import pipeline writes through `upsert_competitors` inside the file's transaction; the
metric layer reads through `competitor_frame`. The latest import of a Page, platform and
period wins; a column the export does not supply is left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from warehouse.competitor_schema import COMPETITOR_MEASURES, competitor_observations

KEY = ("platform", "competitor", "period_start", "period_end")


def page_key(name: str) -> str:
    """A Page or account name reduced to its letters and digits, lower case: the vanity name
    `northwind-policy-institute` and the display name `Northwind Policy Institute` match."""
    return re.sub(r"[\W_]+", "", name.casefold())


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    return float(value)


def upsert_competitors(conn: Connection, frame: pd.DataFrame, import_id: int) -> int:
    """Store checked competitor rows: columns `platform, competitor, period_start,
    period_end, is_own` and any of `COMPETITOR_MEASURES`. Returns the rows given."""
    if frame.empty:
        return 0
    measures = [m for m in COMPETITOR_MEASURES if m in frame.columns]
    rows = [
        {
            "platform": str(r["platform"]),
            "competitor": str(r["competitor"]),
            "period_start": r["period_start"],
            "period_end": r["period_end"],
            "is_own": bool(r["is_own"]),
            **{m: _number(r[m]) for m in measures},
            "import_id": import_id,
        }
        for r in frame.to_dict("records")
    ]
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(competitor_observations)
    updated = {name: statement.excluded[name] for name in ("is_own", *measures, "import_id")}
    conn.execute(statement.on_conflict_do_update(index_elements=list(KEY), set_=updated), rows)
    return len(rows)


def competitor_frame(
    conn: Connection,
    *,
    platforms: Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """Stored observations whose period lies within [start, end] (either bound optional),
    one row each: `platform, competitor, period_start, period_end, is_own`, the measures and
    `import_id`, ordered by platform, period and competitor."""
    t = competitor_observations
    query = select(t)
    if platforms:
        query = query.where(t.c.platform.in_(list(platforms)))
    if start is not None:
        query = query.where(t.c.period_start >= start)
    if end is not None:
        query = query.where(t.c.period_end <= end)
    query = query.order_by(t.c.platform, t.c.period_start, t.c.period_end, t.c.competitor)
    rows = conn.execute(query).mappings().all()
    columns = [c.name for c in t.columns]
    frame = pd.DataFrame([dict(r) for r in rows], columns=columns)
    for name in ("period_start", "period_end"):
        frame[name] = [
            v if isinstance(v, date) else date.fromisoformat(str(v)[:10]) for v in frame[name]
        ]
    frame["is_own"] = frame["is_own"].astype(bool)
    return frame
