"""competitor_observations: competitor exports and the competitor template (issue 16)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "competitor_observations",
        sa.Column("platform", sa.String(20), primary_key=True),
        sa.Column("competitor", sa.String(200), primary_key=True),
        sa.Column("period_start", sa.Date, primary_key=True),
        sa.Column("period_end", sa.Date, primary_key=True),
        sa.Column("is_own", sa.Boolean, nullable=False),
        sa.Column("followers", sa.Float),
        sa.Column("new_followers", sa.Float),
        sa.Column("posts", sa.Float),
        sa.Column("engagements", sa.Float),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
    )
    op.create_index(
        "ix_competitor_observations_period",
        "competitor_observations",
        ["period_end", "platform"],
    )
    op.create_index(
        "ix_competitor_observations_import_id", "competitor_observations", ["import_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_competitor_observations_import_id", table_name="competitor_observations")
    op.drop_index("ix_competitor_observations_period", table_name="competitor_observations")
    op.drop_table("competitor_observations")
