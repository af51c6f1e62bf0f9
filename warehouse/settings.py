"""Where the database lives: `--db`, else SOCIALKPI_DATABASE_URL, else an SQLite file."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_DATABASE_URL = "SOCIALKPI_DATABASE_URL"
APP_NAME = "socialkpi"


def user_data_dir() -> Path:
    """The per-user folder that holds the embedded database (created on demand)."""
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def default_database_url() -> str:
    return sqlite_url(user_data_dir() / "socialkpi.sqlite")


def resolve_database_url(explicit: str | None = None) -> str:
    """The database URL in force: the explicit one, the environment's, or the default file."""
    if explicit:
        return explicit
    from_env = os.environ.get(ENV_DATABASE_URL, "").strip()
    if from_env:
        return from_env
    return default_database_url()
