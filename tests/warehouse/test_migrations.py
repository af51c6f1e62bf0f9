"""Migrations build the schema from empty, match the declared metadata, and are idempotent."""

from __future__ import annotations

from sqlalchemy import Engine, inspect

from warehouse import engine as warehouse_engine
from warehouse.schema import metadata


def test_upgrade_from_empty_creates_every_table(database_url: str) -> None:
    eng = warehouse_engine.make_engine(database_url)
    try:
        assert warehouse_engine.current_revision(eng) is None
        warehouse_engine.upgrade(eng)
        tables = set(inspect(eng).get_table_names())
        assert set(metadata.tables) <= tables
        assert "alembic_version" in tables
        head = warehouse_engine.current_revision(eng)
        warehouse_engine.upgrade(eng)  # second run is a no-op
        assert warehouse_engine.current_revision(eng) == head
    finally:
        eng.dispose()


def test_migrated_columns_match_metadata(engine: Engine) -> None:
    inspector = inspect(engine)
    for name, table in metadata.tables.items():
        migrated = {c["name"] for c in inspector.get_columns(name)}
        assert migrated == {c.name for c in table.columns}, name
        pk = set(inspector.get_pk_constraint(name)["constrained_columns"])
        assert pk == {c.name for c in table.primary_key.columns}, name


def test_no_pending_autogenerate_changes(engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_sqlite_runs_in_wal_mode(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
