"""The executive summary, case by case, from hand-made review packs (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from reports.narrative import executive_summary
from reports.review_pack import DataQuality, KpiLine, ObjectiveSection, ReviewPack


def kpi(
    kpi_id: str,
    value: float | None,
    previous: float | None,
    target: float | None,
    status: str,
    *,
    unit: str = "count",
    direction: str = "up",
    **reading: object,
) -> KpiLine:
    return KpiLine(
        kpi_id=kpi_id,
        objective_id="reach",
        strategy_id="main",
        period="2026-10",
        last_year=reading.pop("last_year", None),  # type: ignore[arg-type]
        name=kpi_id.replace("_", " ").capitalize(),
        unit=unit,
        direction=direction,
        owner="Comms",
        value=value,
        previous=previous,
        target=target,
        baseline=None,
        status=status,
        progress=None,
        **reading,  # type: ignore[arg-type]
    )


def pack(*kpis: KpiLine, language: str = "en") -> ReviewPack:
    section = ObjectiveSection("reach", "Reach", "", tuple(kpis), ())
    return ReviewPack(
        organisation="Lakeside Housing Trust",
        strategy_id=None,
        strategy_name="Tenant communication",
        period="2026-10",
        language=language,
        generated_on=date(2026, 11, 23),
        objectives=(section,),
        data_quality=DataQuality(),
    )


def section_lines(summary_pack: ReviewPack, key: str) -> tuple[str, ...]:
    summary = executive_summary(summary_pack)
    return next(s.lines for s in summary.sections if s.key == key)


def test_improved_kpis_ranked_by_relative_change() -> None:
    p = pack(
        kpi("followers", 5200, 5000, 5000, "green"),
        kpi("impressions", 150_000, 100_000, 120_000, "green"),
    )
    lines = section_lines(p, "improvements")
    assert lines == (
        "Impressions improved from 100,000 to 150,000 (+50.0%).",
        "Followers improved from 5,000 to 5,200 (+4.0%).",
    )


def test_down_kpi_falling_is_an_improvement_and_rising_a_decline() -> None:
    p = pack(
        kpi("response_hours", 3.0, 4.0, 4.0, "green", unit="hours", direction="down"),
        kpi("complaints", 30, 20, 25, "red", direction="down"),
    )
    assert section_lines(p, "improvements") == (
        "Response hours improved from 4.0 h to 3.0 h (-25.0%).",
    )
    assert section_lines(p, "declines") == ("Complaints worsened from 20 to 30 (+50.0%).",)


def test_declined_percent_kpi_reports_points() -> None:
    p = pack(kpi("engagement_rate", 0.044, 0.052, 0.05, "red", unit="percent"))
    assert section_lines(p, "declines") == (
        "Engagement rate worsened from 5.2% to 4.4% (-0.8 pp).",
    )
    assert section_lines(p, "improvements") == ("No KPI improved on the previous period.",)


def test_a_change_that_rounds_to_nothing_is_no_decline() -> None:
    """The demo's engagement rate went from 5.248% to 5.246%: "-0,0 p. p." among the biggest
    declines of the Spanish report."""
    p = pack(
        kpi("engagement_rate", 0.05246, 0.05248, 0.047, "green", unit="percent"),
        kpi("posts", 100.04, 100.0, 90, "green"),
        language="es",
    )
    assert section_lines(p, "declines") == ("Ningún KPI empeoró respecto al periodo anterior.",)
    assert section_lines(p, "improvements") == ("Ningún KPI mejoró respecto al periodo anterior.",)


def test_off_target_lists_red_before_amber() -> None:
    p = pack(
        kpi("shares", 96, 90, 100, "amber"),
        kpi("engagement_rate", 0.03, 0.03, 0.05, "red", unit="percent"),
        kpi("followers", 5200, 5000, 5000, "green"),
    )
    assert section_lines(p, "off_target") == (
        "Engagement rate: 3.0% against a target of 5.0%.",
        "Shares: 96 against a target of 100.",
    )


def test_every_kpi_on_target() -> None:
    p = pack(kpi("followers", 5200, 5000, 5000, "green"))
    assert section_lines(p, "off_target") == ("Every KPI with data and a target is on target.",)
    assert "no_data" not in {s.key for s in executive_summary(p).sections}


def test_no_data_kpis_are_named_and_not_ranked() -> None:
    p = pack(
        kpi("saves", None, 40, 300, "no_data"), kpi("followers", 5000, 5000, None, "no_target")
    )
    summary = executive_summary(p)
    assert summary.headline == (
        "2 KPIs were reviewed for October 2026: 0 on target, 0 near target, 0 off target, "
        "1 without data and 1 without a target."
    )
    assert section_lines(p, "no_data") == ("Saves: no data for October 2026.",)
    assert section_lines(p, "declines") == ("No KPI worsened on the previous period.",)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "Engagement rate: retroceso de 5,2% a 4,4% (-0,8 p. p.)."),
        ("nl", "Engagement rate: verslechtering van 5,2% naar 4,4% (-0,8 procentpunt)."),
    ],
)
def test_summary_in_the_strategy_language(language: str, expected: str) -> None:
    p = pack(kpi("engagement_rate", 0.044, 0.052, 0.05, "red", unit="percent"), language=language)
    assert section_lines(p, "declines") == (expected,)


def test_spanish_summary_writes_the_month_in_lower_case() -> None:
    headline = executive_summary(pack(kpi("posts", 20, 16, 12, "green"), language="es")).headline
    assert headline.startswith("Se revisaron 1 KPI para octubre 2026:")


def test_deck_summary_slide_caps_long_lists_and_keeps_them_in_the_notes() -> None:
    """Nine KPIs off target do not fit page one's second slide beside the other sections: it
    shows three and says how many more; the speaker notes keep every line."""
    from readback import pptx_text

    from reports.pptx_report import build_pptx

    many = pack(*[kpi(f"kpi_{i}", 10.0 + i, 12.0, 20.0, "red") for i in range(9)], language="es")
    slide = pptx_text(build_pptx(many)).split("--- slide 2 ---")[1].split("--- slide 3 ---")[0]
    shown, notes = slide.split("notes:")
    off_target = shown.split("Requiere atención")[1].strip().splitlines()
    assert off_target == [
        "• Kpi 0: Fuera de meta, 10 frente a 20 (meta alcanzada: 50%)",
        "• Kpi 1: Fuera de meta, 11 frente a 20 (meta alcanzada: 55%)",
        "• Kpi 2: Fuera de meta, 12 frente a 20 (meta alcanzada: 60%)",
        "• … y 6 más: véase el cuadro de mando.",
    ]
    assert all(
        f"- Kpi {i}: Fuera de meta, {10 + i} frente a 20 (meta alcanzada: {(10 + i) * 5}%)" in notes
        for i in range(9)
    )


def test_movements_compare_like_with_like_only() -> None:
    """October's link clicks year to date grew 23 % on January-October a year earlier, but
    that is no movement since the last review; nor is a quarter one month in against a
    whole quarter. Only the like-for-like line is a movement."""
    p = pack(
        kpi(
            "link_clicks",
            28_100,
            22_800,
            None,
            "no_target",
            cumulative=True,
            comparison="same_point_last_year",
            compared_with="2025-10 YTD",
        ),
        kpi("posts", 120, 400, 183, "red", in_progress=True, coverage_done=1, coverage_total=3),
        kpi("followers", 5200, 5000, 5000, "green"),
        kpi("visits", 900, 1000, 1000, "amber"),
    )
    assert section_lines(p, "improvements") == ("Followers improved from 5,000 to 5,200 (+4.0%).",)
    assert section_lines(p, "declines") == ("Visits worsened from 1,000 to 900 (-10.0%).",)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "Posts: 120 against a target of 183 (33% of the Q4 2026 target, pro-rated to the "
            "part of the period with data).",
        ),
        (
            "es",
            "Posts: 120 frente a una meta de 183 (33% de la meta de T4 2026, prorrateada a la "
            "parte del período con datos).",
        ),
        (
            "nl",
            "Posts: 120 tegenover een doel van 183 (33% van het doel voor K4 2026, naar rato "
            "van het deel van de periode met gegevens).",
        ),
    ],
)
def test_a_prorated_target_says_so(language: str, expected: str) -> None:
    line = kpi(
        "posts", 120, 400, 183, "red", in_progress=True, target_share=1 / 3, target_period="2026-Q4"
    )
    assert section_lines(pack(line, language=language), "off_target") == (expected,)
