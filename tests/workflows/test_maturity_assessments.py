"""Maturity self-assessments kept as dated versions: stored with their audit entry by an
editor, refused to a viewer, listed oldest first, compared on the evidence of their time;
the acceptance of issue 16 on both databases with a stored self-assessment."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from sqlalchemy import Engine, select

from metrics.maturity import ELEMENTS, maturity
from metrics.periods import Period
from metrics.strategy import parse_strategy
from metrics.strategy_edits import EditRefused
from warehouse import store
from warehouse.assessments import ElementScore
from warehouse.audit_schema import audit_log
from warehouse.maturity_schema import maturity_assessments
from workflows import review
from workflows.maturity import (
    AssessmentInvalid,
    assess_version,
    assessment_versions,
    compare_versions,
    evidence_month,
    latest_assessment,
    save_assessment,
)

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
        platforms: [facebook, x]
        owner: Ana
        baseline: {period: 2025-12, value: 1000}
        targets: {2026-10: 2000}
"""
ALL_THREE = {element: ElementScore(3) for element in ELEMENTS}


def _store_month(engine: Engine, platform: str, month: str) -> None:
    period = Period.parse(month)
    with engine.begin() as conn:
        digest = store.save_blob(conn, f"{platform} {month}".encode())
        import_id = store.record_import(
            conn,
            store.ImportRecord(
                file_name=f"{platform}-{month}.csv",
                sha256=digest,
                status="loaded",
                format="test",
                platform=platform,
                account="acct",
                rows_read=1,
                rows_loaded=1,
                period_start=period.start,
                period_end=period.end,
            ),
        )
        post = {
            "platform": platform,
            "account": "acct",
            "post_id": f"{platform}-{month}",
            "published_at": pd.Timestamp(datetime.combine(period.start, datetime.min.time())),
            "post_type": "Photo",
            "text": "t",
            "permalink": "https://example.org/p",
            "impressions": 10.0,
        }
        store.upsert_posts(conn, pd.DataFrame([post]), import_id)


def _monthly_imports(engine: Engine, months: tuple[str, ...]) -> None:
    for month in months:
        for platform in ("facebook", "x"):
            _store_month(engine, platform, month)


def test_an_editor_stores_versions_each_with_its_audit_entry(engine: Engine) -> None:
    first = save_assessment(
        engine,
        assessed_on=date(2026, 10, 3),
        author="Joost",
        elements={
            "goals": ElementScore(1, " targets drafted ", "Ana", "Agree the targets"),
            "target_audience": ElementScore(2, "three audiences named", "Joost"),
        },
    )
    second = save_assessment(
        engine, assessed_on=date(2026, 11, 6), author="Ana", elements={"goals": ElementScore(2)}
    )
    versions = assessment_versions(engine)
    assert [(v.id, v.assessed_on, v.author) for v in versions] == [
        (first, date(2026, 10, 3), "Joost"),
        (second, date(2026, 11, 6), "Ana"),
    ]
    # stored in the cone's order, notes trimmed
    assert list(versions[0].elements) == ["target_audience", "goals"]
    assert versions[0].elements["goals"] == ElementScore(
        1, "targets drafted", "Ana", "Agree the targets"
    )
    assert versions[0].scores == {"target_audience": 2, "goals": 1}
    assert latest_assessment(engine) == versions[1]
    assert latest_assessment(engine, "other") is None  # versions are kept per strategy
    with engine.connect() as conn:
        entries = conn.execute(
            select(audit_log.c.who, audit_log.c.action, audit_log.c.subject, audit_log.c.after)
            .where(audit_log.c.action == "maturity.assess")
            .order_by(audit_log.c.id)
        ).all()
    assert [tuple(e) for e in entries] == [
        ("Joost", "maturity.assess", "maturity all 2026-10-03", "target_audience=2, goals=1"),
        ("Ana", "maturity.assess", "maturity all 2026-11-06", "goals=2"),
    ]


