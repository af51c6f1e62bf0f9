"""The executive report's maturity section (PDF and deck): the Social Strategy Cone stage on
the warehouse's evidence and the newest self-assessment, each element's verdict and the
concrete next steps, in the strategy's language."""

from __future__ import annotations

from datetime import date

from readback import normalised, pdf_pages, pptx_text
from sqlalchemy import Engine

from metrics.strategy_model import StrategyFile
from reports.pdf_report import build_pdf
from reports.pptx_report import build_pptx
from reports.review_pack import build_review_pack
from warehouse.assessments import ElementScore
from workflows.maturity import save_assessment

TODAY = date(2026, 11, 23)


def _assess(engine: Engine) -> None:
    save_assessment(
        engine,
        assessed_on=date(2026, 11, 6),
        author="Ana",
        strategy_id="main",  # the file's one strategy, as the dashboard keeps it
        elements={
            "target_audience": ElementScore(2, "Tenants and partners", "Ana"),
            "policy": ElementScore(1, "Draft circulating", "Joost", "Board approves the policy"),
            "monitoring": ElementScore(3),
        },
    )


def test_the_pdf_section_says_the_stage_the_verdicts_and_the_next_steps(
    report_engine: Engine, strategy_en: StrategyFile
) -> None:
    """The seeded warehouse: Facebook and LinkedIn exports of August to October, none of
    Instagram (a KPI names it); no month closed; Followers has targets and no baseline.
    Target audience is in place by its self-assessment (no audiences declared), channel
    choice is not (Instagram): not yet at Initiation."""
    _assess(report_engine)
    pack = build_review_pack(report_engine, strategy_en, "2026-10", today=TODAY)
    assert pack.maturity is not None and pack.maturity.stage is None
    pages = pdf_pages(build_pdf(pack))
    [page] = [p for p in pages if "Where the strategy stands" in p]
    text = normalised(page)
    assert (
        "Social Strategy Cone stage: Not yet at Initiation, on the warehouse's evidence and the "
        "self-assessment of 6 Nov 2026 by Ana; evidence that an element is not in place "
        "overrules the self-assessment."
    ) in text
    assert "Target audience Initiation not measurable yes 2 of 3 Ana" in text
    assert "Channel choice Initiation not met no – –" in text
    assert "Monitoring Maturity not met no 3 of 3 –" in text
    for step in (
        "Channel choice: Import an export of Instagram, or drop it from the KPIs.",
        "Goals: Give KPI Followers a baseline.",
        "Policy: Write the response policy in the strategy file.",
        "Policy (self-assessment): Board approves the policy",
        "Monitoring: Import the exports of August 2026 for Instagram.",
        "Monitoring: Review and close October 2026.",
    ):
        assert step in text, step
    assert "Target audience: " not in text  # in place: no step


def test_the_section_and_the_slide_speak_the_strategys_language(
    report_engine: Engine, strategy_es: StrategyFile
) -> None:
    _assess(report_engine)
    pack = build_review_pack(report_engine, strategy_es, "2026-10", today=TODAY)
    text = normalised(" ".join(pdf_pages(build_pdf(pack))))
    assert "Dónde está la estrategia" in text
    assert "Etapa en el Social Strategy Cone: Aún no en Iniciación" in text
    assert "Monitoreo: Revise y cierre octubre de 2026." in text
    deck = normalised(pptx_text(build_pptx(pack)))
    assert "Dónde está la estrategia" in deck
    assert "Público objetivo | Iniciación | no medible | sí | 2 de 3" in deck
    assert "Siguientes pasos" in deck


def test_without_a_self_assessment_the_report_says_so(
    report_engine: Engine, strategy_en: StrategyFile
) -> None:
    pack = build_review_pack(report_engine, strategy_en, "2026-10", today=TODAY)
    text = normalised(" ".join(pdf_pages(build_pdf(pack))))
    assert (
        "Social Strategy Cone stage: Not yet at Initiation, on the warehouse's evidence (no "
        "self-assessment recorded)."
    ) in text
    assert "Target audience: List the audiences in the strategy file." in text
