"""rollups: post_day_rollup and post_month_rollup (post measures summed per platform,
account, publish day or month, post type and which measures are reported) and
day_month_rollup (account-day measures summed per platform, account, month and which
measures are reported) and day_month_last (each account's last value per month and
measure), filled from the facts already stored, so the metric engine reads
thousands of rows instead of millions; drops ix_day_values_measure_date (0003's covering
index starts with the same columns)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The post measures as of this revision (a later change to the schema must not change what
# this migration creates).
MEASURES = (
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
ROLLUPS = (("post_day_rollup", "day"), ("post_month_rollup", "month"))
REDUNDANT_INDEX = "ix_day_values_measure_date"


def _create(name: str, when: str) -> None:
    measure_columns = []
    for m in MEASURES:
        measure_columns += [
            sa.Column(f"{m}_sum", sa.Float(), nullable=True),
            sa.Column(f"{m}_count", sa.Integer(), nullable=False),
        ]
    op.create_table(
        name,
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column(when, sa.Date(), nullable=True),
        sa.Column("post_type", sa.String(length=80), nullable=True),
        sa.Column("reported", sa.Integer(), nullable=False),
        sa.Column("posts", sa.Integer(), nullable=False),
        *measure_columns,
        sa.Column("last_import_id", sa.Integer(), nullable=False),
    )
    op.create_index(f"ix_{name}_{when}", name, [when], unique=False)
    op.create_index(
        f"ix_{name}_platform_account_{when}", name, ["platform", "account", when], unique=False
    )
    op.create_index(f"ix_{name}_last_import_id", name, ["last_import_id"], unique=False)


def _create_day_rollup() -> None:
    name = "day_month_rollup"
    measure_columns = []
    for m in DAY_MEASURES:
        measure_columns += [
            sa.Column(f"{m}_sum", sa.Float(), nullable=True),
            sa.Column(f"{m}_count", sa.Integer(), nullable=False),
        ]
    op.create_table(
        name,
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("reported", sa.Integer(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        *measure_columns,
        sa.Column("last_import_id", sa.Integer(), nullable=False),
    )
    op.create_index(f"ix_{name}_month", name, ["month"], unique=False)
    op.create_index(
        f"ix_{name}_platform_account_month", name, ["platform", "account", "month"], unique=False
    )
    op.create_index(f"ix_{name}_last_import_id", name, ["last_import_id"], unique=False)


def _fill_day_rollup() -> None:
    """The same rows as warehouse.rollups.rebuild_day_rollup, in this revision's terms."""
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    month = "CAST(date_trunc('month', date) AS DATE)" if postgres else "substr(date, 1, 7) || '-01'"
    pivot = ", ".join(f"MAX(CASE WHEN measure = '{m}' THEN value END) AS {m}" for m in DAY_MEASURES)
    mask = " + ".join(
        f"CASE WHEN {m} IS NOT NULL THEN {1 << i} ELSE 0 END" for i, m in enumerate(DAY_MEASURES)
    )
    names = ", ".join(f"{m}_sum, {m}_count" for m in DAY_MEASURES)
    sums = ", ".join(f"SUM({m}), COUNT({m})" for m in DAY_MEASURES)
    bind.execute(
        sa.text(
            f"INSERT INTO day_month_rollup (platform, account, month, reported, days, {names}, "
            f"last_import_id) "
            f"SELECT platform, account, {month}, {mask}, COUNT(*), {sums}, MAX(import_id) "
            f"FROM (SELECT platform, account, date, {pivot}, MAX(import_id) AS import_id "
            f"FROM day_values GROUP BY platform, account, date) AS wide "
            f"GROUP BY platform, account, {month}, {mask}"
        )
    )


def _create_day_last() -> None:
    op.create_table(
        "day_month_last",
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("measure", sa.String(length=40), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint(
            "platform", "account", "month", "measure", name=op.f("pk_day_month_last")
        ),
    )
    op.create_index(
        "ix_day_month_last_measure_month", "day_month_last", ["measure", "month"], unique=False
    )


def _fill_day_last() -> None:
    """The same rows as warehouse.rollups.rebuild_day_rollup's day_month_last."""
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    month = "CAST(date_trunc('month', date) AS DATE)" if postgres else "substr(date, 1, 7) || '-01'"
    bind.execute(
        sa.text(
            "INSERT INTO day_month_last (platform, account, month, measure, date, value) "
            "SELECT d.platform, d.account, latest.month, d.measure, d.date, d.value "
            f"FROM (SELECT platform, account, {month} AS month, measure, MAX(date) AS last "
            "FROM day_values WHERE value IS NOT NULL "
            f"GROUP BY platform, account, {month}, measure) AS latest "
            "JOIN day_values AS d ON d.platform = latest.platform "
            "AND d.account = latest.account AND d.measure = latest.measure "
            "AND d.date = latest.last"
        )
    )


def _fill() -> None:
    """The same rows as warehouse.rollups.rebuild_post_rollup, in this revision's terms."""
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    day = "CAST(published_at AS DATE)" if postgres else "substr(published_at, 1, 10)"
    month = "CAST(date_trunc('month', day) AS DATE)" if postgres else "substr(day, 1, 7) || '-01'"
    mask = " + ".join(
        f"CASE WHEN {m} IS NOT NULL THEN {1 << i} ELSE 0 END" for i, m in enumerate(MEASURES)
    )
    names = ", ".join(f"{m}_sum, {m}_count" for m in MEASURES)
    columns = f"platform, account, {{when}}, post_type, reported, posts, {names}, last_import_id"
    from_posts = ", ".join(f"SUM({m}), COUNT({m})" for m in MEASURES)
    from_days = ", ".join(f"SUM({m}_sum), SUM({m}_count)" for m in MEASURES)
    bind.execute(
        sa.text(
            f"INSERT INTO post_day_rollup ({columns.format(when='day')}) "
            f"SELECT platform, account, {day}, post_type, {mask}, COUNT(*), {from_posts}, "
            f"MAX(import_id) FROM posts "
            f"GROUP BY platform, account, {day}, post_type, {mask}"
        )
    )
    bind.execute(
        sa.text(
            f"INSERT INTO post_month_rollup ({columns.format(when='month')}) "
            f"SELECT platform, account, {month}, post_type, reported, SUM(posts), {from_days}, "
            f"MAX(last_import_id) FROM post_day_rollup "
            f"GROUP BY platform, account, {month}, post_type, reported"
        )
    )


def upgrade() -> None:
    for name, when in ROLLUPS:
        _create(name, when)
    _create_day_rollup()
    _create_day_last()
    _fill()
    _fill_day_rollup()
    _fill_day_last()
    with op.batch_alter_table("day_values", schema=None) as batch_op:
        batch_op.drop_index(REDUNDANT_INDEX)


def downgrade() -> None:
    with op.batch_alter_table("day_values", schema=None) as batch_op:
        batch_op.create_index(REDUNDANT_INDEX, ["measure", "date"], unique=False)
    op.drop_index("ix_day_month_last_measure_month", table_name="day_month_last")
    op.drop_table("day_month_last")
    name = "day_month_rollup"
    for index in ("last_import_id", "platform_account_month", "month"):
        op.drop_index(f"ix_{name}_{index}", table_name=name)
    op.drop_table(name)
    for name, when in reversed(ROLLUPS):
        for index in (f"ix_{name}_last_import_id", f"ix_{name}_platform_account_{when}"):
            op.drop_index(index, table_name=name)
        op.drop_index(f"ix_{name}_{when}", table_name=name)
        op.drop_table(name)
