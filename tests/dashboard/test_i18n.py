"""The catalogs are complete and in use: every msgid translated, pages show the language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from dashboard_seed import APP, STRATEGY_YAML
from streamlit.testing.v1 import AppTest

from dashboard.i18n import LOCALES_DIR, _, set_language, translate_problem, translations
from language.catalogs import REPORT_CONTEXT

POT = LOCALES_DIR / "socialkpi.pot"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
UI_SOURCES = ("app.py", "views", "components", "formatting.py", "state.py")
ROOT = LOCALES_DIR.parent.parent
REPORT_SOURCES = ("reports", "language")  # where `rt` / `RN_` / `rpt` calls are extracted
PYTHON_METHOD = [("**.py", "language.extract:extract_python_and_reports")]


def pot_entries() -> list[tuple[str | None, str | tuple[str, ...]]]:
    """(msgctxt, msgid) of every entry of the template: the reports' in context `report`."""
    with POT.open("rb") as handle:
        return [(m.context, m.id) for m in read_po(handle) if m.id]


def pot_ids() -> list[str]:
    return [msgid for context, msgid in pot_entries() if context is None]


@pytest.mark.parametrize("lang", ["es", "nl"])
def test_every_msgid_is_translated_with_the_same_placeholders(lang: str) -> None:
    """Plural entries ("{done} of {total} months") and the reports' strings (context
    `report`) included: every form translated, each with the placeholders of the msgid."""
    path = LOCALES_DIR / lang / "LC_MESSAGES" / "socialkpi.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    entries = pot_entries()
    assert len(entries) > 150
    assert sum(1 for context, _id in entries if context == REPORT_CONTEXT) > 100
    untranslated = []
    for context, msgid in entries:
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        message = catalog.get(key, context=context)
        forms = [] if message is None else message.string
        forms = [forms] if isinstance(forms, str) else list(forms)
        if not forms or not all(forms) or message.fuzzy:
            untranslated.append((context, msgid))
            continue
        wanted = set(PLACEHOLDER.findall(msgid if isinstance(msgid, str) else msgid[-1]))
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) == wanted, msgid
    assert untranslated == []


def test_template_holds_every_string_of_the_streamlit_ui() -> None:
    """Run `pybabel extract` again when this fails (see dashboard/locales/README.md)."""
    root = APP.parent
    found: set[str] = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(root), keywords={"_": None, "N_": None, "gettext": None}
    ):
        if any(_file.startswith(s) for s in UI_SOURCES) and isinstance(message, str):
            found.add(message)
    assert found - set(pot_ids()) == set()


def test_template_holds_every_string_of_the_reports() -> None:
    """Every `rt(lang, "...")`, `RN_("...")` and `rpt(lang, "context", "...")` of the reports
    is in the template, in its context; run `pybabel extract` again when this fails (see
    dashboard/locales/README.md). With the test above, a report string without a Spanish or
    Dutch translation fails the build."""
    found: set[tuple[str | None, str]] = set()
    for source in REPORT_SOURCES:
        for _file, _line, message, _comments, context in extract_from_dir(
            str(ROOT / source), PYTHON_METHOD, keywords=DEFAULT_KEYWORDS
        ):
            if context is not None and context.startswith(REPORT_CONTEXT):
                found.add((context, message))
    assert len(found) > 100
    assert found - set(pot_entries()) == set()


def test_lookup_follows_the_language_in_force() -> None:
    assert set_language("es_GT") == "es"
    assert _("Overview") == "Resumen"
    set_language("nl")
    assert _("Overview") == "Overzicht"
    set_language("fr")
    assert _("Overview") == "Overview"
    assert isinstance(translations("es").gettext("On target"), str)


def test_unknown_problem_codes_fall_back_to_the_english_message() -> None:
    set_language("es")
    assert translate_problem("no_such_code", "column 'x' missing", {}) == "column 'x' missing"
    assert translate_problem(None, "plain", None) == "plain"
    set_language("en")


def test_overview_in_spanish_shows_spanish_labels(app_env: dict[str, str]) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = "es"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Resumen"
    assert at.selectbox(key="period__es").label == "Periodo"
    assert at.selectbox(key="period__es").format_func("2026-10") == "octubre de 2026"
    page_text = " ".join(m.value for m in at.markdown if "skpi-theme" not in m.value)
    assert "octubre de 2026" in page_text
    assert "En meta" in page_text or "Fuera de meta" in page_text


def test_strategy_page_in_dutch(app_env: dict[str, str]) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = "nl"
    at.run()
    at.switch_page("views/strategy_page.py").run()
    assert not at.exception
    assert at.title[0].value == "Strategie"
    assert any("Volwassenheid" in m.value for m in at.markdown)


def test_locales_folder_has_no_compiled_catalogs() -> None:
    assert list(Path(LOCALES_DIR).rglob("*.mo")) == []


def test_default_language_is_the_strategy_language(
    app_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spanish = tmp_path / "estrategia.yaml"
    spanish.write_text(STRATEGY_YAML.replace("language: en", "language: es"), encoding="utf-8")
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(spanish))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Resumen"
    assert at.query_params["lang"] == "es"
    assert "5,4\xa0%" in " ".join(
        m.value for m in at.markdown if "skpi-theme" not in m.value
    )  # Spanish: "5,4 %"
