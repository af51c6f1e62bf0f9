"""The gettext catalogs, read by an explicit language.

The catalogs are `dashboard/locales/<lang>/LC_MESSAGES/socialkpi.po` (one per language; the
dashboard's strings and the reports' in one file), read with Babel and compiled in memory, so
there is no compiled `.mo` file to keep in sync. Nothing here knows whose language it is: the
dashboard passes the viewer's (`dashboard.i18n`), the reports the strategy's.

A report string is a msgid in the context `report` (`msgctxt "report"`), so a report and a
page may word the same English differently: `rt(lang, "Target")` is the report's "Meta",
whatever the dashboard says. `RN_` marks a report string kept in a table (a status label, a
measure's name) and `rpt(lang, context, msgid)` is for the rare word a report uses with two
meanings ("open" a link; an "open" action); `language.extract` finds all three for pybabel.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LANGUAGES: dict[str, str] = {"en": "English", "es": "Español", "nl": "Nederlands"}
DEFAULT_LANGUAGE = "en"
DOMAIN = "socialkpi"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "dashboard" / "locales"
REPORT_CONTEXT = "report"


def normalise_language(code: str | None) -> str:
    """`es_GT`, `ES`, `nl-BE` → `es`, `nl`; anything unknown → English."""
    if not code:
        return DEFAULT_LANGUAGE
    short = code.replace("-", "_").split("_", 1)[0].lower()
    return short if short in LANGUAGES else DEFAULT_LANGUAGE


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


def rpt(lang: str, context: str, message: str, **params: object) -> str:
    """`message` of `context` in `lang` (an unknown language: English), formatted with
    `params`."""
    text = translations(normalise_language(lang)).pgettext(context, message)
    return text.format(**params) if params else text


def rt(lang: str, message: str, **params: object) -> str:
    """A report's words in the report's language: `rt("es", "Page {page} of {pages}",
    page=1, pages=9)` → "Página 1 de 9". The msgid is the English text (context `report`)."""
    return rpt(lang, REPORT_CONTEXT, message, **params)


def RN_(message: str) -> str:
    """Mark a report string for extraction without translating it now (a table of labels);
    translate it later with `rt(lang, table[key])`."""
    return message
