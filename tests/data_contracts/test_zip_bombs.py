"""Small-member ZIP bombs and the working folders of a killed import (issue 14, hole 8).

The probe: 450 members of 998 KB, each packed ~917:1, loaded after 37 s and wrote 449 MB
to the temporary folder, because the ratio was only checked on members over 1 MB. Here the
same shape, smaller (48 members of 200 KB), is refused on the archive's total ratio before
any member is extracted; one member of 300 KB at that ratio is refused on its own; and a
real multi-member export ZIP still loads.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from data_contracts import workdirs
from data_contracts.pipeline import validate_files
from data_contracts.problems import FileRejected
from data_contracts.reading import MAX_ZIP_RATIO, RATIO_FLOOR_BYTES, read_units

REPO = Path(__file__).resolve().parents[2]
X = REPO / "sample_data" / "exports" / "x"
CONTENT = X / "account_analytics_content_2026-09-28_2026-10-31.csv"
HEADER = b"Post id,Date,Post text,Post Link,Impressions\n"


def _bomb(path: Path, members: int, size: int) -> Path:
    """`members` CSV entries of `size` bytes each: a header, then spaces (packs ~1000:1)."""
    body = HEADER + b" " * (size - len(HEADER))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for number in range(members):
            archive.writestr(f"part_{number:03d}.csv", body)
    return path


def test_many_small_members_are_refused_on_the_archive_ratio(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "small_bomb.zip", members=48, size=200_000)
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    assert all(i.file_size < RATIO_FLOOR_BYTES for i in infos)  # each under the member check
    packed = sum(i.compress_size for i in infos)
    assert 48 * 200_000 / packed > MAX_ZIP_RATIO
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(FileRejected) as refused:
        read_units(path, work)
    [problem] = refused.value.problems
    assert problem.code == "zip_bomb"
    assert problem.message.startswith("small_bomb.zip: its 48 entries expand ")
    assert problem.message.endswith("to 9,600,000 bytes (at most 200:1 accepted)")
    assert list(work.iterdir()) == []  # refused before anything was extracted


def test_one_member_of_300_kb_at_that_ratio_is_refused(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "one.zip", members=1, size=300_000)
    with pytest.raises(FileRejected) as refused:
        read_units(path, tmp_path)
    [problem] = refused.value.problems
    assert problem.code == "zip_bomb"
    assert "entry 'part_000.csv' expands" in problem.message


def test_a_real_export_zip_of_several_members_loads(tmp_path: Path) -> None:
    path = tmp_path / "x_exports.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for csv in (X / "account_overview_analytics.csv", CONTENT):
            archive.write(csv, f"x/{csv.name}")
    results = validate_files(None, [path], account="northwindpolicy")
    assert [r.status for r in results] == ["loaded"]
    assert results[0].rows_loaded > 0 and results[0].rows_rejected == 0


# ------------------------------------------------------- working folders of a killed import


CHILD = """
import os, signal, sys
from pathlib import Path
from data_contracts.workdirs import work_folder
with work_folder("import", Path(sys.argv[1])) as folder:
    (folder / "0001.csv").write_bytes(b"x" * 1000)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def _killed_import_folder(root: Path) -> Path:
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(root)], cwd=REPO, capture_output=True, check=False
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    [left] = list(root.iterdir())
    assert left.name.startswith("socialkpi-import-") and (left / "0001.csv").is_file()
    return left


def test_the_next_import_removes_the_folder_a_killed_import_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "tmp"
    root.mkdir()
    left = _killed_import_folder(root)
    mine = root / f"{workdirs.prefix('uploads')}kept"  # this process runs: kept
    mine.mkdir()
    older = root / "socialkpi-uploads-kept"  # no process id (an older version): kept
    older.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    monkeypatch.setattr(workdirs, "_swept", set())
    [result] = validate_files(
        None, [X / "account_overview_analytics.csv"], account="northwindpolicy"
    )
    assert result.status == "loaded"
    assert not left.exists()
    assert sorted(p.name for p in root.iterdir()) == sorted([mine.name, older.name])


def test_a_folder_of_a_running_process_is_never_removed(tmp_path: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        theirs = tmp_path / f"socialkpi-import-{sleeper.pid}-abc"
        theirs.mkdir()
        assert workdirs.sweep_stale(tmp_path) == []
        assert theirs.is_dir()
    finally:
        sleeper.kill()
        sleeper.wait()
    assert workdirs.sweep_stale(tmp_path) == [theirs]
    assert not theirs.exists()
    assert os.getpid() != sleeper.pid
