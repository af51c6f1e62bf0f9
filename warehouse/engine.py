"""Engines from a database URL, schema upgrades through Alembic, and the words for the
faults that are the database's or the machine's, not the input's.

A URL is never shown with its password (`display_url`); a fault is one line
(`fault_line`), never the SQL and parameters that SQLAlchemy's messages carry.
"""

from __future__ import annotations

import errno
import fcntl
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_PASSWORD_IN_TEXT = re.compile(r"([^:/@\s]+:)([^@\s/]+)(@)")


class DatabaseUrlError(ValueError):
    """The database URL cannot be used (unknown driver, unreachable folder...)."""


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached or written (server down, bad credentials, locked,
    disk full): the environment's fault. `str()` is one line without the password."""

    def __init__(self, url: str, reason: str) -> None:
        self.url, self.reason = display_url(url), reason
        super().__init__(f"cannot use the database {self.url}: {reason}")


def display_url(url: str) -> str:
    """`url` as it may be shown or logged: the password replaced by ***."""
    try:
        return make_url(_normalise(url)).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: still never show what looks like a password
        return _PASSWORD_IN_TEXT.sub(r"\1***\3", url)


def fault_line(exc: BaseException) -> str:
    """One line saying what went wrong, for a fault that is not the input's: the driver's
    own first line for database errors (no SQL, no parameters), the system's words for
    OS errors (a full disk, a missing folder), never a traceback."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        text = str(exc.orig)
    elif isinstance(exc, SQLAlchemyError):
        text = str(exc.args[0]) if exc.args else type(exc).__name__
    elif isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror + (f": {exc.filename}" if exc.filename else "")
        if exc.errno == errno.ENOSPC:
            text = f"the disk is full ({text})"
    else:
        text = str(exc) or type(exc).__name__
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines[0] if lines else type(exc).__name__
    first = _PASSWORD_IN_TEXT.sub(r"\1***\3", first)
    return first if len(first) <= 300 else first[:299] + "…"


def is_environment_fault(exc: BaseException) -> bool:
    """True for faults of the database or the machine (connection lost or refused, database
    locked, disk full, out of memory) as opposed to a problem with what was given to it."""
    if isinstance(exc, OperationalError | InterfaceError | DatabaseUnavailable | MemoryError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS)


def _normalise(url: str) -> str:
    """Accept the plain `postgresql://` spelling and route it to psycopg 3."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get WAL mode, foreign keys and a busy timeout."""
    url = _normalise(url)
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError with a terse message
        raise DatabaseUrlError(f"not a database URL: {display_url(url)!r} ({exc})") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).expanduser().resolve().parent
            if not folder.exists():
                folder.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    raise DatabaseUrlError(
        f"unsupported database {parsed.get_backend_name()!r} in {display_url(url)!r}: "
        "use sqlite:///PATH or postgresql://USER:PASSWORD@HOST/DB"
    )


def alembic_config(engine: Engine):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (head by default); a no-op when already there."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def open_database(url: str) -> Engine:
    """An engine on `url` with the schema migrated to the newest revision.

    Raises DatabaseUrlError for a URL that cannot be used and DatabaseUnavailable when the
    database cannot be reached or migrated (both one line, the password hidden)."""
    engine = make_engine(url)
    try:
        upgrade(engine)
    except Exception as exc:
        engine.dispose()
        if is_environment_fault(exc) or isinstance(exc, SQLAlchemyError):
            raise DatabaseUnavailable(url, fault_line(exc)) from None
        raise
    return engine


@contextmanager
def import_lock(engine: Engine) -> Iterator[None]:
    """Serialise imports into one SQLite file across processes (the CLI and every app
    session): SQLite has one writer at a time, and an import holds it for the whole file,
    so a second import would otherwise give up after the busy timeout and be taken for a
    bad file. Waits as long as the other import takes. A no-op on PostgreSQL, whose
    concurrent imports neither lose nor double rows."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        yield
        return
    lock_path = Path(f"{database}.import-lock")
    with lock_path.open("a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
