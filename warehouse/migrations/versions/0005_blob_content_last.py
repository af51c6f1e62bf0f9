"""blobs (SQLite): `content` becomes the table's last column, so an upload's bytes can be
streamed into a zero-filled blob without SQLite building that blob in memory

SQLite expands a `zeroblob(n)` into n real zero bytes (and copies them once more into the
record) unless it is the row's last value; with `content` in the middle, keeping a 250 MB
upload cost 500 MB of memory before a single byte was written. The column is renamed,
re-added at the end (NOT NULL needs a default when adding; every writer supplies the
bytes), filled from the old one, and the old one dropped, all inside SQLite without
recreating the table, which `imports.sha256` references. PostgreSQL streams blobs with
COPY and is left as it is.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 11:25:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _is_sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _last_column() -> str:
    rows = op.get_bind().exec_driver_sql("PRAGMA table_info(blobs)").all()
    return str(rows[-1][1])


def upgrade() -> None:
    if not _is_sqlite() or _last_column() == "content":
        return
    op.execute("ALTER TABLE blobs RENAME COLUMN content TO content_before_0005")
    op.execute("ALTER TABLE blobs ADD COLUMN content BLOB NOT NULL DEFAULT x''")
    op.execute("UPDATE blobs SET content = content_before_0005")
    op.execute("ALTER TABLE blobs DROP COLUMN content_before_0005")


def downgrade() -> None:
    # Column order is not part of what any earlier revision's code relies on (every
    # statement names its columns), so there is nothing to undo.
    return
