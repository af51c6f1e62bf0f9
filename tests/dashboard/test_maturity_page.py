"""The Maturity page: the stage on evidence, the cone, each element's verdict, self-assessment
and next steps; a self-assessment recorded through the form (editor role, refusals worded in
the reader's language); versions compared. On an empty warehouse, the demo data and a
warehouse with monthly imports and closed reviews."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from dashboard_seed import APP
from seeding import posts, store_export
from streamlit.testing.v1 import AppTest

from dashboard.i18n import set_language
from warehouse.assessments import ElementScore
from warehouse.engine import open_database
from workflows import maturity, review

PAGE = "views/maturity_page.py"
STRATEGY = """\
organisation: Test
audiences: [policy makers, journalists]
response_policy: Messages are answered within one working day by the duty officer.
objectives:
  - id: reach
    name: Reach
    kpis:
      - id: impressions
        name: Impressions
        metric: {type: sum, measure: impressions}
        platforms: [facebook, linkedin]
        owner: Ana
        baseline: {period: 2025-12, value: 1000}
        targets: {2026-10: 2000}
"""
MONTHS = (8, 9, 10)
EVERYTHING_3 = {e: ElementScore(3) for e in maturity.ELEMENTS}


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Facebook and LinkedIn posts of August to October 2026, nothing closed yet."""
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    engine = open_database(url)
    for month in MONTHS:
        for platform in ("facebook", "linkedin"):
            store_export(
                engine,
                f"{platform}-{month}.csv",
                posts(platform, "acct", month, 3, 0.05, text=f"{platform} {month}"),
            )
    engine.dispose()
    path = tmp_path / "strategy.yaml"
    path.write_text(STRATEGY, encoding="utf-8")
    monkeypatch.setenv("SOCIALKPI_DATABASE_URL", url)
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(path))
    monkeypatch.delenv("SOCIALKPI_ROLES", raising=False)
    yield url


def _open(lang: str = "en", period: str = "2026-10") -> AppTest:
    set_language(lang)
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["lang"] = lang
    at.query_params["grain"] = "month"
    at.query_params["period"] = period
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def _markdown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    set_language("en")


def test_without_closed_reviews_a_full_self_assessment_stays_in_diffusion(
    warehouse: str,
) -> None:
    engine = open_database(warehouse)
    maturity.save_assessment(
        engine,
        assessed_on=date(2026, 11, 6),
        author="Ana",
        elements=EVERYTHING_3,
        strategy_id="main",  # the one strategy of the file, as the sidebar has it
    )
    at = _open()
    assert at.title[0].value == "Maturity"
    assert "### Stage on evidence: Diffusion" in _markdown(at)
    shown = _markdown(at)
    assert "**Monitoring** · :red[:material/cancel: not in place]" in shown
    assert ":orange[The evidence overrules the self-assessment.]" in shown
    assert any(
        m.startswith("**Next steps**") and "Review and close October 2026 on the Monthly" in m
        for m in shown
    )
    assert [c.value for c in at.caption if c.value in ("Reached", "Not reached")] == [
        "Reached",
        "Reached",
        "Not reached",
    ]
    for month in MONTHS:
        review.close_month(
            engine, f"2026-{month:02d}", snapshot="{}", closed_by="Joost", strategy_id="main"
        )
    engine.dispose()
    at = _open()
    assert "### Stage on evidence: Maturity" in _markdown(at)
    assert "**Monitoring** · :green[:material/check_circle: in place]" in _markdown(at)
    assert not any(m.startswith("**Next steps**") for m in _markdown(at))


