"""Problems, warnings and notes of an upload: a stable `code` for translation, `params` that
fill the code's message template, and the message itself in plain English.

- A *problem* of a whole file rejects it; a problem of one row quarantines that row.
- A *warning* names a row whose numbers look odd (Meta's Views below Reach) or a measure the
  file does not supply: the rows load all the same.
- A *note* says what was not read (columns the contract does not know).

Every message names the file, the row and the column as written in the file, the value and
what was expected, in words a social media officer uses (no contract ids, no code names).
The dashboard holds the same templates in its catalogs (dashboard/import_messages.py).
"""

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
        "ids_rounded",
        "resaved_file",
        "no_stored_measure",
        "database_unavailable",
        "too_wide",
        "competitor_period_unknown",
        "own_page_unknown",
        "own_page_not_listed",
    }
)
ROW_CODES: frozenset[str] = frozenset(
    {
        "unparseable_number",
        "unparseable_date",
        "negative_value",
        "duplicate_id",
        "date_out_of_range",
        "missing_value",
        "impossible_number",
        "unstorable_text",
        "text_too_long",
        "unknown_platform",
        "not_yes_no",
    }
)
WARNING_CODES: frozenset[str] = frozenset(
    {"reach_exceeds_impressions", "link_clicks_exceed_clicks", "measure_missing"}
)
NOTE_CODES: frozenset[str] = frozenset(
    {
        "unmapped_columns",
        "repeated_columns",
        "measures_not_chosen",
        "own_page_marked",
        "own_page_given",
        "own_page_known",
        "own_page_none",
    }
)

LOADED_ANYWAY = "Loaded as the platform wrote it."
MESSAGES: dict[str, tuple[str, ...]] = {
    # rows set aside (quarantined): the row cannot be stored truthfully
    "unparseable_number": (
        "{file}, row {row}, column '{column}': '{value}' is not a number; expected a number "
        "such as 1234 or 1,234.5",
    ),
    "unparseable_date": (
        "{file}, row {row}, column '{column}': '{value}' is not a date we can read; expected a "
        "date like {example}",
        "{file}, row {row}, column '{column}': '{value}' is not a date we can read; {reason}",
    ),
    "negative_value": (
        "{file}, row {row}, column '{column}': {value} is below zero; expected a count of 0 or "
        "more",
    ),
    "duplicate_id": (
        "{file}, row {row}, column '{column}': '{value}' is already on an earlier row; each "
        "row is kept once (the first)",
    ),
    "date_out_of_range": (
        "{file}, row {row}, column '{column}': {value} is outside the dates the export covers; "
        "expected a date from {start} to {end}",
        "{file}, row {row}, column '{column}': {value} is after the last day the export "
        "covers; expected a date no later than {end}",
        "{file}, row {row}, column '{column}': {value} is not a date any export can hold; "
        "expected a date from {first} to {last}",
    ),
    "missing_value": (
        "{file}, row {row}, column '{column}': empty; expected a value on every row (it "
        "identifies the row)",
    ),
    "impossible_number": (
        "{file}, row {row}, column '{column}': '{value}' is not a number any export can hold; "
        "expected a finite number no larger than 10^15",
    ),
    "unstorable_text": (
        "{file}, row {row}, column '{column}': '{value}' holds a NUL character (shown as ␀), "
        "which cannot be stored; expected text without NUL characters",
    ),
    "text_too_long": (
        "{file}, row {row}, column '{column}': '{value}' is longer than can be stored; expected "
        "at most {limit} characters",
    ),
    "unknown_platform": (
        "{file}, row {row}, column '{column}': '{value}' is not a platform socialkpi knows; "
        "expected facebook, instagram, x, linkedin, youtube or tiktok",
    ),
    "not_yes_no": (
        "{file}, row {row}, column '{column}': '{value}' is neither yes nor no; expected yes, "
        "no or an empty cell (empty: not the organisation's own account)",
    ),
    # whole file
    "competitor_period_unknown": (
        "{file}: the export does not say which dates its figures cover (LinkedIn writes them "
        "above the header); download it again from the Competitors tab",
    ),
    "own_page_unknown": (
        "{file}: socialkpi cannot tell which of its {count} Pages is the organisation's own "
        "({pages}); give it as the account: --account NAME, or the account field of the "
        "upload form",
    ),
    "own_page_not_listed": (
        "{file}: the account given, '{value}', is not one of the Pages the file lists "
        "({pages}); give one of them as the organisation's own",
    ),
    "ids_rounded": (
        "{file}: post ids were rounded by a spreadsheet program ({value} on row {row}, column "
        "'{column}'): upload the file as downloaded from the platform, without opening and "
        "saving it in a spreadsheet program",
    ),
    "resaved_file": (
        "{file}: a spreadsheet program saved every line of this file as one quoted cell "
        "({value}): upload the file as downloaded from the platform, without opening and saving "
        "it in a spreadsheet program",
    ),
    "no_stored_measure": (
        "{file}: socialkpi stores none of the measures in this file ({columns}); export the "
        "view again with a measure it stores, such as {measures}",
    ),
    # warnings: the rows loaded
    "reach_exceeds_impressions": (
        "{file}, row {row}: '{column}' ({value}) is higher than '{other_column}' "
        "({other_value}); reach is usually no higher than views. " + LOADED_ANYWAY,
    ),
    "link_clicks_exceed_clicks": (
        "{file}, row {row}: '{column}' ({value}) is higher than '{other_column}' "
        "({other_value}); link clicks are usually part of total clicks. " + LOADED_ANYWAY,
    ),
    "measure_missing": (
        "{file}: no column gives '{column}' (under any of its names), so it is empty for all "
        "{rows} rows; it may be one of the columns not read: {unread}",
        "{file}: no column gives '{column}' (under any of its names), so it is empty for all "
        "{rows} rows",
    ),
    # notes
    "unmapped_columns": ("{file}: {count} column(s) not read: {columns}",),
    "repeated_columns": (
        "{file}: these columns were not read because an earlier column gives the same "
        "measure: {columns}",
    ),
    "measures_not_chosen": (
        "{file}: these measures are not in the file (the export holds the metrics chosen "
        "on the platform's screen): {columns}",
    ),
    "own_page_marked": ("{file}: '{value}' is the organisation's own account (column Own)",),
    "own_page_given": ("{file}: '{value}' is the organisation's own Page (the account given)",),
    "own_page_known": (
        "{file}: '{value}' is taken as the organisation's own Page: socialkpi already holds "
        "that account's figures",
    ),
    "own_page_none": (
        "{file}: no row is the organisation's own account (no Own column says so, no account "
        "was given, none is known): all {rows} rows are stored as competitors",
    ),
}
_FIELD = re.compile(r"\{([a-z_]+)\}")


