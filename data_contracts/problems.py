"""Problems found in an upload: a stable `code` for translation plus a specific English message."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

_BREAKS = re.compile(r"\s*[\r\n\x0b\x0c\x85\u2028\u2029]+\s*")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def one_line(text: str) -> str:
    """`text` on one line: line breaks (a file name may hold one; driver and parser
    messages often do) become ' / ', other control characters become '?'."""
    return _CONTROLS.sub("?", _BREAKS.sub(" / ", text.strip()))


WHOLE_FILE_CODES: frozenset[str] = frozenset(
    {
        "unknown_format",
        "missing_column",
        "empty_file",
        "no_valid_rows",
        "unreadable",
        "too_large",
        "zip_bomb",
        "unsafe_zip_member",
        "not_what_extension_says",
        "account_required",
        "date_range_insane",
        "database_unavailable",
        "too_wide",
    }
)
ROW_CODES: frozenset[str] = frozenset(
    {
        "unparseable_number",
        "unparseable_date",
        "negative_value",
        "duplicate_id",
        "date_out_of_range",
        "reach_exceeds_impressions",
        "missing_value",
        "impossible_number",
        "unstorable_text",
        "text_too_long",
    }
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file (row is None) or with one row of it."""

    code: str
    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None
    expected: str | None = None

    def __post_init__(self) -> None:
        # One problem is one line wherever it is printed (CLI stderr, summaries, logs).
        object.__setattr__(self, "message", one_line(self.message))

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @property
    def rejects_file(self) -> bool:
        return self.code in WHOLE_FILE_CODES


class FileRejected(Exception):
    """Raised inside the pipeline when a whole-file problem ends the work on a file."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)


def reject(code: str, message: str, **fields: Any) -> FileRejected:
    return FileRejected(Problem(code=code, message=message, **fields))
