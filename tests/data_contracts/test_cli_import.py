"""`socialkpi import` / `validate` as a user runs them: JSON shape, exit codes, no traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from warehouse.engine import open_database
from warehouse.schema import imports

REPO = Path(__file__).resolve().parents[2]
EXPORTS = REPO / "sample_data" / "exports"
BROKEN = REPO / "sample_data" / "broken"
FILE_KEYS = {
    "path", "format", "platform", "account", "rows_read", "rows_loaded", "rows_rejected",
    "status", "import_id", "problems", "warnings", "warnings_count", "notes",
}  # fmt: skip
# DESIGN.md's keys, extended with where the platform, account and year came from
PROVENANCE_KEYS = {
    "account_source", "account_assumed", "needs_account", "platform_source", "year_source",
    "year_anchor", "period_start", "period_end",
}  # fmt: skip


def _run(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dashboard.cli", *args, "--db", db],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "GX_ANALYTICS_ENABLED": "false", "HOME": "/tmp"},
    )


def test_import_json_shape_and_exit_0(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.sqlite'}"
    good = EXPORTS / "facebook" / "Northwind Policy Institute Sep-01-2026_Oct-31-2026.csv"
    partial = BROKEN / "facebook_posts_reach_exceeds_impressions.csv"
    done = _run("import", str(good), str(partial), "--json", db=db)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert set(payload) == {"files"}
    assert [set(f) for f in payload["files"]] == [FILE_KEYS | PROVENANCE_KEYS] * 2
    first, second = payload["files"]
    assert (first["status"], first["format"], first["platform"], first["rows_loaded"]) == (
        "loaded",
        "meta_facebook_posts",
        "facebook",
        92,
    )
    # Reach above Views is Meta's own doing: the row loads, with a warning naming it.
    assert (second["status"], second["rows_loaded"], second["rows_rejected"]) == ("loaded", 6, 0)
    assert isinstance(second["import_id"], int)
    assert second["problems"] == []
    assert second["warnings_count"] == 1
    [warning] = second["warnings"]
    assert (warning["code"], warning["row"], warning["columns"]) == (
        "reach_exceeds_impressions",
        4,
        ["Reach", "Views"],
    )
    reach, views = warning["values"]["Reach"], warning["values"]["Views"]
    assert reach == views + 250
    assert warning["message"] == (
        f"facebook_posts_reach_exceeds_impressions.csv, row 4: 'Reach' ({reach}) is higher than "
        f"'Views' ({views}); reach is usually no higher than views. Loaded as the platform "
        "wrote it."
    )
    again = _run("import", str(good), "--json", db=db)
    [dup] = json.loads(again.stdout)["files"]
    assert (again.returncode, dup["status"], dup["import_id"]) == (
        0,
        "duplicate",
        first["import_id"],
    )


def test_junk_exits_1_with_one_line_per_problem_and_no_traceback(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.sqlite'}"
    junk = [BROKEN / "binary_junk.csv", BROKEN / "png_named_as.csv", BROKEN / "zip_bomb.zip"]
    done = _run("import", *map(str, junk), db=db)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.strip().splitlines()
    assert [line.split(":", 1)[0] for line in lines] == [
        "unreadable",
        "not_what_extension_says",
        "zip_bomb",
    ]
    assert all(name.name in line for name, line in zip(junk, lines, strict=True))


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.sqlite'}"
    done = _run("import", str(tmp_path / "nowhere.csv"), db=db)
    assert done.returncode == 2
    assert "nowhere.csv" in done.stderr and "Traceback" not in done.stderr
    assert _run("import", "--bogus-option", db=db).returncode == 2


def test_validate_stores_nothing_and_reports_rejections(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.sqlite'}"
    good = EXPORTS / "x" / "account_overview_analytics.csv"
    done = _run("validate", str(good), "--account", "northwindpolicy", "--json", db=db)
    assert done.returncode == 0, done.stderr
    [result] = json.loads(done.stdout)["files"]
    assert (result["status"], result["rows_loaded"], result["import_id"]) == ("loaded", 365, None)
    bad = _run("validate", str(BROKEN / "empty.csv"), db=db)
    assert bad.returncode == 1 and bad.stderr.startswith("empty_file: empty.csv")
    engine = open_database(db)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(imports)).scalar() == 0
    engine.dispose()


def test_progress_bar_moves_forward_by_bytes_and_ends_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from rich.console import Console
    from rich.progress import Progress

    from dashboard.cli_import import BytesBar
    from data_contracts.pipeline import validate_files
    from data_contracts.reading import Unit

    spec = importlib.util.spec_from_file_location(
        "bench_import", REPO / "bench" / "bench_import.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    big = tmp_path / bench.FILE_NAME
    bench.generate(big, 4_000)
    whole_chunks = Unit.chunks
    monkeypatch.setattr(
        Unit, "chunks", lambda self, header, chunk_rows=0: whole_chunks(self, header, 500)
    )
    youtube = EXPORTS / "youtube" / "Content 2026-08-01_2026-10-31 Northwind Policy Institute.zip"
    files = [big, youtube]
    progress = Progress(
        console=Console(file=io.StringIO(), force_terminal=True), auto_refresh=False
    )
    bar = BytesBar(progress, files)
    seen: list[float] = []
    update = progress.update

    def spy(task: object, **fields: object) -> None:
        update(task, **fields)  # type: ignore[arg-type]
        seen.append(progress.tasks[0].completed)

    monkeypatch.setattr(progress, "update", spy)
    results = validate_files(None, files, progress=bar.file_progress, on_file_done=bar.file_done)
    assert [r.status for r in results] == ["loaded", "loaded"]
    size = big.stat().st_size
    total = size + youtube.stat().st_size
    assert progress.tasks[0].total == total
    assert seen == sorted(seen) and seen[-1] == total
    # the big file's chunks fill its share of the bar step by step, not all at its end
    inside_big = [c for c in seen if 0 < c < size]
    assert len(inside_big) >= 5 and inside_big[0] < size / 2
    assert progress.tasks[0].description == f"{youtube.name}: {results[1].rows_read:,} rows"


def test_import_says_where_the_account_came_from_and_how_to_change_it(tmp_path: Path) -> None:
    """The X content export names its handle in its links; the account overview names none
    and is filed under the only X account, which the summary says, with the command that
    files it elsewhere; that command moves it (issue 11 items 3-4)."""
    db = f"sqlite:///{tmp_path / 'w.sqlite'}"
    content = EXPORTS / "x" / "account_analytics_content_2026-09-28_2026-10-31.csv"
    overview = EXPORTS / "x" / "account_overview_analytics.csv"
    done = _run("import", str(content), "--json", db=db)
    [linked] = json.loads(done.stdout)["files"]
    assert (linked["account"], linked["account_source"], linked["account_assumed"]) == (
        "northwindpolicy",
        "links",
        False,
    )
    assert (linked["period_start"], linked["period_end"]) == ("2026-09-28", "2026-10-31")
    human = _run("import", str(overview), db=db)
    assert human.returncode == 0, human.stderr
    lines = [line.strip() for line in human.stdout.splitlines()]
    assert lines[0].startswith("LOADED    account_overview_analytics.csv: x_account_overview")
    assert lines[1].startswith(
        "Filed under northwindpolicy because it is the only X account socialkpi knows"
    )
    assert lines[2] == (
        f"To file it under another account: socialkpi import {overview} --account NAME"
    )
    moved = _run("import", str(overview), "--account", "nw_events", "--json", db=db)
    [refiled] = json.loads(moved.stdout)["files"]
    assert (refiled["status"], refiled["account"], refiled["account_source"]) == (
        "loaded",
        "nw_events",
        "user",
    )
    engine = open_database(db)
    with engine.connect() as conn:
        statuses = conn.execute(select(imports.c.status).order_by(imports.c.id)).scalars().all()
    engine.dispose()
    assert statuses == ["loaded", "replaced", "loaded"]


def test_a_platform_the_file_does_not_say_is_asked_or_given(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.sqlite'}"
    history = (
        REPO / "tests" / "data_contracts" / "cases" / "files" / "tiktok" / "FollowerHistory.csv"
    )
    asked = _run("import", str(history), "--json", db=db)
    assert asked.returncode == 1
    [result] = json.loads(asked.stdout)["files"]
    assert (result["format"], result["platform"], result["status"]) == (
        "tiktok_followers",
        None,
        "rejected",
    )
    [problem] = result["problems"]
    assert problem["params"] == {
        "reason": "platform_unknown",
        "file": "FollowerHistory.csv",
        "export": "tiktok_followers",
        "platforms": ["tiktok", "facebook"],
    }
    assert asked.stderr.strip().endswith(
        "Give the platform and the account: --platform NAME --account NAME."
    )
    given = _run("import", str(history), "--platform", "tiktok", "--account", "nw", "--json", db=db)
    [loaded] = json.loads(given.stdout)["files"]
    assert (loaded["platform"], loaded["platform_source"], loaded["year_source"]) == (
        "tiktok",
        "user",
        "today",
    )
    wrong = _run("import", str(history), "--platform", "myspace", db=db)
    assert wrong.returncode == 2 and "--platform must be one of" in wrong.stderr
