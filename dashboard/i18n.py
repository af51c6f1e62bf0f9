"""The translation layer: every user-facing string goes through `_()`.

The catalogs are read by `language.catalogs` (below both faces: the reports read the same
files in the strategy's language); this module holds the viewer's language, per
thread/context, so concurrent Streamlit sessions do not share it.
"""

from __future__ import annotations

import os
from contextvars import ContextVar

from language.catalogs import (
    DEFAULT_LANGUAGE,
    DOMAIN,
    LANGUAGES,
    LOCALES_DIR,
    normalise_language,
    translations,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "ENV_LANGUAGE",
    "LANGUAGES",
    "LOCALES_DIR",
    "N_",
    "_",
    "get_language",
    "gettext",
    "ngettext",
    "normalise_language",
    "set_language",
    "translate_problem",
    "translations",
]

ENV_LANGUAGE = "SOCIALKPI_LANGUAGE"

_language: ContextVar[str | None] = ContextVar("socialkpi_language", default=None)


def set_language(code: str | None) -> str:
    lang = normalise_language(code)
    _language.set(lang)
    return lang


def get_language() -> str:
    lang = _language.get()
    if lang is None:
        return normalise_language(os.environ.get(ENV_LANGUAGE))
    return lang


def gettext(message: str) -> str:
    return translations(get_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(get_language()).ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (module-level labels)."""
    return message


def translate_problem(
    code: str | None, message: str, params: dict[str, object] | None = None
) -> str:
    """A problem reported by a library package (stable `code`, English `message`, `params`).

    The catalog holds templates keyed `problem:<code>`; with a translation, the template is
    filled from `params`; without one, the English message is shown as it came.
    """
    if not code:
        return message
    key = f"problem:{code}"
    template = gettext(key)
    if template == key:
        return message
    try:
        return template.format(**(params or {}))
    except (KeyError, IndexError, ValueError):
        return message
