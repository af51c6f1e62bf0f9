"""The words and figures a Spanish and a Dutch reader see, read from the rendered pages of the
seeded warehouse (October 2026: engagement rate 651 / 12,100 = 5.4% against 4.0% in
September, 10 posts against 5, 5,700 followers against 5,080).

Each locale's own patterns: months in lower case ("octubre de 2026", "oktober 2026"), the
Spanish percent sign after a space ("5,4 %"), percentage points as each language writes them,
and every figure with its unit on one line (non-breaking spaces)."""

from __future__ import annotations

import pytest
from dashboard_seed import APP
from streamlit.testing.v1 import AppTest

from dashboard.i18n import set_language

NBSP = "\u00a0"


def rendered(lang: str, page: str | None = None, **params: str) -> AppTest:
    set_language(lang)  # AppTest reads select boxes' labels in this thread
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def text_of(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown if "skpi-theme" not in m.value)


@pytest.fixture(autouse=True)
def english_afterwards() -> object:
    yield
    set_language("en")


def test_overview_in_spanish(app_env: dict[str, str]) -> None:
    at = rendered("es")
    text = text_of(at)
    assert "Social networks strategy 2026 · octubre de 2026 · Todas las plataformas" in text
    period = at.selectbox(key="period__es")
    assert period.options[period.index] == "octubre de 2026"
    for shown in (
        f"5,4{NBSP}%",  # engagement rate, Spanish percent pattern
        f"5,0{NBSP}%",  # its target
        f"+1,4{NBSP}p.{NBSP}p.",  # 5.4% - 4.0%, in percentage points
        f"+100,0{NBSP}%",  # 10 posts against 5
        "5.700",  # followers, Spanish grouping
        f"+12,2{NBSP}%",  # 5,700 against 5,080
        '<span class="skpi-note">vs. sept 2026</span>',
        "● En meta",
    ):
        assert shown in text, shown
    assert "October" not in text and "Octubre" not in text


def test_overview_in_dutch(app_env: dict[str, str]) -> None:
    at = rendered("nl")
    text = text_of(at)
    assert "Social networks strategy 2026 · oktober 2026 · Alle platforms" in text
    for shown in (
        "5,4%",
        f"+1,4{NBSP}%-punt",  # "0,0 procentpunt" wrapped in the change column
        "5.700",
        "+12,2%",
        '<span class="skpi-note">t.o.v. sep 2026</span>',
        "● Op doel",
    ):
        assert shown in text, shown
    assert "procentpunt" not in text


def test_kpi_detail_in_dutch_names_what_it_compares_with(app_env: dict[str, str]) -> None:
    at = rendered("nl", "views/kpi_detail_page.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Waarde": "5,4%", "Doel": "5,0%", "september 2026": "4,0%"}
    assert at.metric[0].delta == f"+1,4{NBSP}%-punt"
    assert "t.o.v. sep 2026" in [c.value for c in at.caption]


def test_a_quarter_in_spanish_and_dutch(app_env: dict[str, str]) -> None:
    spanish = rendered("es", grain="quarter", period="2026-Q4")
    assert "Social networks strategy 2026 · T4 2026 · Todas las plataformas" in text_of(spanish)
    # October alone (the seed ends there) against the whole third quarter
    assert "vs. T3 2026 completo" in text_of(spanish)
    dutch = rendered("nl", grain="quarter", period="2026-Q4")
    assert "Social networks strategy 2026 · K4 2026 · Alle platforms" in text_of(dutch)
    assert "t.o.v. heel K3 2026" in text_of(dutch)


def test_strategy_targets_table_in_spanish(app_env: dict[str, str]) -> None:
    at = rendered("es", "views/strategy_page.py")
    targets = at.dataframe[0].value
    assert list(targets.columns) == ["KPI", "septiembre de 2026", "octubre de 2026"]
    assert targets.iloc[0].tolist() == [
        "Engagement rate per impression",
        f"5,0{NBSP}%",
        f"5,0{NBSP}%",
    ]
