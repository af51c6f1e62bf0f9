"""maturity_assessments: dated self-assessments of the Social Strategy Cone's elements

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "maturity_assessments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("strategy_key", sa.String(100), nullable=False),
        sa.Column("assessed_on", sa.Date, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index(
        "ix_maturity_assessments_strategy_date",
        "maturity_assessments",
        ["strategy_key", "assessed_on"],
    )
    op.create_table(
        "maturity_assessment_elements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "assessment_id",
            sa.Integer,
            sa.ForeignKey("maturity_assessments.id"),
            nullable=False,
        ),
        sa.Column("element", sa.String(40), nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("next_step", sa.Text, nullable=False),
        sa.UniqueConstraint("assessment_id", "element", name="uq_maturity_assessment_element"),
        sa.CheckConstraint("score >= 0 AND score <= 3", name="ck_maturity_assessment_score"),
    )


def downgrade() -> None:
    op.drop_table("maturity_assessment_elements")
    op.drop_index("ix_maturity_assessments_strategy_date", table_name="maturity_assessments")
    op.drop_table("maturity_assessments")
