"""What an import reports per input path: the `import --json` object of DESIGN.md."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

MAX_LISTED_WARNINGS = 1000
"""Warnings listed per upload (and per imports row); `warnings_count` counts them all."""


@dataclass
class FileResult:
    """The `import --json` object of DESIGN.md for one input path, extended with the
    warnings (rows loaded although their numbers look odd, measures the file does not
    supply) and the notes (columns not read)."""

    path: str
    format: str | None = None
    platform: str | None = None
    account: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    status: str = "rejected"
    import_id: int | None = None
    problems: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    warnings_count: int = 0
    notes: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def warn(self, warning: dict[str, Any]) -> None:
        self.warnings_count += 1
        if len(self.warnings) < MAX_LISTED_WARNINGS:
            self.warnings.append(warning)
