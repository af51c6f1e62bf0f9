"""Uploads kept on disk, not in the session, while the Data page still needs them.

The browser's upload arrives as Streamlit's in-memory `UploadedFile`. The Data page copies it
here in pieces (one folder per session, one sub-folder per upload, the file under its
original name, which the import pipeline reads for the account and period), imports it from
there, and keeps it only while the import waits for an answer (the "which account?"
question); the session holds the file's path and name, never its bytes. A spooled file is
removed when it is imported (the warehouse then keeps the original bytes), dismissed, or no
longer referenced when a new upload arrives; the whole folder goes when the session's spool
is garbage-collected or the process exits, or, after a kill, at the next import
(data_contracts.workdirs). No Streamlit here: plain files, testable alone.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from data_contracts import workdirs

COPY_BYTES = 1024**2


def _safe_name(name: str) -> str:
    """The upload's own file name, without any folder a browser might send."""
    base = Path(name.replace("\\", "/")).name
    return base if base not in ("", ".", "..") else "upload"


class UploadSpool:
    """A per-session folder of uploads waiting to be imported."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self.folder = Path(tempfile.mkdtemp(prefix=workdirs.prefix("uploads"), dir=root))
        self._remove = weakref.finalize(self, shutil.rmtree, str(self.folder), True)

    def save(self, name: str, source: BinaryIO) -> Path:
        """Copy `source` (from its start, in 1 MB pieces) to a file named `name`; its path."""
        self.folder.mkdir(parents=True, exist_ok=True)  # a temp cleaner may have removed it
        slot = Path(tempfile.mkdtemp(dir=self.folder))
        path = slot / _safe_name(name)
        source.seek(0)
        with path.open("wb") as out:
            shutil.copyfileobj(source, out, COPY_BYTES)
        return path

    def holds(self, path: Path | str) -> bool:
        """Whether `path` is a file this spool saved and still has."""
        candidate = Path(path)
        return candidate.parent.parent == self.folder and candidate.is_file()

    def discard(self, path: Path | str) -> None:
        """Remove one saved upload (nothing outside the spool's folder is touched)."""
        candidate = Path(path)
        if candidate.parent.parent == self.folder:
            shutil.rmtree(candidate.parent, ignore_errors=True)

    def keep_only(self, paths: Iterable[Path | str]) -> None:
        """Remove every saved upload but `paths` (those still waiting for the user)."""
        keep = {Path(p).parent for p in paths}
        if not self.folder.is_dir():
            return
        for slot in self.folder.iterdir():
            if slot in keep:
                continue
            if slot.is_dir():
                shutil.rmtree(slot, ignore_errors=True)
            else:
                slot.unlink(missing_ok=True)

    def files(self) -> list[Path]:
        """The uploads on disk now (for tests and checks)."""
        if not self.folder.is_dir():
            return []
        return sorted(p for slot in self.folder.iterdir() if slot.is_dir() for p in slot.iterdir())

    def close(self) -> None:
        """Remove the folder and everything in it now."""
        self._remove()
