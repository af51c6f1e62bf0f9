"""Uploading exports on the Data page: the validation report, the account question, and
the Overview picking up the new facts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from dashboard_seed import APP, STRATEGY_YAML, seed
from streamlit.testing.v1 import AppTest

from dashboard.upload_spool import UploadSpool

REPO = APP.parents[1]
X_EXPORTS = REPO / "sample_data" / "exports" / "x"
X_CONTENT = X_EXPORTS / "account_analytics_content_2026-09-28_2026-10-31.csv"
X_OVERVIEW = X_EXPORTS / "account_overview_analytics.csv"
FACEBOOK = (
    REPO
    / "sample_data"
    / "exports"
    / "facebook"
    / ("Northwind Policy Institute Sep-01-2026_Oct-31-2026.csv")
)


@pytest.fixture
def fresh_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'warehouse.sqlite'}"
    seed(url)
    strategy = tmp_path / "strategy.yaml"
    strategy.write_text(STRATEGY_YAML, encoding="utf-8")
    monkeypatch.setenv("SOCIALKPI_DATABASE_URL", url)
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(strategy))
    # The loaders' caches key on the data version (imports count and newest id), which two
    # fresh warehouses of one test process can share: start each test with empty caches.
    import streamlit as st

    st.cache_data.clear()


def data_page() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at.switch_page("views/data_page.py").run()
    assert not at.exception
    return at


def answer_account_question(at: AppTest, account: str) -> None:
    if any(box.label == "Account name" for box in at.text_input):
        at.text_input(key="data_account_0").input(account).run()
        at.button(key="data_retry_0").click().run()
        assert not at.exception


def posts_published(at: AppTest) -> str:
    labels = [link.label for link in at.get("page_link")]
    assert "Posts published" in labels
    values = [m.value for m in at.markdown if 'class="skpi-value"' in m.value]
    return values[labels[-3:].index("Posts published")]


@pytest.mark.slow
def test_upload_reports_each_file_and_changes_the_overview(fresh_env: None) -> None:
    overview = AppTest.from_file(str(APP), default_timeout=120).run()
    before = posts_published(overview)
    at = data_page()
    at.file_uploader[0].set_value([(X_CONTENT.name, X_CONTENT.read_bytes(), "text/csv")]).run()
    at.button(key="data_import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    answer_account_question(at, "northwindpolicy")
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Rows accepted"].replace(",", "")) > 0
    assert any(X_CONTENT.name in m.value for m in at.markdown)
    history = at.dataframe[-1].value
    assert X_CONTENT.name in set(history["file"])
    overview = AppTest.from_file(str(APP), default_timeout=120).run()
    assert posts_published(overview) != before


def holds_bytes(value: object) -> bool:
    """Whether a session-state value holds file content (bytes, or a file object such as
    Streamlit's UploadedFile), anywhere inside lists and dicts."""
    if isinstance(value, bytes | bytearray | memoryview | io.IOBase):
        return True
    if isinstance(value, dict):
        return any(holds_bytes(v) for v in value.values())
    if isinstance(value, list | tuple | set):
        return any(holds_bytes(v) for v in value)
    return False


def session_without_bytes(at: AppTest) -> dict[str, object]:
    state = at.session_state.to_dict()
    assert [key for key, value in state.items() if holds_bytes(value)] == []
    return state


def upload(at: AppTest, *files: Path) -> None:
    at.file_uploader[0].set_value([(f.name, f.read_bytes(), "text/csv") for f in files]).run()
    at.button(key="data_import").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_file_without_account_asks_for_it(fresh_env: None) -> None:
    at = data_page()
    upload(at, X_OVERVIEW)
    assert [box.label for box in at.text_input] == ["Account name"]
    assert any("does not say which X account it belongs to" in i.value for i in at.info)
    # the upload waits on disk, not in the session; the uploader let go of its copy
    state = session_without_bytes(at)
    [waiting] = state["data_import_results"]
    spool = state["data_upload_spool"]
    assert isinstance(spool, UploadSpool)
    assert spool.files() == [Path(waiting["spooled"])]
    assert Path(waiting["spooled"]).name == X_OVERVIEW.name
    assert Path(waiting["spooled"]).read_bytes() == X_OVERVIEW.read_bytes()
    assert at.file_uploader[0].value == []
    answer_account_question(at, "northwindpolicy")
    assert not [box for box in at.text_input if box.label == "Account name"]
    assert {m.label: m.value for m in at.metric}["Rows accepted"] != "0"
    [done] = session_without_bytes(at)["data_import_results"]
    assert (done["status"], done["account"], "spooled" in done) == (
        "loaded",
        "northwindpolicy",
        False,
    )
    assert spool.files() == []


def test_waiting_upload_survives_a_new_upload_until_dismissed(fresh_env: None) -> None:
    at = data_page()
    upload(at, X_OVERVIEW)
    spool = at.session_state["data_upload_spool"]
    [waiting] = spool.files()
    upload(at, FACEBOOK)
    results = session_without_bytes(at)["data_import_results"]
    assert [(r["name"], r["status"]) for r in results] == [
        (X_OVERVIEW.name, "rejected"),
        (FACEBOOK.name, "loaded"),
    ]
    assert spool.files() == [waiting]  # the imported file is gone, the waiting one kept
    assert [box.label for box in at.text_input] == ["Account name"]
    at.button(key="data_dismiss_0").click().run()
    assert not at.exception
    assert spool.files() == []
    assert [r["name"] for r in at.session_state["data_import_results"]] == [FACEBOOK.name]
    assert not [box for box in at.text_input if box.label == "Account name"]


def test_a_spooled_file_removed_meanwhile_asks_for_a_new_upload(fresh_env: None) -> None:
    at = data_page()
    upload(at, X_OVERVIEW)
    at.session_state["data_upload_spool"].close()  # e.g. a temp-folder cleaner ran
    at.run()
    assert not at.exception
    assert any("no longer on the server; upload it again" in w.value for w in at.warning)
    assert not [box for box in at.text_input if box.label == "Account name"]


def test_progress_bar_shows_the_fraction_and_the_estimated_rows() -> None:
    from dashboard.components.imports import import_progress
    from dashboard.i18n import set_language

    set_language("en")
    assert import_progress(1_000, None) == (None, "1,000 rows read")
    assert import_progress(1_000, 4_000) == (0.25, "1,000 of about 4,000 rows")
    assert import_progress(3_990, 3_990) == (1.0, "3,990 rows read")


SPANISH_INSTAGRAM = (
    '"Identificador de la publicación","Identificador de la cuenta","Nombre de usuario de la '
    'cuenta","Nombre de la cuenta",Descripción,"Duración (segundos)","Hora de publicación",'
    '"Enlace permanente","Tipo de publicación","Comentario sobre los datos",Fecha,'
    'Visualizaciones,Alcance,"Me gusta","Veces que se compartió",Seguimientos,Comentarios,'
    '"Veces que se guardó","Columna inventada"\n'
    "18000000000000001,17841400000000001,northwindpolicy,Northwind,Hola,0,"
    '"01/05/2025 10:00",https://www.instagram.com/p/AAA/,"Imagen de Instagram",,Total,'
    "0,3,1,0,0,0,2,x\n"
    "18000000000000002,17841400000000001,northwindpolicy,Northwind,Adiós,0,"
    '"01/07/2025 18:30",https://www.instagram.com/p/BBB/,"Imagen de Instagram",,Total,'
    "120,80,9,1,0,2,4,y\n"
)


@pytest.mark.parametrize(
    ("lang", "head", "row_text", "note"),
    [
        (
            "en",
            "1 warning(s): the rows were loaded",
            "Row 2: 'Alcance' (3) is higher than 'Visualizaciones' (0)",
            "5 column(s) not read: "
            "'Nombre de la cuenta', 'Duración (segundos)', 'Comentario sobre los datos', 'Fecha', 'Columna inventada'",
        ),
        (
            "es",
            "1 advertencia(s): las filas se cargaron",
            "Fila 2: 'Alcance' (3) es mayor que 'Visualizaciones' (0)",
            "5 columna(s) sin leer: "
            "'Nombre de la cuenta', 'Duración (segundos)', 'Comentario sobre los datos', 'Fecha', 'Columna inventada'",
        ),
        (
            "nl",
            "1 waarschuwing(en): de rijen zijn geladen",
            "Rij 2: 'Alcance' (3) is hoger dan 'Visualizaciones' (0)",
            "5 kolom(men) niet gelezen: "
            "'Nombre de la cuenta', 'Duración (segundos)', 'Comentario sobre los datos', 'Fecha', 'Columna inventada'",
        ),
    ],
)
def test_warnings_and_unread_columns_are_shown_in_the_readers_language(
    fresh_env: None, tmp_path: Path, lang: str, head: str, row_text: str, note: str
) -> None:
    """Meta's Views below Reach loads with a warning naming the row, the columns as written
    and their values; a column the contract does not know is named, never dropped silently."""
    export = tmp_path / "Northwind Jan-01-2025_Jan-31-2025.csv"
    export.write_bytes(b"\xef\xbb\xbf" + SPANISH_INSTAGRAM.encode("utf-8"))
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/data_page.py").run()
    assert not at.exception
    upload(at, export)
    [result] = at.session_state["data_import_results"]
    assert (result["status"], result["rows_loaded"], result["warnings_count"]) == ("loaded", 2, 1)
    boxes = [w.value for w in at.warning if head in w.value]
    assert len(boxes) == 2  # the upload's report, and the import history's chosen file
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == [2]
    assert list(table.iloc[:, 1]) == ["Alcance, Visualizaciones"]
    assert table.iloc[0, 2].startswith(row_text)
    captions = [c.value for c in at.caption]
    assert sum(note in c for c in captions) == 2