def test_a_viewer_or_a_bad_score_stores_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOCIALKPI_ROLES", "Ana=editor, *=viewer")
    with pytest.raises(EditRefused) as refused:
        save_assessment(engine, assessed_on=date(2026, 11, 6), author="Mallory", elements=ALL_THREE)
    problem = refused.value.errors[0]
    assert problem.code == "not_allowed"
    assert problem.message == (
        "recording a maturity self-assessment needs the editor role; you are viewer"
    )
    for elements, code in (
        ({"goals": ElementScore(4)}, "bad_score"),
        ({"strategy": ElementScore(2)}, "unknown_element"),
        ({}, "no_scores"),
    ):
        with pytest.raises(AssessmentInvalid) as invalid:
            save_assessment(engine, assessed_on=date(2026, 11, 6), author="Ana", elements=elements)
        assert invalid.value.code == code
    with pytest.raises(AssessmentInvalid) as nobody:
        save_assessment(engine, assessed_on=date(2026, 11, 6), author=" ", elements=ALL_THREE)
    assert nobody.value.code == "no_author"
    with engine.connect() as conn:
        assert conn.execute(select(maturity_assessments)).first() is None
        assert conn.execute(select(audit_log)).first() is None


def test_the_database_refuses_a_score_outside_the_scale(engine: Engine) -> None:
    from sqlalchemy.exc import IntegrityError

    from warehouse import assessments

    with pytest.raises(IntegrityError), engine.begin() as conn:
        assessments.add_assessment(
            conn,
            strategy_key="all",
            assessed_on=date(2026, 11, 6),
            author="Ana",
            elements={"goals": ElementScore(5)},
        )


def test_a_version_is_judged_on_the_last_whole_month_before_its_date() -> None:
    assert str(evidence_month(date(2026, 11, 6))) == "2026-10"
    assert str(evidence_month(date(2026, 1, 31))) == "2025-12"


def test_closed_reviews_reach_maturity_and_without_them_a_full_self_assessment_cannot(
    engine: Engine,
) -> None:
    """Issue 16's acceptance, with the self-assessment stored: 3 of 3 on every element."""
    strategy = parse_strategy(STRATEGY, file="s")
    _monthly_imports(engine, ("2026-08", "2026-09", "2026-10"))
    save_assessment(engine, assessed_on=date(2026, 11, 6), author="Ana", elements=ALL_THREE)
    version = latest_assessment(engine)
    assert version is not None
    without_reviews = assess_version(engine, strategy, version)
    assert without_reviews.stage == "diffusion"
    monitoring = without_reviews.result("monitoring")
    assert (monitoring.self_score, monitoring.in_place, monitoring.overruled) == (3, False, True)
    assert monitoring.evidence.params == {"months": ["2026-08", "2026-09", "2026-10"]}
    for month in ("2026-08", "2026-09", "2026-10"):
        review.close_month(engine, month, snapshot="{}", closed_by="Joost")
    assert assess_version(engine, strategy, version).stage == "maturity"
    with engine.connect() as conn:  # the same as the CLI's period 2026-10 with the version
        assert maturity(conn, strategy, Period.parse("2026-10"), version.scores).stage == (
            "maturity"
        )


def test_two_versions_compared_on_the_evidence_of_their_months(engine: Engine) -> None:
    strategy = parse_strategy(STRATEGY, file="s")
    # August to October imported and closed; nothing in July
    _monthly_imports(engine, ("2026-08", "2026-09", "2026-10"))
    for month in ("2026-08", "2026-09", "2026-10"):
        review.close_month(engine, month, snapshot="{}", closed_by="Joost")
    save_assessment(
        engine,
        assessed_on=date(2026, 10, 3),  # judged on September: July has no export
        author="Joost",
        elements={"monitoring": ElementScore(2), "goals": ElementScore(1)},
    )
    save_assessment(
        engine,
        assessed_on=date(2026, 11, 6),  # judged on October: August-October all there
        author="Ana",
        elements={"monitoring": ElementScore(3), "goals": ElementScore(3)},
    )
    then, now = assessment_versions(engine)
    result = compare_versions(engine, strategy, then, now)
    assert (result.stage_then, result.stage_now) == ("diffusion", "maturity")
    by_element = {c.element: c for c in result.elements}
    monitoring = by_element["monitoring"]
    assert (monitoring.score_then, monitoring.score_now, monitoring.score_change) == (2, 3, 1)
    assert (monitoring.evidence_then, monitoring.evidence_now) == (False, True)
    assert (monitoring.in_place_then, monitoring.in_place_now) == (False, True)
    goals = by_element["goals"]
    assert (goals.score_then, goals.score_now, goals.evidence_then, goals.evidence_now) == (
        1,
        3,
        True,
        True,
    )
    policy = by_element["policy"]
    assert (policy.score_then, policy.score_now, policy.score_change) == (None, None, None)
