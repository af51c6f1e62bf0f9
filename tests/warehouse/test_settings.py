from __future__ import annotations

from pathlib import Path

import pytest

from warehouse import settings
from warehouse.engine import DatabaseUrlError, make_engine


def test_explicit_url_wins_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.ENV_DATABASE_URL, "sqlite:///env.sqlite")
    assert settings.resolve_database_url("sqlite:///cli.sqlite") == "sqlite:///cli.sqlite"
    assert settings.resolve_database_url(None) == "sqlite:///env.sqlite"


def test_default_is_a_file_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(settings.ENV_DATABASE_URL, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    url = settings.resolve_database_url(None)
    assert url == f"sqlite:///{tmp_path / 'socialkpi' / 'socialkpi.sqlite'}"


def test_unsupported_urls_are_refused_with_a_reason() -> None:
    with pytest.raises(DatabaseUrlError, match="unsupported database 'mysql'"):
        make_engine("mysql://u:p@localhost/db")
    with pytest.raises(DatabaseUrlError, match="not a database URL"):
        make_engine("no scheme at all")


def test_plain_postgresql_urls_use_psycopg3() -> None:
    eng = make_engine("postgresql://u:p@127.0.0.1:1/db")
    assert eng.dialect.driver == "psycopg"
    eng.dispose()
