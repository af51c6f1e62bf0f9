"""day_month_rollup: sums and counts of the viewer measures (TikTok Studio's Viewers.csv)

TikTok Studio's Viewers download reports, per day, the unique viewers of the account's
videos and how many of them were new or returning. They are stored as three account-day
measures, `viewers`, `new_viewers` and `returning_viewers`, in `day_values` (which is long:
no change there); the month rollup has a sum and a count column per day measure, so it gains
six. No stored value has these measures yet: the counts start at 0 and the sums NULL, which
is what grouping the facts gives.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

MEASURES = ("viewers", "new_viewers", "returning_viewers")


def upgrade() -> None:
    with op.batch_alter_table("day_month_rollup") as batch:
        for measure in MEASURES:
            batch.add_column(sa.Column(f"{measure}_sum", sa.Float()))
            batch.add_column(
                sa.Column(f"{measure}_count", sa.Integer(), nullable=False, server_default="0")
            )


def downgrade() -> None:
    with op.batch_alter_table("day_month_rollup") as batch:
        for measure in MEASURES:
            batch.drop_column(f"{measure}_count")
            batch.drop_column(f"{measure}_sum")
