"""Import problems, warnings and notes in the reader's language (the Data page and the CLI).

data_contracts writes each message in English from its template (`data_contracts.problems.
MESSAGES`) and keeps the template's fields in `params`; the same English templates are marked
here for the catalogs, so a message is shown translated, filled from its params. A code
without a template here (or params that do not fill it) shows the English message as it came.
`tests/dashboard/test_import_messages.py` keeps the two lists of templates identical.
"""

from __future__ import annotations

from typing import Any

from dashboard.i18n import N_, _
from dashboard.import_provenance import whole_file_text

TEMPLATES: dict[str, tuple[str, ...]] = {
    "unknown_platform": (
        N_(
            "{file}, row {row}, column '{column}': '{value}' is not a platform socialkpi "
            "knows; expected facebook, instagram, x, linkedin, youtube or tiktok"
        ),
    ),
    "not_yes_no": (
        N_(
            "{file}, row {row}, column '{column}': '{value}' is neither yes nor no; "
            "expected yes, no or an empty cell (empty: not the organisation's own "
            "account)"
        ),
    ),
    "competitor_period_unknown": (
        N_(
            "{file}: the export does not say which dates its figures cover (LinkedIn "
            "writes them above the header); download it again from the Competitors tab"
        ),
    ),
    "own_page_unknown": (
        N_(
            "{file}: socialkpi cannot tell which of its {count} Pages is the "
            "organisation's own ({pages}); give it as the account: --account NAME, or the"
            " account field of the upload form"
        ),
    ),
    "own_page_not_listed": (
        N_(
            "{file}: the account given, '{value}', is not one of the Pages the file lists"
            " ({pages}); give one of them as the organisation's own"
        ),
    ),
    "own_page_marked": (N_("{file}: '{value}' is the organisation's own account (column Own)"),),
    "own_page_given": (N_("{file}: '{value}' is the organisation's own Page (the account given)"),),
    "own_page_known": (
        N_(
            "{file}: '{value}' is taken as the organisation's own Page: socialkpi already"
            " holds that account's figures"
        ),
    ),
    "own_page_none": (
        N_(
            "{file}: no row is the organisation's own account (no Own column says so, no "
            "account was given, none is known): all {rows} rows are stored as competitors"
        ),
    ),
    "unparseable_number": (
        N_(
            "{file}, row {row}, column '{column}': '{value}' is not a number; expected a number "
            "such as 1234 or 1,234.5"
        ),
    ),
    "unparseable_date": (
        N_(
            "{file}, row {row}, column '{column}': '{value}' is not a date we can read; "
            "expected a date like {example}"
        ),
        N_("{file}, row {row}, column '{column}': '{value}' is not a date we can read; {reason}"),
    ),
    "negative_value": (
        N_(
            "{file}, row {row}, column '{column}': {value} is below zero; expected a count of 0 "
            "or more"
        ),
    ),
    "duplicate_id": (
        N_(
            "{file}, row {row}, column '{column}': '{value}' is already on an earlier row; each "
            "row is kept once (the first)"
        ),
    ),
    "date_out_of_range": (
        N_(
            "{file}, row {row}, column '{column}': {value} is outside the dates the export "
            "covers; expected a date from {start} to {end}"
        ),
        N_(
            "{file}, row {row}, column '{column}': {value} is after the last day the export "
            "covers; expected a date no later than {end}"
        ),
        N_(
            "{file}, row {row}, column '{column}': {value} is not a date any export can hold; "
            "expected a date from {first} to {last}"
        ),
    ),
    "missing_value": (
        N_(
            "{file}, row {row}, column '{column}': empty; expected a value on every row (it "
            "identifies the row)"
        ),
    ),
    "impossible_number": (
        N_(
            "{file}, row {row}, column '{column}': '{value}' is not a number any export can "
            "hold; expected a finite number no larger than 10^15"
        ),
    ),
    "unstorable_text": (
        N_(
            "{file}, row {row}, column '{column}': '{value}' holds a NUL character (shown as ␀), "
            "which cannot be stored; expected text without NUL characters"
        ),
    ),
    "text_too_long": (
        N_(
            "{file}, row {row}, column '{column}': '{value}' is longer than can be stored; "
            "expected at most {limit} characters"
        ),
    ),
    "ids_rounded": (
        N_(
            "{file}: post ids were rounded by a spreadsheet program ({value} on row {row}, "
            "column '{column}'): upload the file as downloaded from the platform, without "
            "opening and saving it in a spreadsheet program"
        ),
    ),
    "resaved_file": (
        N_(
            "{file}: a spreadsheet program saved every line of this file as one quoted cell "
            "({value}): upload the file as downloaded from the platform, without opening and "
            "saving it in a spreadsheet program"
        ),
    ),
    "no_stored_measure": (
        N_(
            "{file}: socialkpi stores none of the measures in this file ({columns}); export "
            "the view again with a measure it stores, such as {measures}"
        ),
    ),
    "reach_exceeds_impressions": (
        N_(
            "{file}, row {row}: '{column}' ({value}) is higher than '{other_column}' "
            "({other_value}); reach is usually no higher than views. Loaded as the platform "
            "wrote it."
        ),
    ),
    "link_clicks_exceed_clicks": (
        N_(
            "{file}, row {row}: '{column}' ({value}) is higher than '{other_column}' "
            "({other_value}); link clicks are usually part of total clicks. Loaded as the "
            "platform wrote it."
        ),
    ),
    "measure_missing": (
        N_(
            "{file}: no column gives '{column}' (under any of its names), so it is empty for all "
            "{rows} rows; it may be one of the columns not read: {unread}"
        ),
        N_(
            "{file}: no column gives '{column}' (under any of its names), so it is empty for all "
            "{rows} rows"
        ),
    ),
    "unmapped_columns": (N_("{file}: {count} column(s) not read: {columns}"),),
    "repeated_columns": (
        N_(
            "{file}: these columns were not read because an earlier column gives the same "
            "measure: {columns}"
        ),
    ),
    "measures_not_chosen": (
        N_(
            "{file}: these measures are not in the file (the export holds the metrics chosen on "
            "the platform's screen): {columns}"
        ),
    ),
}
FILE_PREFIXES = ("{file}, ", "{file}: ")


def _fields(template: str) -> set[str]:
    import re

    return set(re.findall(r"\{([a-z_]+)\}", template))


def import_text(item: dict[str, Any], *, with_file: bool = True) -> str:
    """One import problem, warning or note in the current language. `with_file=False` leaves
    out the leading file name (shown elsewhere: a table under the file's name)."""
    code = str(item.get("code") or "")
    message = str(item.get("message") or "")
    whole = whole_file_text(item)  # unknown export, missing column, account or platform unclear
    if whole is not None:
        return whole
    params = {k: v for k, v in (item.get("params") or {}).items() if v is not None}
    for template in TEMPLATES.get(code, ()):
        if not _fields(template) <= set(params):
            continue
        text = _(template)
        if not with_file:
            for prefix in FILE_PREFIXES:
                if text.startswith(prefix):
                    text = text[len(prefix) :]
                    text = text[:1].upper() + text[1:]
                    break
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return message
    return message
