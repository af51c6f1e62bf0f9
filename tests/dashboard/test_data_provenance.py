"""The Data page says where an upload's account, platform and year came from, asks when the
file does not say, and lets an assumed account be changed (issue 11 items 3-7; issue 12 item 7:
the export named in the reader's words and language)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dashboard_seed import APP, STRATEGY_YAML, seed
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from warehouse.engine import open_database
from warehouse.schema import day_values, imports

REPO = APP.parents[1]
X_EXPORTS = REPO / "sample_data" / "exports" / "x"
X_CONTENT = X_EXPORTS / "account_analytics_content_2026-09-28_2026-10-31.csv"
X_OVERVIEW = X_EXPORTS / "account_overview_analytics.csv"
CASES = REPO / "tests" / "data_contracts" / "cases" / "files"
TWO_HANDLES = CASES / "x" / "account_analytics_content_2026-04-01_2026-04-30.csv"
FOLLOWERS = CASES / "tiktok" / "FollowerHistory.csv"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'warehouse.sqlite'}"
    seed(url)
    strategy = tmp_path / "strategy.yaml"
    strategy.write_text(STRATEGY_YAML, encoding="utf-8")
    monkeypatch.setenv("SOCIALKPI_DATABASE_URL", url)
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(strategy))
    return url


def data_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/data_page.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def upload(at: AppTest, *files: Path) -> None:
    at.file_uploader[0].set_value([(f.name, f.read_bytes(), "text/csv") for f in files]).run()
    at.button(key="data_import").click().run()
    assert not at.exception, [e.value for e in at.exception]


def _x_impressions(url: str, account: str) -> float:
    engine = open_database(url)
    with engine.connect() as conn:
        total = conn.execute(
            select(func.sum(day_values.c.value)).where(
                day_values.c.platform == "x",
                day_values.c.account == account,
                day_values.c.measure == "impressions",
            )
        ).scalar()
    engine.dispose()
    return float(total or 0)


def test_the_export_is_named_in_words_and_its_account_source_said(database: str) -> None:
    at = data_page()
    upload(at, X_CONTENT)
    captions = [c.value for c in at.caption]
    assert "X posts from X Premium analytics · X · northwindpolicy" in captions
    assert not any("x_content" in c for c in captions)
    assert "Account northwindpolicy: from the links in the file." in "\n".join(captions)
    assert not [box for box in at.text_input if box.label == "Account name"]  # nothing to ask


def test_an_assumed_account_is_said_and_can_be_changed(database: str) -> None:
    at = data_page()
    upload(at, X_CONTENT)  # the warehouse now knows one X account, from the links
    upload(at, X_OVERVIEW)  # names no account
    [notice] = [w.value for w in at.warning]
    assert notice.startswith(
        "Filed under northwindpolicy because it is the only X account socialkpi knows"
    )
    assert _x_impressions(database, "northwindpolicy") == 2153727.0
    at.text_input(key="data_change_0_account").input("nw_events").run()
    at.button(key="data_change_0_refile").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning
    [done] = at.session_state["data_import_results"]
    assert (done["status"], done["account"], done["account_source"]) == (
        "loaded",
        "nw_events",
        "user",
    )
    assert "Account nw_events: as you gave it." in "\n".join(c.value for c in at.caption)
    assert _x_impressions(database, "nw_events") == 2153727.0
    assert _x_impressions(database, "northwindpolicy") == 0.0
    history = at.dataframe[-1].value
    assert "■ Replaced" in set(history["status"]) or any("Replaced" in s for s in history["status"])


def test_an_assumed_upload_of_another_session_is_listed_with_its_change(database: str) -> None:
    first = data_page()
    upload(first, X_CONTENT)
    upload(first, X_OVERVIEW)
    at = data_page()  # a new session: the upload results are gone, the history is not
    assert any(m.value == "**Filed under an assumed account**" for m in at.markdown), [
        m.value for m in at.markdown
    ]
    engine = open_database(database)
    with engine.connect() as conn:
        assumed = conn.execute(
            select(imports.c.id).where(imports.c.file_name == X_OVERVIEW.name)
        ).scalar_one()
    engine.dispose()
    at.text_input(key=f"data_assumed_{assumed}_account").input("nw_events").run()
    at.button(key=f"data_assumed_{assumed}_refile").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not any(m.value == "**Filed under an assumed account**" for m in at.markdown)
    assert _x_impressions(database, "nw_events") == 2153727.0


def test_links_naming_two_accounts_ask_which(database: str) -> None:
    at = data_page()
    upload(at, TWO_HANDLES)
    [question] = [i.value for i in at.info]
    assert question == (
        f"The links in {TWO_HANDLES.name} name several X accounts (AlexAiSurfer, nw_events). "
        "Which account does the export belong to?"
    )
    assert not at.metric  # a rejected file shows no row counters
    [choice] = at.radio
    assert choice.options == ["AlexAiSurfer", "nw_events"]
    choice.set_value("nw_events").run()
    at.button(key="data_retry_0").click().run()
    assert not at.exception, [e.value for e in at.exception]
    [done] = at.session_state["data_import_results"]
    assert (done["status"], done["account"], done["rows_loaded"]) == ("loaded", "nw_events", 2)


def test_a_header_two_platforms_write_asks_for_the_platform(database: str) -> None:
    at = data_page()
    upload(at, FOLLOWERS)
    [question] = [i.value for i in at.info]
    assert question == (
        "FollowerHistory.csv is an export of daily follower history (TikTok Studio, or a "
        "Facebook Page), which TikTok and Facebook both write, and nothing in the file says "
        "which. Which platform and account is it?"
    )
    assert at.button(key="data_retry_0").disabled
    at.selectbox(key="data_platform_0").set_value("facebook").run()
    at.text_input(key="data_account_0").input("Northwind Policy Institute").run()
    at.button(key="data_retry_0").click().run()
    assert not at.exception, [e.value for e in at.exception]
    [done] = at.session_state["data_import_results"]
    assert (done["status"], done["platform"], done["account"]) == (
        "loaded",
        "facebook",
        "Northwind Policy Institute",
    )
    notes = "\n".join(c.value for c in at.caption)
    assert "Platform Facebook: as you gave it." in notes
    assert "The dates have no year: each took the latest year" in notes


@pytest.mark.parametrize(
    ("lang", "title", "notice"),
    [
        (
            "es",
            "Cifras diarias de una cuenta de X de la analítica de X Premium · X · northwindpolicy",
            "Archivado en northwindpolicy porque es la única cuenta de X que socialkpi conoce",
        ),
        (
            "nl",
            "Dagcijfers van een X-account uit de statistieken van X Premium · X · northwindpolicy",
            "Opgeborgen onder northwindpolicy omdat dat het enige X-account is dat socialkpi kent",
        ),
    ],
)
def test_the_words_are_the_readers_language(
    database: str, lang: str, title: str, notice: str
) -> None:
    at = data_page(lang)
    upload(at, X_CONTENT)
    upload(at, X_OVERVIEW)
    assert title in [c.value for c in at.caption]
    [first, *_others] = [w.value for w in at.warning]
    assert first.startswith(notice)
