"""`socialkpi backup` / `restore` on the command line: what they print and their exit codes."""

from __future__ import annotations

import io
from pathlib import Path

from dashboard.cli_backup import EXIT_OK, EXIT_REJECTED, run_backup, run_restore
from workflows import review


def test_backup_then_restore_then_a_second_restore_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from warehouse.engine import open_database

    source = f"sqlite:///{tmp_path / 'source.sqlite'}"
    engine = open_database(source)
    review.add_comment(engine, period="2026-10", author="Ana", body="Kept.")
    engine.dispose()
    path = tmp_path / "w.skb"
    err = io.StringIO()
    assert run_backup(path, db=source, err=err) == EXIT_OK
    assert "review_comments: 1 rows" in err.getvalue()
    assert "Backup written to" in capsys.readouterr().out

    target = f"sqlite:///{tmp_path / 'target.sqlite'}"
    assert run_restore(path, author="Ana", db=target, err=io.StringIO()) == EXIT_OK
    assert "Restored 2 rows into sqlite:///" in capsys.readouterr().out  # comment + audit
    again = io.StringIO()
    assert run_restore(path, author="Ana", db=target, err=again) == EXIT_REJECTED
    assert again.getvalue().startswith("database_not_empty: restore needs an empty database")
    missing = io.StringIO()
    assert run_restore(tmp_path / "nope.skb", author="Ana", db=target, err=missing) == 1
    assert "nope.skb: no such file" in missing.getvalue()


def test_a_refusal_is_worded_in_the_readers_language(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dashboard.i18n import set_language
    from dashboard.refusals import refusal_text
    from metrics.strategy_edits import EditRefused
    from workflows.roles import check

    monkeypatch.setenv("SOCIALKPI_ROLES", "Ana=admin, *=viewer")
    try:
        check("review.comment", "Mallory", file="monthly review")
    except EditRefused as exc:
        problem = exc.errors[0]
    words = {}
    for lang in ("en", "es", "nl"):
        set_language(lang)
        words[lang] = refusal_text(problem.code, problem.message, problem.params)
    set_language("en")
    assert words == {
        "en": "adding a comment needs the editor role; you are viewer",
        "es": "añadir un comentario requiere el rol editor; su rol es lector",
        "nl": "een opmerking toevoegen vereist de rol redacteur; uw rol is lezer",
    }
