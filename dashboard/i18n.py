"""The translation layer: every user-facing string goes through `_()`.

Catalogs are gettext `.po` files under dashboard/locales/<lang>/LC_MESSAGES/socialkpi.po,
read with Babel and compiled in memory (no compiled `.mo` files to keep in sync). The
language is held per thread/context, so concurrent Streamlit sessions do not share it.
"""

from __future__ import annotations

import io
import os
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LANGUAGES: dict[str, str] = {"en": "English", "es": "Español", "nl": "Nederlands"}
DEFAULT_LANGUAGE = "en"
DOMAIN = "socialkpi"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
ENV_LANGUAGE = "SOCIALKPI_LANGUAGE"

_language: ContextVar[str | None] = ContextVar("socialkpi_language", default=None)


def normalise_language(code: str | None) -> str:
    """`es_GT`, `ES`, `nl-BE` → `es`, `nl`; anything unknown → English."""
    if not code:
        return DEFAULT_LANGUAGE
    short = code.replace("-", "_").split("_", 1)[0].lower()
    return short if short in LANGUAGES else DEFAULT_LANGUAGE


def set_language(code: str | None) -> str:
    lang = normalise_language(code)
    _language.set(lang)
    return lang


def get_language() -> str:
    lang = _language.get()
    if lang is None:
        return normalise_language(os.environ.get(ENV_LANGUAGE))
    return lang


@cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalog of `lang` (English, the source language, needs none)."""
    po_path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == DEFAULT_LANGUAGE or not po_path.exists():
        return NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


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