def test_a_self_assessment_recorded_on_the_page_then_compared(warehouse: str) -> None:
    at = _open()
    assert [i.value for i in at.info] == ["No self-assessment recorded yet."]
    at.text_input(key="maturity_author").set_value("Ana")
    at.date_input(key="maturity_on").set_value(date(2026, 10, 3))
    at.selectbox(key="maturity_score_monitoring").set_value(2)
    at.text_input(key="maturity_owner_monitoring").set_value("Joost")
    at.text_input(key="maturity_notes_monitoring").set_value("Monthly meeting **booked**")
    at.text_input(key="maturity_step_monitoring").set_value("Close the backlog of reviews")
    _button(at, "Record the self-assessment").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Self-assessment recorded."]
    shown = _markdown(at)
    assert "Self\\-assessment\\: 2 · in place · Owner: Joost" in shown
    # elements left "not assessed" are not stored
    assert [c.value for c in at.caption].count("Not scored in the self-assessment.") == 6
    assert any("- Assessor\\'s next step\\: Close the backlog of reviews" in m for m in shown)
    assert "Notes: Monthly meeting \\*\\*booked\\*\\*" in [c.value for c in at.caption]
    assert [c.value for c in at.caption if "comparison" in c.value] == [
        "Two versions are needed for a comparison."
    ]
    # the form starts from the newest version
    assert at.selectbox(key="maturity_score_monitoring").value == 2
    engine = open_database(warehouse)
    for month in MONTHS:
        review.close_month(
            engine, f"2026-{month:02d}", snapshot="{}", closed_by="Joost", strategy_id="main"
        )
    engine.dispose()
    at.date_input(key="maturity_on").set_value(date(2026, 11, 6))
    at.selectbox(key="maturity_score_monitoring").set_value(3)
    _button(at, "Record the self-assessment").click().run()
    assert not at.exception
    [history, compared] = at.dataframe
    assert list(history.value["Assessed on"]) == ["6 Nov 2026", "3 Oct 2026"]
    assert list(history.value["Monitoring"]) == ["3", "2"]
    # 3 October is judged on September (July has no export), 6 November on October
    assert (
        "Stage Diffusion → Maturity (each version on the evidence of the last whole month "
        "before its date: September 2026 and October 2026)."
    ) in _markdown(at)
    row = compared.value.set_index("Element").loc["Monitoring"]
    assert list(row) == [
        "2 · in place",
        "3 · embedded",
        "+1",
        "not met",
        "met",
        "no",
        "yes",
    ]
    policy = compared.value.set_index("Element").loc["Policy"]
    assert list(policy[:5]) == ["–", "–", "–", "met", "met"]


@pytest.mark.parametrize(
    ("lang", "refusal"),
    [
        (
            "en",
            "Not saved: recording a maturity self-assessment needs the editor role; you are viewer",
        ),
        (
            "es",
            "No guardado: registrar una autoevaluación de madurez requiere el rol editor; "
            "su rol es lector",
        ),
        (
            "nl",
            "Niet opgeslagen: een zelfbeoordeling van de volwassenheid vastleggen vereist de "
            "rol redacteur; uw rol is lezer",
        ),
    ],
)
def test_a_viewer_is_refused_in_the_readers_language(
    warehouse: str, lang: str, refusal: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOCIALKPI_ROLES", "Ana=editor, *=viewer")
    at = _open(lang)
    at.text_input(key="maturity_author").set_value("Mallory")
    at.selectbox(key="maturity_score_goals").set_value(3)
    submit = {"en": "Record the self-assessment", "es": "Registrar la autoevaluación"}
    _button(at, submit.get(lang, "Zelfbeoordeling vastleggen")).click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [refusal]
    assert maturity.assessment_versions(open_database(warehouse)) == []


@pytest.mark.parametrize(
    ("lang", "stage", "step"),
    [
        ("en", "Not yet at Initiation", "Import an export of Facebook, or drop it from the KPIs."),
        ("es", "Aún no en Iniciación", "Importe una exportación de Facebook o quítela de los KPI."),
        (
            "nl",
            "Nog niet bij Initiatie",
            "Importeer een export van Facebook, of haal het uit de KPI's.",
        ),
    ],
)
def test_the_empty_warehouse_and_the_demo_data_in_every_language(
    lang: str, stage: str, step: str, empty_env: str
) -> None:
    at = _open(lang)
    shown = _markdown(at)
    assert any(m.startswith("### ") and stage in m for m in shown), shown[:3]
    assert any(step in m.replace("\\", "") for m in shown), [m for m in shown if "- " in m]
    assert len(at.info) == 1  # no self-assessment yet


def test_the_demo_data_stands_in_diffusion_until_its_months_are_closed(demo_env: str) -> None:
    """The sample strategy names its audiences and a response policy; its six platforms all
    have exports and posts, every objective a measured KPI, every KPI an owner; no month is
    closed. On evidence: Diffusion, with one step per month to close. A self-assessment that
    calls monitoring embedded (3) does not lift it: the evidence overrules it."""
    at = _open()
    assert "### Stage on evidence: Diffusion" in _markdown(at)
    steps = [m.replace("\\", "") for m in _markdown(at)]
    for month in ("August", "September", "October"):
        step = f"- Review and close {month} 2026 on the Monthly review page."
        assert any(step in m for m in steps), [m for m in steps if "- " in m]
    maturity.save_assessment(
        open_database(demo_env),
        assessed_on=date(2026, 11, 6),
        author="Ana",
        elements={"monitoring": ElementScore(3, "We look at the figures every month")},
    )
    at = _open()
    assert "### Stage on evidence: Diffusion" in _markdown(at)
    assert any("The evidence overrules the self-assessment." in m for m in _markdown(at))
