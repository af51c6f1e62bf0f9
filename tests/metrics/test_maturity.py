"""Social Strategy Cone maturity on evidence: the stage follows the published model, and the
product's evidence overrules a self-assessment that claims more than the warehouse shows."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest
from sqlalchemy import Engine

from metrics.maturity import ELEMENTS, Facts, Finding, assess, evidence, maturity
from metrics.periods import Period
from metrics.strategy import parse_strategy
from warehouse import store
from workflows import review

COMPLETE = """\
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
MONTHS = ("2026-08", "2026-09", "2026-10")


def _facts(**overrides: object) -> Facts:
    values: dict[str, object] = {
        "platforms_with_data": frozenset({"facebook", "x"}),
        "platforms_with_posts": frozenset({"facebook", "x"}),
        "platforms_by_month": {m: frozenset({"facebook", "x"}) for m in MONTHS},
        "closed_months": frozenset(MONTHS),
    }
    values.update(overrides)
    return Facts(**values)  # type: ignore[arg-type]


def test_a_complete_strategy_reaches_maturity_on_evidence_alone() -> None:
    strategy = parse_strategy(COMPLETE, file="s")
    result = assess(evidence(strategy, Period.parse("2026-10"), _facts()), {})
    assert result.stage == "maturity"
    assert all(r.in_place for r in result.elements)
    assert result.result("monitoring").evidence.code == "months_reported_and_closed"


def test_months_not_closed_block_maturity_whatever_the_self_assessment_says() -> None:
    strategy = parse_strategy(COMPLETE, file="s")
    facts = _facts(closed_months=frozenset({"2026-08", "2026-09"}))
    claims = {element: 3 for element in ELEMENTS}
    result = assess(evidence(strategy, Period.parse("2026-10"), facts), claims)
    assert result.stage == "diffusion"
    monitoring = result.result("monitoring")
    assert (monitoring.in_place, monitoring.overruled) == (False, True)
    assert monitoring.evidence.params == {"months": ["2026-10"]}


@pytest.mark.parametrize(
    ("change", "stage", "element", "code"),
    [
        (("audiences: [policy makers, journalists]\n", ""), None, "target_audience", None),
        (("        owner: Ana\n", ""), "initiation", "resources", "kpis_without_owner"),
        (
            ("        baseline: {period: 2025-12, value: 1000}\n", ""),
            "initiation",
            "goals",
            "objectives_without_measured_goal",
        ),
        (
            (
                "response_policy: Messages are answered within one working day by the duty "
                "officer.\n",
                "",
            ),
            "initiation",
            "policy",
            "no_response_policy",
        ),
    ],
)
def test_the_stage_stops_at_the_first_missing_element(
    change: tuple[str, str], stage: str | None, element: str, code: str | None
) -> None:
    strategy = parse_strategy(COMPLETE.replace(*change), file="s")
    result = assess(evidence(strategy, Period.parse("2026-10"), _facts()), {})
    assert result.stage == stage
    assert not result.result(element).in_place  # type: ignore[arg-type]
    if code is not None:
        assert result.result(element).evidence.code == code  # type: ignore[arg-type]


def test_an_element_without_evidence_counts_as_self_assessed() -> None:
    strategy = parse_strategy(
        COMPLETE.replace("audiences: [policy makers, journalists]\n", ""), file="s"
    )
    found = evidence(strategy, Period.parse("2026-10"), _facts())
    assert found["target_audience"] == Finding(None, "no_audiences_declared")
    assert assess(found, {"target_audience": 1}).stage is None  # started, not in place
    assert assess(found, {"target_audience": 2}).stage == "maturity"


def test_a_platform_without_data_or_posts_or_a_month_without_its_export() -> None:
    strategy = parse_strategy(COMPLETE, file="s")
    facts = _facts(
        platforms_with_posts=frozenset({"facebook"}),
        platforms_by_month={
            "2026-08": frozenset({"facebook"}),
            "2026-09": frozenset(),
            "2026-10": frozenset({"facebook", "x"}),
        },
    )
    found = evidence(strategy, Period.parse("2026-10"), facts)
    assert found["content_activities"] == Finding(
        False, "platforms_without_posts", {"platforms": ["x"]}
    )
    assert found["monitoring"] == Finding(
        False,
        "months_without_exports",
        {"months": {"2026-08": ["x"], "2026-09": ["facebook", "x"]}, "open_months": []},
    )
    no_data = evidence(
        strategy, Period.parse("2026-10"), _facts(platforms_with_data=frozenset({"x"}))
    )
    assert no_data["channel_choice"] == Finding(
        False, "platforms_without_data", {"platforms": ["facebook"]}
    )


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


def test_monthly_imports_and_closed_reviews_reach_maturity_on_both_databases(
    engine: Engine,
) -> None:
    strategy = parse_strategy(COMPLETE, file="s")
    october = Period.parse("2026-10")
    for month in MONTHS:
        for platform in ("facebook", "x"):
            _store_month(engine, platform, month)
    with engine.connect() as conn:
        assert maturity(conn, strategy, october).stage == "diffusion"  # no month closed
    for month in MONTHS:
        review.close_month(engine, month, snapshot="{}", closed_by="Joost")
    with engine.connect() as conn:
        result = maturity(conn, strategy, october)
    assert result.stage == "maturity"
    assert result.result("monitoring").evidence.params == {"months": list(MONTHS)}
