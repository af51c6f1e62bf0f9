"""post_month_all_types: the post month rollup with every post type together

A scorecard that does not split by post type summed post_month_rollup's rows per account
and month: on a warehouse of 1,000,000 posts over 456 accounts that was 56,000 rows for
the 20 months a year-to-date KPI and its year-ago value need, 0.2 s of CPU in every cold
Overview. Without the post type the same months are about a third of those rows. The
table is filled from post_month_rollup (same sums, counts and `reported` groups; the newest
import among the rows it sums), so it is exactly as current as that rollup.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 13:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
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
NAME = "post_month_all_types"


def upgrade() -> None:
    measure_columns: list[sa.Column] = []
    for m in MEASURES:
        measure_columns += [
            sa.Column(f"{m}_sum", sa.Float(), nullable=True),
            sa.Column(f"{m}_count", sa.Integer(), nullable=False),
        ]
    op.create_table(
        NAME,
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("month", sa.Date(), nullable=True),
        sa.Column("reported", sa.Integer(), nullable=False),
        sa.Column("posts", sa.Integer(), nullable=False),
        *measure_columns,
        sa.Column("last_import_id", sa.Integer(), nullable=False),
    )
    op.create_index(f"ix_{NAME}_month", NAME, ["month"], unique=False)
    op.create_index(
        f"ix_{NAME}_platform_account_month", NAME, ["platform", "account", "month"], unique=False
    )
    op.create_index(f"ix_{NAME}_last_import_id", NAME, ["last_import_id"], unique=False)
    names = ", ".join(f"{m}_sum, {m}_count" for m in MEASURES)
    sums = ", ".join(f"SUM({m}_sum), SUM({m}_count)" for m in MEASURES)
    op.execute(
        f"INSERT INTO {NAME} (platform, account, month, reported, posts, {names}, "
        f"last_import_id) "
        f"SELECT platform, account, month, reported, SUM(posts), {sums}, MAX(last_import_id) "
        f"FROM post_month_rollup GROUP BY platform, account, month, reported"
    )


def downgrade() -> None:
    op.drop_table(NAME)
