"""review workflow: commentary, annotations, actions, stories, target changes, month
closes and strategy versions (tables of warehouse/review_schema.py and strategy_schema.py)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 08:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_comments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("objective_id", sa.String(length=100), nullable=True),
        sa.Column("kpi_id", sa.String(length=100), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["review_comments.id"],
            name=op.f("fk_review_comments_parent_id_review_comments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_comments")),
    )
    op.create_index("ix_review_comments_period", "review_comments", ["period"], unique=False)
    op.create_table(
        "review_annotations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kpi_id", sa.String(length=100), nullable=True),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_annotations")),
    )
    op.create_index(
        "ix_review_annotations_on_date", "review_annotations", ["on_date"], unique=False
    )
    op.create_table(
        "review_actions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("objective_id", sa.String(length=100), nullable=True),
        sa.Column("kpi_id", sa.String(length=100), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_actions")),
    )
    op.create_index("ix_review_actions_opened_on", "review_actions", ["opened_on"], unique=False)
    op.create_table(
        "review_stories",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("objective_id", sa.String(length=100), nullable=True),
        sa.Column("kpi_id", sa.String(length=100), nullable=True),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_stories")),
    )
    op.create_index("ix_review_stories_period", "review_stories", ["period"], unique=False)
    op.create_table(
        "target_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kpi_id", sa.String(length=100), nullable=False),
        sa.Column("target_period", sa.String(length=20), nullable=False),
        sa.Column("old_value", sa.Float(), nullable=True),
        sa.Column("new_value", sa.Float(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_changes")),
    )
    op.create_table(
        "period_closes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("strategy_key", sa.String(length=100), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("closed_by", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("reopened_by", sa.Text(), nullable=True),
        sa.Column("reopened_at", sa.DateTime(), nullable=True),
        sa.Column("reopen_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_closes")),
    )
    op.create_index(
        "ix_period_closes_strategy_key_period",
        "period_closes",
        ["strategy_key", "period"],
        unique=False,
    )
    op.create_table(
        "strategy_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("yaml_text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strategy_versions")),
    )


def downgrade() -> None:
    op.drop_table("strategy_versions")
    op.drop_index("ix_period_closes_strategy_key_period", table_name="period_closes")
    op.drop_table("period_closes")
    op.drop_table("target_changes")
    op.drop_index("ix_review_stories_period", table_name="review_stories")
    op.drop_table("review_stories")
    op.drop_index("ix_review_actions_opened_on", table_name="review_actions")
    op.drop_table("review_actions")
    op.drop_index("ix_review_annotations_on_date", table_name="review_annotations")
    op.drop_table("review_annotations")
    op.drop_index("ix_review_comments_period", table_name="review_comments")
    op.drop_table("review_comments")
