"""day_values: covering index (measure, date, platform, account, value), so the metric
engine's day-grain statements (sums, ratio parts, stocks, days with data) read the months
they ask for from the index alone instead of one table lookup per account-day

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 08:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEX = "ix_day_values_measure_date_value"


def upgrade() -> None:
    with op.batch_alter_table("day_values", schema=None) as batch_op:
        batch_op.create_index(
            INDEX, ["measure", "date", "platform", "account", "value"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("day_values", schema=None) as batch_op:
        batch_op.drop_index(INDEX)
