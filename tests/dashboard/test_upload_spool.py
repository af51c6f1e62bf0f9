"""The Data page's spool: uploads wait on disk under their own names, and every way out of
the spool (imported, dismissed, replaced, session gone) removes their files."""

from __future__ import annotations

import gc
import io
from pathlib import Path

from dashboard.upload_spool import COPY_BYTES, UploadSpool


def test_uploads_are_copied_under_their_own_names_without_collisions(tmp_path: Path) -> None:
    spool = UploadSpool(tmp_path)
    big = bytes(range(256)) * (COPY_BYTES // 256 * 3 + 7)  # several copy pieces
    source = io.BytesIO(big)
    source.seek(500)  # a stream already read: the copy starts from its beginning
    first = spool.save("export.csv", source)
    second = spool.save("folder\\../export.csv", io.BytesIO(b"other"))
    assert (first.name, second.name) == ("export.csv", "export.csv")
    assert first != second and first.parent.parent == second.parent.parent == spool.folder
    assert first.read_bytes() == big and second.read_bytes() == b"other"
    assert spool.files() == sorted([first, second])
    assert spool.holds(first) and spool.holds(str(second))


def test_discard_and_keep_only_remove_exactly_what_is_no_longer_waiting(tmp_path: Path) -> None:
    spool = UploadSpool(tmp_path)
    paths = [spool.save(f"f{i}.csv", io.BytesIO(b"x")) for i in range(3)]
    outside = tmp_path / "outside.csv"
    outside.write_bytes(b"keep me")
    spool.discard(outside)  # not the spool's: untouched
    assert outside.read_bytes() == b"keep me"
    spool.discard(paths[0])
    assert spool.files() == sorted(paths[1:]) and not spool.holds(paths[0])
    spool.keep_only([str(paths[2])])
    assert spool.files() == [paths[2]]
    spool.keep_only([])
    assert spool.files() == [] and spool.folder.is_dir()


def test_the_folder_goes_when_closed_or_when_the_session_drops_the_spool(tmp_path: Path) -> None:
    closed = UploadSpool(tmp_path)
    closed.save("a.csv", io.BytesIO(b"a"))
    closed.close()
    assert not closed.folder.exists()
    assert closed.files() == []
    dropped = UploadSpool(tmp_path)
    dropped.save("b.csv", io.BytesIO(b"b"))
    folder = dropped.folder
    del dropped
    gc.collect()
    assert not folder.exists()
    assert list(tmp_path.iterdir()) == []


def test_saving_again_after_a_temp_cleaner_removed_the_folder(tmp_path: Path) -> None:
    spool = UploadSpool(tmp_path)
    spool.close()
    path = spool.save("late.csv", io.BytesIO(b"late"))
    assert path.read_bytes() == b"late" and spool.holds(path)
