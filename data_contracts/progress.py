"""Import progress: chunk-by-chunk reading turned into `Progress` calls with a real fraction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from data_contracts.planning import Plan
from data_contracts.reading import Unit

Progress = Callable[[Path, int, int | None], None]
"""`progress(path, rows_done, rows_total)`: called after every chunk of an upload and once at
its end. `rows_done` counts the upload's rows read so far; `rows_total` estimates its rows
from the share of its bytes read (exactly `rows_done` on the final call; None while no share
is known, i.e. inside a workbook's first sheet). `rows_done / rows_total` never decreases
and ends at 1."""


class UploadProgress:
    """Turns chunk-by-chunk reading into `Progress` calls with a real, monotonic fraction.

    Each table read from the upload weighs its bytes on disk (a CSV file or extracted ZIP
    member); a workbook sheet, parsed in memory, weighs an equal share of the upload's size.
    The share read is known exactly while a CSV streams ((bytes of the tables done + bytes
    the reader has consumed) / all their bytes); inside a sheet it lies between the tables
    done and the tables done plus the sheet, and there the rows read so far per share read
    move it on, up to that bound. The rows estimate is rows_done divided by that share.
    """

    def __init__(self, progress: Progress, path: Path, plans: list[Plan]) -> None:
        self.progress, self.path = progress, path
        self.sheet_weight = max(1, path.stat().st_size // max(1, len(plans)))
        self.total = sum(self._weight(p) for p in plans)
        self.finished = 0  # weight of the tables already read
        self.current = 0  # weight of the table being read
        self.in_memory = False  # the current table is a sheet: no reader to ask
        self.known = 0.0  # share surely read, never decreasing
        self.basis = 0  # rows read when `known` last moved
        self.last: tuple[int, int] | None = None  # the last (rows_done, rows_total) reported
        self.unit: Unit | None = None  # the table being read

    def _weight(self, plan: Plan) -> int:
        return self.sheet_weight if plan.unit.sheet is not None else max(1, plan.unit.size_bytes)

    def _see(self, read: int, rows_done: int) -> None:
        share = min(1.0, (self.finished + read) / self.total)
        if share > self.known:
            self.known, self.basis = share, rows_done

    def start(self, plan: Plan) -> None:
        self.current = self._weight(plan)
        self.in_memory = plan.unit.sheet is not None
        self.unit = plan.unit

    def chunk(self, rows_done: int) -> None:
        if self.in_memory or self.unit is None:
            bound = min(1.0, (self.finished + self.current) / self.total)
        else:
            self._see(min(self.unit.bytes_read, self.current), rows_done)
            bound = self.known
        self.progress(self.path, rows_done, self._estimate(rows_done, bound))

    def finish(self, rows_done: int) -> None:
        self.finished += self.current
        self.current = 0
        self._see(0, rows_done)

    def end(self, rows_done: int) -> None:
        self.last = (rows_done, rows_done)
        self.progress(self.path, rows_done, rows_done)

    def _estimate(self, rows_done: int, bound: float) -> int | None:
        """Rows of the whole upload (None while no share is known to be read); never lets
        rows_done / estimate go down from one call to the next."""
        if self.known <= 0 or self.basis <= 0 or rows_done <= 0:
            return None
        share = min(bound, rows_done * self.known / self.basis)
        estimate = max(rows_done, round(rows_done / share))
        if self.last is not None and self.last[0] > 0:
            done_before, total_before = self.last
            estimate = max(rows_done, min(estimate, rows_done * total_before // done_before))
        self.last = (rows_done, estimate)
        return estimate
