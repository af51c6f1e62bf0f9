"""What an import reports per input path: the `import --json` object of DESIGN.md."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

MAX_LISTED_WARNINGS = 1000
"""Warnings listed per upload (and per imports row); `warnings_count` counts them all."""


@dataclass
class FileResult:
    """The `import --json` object of DESIGN.md for one input path, extended with the
    warnings (rows loaded although their numbers look odd, measures the file does not
    supply), the notes (columns not read) and where its platform, account and year came
    from (every key of DESIGN.md is kept as it was).

    - `account_source`: `file_column`, `links`, `file_name`, `user` or `only_known_account`;
      `account_assumed` is true for the last one: the file did not name its account and the
      user did not give it, so it was filed under the only account of its platform that
      socialkpi knew. It can be filed under another account (`data_contracts.refile`).
    - `needs_account`: the export was recognised but the user has to say which account (or
      which platform) it belongs to before it can be stored: `status` is `rejected` and the
      `account_required` problem carries the question (its `reason`, the platforms, the
      accounts named in the links). Set where the pipeline decides it, so that no reader
      has to tell it from the problem codes.
    - `platform_source`: `contract` (the export has one platform), `file_column`,
      `file_title`, `file_name`, `sibling_files`, `user` or `account`.
    - `year_source`: for exports whose dates have no year, the anchor that gave the year
      (`file_date`, `zip_entry_time`, `file_name`, `video_id` or `today`), and `year_anchor`
      the day no date of the export is after; both None for dates that carry their year.
    - `period_start`, `period_end`: the dates the import covers (those the export states,
      else the first and last dates of its rows).
    """

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
    account_source: str | None = None
    account_assumed: bool = False
    needs_account: bool = False
    platform_source: str | None = None
    year_source: str | None = None
    year_anchor: date | None = None
    period_start: date | None = None
    period_end: date | None = None

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("year_anchor", "period_start", "period_end"):
            if out[key] is not None:
                out[key] = out[key].isoformat()
        return out

    def warn(self, warning: dict[str, Any]) -> None:
        self.warnings_count += 1
        if len(self.warnings) < MAX_LISTED_WARNINGS:
            self.warnings.append(warning)
