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
    assert [set(f) for f in payload["files"]] == [FILE_KEYS, FILE_KEYS]
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
