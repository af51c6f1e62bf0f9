"""Fixtures shared by every test package: databases on SQLite and PostgreSQL.

PostgreSQL tests read their server URL from SOCIALKPI_TEST_POSTGRES_URL (CI sets it, see
.ci/run); each test gets a database of its own, created and dropped around it.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from warehouse.engine import open_database

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

# Property tests check behaviour, never speed (speed is measured in bench/): no per-example
# deadline, which a shared or busy machine breaks (a 285 ms first example of a test whose
# later examples take 0.1 ms), and which would make the suite fail for a reason unrelated
# to what it asserts.
settings.register_profile("socialkpi", deadline=None)
settings.load_profile("socialkpi")

PG_ENV = "SOCIALKPI_TEST_POSTGRES_URL"
REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = REPO_ROOT / "sample_data"
SAMPLE_EXPORTS = SAMPLE_DATA / "exports"
SAMPLE_STRATEGY = SAMPLE_DATA / "strategy.yaml"


def postgres_server_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _admin_url(url: str) -> str:
    return make_url(url).set(database="postgres").render_as_string(hide_password=False)


def create_postgres_database() -> str:
    """A brand-new empty database on the test server; returns its URL."""
    base = postgres_server_url()
    if base is None:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (CI sets it; see .ci/pg-setup)")
    name = f"socialkpi_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_admin_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(url: str, attempts: int = 60) -> None:
    """Drop a test database, ending its connections.

    An autovacuum worker busy in the database (after a test's large insert) is a superuser
    process that the test role may not terminate, so DROP ... WITH (FORCE) is refused until
    the worker is done: retried for up to `attempts` half-seconds."""
    name = make_url(url).database
    admin = create_engine(_admin_url(url), isolation_level="AUTOCOMMIT")
    try:
        for attempt in range(attempts):
            try:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                return
            except ProgrammingError as exc:
                if "pg_signal_backend" not in str(exc) or attempt == attempts - 1:
                    raise
                time.sleep(0.5)
    finally:
        admin.dispose()


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'warehouse.sqlite'}"
        return
    url = create_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database(url)


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def second_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Another empty database, with no schema yet, once on SQLite and once on PostgreSQL
    (with `engine`: every pair of databases, for moves between them)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'second.sqlite'}"
        return
    url = create_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database(url)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated warehouse on each backend."""
    eng = open_database(database_url)
    try:
        yield eng
    finally:
        eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite warehouse only (for tests that are not about the backend)."""
    eng = open_database(f"sqlite:///{tmp_path / 'warehouse.sqlite'}")
    try:
        yield eng
    finally:
        eng.dispose()
