"""The warehouse schema (SQLAlchemy Core). Alembic migrations create it; see migrations/."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

# Deterministic constraint names, so Alembic migrations are stable on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

PLATFORMS: tuple[str, ...] = ("facebook", "instagram", "x", "linkedin", "youtube", "tiktok")
# How every face of socialkpi writes a platform's name (reports and dashboard re-export it;
# the import's messages use it too).
PLATFORM_NAMES: dict[str, str] = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "x": "X",
    "linkedin": "LinkedIn",
    "youtube": "YouTube",
    "tiktok": "TikTok",
}

POST_MEASURES: tuple[str, ...] = (
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
POST_ATTRIBUTES: tuple[str, ...] = ("published_at", "post_type", "text", "permalink")

DAY_MEASURES: tuple[str, ...] = (
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
    # unique viewers of the account's videos that day, and of them the ones new in the past
    # year and the ones returning (TikTok Studio's Viewers.csv; migration 0009)
    "viewers",
    "new_viewers",
    "returning_viewers",
)
MESSAGE_ATTRIBUTES: tuple[str, ...] = (
    "received_at",
    "first_response_at",
    "resolved_at",
    "tags",
    "sentiment",
)
MESSAGE_MEASURES: tuple[str, ...] = ("first_response_hours",)

# `replaced`: an import whose facts were taken back when it was filed again under another
# account (its bytes stay; the new import's validation names it)
IMPORT_STATUSES: tuple[str, ...] = ("loaded", "partial", "rejected", "replaced")

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size_bytes", BigInteger, nullable=False),
    # last, as migration 0005 places it on SQLite: a zero-filled blob that is the row's last
    # value is not built in memory before the upload's bytes are streamed into it
    Column("content", LargeBinary, nullable=False),
)

imports = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), ForeignKey("blobs.sha256"), nullable=False, index=True),
    Column("format", String(80)),
    Column("platform", String(20)),
    Column("account", Text),
    Column("status", String(20), nullable=False),
    Column("rows_read", Integer, nullable=False, default=0),
    Column("rows_loaded", Integer, nullable=False, default=0),
    Column("rows_rejected", Integer, nullable=False, default=0),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("imported_at", DateTime, nullable=False),
    Column("imported_by", Text),
    Column("validation", Text),
    Column("parent_id", Integer, ForeignKey("imports.id")),
)

# What each import covers, per grain and account (migration 0008): the days from
# `first_day` to `last_day` (the export's own period, else the days its rows span) and the
# measures it reports with a value at that grain (comma-separated, sorted as the vocabulary;
# empty when it reports none, as for a file of one measure whose rows were all replaced).
# A period that an export of the grain covers but that holds no row counts 0 (DESIGN.md);
# written by `warehouse.store.record_coverage`, read by the metric engine.
import_coverage = Table(
    "import_coverage",
    metadata,
    Column("import_id", Integer, ForeignKey("imports.id"), primary_key=True),
    Column("grain", String(10), primary_key=True),
    Column("platform", String(20), primary_key=True),
    Column("account", String(200), primary_key=True),
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),
    Column("measures", Text, nullable=False, server_default=""),
)
posts = Table(
    "posts",
    metadata,
    Column("platform", String(20), primary_key=True),
    Column("account", String(200), primary_key=True),
    Column("post_id", String(200), primary_key=True),
    Column("published_at", DateTime),
    Column("post_type", String(80)),
    Column("text", Text),
    Column("permalink", Text),
    *[Column(name, Float) for name in POST_MEASURES],
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Index("ix_posts_published_at", "published_at"),
    Index("ix_posts_import_id", "import_id"),
)

day_values = Table(
    "day_values",
    metadata,
    Column("platform", String(20), primary_key=True),
    Column("account", String(200), primary_key=True),
    Column("date", Date, primary_key=True),
    Column("measure", String(40), primary_key=True),
    Column("value", Float),
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    # covering: the metric engine's day-grain statements read only this index (migration 0003)
    Index("ix_day_values_measure_date_value", "measure", "date", "platform", "account", "value"),
    Index("ix_day_values_import_id", "import_id"),
)

messages = Table(
    "messages",
    metadata,
    Column("platform", String(20), primary_key=True),
    Column("account", String(200), primary_key=True),
    Column("message_id", String(200), primary_key=True),
    Column("received_at", DateTime),
    Column("first_response_at", DateTime),
    Column("resolved_at", DateTime),
    Column("tags", Text),
    Column("sentiment", String(40)),
    Column("first_response_hours", Float),
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Index("ix_messages_received_at", "received_at"),
    Index("ix_messages_import_id", "import_id"),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False, index=True),
    Column("row_number", Integer, nullable=False),
    Column("reasons", Text, nullable=False),
    Column("raw", Text, nullable=False),
)

# Facts an import replaced while its account was an assumption (the only account of the
# platform already known): the rows as they were, so that filing the import under another
# account puts them back (migration 0010). Kept until the import is re-filed.
replaced_facts = Table(
    "replaced_facts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False, index=True),
    Column("fact_table", String(20), nullable=False),  # posts | day_values | messages
    Column("row", Text, nullable=False),  # JSON: every column of the row, import_id included
)


def _post_rollup(name: str, when: str, typed: bool = True) -> Table:
    """Post measures summed per platform × account × `when` (publish day, or first day of the
    publish month, in the organisation's time zone like `published_at`) × post type ×
    `reported` (bit i set when POST_MEASURES[i] is not NULL: posts are grouped by which
    measures they report, so a ratio's numerator can be summed exactly over the rows whose
    denominator is reported). Per measure: the sum (NULL when no post reports it) and the
    count of non-NULL values. Posts without a publish time have a NULL `when`.
    Maintained by `warehouse.rollups` (no primary key: post_type and `when` may be NULL).
    `typed=False`: all post types together (no post_type column)."""
    return Table(
        name,
        metadata,
        Column("platform", String(20), nullable=False),
        Column("account", String(200), nullable=False),
        Column(when, Date),
        *([Column("post_type", String(80))] if typed else []),
        Column("reported", Integer, nullable=False),
        Column("posts", Integer, nullable=False),
        *[
            column
            for m in POST_MEASURES
            for column in (Column(f"{m}_sum", Float), Column(f"{m}_count", Integer, nullable=False))
        ],
        Column("last_import_id", Integer, nullable=False),
        Index(f"ix_{name}_{when}", when),
        Index(f"ix_{name}_platform_account_{when}", "platform", "account", when),
        Index(f"ix_{name}_last_import_id", "last_import_id"),
    )


# The metric engine reads post sums, counts and ratio parts from these (migration 0004):
# months for month-aligned periods, days for weeks and custom spans.
post_day_rollup = _post_rollup("post_day_rollup", "day")
post_month_rollup = _post_rollup("post_month_rollup", "month")
# The month rollup with every post type together (migration 0007): what a scorecard reads
# when it does not split by post type, a third to a quarter of post_month_rollup's rows.
post_month_all_types = _post_rollup("post_month_all_types", "month", typed=False)
POST_ROLLUPS: tuple[tuple[Table, str], ...] = (
    (post_day_rollup, "day"),
    (post_month_rollup, "month"),
    (post_month_all_types, "month"),
)

# Account-day measures per platform × account × month (first day) × `reported` (bit i set
# when DAY_MEASURES[i] has a non-NULL value that day): `days` account-days, and per measure
# the sum and the count of non-NULL values. The metric engine's month-bucketed day sums and
# day-grain ratio parts read it (migration 0004); maintained by `warehouse.rollups`.
day_month_rollup = Table(
    "day_month_rollup",
    metadata,
    Column("platform", String(20), nullable=False),
    Column("account", String(200), nullable=False),
    Column("month", Date, nullable=False),
    Column("reported", Integer, nullable=False),
    Column("days", Integer, nullable=False),
    *[
        column
        for m in DAY_MEASURES
        for column in (Column(f"{m}_sum", Float), Column(f"{m}_count", Integer, nullable=False))
    ],
    Column("last_import_id", Integer, nullable=False),
    Index("ix_day_month_rollup_month", "month"),
    Index("ix_day_month_rollup_platform_account_month", "platform", "account", "month"),
    Index("ix_day_month_rollup_last_import_id", "last_import_id"),
)

# Per platform × account × month × measure: the account's last day in the month with a
# non-NULL value, and that value (what `last` and `change` KPIs add up over accounts), and
# `day_mask`: bit d-1 set when the account has a non-NULL value on day d of the month (a
# day-grain mean divides by the days on which any account in scope reports: the OR of these
# masks, migration 0006). Refreshed with day_month_rollup (migration 0004).
day_month_last = Table(
    "day_month_last",
    metadata,
    Column("platform", String(20), primary_key=True),
    Column("account", String(200), primary_key=True),
    Column("month", Date, primary_key=True),
    Column("measure", String(40), primary_key=True),
    Column("date", Date, nullable=False),
    Column("value", Float, nullable=False),
    Column("day_mask", BigInteger, nullable=False, server_default="0"),
    Index("ix_day_month_last_measure_month", "measure", "month"),
)

FACT_TABLES = (posts, day_values, messages)

# The review-workflow tables and the strategy versions live in their own modules but on the
# same metadata, so that `metadata` always describes the whole migrated schema.
from warehouse import (  # noqa: E402, F401
    audit_schema,
    competitor_schema,
    delivery_schema,
    maturity_schema,
    review_schema,
    strategy_schema,
)
