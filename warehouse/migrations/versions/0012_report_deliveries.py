"""report_deliveries: the reports sent by e-mail, so a close is delivered once

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_deliveries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("close_id", sa.Integer, sa.ForeignKey("period_closes.id")),
        sa.Column("strategy_key", sa.String(100), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("trigger", sa.String(20), nullable=False),
        sa.Column("recipients", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("requested_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
        sa.UniqueConstraint("close_id", "strategy_key", name="uq_report_deliveries_close_strategy"),
    )
    op.create_index("ix_report_deliveries_period", "report_deliveries", ["period"])


def downgrade() -> None:
    op.drop_index("ix_report_deliveries_period", table_name="report_deliveries")
    op.drop_table("report_deliveries")