def template_fields(template: str) -> set[str]:
    return set(_FIELD.findall(template))


def render(code: str, params: dict[str, Any], templates: tuple[str, ...] | None = None) -> str:
    """The message of `code`: the first of its templates whose fields `params` all fill."""
    for template in templates if templates is not None else MESSAGES[code]:
        if template_fields(template) <= {k for k, v in params.items() if v is not None}:
            return template.format(**{k: "" if v is None else v for k, v in params.items()})
    raise KeyError(f"no message template of {code!r} fits {sorted(params)}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file (row is None) or with one row of it; also the shape of a
    warning and of a note (`columns`/`values`: what a warning compares)."""

    code: str
    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None
    expected: str | None = None
    columns: list[str] | None = None
    values: dict[str, Any] | None = None
    # what the faces need to say it in the reader's language: the file, the export's contract
    # id, the platform, the accounts known or named, and a `reason` when one code has several
    params: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        # One problem is one line wherever it is printed (CLI stderr, summaries, logs).
        object.__setattr__(self, "message", one_line(self.message))

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @property
    def rejects_file(self) -> bool:
        return self.code in WHOLE_FILE_CODES

    @classmethod
    def of(cls, code: str, *, file: str, **fields: Any) -> Problem:
        """A problem, warning or note whose message is rendered from `MESSAGES[code]`;
        `params` are the template's fields (file is added)."""
        given = fields.pop("params", {})
        params = {"file": file, **{k: v for k, v in given.items() if v is not None}}
        return cls(code=code, message=render(code, params), file=file, params=params, **fields)


class FileRejected(Exception):
    """Raised inside the pipeline when a whole-file problem ends the work on a file."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)


def reject(code: str, message: str, **fields: Any) -> FileRejected:
    return FileRejected(Problem(code=code, message=message, **fields))
