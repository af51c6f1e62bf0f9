"""Temporary working folders of imports, and the removal of those a killed process left.

An import extracts ZIP members and spools uploads into folders under the system's temporary
folder; they are removed when the import ends. A process killed mid-import (kill -9, a
power cut) cannot remove its own, and a ZIP bomb's members stay on disk (issue 14, hole 8).
So every such folder carries the id of the process that made it
(`socialkpi-<kind>-<pid>-<random>`), and the first import of each later process removes
the folders of processes that no longer run. A folder of a running process, or one whose
name carries no process id (made by an older version), is never touched.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_OURS = re.compile(r"^socialkpi-[a-z]+-(\d+)-")
_swept: set[str] = set()


def prefix(kind: str) -> str:
    """The name prefix of a working folder of `kind` made by this process."""
    return f"socialkpi-{kind}-{os.getpid()}-"


@contextmanager
def work_folder(kind: str, root: Path | None = None) -> Iterator[Path]:
    """A fresh working folder, removed when the block ends."""
    with tempfile.TemporaryDirectory(prefix=prefix(kind), dir=root) as folder:
        yield Path(folder)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: running
        return True
    return True


def sweep_stale(root: Path | None = None) -> list[Path]:
    """Remove the working folders under `root` (the temporary folder) whose process no
    longer runs; the folders removed."""
    base = Path(root or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(os.scandir(base))
    except OSError:
        return removed
    for entry in entries:
        match = _OURS.match(entry.name)
        if match is None or _running(int(match.group(1))):
            continue
        try:
            if entry.is_dir(follow_symlinks=False) and entry.stat().st_uid == os.getuid():
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def sweep_once(root: Path | None = None) -> None:
    """`sweep_stale` the first time this process asks (for `root`)."""
    key = str(root or tempfile.gettempdir())
    if key not in _swept:
        _swept.add(key)
        sweep_stale(root)
