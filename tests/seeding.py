"""Seeded warehouses for the dashboard and report tests: one way to build small, realistic
post and follower frames and to store them as imports.

Everything is stored through `warehouse.store` — the writers the import pipeline uses — so
the tests read the warehouse exactly as real imports leave it (one import row, the original
bytes, optional quarantined rows, the facts with their import id, and the rollups the
metric engine reads refreshed by the pipeline's hook). Each test suite keeps
its own numbers (the values its assertions pin) and describes them with these builders.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from warehouse.rollups import refresh_rollups
from warehouse.store import (
    ImportRecord,
    QuarantinedRow,
    record_import,
    save_blob,
    save_quarantine,
    upsert_day_values,
    upsert_posts,
)

IMPORTED_AT = datetime(2026, 11, 2, 9, 30)

# Extra columns of post `i` of a month: (platform, month, i, impressions) -> {column: value}.
PostExtras = Callable[[str, int, int, float], Mapping[str, Any]]


def posts(
    platform: str,
    account: str,
    month: int,
    count: int,
    engagement_rate: float,
    *,
    text: str,
    extras: PostExtras | None = None,
) -> pd.DataFrame:
    """`count` posts of 2026-`month`, every second day from the 2nd at 10:00, impressions
    1,000 + 100·i, engagements = round(impressions · rate); every third post a video."""
    rows = []
    for i in range(count):
        impressions = 1000.0 + 100 * i
        row: dict[str, Any] = {
            "platform": platform,
            "account": account,
            "post_id": f"{platform}-{month}-{i}",
            "published_at": datetime(2026, month, 2 + 2 * i, 10, 0),
            "post_type": "video" if i % 3 == 0 else "link",
            "text": text.format(month=month, i=i),
            "permalink": f"https://example.org/{platform}/{month}/{i}",
            "impressions": impressions,
            "engagements": round(impressions * engagement_rate),
        }
        if extras is not None:
            row.update(extras(platform, month, i, impressions))
        rows.append(row)
    return pd.DataFrame(rows)


def daily_followers(
    platform: str, account: str, *, first: date, days: int, start: int, step: int
) -> pd.DataFrame:
    """Followers on `days` consecutive days from `first`: start, start + step, ..."""
    return pd.DataFrame(
        {
            "platform": platform,
            "account": account,
            "date": [first + timedelta(days=d) for d in range(days)],
            "followers": [float(start + step * d) for d in range(days)],
        }
    )


def store_export(
    engine: Engine,
    name: str,
    frame: pd.DataFrame,
    *,
    quarantined: int = 0,
    record_period: bool = True,
    imported_at: datetime = IMPORTED_AT,
) -> int:
    """Store `frame` as the import of a file called `name`, in one transaction, and return
    the import id. A frame with `post_id` holds posts, else account-day values.
    `quarantined` adds that many rejected rows (impressions `n/a`) and marks it partial."""
    kind = "posts" if "post_id" in frame.columns else "days"
    dates = frame["published_at" if kind == "posts" else "date"]
    period = {}
    if record_period:
        period = {
            "period_start": pd.Timestamp(dates.min()).date(),
            "period_end": pd.Timestamp(dates.max()).date(),
        }
    with engine.begin() as conn:
        sha = save_blob(conn, (name + frame.to_csv(index=False)).encode())
        import_id = record_import(
            conn,
            ImportRecord(
                file_name=name,
                sha256=sha,
                status="partial" if quarantined else "loaded",
                format=f"{frame['platform'].iloc[0]}_{kind}",
                platform=str(frame["platform"].iloc[0]),
                account=str(frame["account"].iloc[0]),
                rows_read=len(frame) + quarantined,
                rows_loaded=len(frame),
                rows_rejected=quarantined,
                imported_at=imported_at,
                **period,
            ),
        )
        if kind == "posts":
            upsert_posts(conn, frame, import_id)
        else:
            upsert_day_values(conn, frame, import_id)
        refresh_rollups(conn, import_id)  # as the import pipeline does once a file is stored
        if quarantined:
            save_quarantine(
                conn,
                import_id,
                [
                    QuarantinedRow(
                        row_number=4 + n,
                        reasons=[{"column": "impressions", "value": "n/a", "expected": "a number"}],
                        raw={"Post ID": f"fb-x{n}", "Impressions": "n/a"},
                    )
                    for n in range(quarantined)
                ],
            )
    return import_id
