"""The catalogs read by an explicit language: the reports' strings (context `report`) and
their extraction for pybabel."""

from __future__ import annotations

import io

from babel.messages.extract import DEFAULT_KEYWORDS, extract

from language.catalogs import RN_, rpt, rt
from language.extract import extract_python_and_reports
from language.formatting import status_count_word, status_label
from reports.i18n_reports import action_state, measure_word


def test_a_report_string_is_read_in_the_language_given() -> None:
    assert rt("es", "Page {page} of {pages}", page=2, pages=9) == "Página 2 de 9"
    assert rt("nl", "Page {page} of {pages}", page=2, pages=9) == "Pagina 2 van 9"
    assert rt("en", "Page {page} of {pages}", page=2, pages=9) == "Page 2 of 9"
    assert rt("nl_BE", "Target") == "Doel"
    assert rt("fr", "Target") == "Target"  # a language without a catalog reads English


def test_the_report_context_keeps_the_reports_own_wording() -> None:
    """A page and a report may word the same English differently: a published post is
    "Publicado" on the Posts page and "Publicada" in the report's top-posts table."""
    from language.catalogs import translations

    assert translations("es").gettext("Published") == "Publicado"
    assert rt("es", "Published") == "Publicada"
    # "open": a link in a table ("abrir") and an action's state ("abierta")
    assert rpt("es", "report link", "open") == "abrir"
    assert action_state("es", "open") == "abierta"
    assert rpt("nl", "report link", "open") == "openen"
    assert action_state("nl", "open") == "open"


def test_tables_of_report_labels() -> None:
    assert status_label("es", "amber") == "Cerca de la meta"
    assert status_count_word("nl", "no_target") == "zonder doel"
    assert measure_word("es", "shares") == "veces compartido"
    assert measure_word("en", "link_clicks") == "link clicks"
    assert RN_("On target") == "On target"


SOURCE = b"""
from language.catalogs import RN_, rpt, rt
LABELS = {"a": RN_("Alpha")}
def f(lang, name, key):
    rt(lang, "Hello {name}", name=name)
    rt(lang, LABELS[key])
    rpt(lang, "report link", "open")
    _("A page string")
    rt(lang, "Long "
       "sentence")
"""


def test_extraction_puts_report_calls_in_the_report_context() -> None:
    found = {
        (context, message)
        for _line, message, _comments, context in extract(
            extract_python_and_reports, io.BytesIO(SOURCE), keywords=DEFAULT_KEYWORDS
        )
    }
    assert found == {
        ("report", "Alpha"),
        ("report", "Hello {name}"),
        ("report link", "open"),
        (None, "A page string"),
        ("report", "Long sentence"),
    }
