"""pybabel's extraction method for our Python files (`dashboard/locales/babel.cfg`).

Babel's own Python extractor, which also finds the reports' strings: `rt(lang, "msgid")` and
`RN_("msgid")` in the context `report`, and `rpt(lang, "context", "msgid")` in the context
given. A call whose msgid is not a literal (`rt(lang, STATUS_LABELS[s])`) is skipped: its
strings are extracted where the table marks them with `RN_`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python

from language.catalogs import REPORT_CONTEXT

REPORT_CALLS = ("rt", "RN_", "rpt")


def _context_and_message(funcname: str, args: tuple[Any, ...]) -> tuple[Any, Any]:
    if funcname == "RN_":
        return REPORT_CONTEXT, args[0]
    if funcname == "rt":
        return REPORT_CONTEXT, args[1] if len(args) > 1 else None
    return (args[1], args[2]) if len(args) > 2 else (None, None)


def extract_python_and_reports(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, Any, list[str]]]:
    found = extract_python(fileobj, [*keywords, *REPORT_CALLS], comment_tags, options)
    for lineno, funcname, messages, comments in found:
        if funcname not in REPORT_CALLS:
            yield lineno, funcname, messages, comments
            continue
        args = messages if isinstance(messages, tuple) else (messages,)
        context, message = _context_and_message(funcname, args)
        if isinstance(context, str) and isinstance(message, str):
            yield lineno, "pgettext", (context, message), comments
