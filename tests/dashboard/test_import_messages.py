"""Import problems, warnings and notes read the same in English as data_contracts wrote them,
and are translated, filled from their params, in Spanish and Dutch."""

from __future__ import annotations

import pytest

from dashboard.i18n import set_language
from dashboard.import_messages import TEMPLATES, import_text
from data_contracts.problems import MESSAGES, Problem

WARNING = Problem.of(
    "reach_exceeds_impressions",
    file="Export Jan-01-2025_Jan-31-2025.csv",
    row=4,
    column="Alcance",
    columns=["Alcance", "Visualizaciones"],
    values={"Alcance": 3, "Visualizaciones": 0},
    params={
        "row": 4,
        "column": "Alcance",
        "value": "3",
        "other_column": "Visualizaciones",
        "other_value": "0",
    },
).as_dict()


def test_the_dashboard_holds_the_same_english_templates_as_data_contracts() -> None:
    assert TEMPLATES == MESSAGES


def test_english_is_the_message_data_contracts_wrote() -> None:
    set_language("en")
    assert (
        import_text(WARNING)
        == WARNING["message"]
        == (
            "Export Jan-01-2025_Jan-31-2025.csv, row 4: 'Alcance' (3) is higher than "
            "'Visualizaciones' (0); reach is usually no higher than views. Loaded as the platform "
            "wrote it."
        )
    )
    assert import_text(WARNING, with_file=False) == (
        "Row 4: 'Alcance' (3) is higher than 'Visualizaciones' (0); reach is usually no higher "
        "than views. Loaded as the platform wrote it."
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "es",
            "Fila 4: 'Alcance' (3) es mayor que 'Visualizaciones' (0); el alcance no suele "
            "superar las visualizaciones. Se cargó tal como lo escribió la plataforma.",
        ),
        (
            "nl",
            "Rij 4: 'Alcance' (3) is hoger dan 'Visualizaciones' (0); het bereik is meestal niet "
            "hoger dan de weergaven. Geladen zoals het platform het schreef.",
        ),
    ],
)
def test_warning_in_spanish_and_dutch(lang: str, expected: str) -> None:
    set_language(lang)
    try:
        assert import_text(WARNING, with_file=False) == expected
        note = Problem.of(
            "unmapped_columns",
            file="x.csv",
            columns=["Veces que se guardó"],
            params={"count": 1, "columns": "'Veces que se guardó'"},
        ).as_dict()
        assert "'Veces que se guardó'" in import_text(note)
        assert import_text(note) != note["message"]
    finally:
        set_language("en")


def test_a_code_without_template_shows_its_message() -> None:
    item = {"code": "account_required", "message": "x.csv: pass --account", "params": {}}
    assert import_text(item) == "x.csv: pass --account"
    item = {"code": "reach_exceeds_impressions", "message": "as written", "params": {"row": 1}}
    assert import_text(item) == "as written"  # params that do not fill the template


def test_a_long_note_names_the_first_columns_and_counts_the_rest() -> None:
    from dashboard.components.imports import shorten_note

    names = [f"3-second video views by country ({n})" for n in range(280)]
    note = Problem.of(
        "unmapped_columns",
        file="wide.csv",
        columns=names,
        params={"count": 280, "columns": ", ".join(f"'{c}'" for c in names)},
    ).as_dict()
    set_language("es")
    try:
        text = import_text(shorten_note(note), with_file=False)
    finally:
        set_language("en")
    assert text.startswith("280 columna(s) sin leer: '3-second video views by country (0)'")
    assert text.endswith("'3-second video views by country (11)' … y 268 más")
    assert shorten_note(note)["columns"] == names  # the import keeps every name
