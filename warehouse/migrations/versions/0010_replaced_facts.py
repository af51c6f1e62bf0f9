"""replaced_facts: the facts an import replaced while its account was only assumed

An export that does not name its account is filed under the only account of its platform
that the warehouse knows, and the import says so. When the user then files it under another
account, its facts move, and the values it had replaced under the assumed account (same
account, day and measure, or same post) must come back. They are kept here, per import, as
JSON rows, for the imports whose account was an assumption only.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 09:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "replaced_facts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("fact_table", sa.String(length=20), nullable=False),
        sa.Column("row", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name=op.f("fk_replaced_facts_import_id_imports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_replaced_facts")),
    )
    op.create_index("ix_replaced_facts_import_id", "replaced_facts", ["import_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_replaced_facts_import_id", table_name="replaced_facts")
    op.drop_table("replaced_facts")
