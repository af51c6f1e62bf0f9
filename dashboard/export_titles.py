"""The exports in the reader's words: each contract's `title` ("Facebook posts from Meta
Business Suite"), translated, where the code would say `meta_facebook_posts`.

The titles live in the contracts (data_contracts/contracts/*.yaml); `extract_titles` is the
Babel extraction method that puts them into the catalogs (dashboard/locales/babel.cfg, see
dashboard/locales/README.md), so data_contracts never imports the dashboard.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import IO, Any

import yaml

from dashboard.i18n import _


def _titles() -> dict[str, str]:
    from data_contracts.model import all_contracts

    return {c.id: c.title for c in all_contracts()}


def export_title(contract_ids: str | None, *, capital: bool = False) -> str:
    """The readable name of an export (`x_content` → "X posts from X Premium analytics"); a
    ZIP's `a+b` names each; an unknown id is shown as it is."""
    if not contract_ids:
        return ""
    titles = _titles()
    text = " + ".join(_(titles[i]) if i in titles else i for i in contract_ids.split("+"))
    return text[:1].upper() + text[1:] if capital else text


def extract_titles(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: dict[str, Any],
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extraction method: the `title` of a contract file, for the catalogs."""
    text = fileobj.read().decode("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not data.get("title"):
        return
    line = next((n for n, row in enumerate(text.splitlines(), 1) if row.startswith("title:")), 1)
    yield (
        line,
        None,
        str(data["title"]),
        [f"the export of contract {data.get('id')}, read after 'an export of'"],
    )
