"""import_coverage: what each import covers, per grain, platform and account

DESIGN.md: "A period that an export of the grain covers but that holds no row counts 0 (no
post published is a fact, not missing data); a period that no export of the grain covers is
no data." The `imports` row names one period and one account for an upload that can hold
several grains (a LinkedIn workbook has a post sheet and a day sheet; a YouTube ZIP a post
table and a day table, each member its own import) and, for inbox exports, several
platforms. This table records, per import, grain, platform and account, the days covered
and the measures reported with a value, so the metric engine can tell a month without posts
(0) from a month nobody exported (no data).

Existing imports are backfilled from their own columns: the period (else the days their
stored rows span), the grains of the tables they loaded (from the validation record, through
the contract tables as they are at this revision, frozen below), the platform and account
(else those of their rows), and the measures their stored rows report (else the measures the
contract table maps, as of this revision). ZIP uploads themselves are skipped: their members
are the imports that hold facts.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NAME = "import_coverage"

# The vocabulary as of this revision, in order.
POST_MEASURES = (
    "impressions",
    "reach",
    "engagements",
    "reactions",
    "comments",
    "shares",
    "saves",
    "clicks",
    "link_clicks",
    "video_views",
    "watch_time_hours",
)
DAY_MEASURES = (
    "followers",
    "follows",
    "unfollows",
    "impressions",
    "reach",
    "engagements",
    "reactions",
    "comments",
    "shares",
    "clicks",
    "profile_visits",
    "video_views",
    "watch_time_hours",
    "posts",
)
MESSAGE_MEASURES = ("first_response_hours",)
ORDER = {"post": POST_MEASURES, "day": DAY_MEASURES, "message": MESSAGE_MEASURES}

# (contract id, table id) -> (grain, measures the table maps) for the contracts as of this
# revision. A table whose measure comes from the file's title line (Meta daily files) maps
# none here: its measure is known only from its stored rows.
TABLES: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("facebook_legacy_posts", "posts"): ("post", ("impressions", "reach", "engagements")),
    ("inbox_resolved_conversations", "conversations"): ("message", ("first_response_hours",)),
    ("linkedin_content", "metrics"): (
        "day",
        ("impressions", "reach", "engagements", "reactions", "comments", "shares", "clicks"),
    ),
    ("linkedin_content", "all_posts"): (
        "post",
        (
            "impressions",
            "engagements",
            "reactions",
            "comments",
            "shares",
            "clicks",
            "video_views",
        ),
    ),
    ("linkedin_followers", "new_followers"): ("day", ("follows",)),
    ("linkedin_visitors", "visitor_metrics"): ("day", ("profile_visits",)),
    ("meta_daily_metric", "daily"): ("day", ()),
    ("meta_facebook_posts", "posts"): (
        "post",
        (
            "impressions",
            "reach",
            "engagements",
            "reactions",
            "comments",
            "shares",
            "clicks",
            "link_clicks",
            "watch_time_hours",
        ),
    ),
    ("meta_instagram_posts", "posts"): (
        "post",
        ("impressions", "reach", "engagements", "reactions", "comments", "shares", "saves"),
    ),
    ("tiktok_content", "content"): (
        "post",
        ("engagements", "reactions", "comments", "shares", "video_views"),
    ),
    ("tiktok_followers", "follower_history"): ("day", ("followers",)),
    ("tiktok_overview", "overview"): (
        "day",
        ("engagements", "reactions", "comments", "shares", "profile_visits", "video_views"),
    ),
    ("x_account_overview", "daily"): (
        "day",
        (
            "follows",
            "unfollows",
            "impressions",
            "engagements",
            "reactions",
            "comments",
            "shares",
            "profile_visits",
            "video_views",
            "posts",
        ),
    ),
    ("x_content", "posts"): (
        "post",
        (
            "impressions",
            "engagements",
            "reactions",
            "comments",
            "shares",
            "saves",
            "link_clicks",
        ),
    ),
    ("x_tweet_activity", "posts"): (
        "post",
        (
            "impressions",
            "engagements",
            "reactions",
            "comments",
            "shares",
            "link_clicks",
            "video_views",
        ),
    ),
    ("youtube_content", "table_data"): (
        "post",
        ("impressions", "reactions", "comments", "shares", "video_views", "watch_time_hours"),
    ),
    ("youtube_content", "totals"): ("day", ("impressions", "video_views", "watch_time_hours")),
    ("youtube_subscribers", "subscribers"): ("day", ("follows",)),
}

imports = sa.table(
    "imports",
    sa.column("id", sa.Integer),
    sa.column("format", sa.String),
    sa.column("platform", sa.String),
    sa.column("account", sa.Text),
    sa.column("status", sa.String),
    sa.column("period_start", sa.Date),
    sa.column("period_end", sa.Date),
    sa.column("validation", sa.Text),
    sa.column("parent_id", sa.Integer),
)
posts = sa.table(
    "posts",
    sa.column("platform", sa.String),
    sa.column("account", sa.String),
    sa.column("published_at", sa.DateTime),
    sa.column("import_id", sa.Integer),
    *[sa.column(m, sa.Float) for m in POST_MEASURES],
)
day_values = sa.table(
    "day_values",
    sa.column("platform", sa.String),
    sa.column("account", sa.String),
    sa.column("date", sa.Date),
    sa.column("measure", sa.String),
    sa.column("value", sa.Float),
    sa.column("import_id", sa.Integer),
)
messages = sa.table(
    "messages",
    sa.column("platform", sa.String),
    sa.column("account", sa.String),
    sa.column("received_at", sa.DateTime),
    sa.column("first_response_hours", sa.Float),
    sa.column("import_id", sa.Integer),
)

Key = tuple[int, str, str, str]  # import id, grain, platform, account


def _day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _facts(conn: sa.Connection) -> dict[Key, list[Any]]:
    """Per import, grain and account: [first day, last day, measures with a value] of the
    rows still stored under the import (one grouped pass over each fact table)."""
    found: dict[Key, list[Any]] = {}

    def see(key: Key, first: Any, last: Any, names: list[str]) -> None:
        entry = found.setdefault(key, [None, None, set()])
        low, high = _day(first), _day(last)
        if low is not None:
            entry[0] = low if entry[0] is None else min(entry[0], low)
        if high is not None:
            entry[1] = high if entry[1] is None else max(entry[1], high)
        entry[2].update(names)

    counts = [sa.func.count(posts.c[m]) for m in POST_MEASURES]
    for row in conn.execute(
        sa.select(
            posts.c.import_id,
            posts.c.platform,
            posts.c.account,
            sa.func.min(posts.c.published_at),
            sa.func.max(posts.c.published_at),
            *counts,
        ).group_by(posts.c.import_id, posts.c.platform, posts.c.account)
    ):
        names = [m for m, n in zip(POST_MEASURES, row[5:], strict=True) if n]
        see((int(row[0]), "post", row[1], row[2]), row[3], row[4], names)
    for import_id, platform, account, measure, n, first, last in conn.execute(
        sa.select(
            day_values.c.import_id,
            day_values.c.platform,
            day_values.c.account,
            day_values.c.measure,
            sa.func.count(day_values.c.value),
            sa.func.min(day_values.c.date),
            sa.func.max(day_values.c.date),
        ).group_by(
            day_values.c.import_id,
            day_values.c.platform,
            day_values.c.account,
            day_values.c.measure,
        )
    ):
        see((int(import_id), "day", platform, account), first, last, [measure] if n else [])
    for import_id, platform, account, first, last, n in conn.execute(
        sa.select(
            messages.c.import_id,
            messages.c.platform,
            messages.c.account,
            sa.func.min(messages.c.received_at),
            sa.func.max(messages.c.received_at),
            sa.func.count(messages.c.first_response_hours),
        ).group_by(messages.c.import_id, messages.c.platform, messages.c.account)
    ):
        names = ["first_response_hours"] if n else []
        see((int(import_id), "message", platform, account), first, last, names)
    return found


def _tables(row: Any) -> list[tuple[str, tuple[str, ...]]]:
    """(grain, mapped measures) of the contract tables an import loaded: from its
    validation record, else every table of the contracts its format names."""
    try:
        record = json.loads(row.validation or "{}")
    except ValueError:
        record = {}
    named = [
        (str(t.get("contract")), str(t.get("table")))
        for t in (record.get("tables") or [])
        if isinstance(t, dict)
    ]
    out = [TABLES[key] for key in named if key in TABLES]
    if out:
        return out
    contracts = set((row.format or "").split("+"))
    return [spec for (contract, _), spec in TABLES.items() if contract in contracts]


def backfill(conn: sa.Connection) -> list[dict[str, Any]]:
    rows = conn.execute(
        sa.select(
            imports.c.id,
            imports.c.format,
            imports.c.platform,
            imports.c.account,
            imports.c.status,
            imports.c.period_start,
            imports.c.period_end,
            imports.c.validation,
            imports.c.parent_id,
        ).order_by(imports.c.id)
    ).all()
    parents = {int(r.parent_id) for r in rows if r.parent_id is not None}
    facts = _facts(conn)
    out: list[dict[str, Any]] = []
    for row in rows:
        if row.status not in ("loaded", "partial") or int(row.id) in parents:
            continue
        mapped: dict[str, set[str]] = {}
        for grain, measures in _tables(row):
            mapped.setdefault(grain, set()).update(measures)
        stored = {key: value for key, value in facts.items() if key[0] == int(row.id)}
        grains = set(mapped) | {key[1] for key in stored}
        for grain in sorted(grains):
            pairs = {(key[2], key[3]) for key in stored if key[1] == grain}
            if not pairs and row.platform and row.account:
                pairs = {(row.platform, row.account)}
            for platform, account in sorted(pairs):
                held = stored.get((int(row.id), grain, platform, account))
                first = _day(row.period_start) or (held[0] if held else None)
                last = _day(row.period_end) or (held[1] if held else None)
                if first is None or last is None or first > last:
                    continue
                names = held[2] if held else mapped.get(grain, set())
                out.append(
                    {
                        "import_id": int(row.id),
                        "grain": grain,
                        "platform": platform,
                        "account": account,
                        "first_day": first,
                        "last_day": last,
                        "measures": ",".join(m for m in ORDER[grain] if m in names),
                    }
                )
    return out


def upgrade() -> None:
    table = op.create_table(
        NAME,
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("grain", sa.String(length=10), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("measures", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name=op.f("fk_import_coverage_import_id_imports")
        ),
        sa.PrimaryKeyConstraint(
            "import_id", "grain", "platform", "account", name=op.f("pk_import_coverage")
        ),
    )
    rows = backfill(op.get_bind())
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    op.drop_table(NAME)
