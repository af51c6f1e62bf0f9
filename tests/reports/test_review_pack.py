"""The review pack from a seeded warehouse: figures, review records, data quality, and a
closed month that keeps its figures after a newer import."""

from __future__ import annotations

from datetime import date

import pytest
from report_seed import import_newer_october
from sqlalchemy import Engine

from metrics.periods import Period
from metrics.strategy_model import StrategyFile
from reports.review_pack import (
    build_review_pack,
    compute_figures,
    figures_from_json,
    figures_to_json,
    freeze_figures,
)
from warehouse import review
from workflows.review import close_month, reopen_month

TODAY = date(2026, 11, 23)


def test_pack_holds_every_kpi_with_its_figures(
    report_engine: Engine, strategy_en: StrategyFile
) -> None:
    pack = build_review_pack(report_engine, strategy_en, "2026-10", today=TODAY)
    assert [o.objective_id for o in pack.objectives] == ["engagement", "audience"]
    by_id = {k.kpi_id: k for k in pack.kpis()}
    assert set(by_id) == {k.id for k in strategy_en.kpis()}
    rate = by_id["engagement_rate"]
    assert rate.status == "red" and rate.target == 0.05 and rate.owner == "Communications lead"
    assert rate.value == pytest.approx(0.04399, abs=1e-4)
    assert rate.previous == pytest.approx(0.05198, abs=1e-4)
    assert rate.improved is False
    assert by_id["posts_published"].value == 20 and by_id["posts_published"].status == "green"
    assert by_id["instagram_saves"].status == "no_data" and by_id["instagram_saves"].value is None
    assert by_id["follower_growth"].status == "no_target"
    series = pack.objectives[0].series_of("engagement_rate")
    assert series is not None and [p.period for p in series.points][-2:] == ["2026-09", "2026-10"]
    assert len(series.points) == 13
    assert pack.language == "en" and pack.organisation == "Lakeside Housing Trust"
    assert pack.branding.primary == "#004D40" and pack.close is None


def test_data_quality_lists_imports_of_the_period_and_quarantine(
    report_engine: Engine, strategy_en: StrategyFile
) -> None:
    quality = build_review_pack(report_engine, strategy_en, "2026-10", today=TODAY).data_quality
    names = [i.file_name for i in quality.imports]
    assert names == [
        "facebook_posts_2026-10.csv",
        "linkedin_posts_2026-10.xlsx",
        "facebook_followers.csv",
        "linkedin_followers.xlsx",
    ]
    assert quality.quarantined_rows == 2
    assert quality.gaps == ()
    november = build_review_pack(report_engine, strategy_en, "2026-11", today=TODAY)
    assert {(g.platform, g.month) for g in november.data_quality.gaps} == {
        ("facebook", "2026-11"),
        ("linkedin", "2026-11"),
    }


def test_review_records_attach_to_their_objective(
    report_engine: Engine, strategy_en: StrategyFile
) -> None:
    with report_engine.begin() as conn:
        first = review.add_comment(
            conn, period="2026-10", author="Ana", body="Fell back.", kpi_id="engagement_rate"
        )
        review.add_comment(
            conn,
            period="2026-10",
            author="Joost",
            body="Agreed.",
            parent_id=first,
            kpi_id="engagement_rate",
        )
        review.add_comment(
            conn,
            period="2026-10",
            author="Ana",
            body="Newsletter on Tuesdays.",
            objective_id="audience",
            kind="decision",
        )
        review.add_action(
            conn,
            title="Repair videos",
            owner="Video producer",
            author="Ana",
            opened_on=date(2026, 9, 20),
            kpi_id="video_views",
        )
        review.add_story(
            conn,
            period="2026-10",
            title="Heating guide",
            body="Shared 300 times.",
            author="Ana",
            objective_id="engagement",
        )
    pack = build_review_pack(report_engine, strategy_en, "2026-10", today=TODAY)
    engagement, audience = pack.objectives
    assert [(c.depth, c.body) for c in engagement.comments] == [(0, "Fell back."), (1, "Agreed.")]
    assert [(c.kind, c.body) for c in audience.comments] == [
        ("decision", "Newsletter on Tuesdays.")
    ]
    assert [(a.title, a.carried_over) for a in engagement.actions] == [("Repair videos", True)]
    assert audience.actions == () and [s.title for s in engagement.stories] == ["Heating guide"]


def test_closed_month_keeps_its_figures_after_a_newer_import(
    report_engine: Engine, strategy_en: StrategyFile
) -> None:
    before = build_review_pack(report_engine, strategy_en, "2026-10", today=TODAY)
    snapshot = freeze_figures(report_engine, strategy_en, "2026-10")
    close_month(report_engine, "2026-10", snapshot=snapshot, closed_by="Ana")
    import_newer_october(report_engine)

    closed = build_review_pack(report_engine, strategy_en, "2026-10", today=TODAY)
    assert closed.close is not None and closed.close.closed_by == "Ana"
    assert closed.kpis() == before.kpis()
    assert closed.objectives[0].series == before.objectives[0].series
    assert closed.data_quality == before.data_quality
    # the breakdowns are frozen too: the re-export's higher engagements do not show
    assert closed.objectives[0].top_posts == before.objectives[0].top_posts
    assert closed.objectives[0].platform_values == before.objectives[0].platform_values
    assert closed.objectives[1].audience == before.objectives[1].audience

    reopen_month(report_engine, "2026-10", reopened_by="Joost", reason="Re-export arrived")
    reopened = build_review_pack(report_engine, strategy_en, "2026-10", today=TODAY)
    rate_before = next(k for k in before.kpis() if k.kpi_id == "engagement_rate")
    rate_after = next(k for k in reopened.kpis() if k.kpi_id == "engagement_rate")
    assert reopened.close is None
    assert rate_after.value is not None and rate_before.value is not None
    assert rate_after.value > rate_before.value  # the re-export's higher engagement counts now
    assert "facebook_posts_2026-10_reexport.csv" in {
        i.file_name for i in reopened.data_quality.imports
    }


def test_sections_hold_networks_audience_and_top_posts(
    report_engine: Engine, strategy_en: StrategyFile
) -> None:
    engagement, audience = build_review_pack(
        report_engine, strategy_en, "2026-10", today=TODAY
    ).objectives
    # October: 11 Facebook posts, 9 on LinkedIn (report_seed.COUNTS, LinkedIn two fewer)
    posts = {
        v.platform: v.value for v in engagement.platform_values if v.kpi_id == "posts_published"
    }
    assert posts == {"facebook": 11, "linkedin": 9}
    # the engagement rate ranks its posts by engagements: Facebook's 11th post, 2,000
    # impressions x 4.4% = 88, then its 10th, 1,900 x 4.4% = 83.6 -> 84
    top = engagement.top_posts
    assert [(p.platform, p.value, p.measure) for p in top[:2]] == [
        ("facebook", 88, "engagements"),
        ("facebook", 84, "engagements"),
    ]
    assert (
        top[0].text == "Repair update 10.10"
        and top[0].permalink == "https://example.org/facebook/10/10"
    )
    assert top[0].published_at is not None and top[0].published_at.date() == date(2026, 10, 22)
    # followers from 1 May, +4 a day: 31 October is day 183, 30 September day 152
    assert [
        (a.platform, a.followers, a.followers_previous, a.change) for a in audience.audience
    ] == [
        ("facebook", 3000 + 4 * 183, 3000 + 4 * 152, 124),
        ("linkedin", 900 + 4 * 183, 900 + 4 * 152, 124),
    ]
    assert engagement.audience == ()  # no KPI of its counts followers
    # a year earlier: no October 2025 in the warehouse
    assert all(k.last_year is None for k in engagement.kpis)


def test_target_reached_reads_the_right_way_for_each_direction() -> None:
    from reports.review_pack import KpiLine

    def line(value: float, target: float, direction: str) -> KpiLine:
        return KpiLine(
            kpi_id="k",
            objective_id="o",
            strategy_id="main",
            name="K",
            period="2026-10",
            value=value,
            previous=None,
            last_year=None,
            baseline=None,
            target=target,
            status="red",
            progress=None,
            unit="count",
            direction=direction,
        )

    assert line(39, 50, "up").target_reached == pytest.approx(0.78)
    assert line(-2, 50, "up").target_reached == 0.0
    assert line(4.0, 3.0, "down").target_reached == pytest.approx(0.75)  # 3 h wanted, 4 h took
    assert line(10, 0, "up").target_reached is None


def test_snapshot_round_trip(report_engine: Engine, strategy_en: StrategyFile) -> None:
    figures = compute_figures(report_engine, strategy_en, Period.parse("2026-10"), None)
    assert figures.top_posts and figures.audience and figures.platform_values
    assert figures_from_json(figures_to_json(figures)) == figures
    assert freeze_figures(report_engine, strategy_en, "2026-10") == figures_to_json(figures)


def test_a_close_frozen_before_version_2_still_reads(
    report_engine: Engine, strategy_en: StrategyFile
) -> None:
    """Snapshots kept by closes before the breakdowns existed have no such keys."""
    import json

    figures = compute_figures(report_engine, strategy_en, Period.parse("2026-10"), None)
    old = json.loads(figures_to_json(figures))
    for key in ("platform_values", "top_posts", "audience"):
        del old[key]
    for line in old["kpis"]:
        # what a line held before it was the whole KpiResult
        for key in ("last_year", "strategy_id", "period", "whole_value", "denominator"):
            del line[key]
    for series in old["series"]:
        for point in series["points"]:
            del point["in_progress"]
    old["version"] = 1
    strategies = {k.kpi_id: "main" for k in figures.kpis}
    read = figures_from_json(json.dumps(old), period="2026-10", strategies=strategies)
    assert read.kpis[0].value == figures.kpis[0].value and read.kpis[0].last_year is None
    assert (read.kpis[0].period, read.kpis[0].strategy_id) == ("2026-10", "main")
    assert read.kpis[0].whole_value is None and read.kpis[0].owner == figures.kpis[0].owner
    assert (read.top_posts, read.audience, read.platform_values) == ({}, (), ())


def test_unknown_strategy_id_is_refused(report_engine: Engine, strategy_en: StrategyFile) -> None:
    with pytest.raises(ValueError, match="unknown strategy 'talent'; the strategy file has: main"):
        build_review_pack(report_engine, strategy_en, "2026-10", strategy_id="talent")


@pytest.mark.parametrize(("closed_as", "read_as"), [("main", None), (None, "main")])
def test_close_of_one_strategy_or_the_whole_file_freezes_either_report(
    report_engine: Engine, strategy_en: StrategyFile, closed_as: str | None, read_as: str | None
) -> None:
    before = build_review_pack(report_engine, strategy_en, "2026-10", strategy_id=read_as)
    snapshot = freeze_figures(report_engine, strategy_en, "2026-10", closed_as)
    close_month(report_engine, "2026-10", snapshot=snapshot, closed_by="Ana", strategy_id=closed_as)
    import_newer_october(report_engine)
    after = build_review_pack(report_engine, strategy_en, "2026-10", strategy_id=read_as)
    assert after.kpis() == before.kpis()
    assert after.close is not None and after.close.closed_by == "Ana"


def test_whole_file_report_mixes_a_closed_strategy_with_a_live_one(
    report_engine: Engine, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from report_seed import strategy_text

    from metrics.strategy import parse_strategy

    text = (
        strategy_text("en")
        .replace(
            "    name: Tenant communication 2026\n",
            "    name: Tenant communication 2026\n  - id: growth\n    name: Audience growth\n",
        )
        .replace("  - id: engagement\n", "  - id: engagement\n    strategy: growth\n")
        .replace("  - id: audience\n", "  - id: audience\n    strategy: main\n")
    )
    sf = parse_strategy(text, file=str(tmp_path / "strategy.yaml"))
    before = {k.kpi_id: k for k in build_review_pack(report_engine, sf, "2026-10").kpis()}
    snapshot = freeze_figures(report_engine, sf, "2026-10", "main")
    close_month(report_engine, "2026-10", snapshot=snapshot, closed_by="Ana", strategy_id="main")
    import_newer_october(report_engine)
    after_pack = build_review_pack(report_engine, sf, "2026-10")
    after = {k.kpi_id: k for k in after_pack.kpis()}
    assert list(after) == list(before)
    assert after["followers"] == before["followers"]  # main (audience) is closed
    rate_before, rate_after = before["engagement_rate"].value, after["engagement_rate"].value
    assert rate_before is not None and rate_after is not None
    assert rate_after > rate_before  # growth (engagement) is live: the re-export counts
    assert after_pack.close is None  # not every strategy is closed
    live = build_review_pack(report_engine, sf, "2026-10", strategy_id="growth")
    assert live.close is None and live.kpis()[0].value == rate_after


def test_closed_month_on_each_backend(engine: Engine, strategy_en: StrategyFile) -> None:
    """The same close-then-reimport story on SQLite and (when configured) PostgreSQL."""
    from report_seed import seed

    seed(engine)
    before = build_review_pack(engine, strategy_en, "2026-10", today=TODAY)
    close_month(
        engine, "2026-10", snapshot=freeze_figures(engine, strategy_en, "2026-10"), closed_by="Ana"
    )
    import_newer_october(engine)
    after = build_review_pack(engine, strategy_en, "2026-10", today=TODAY)
    assert after.kpis() == before.kpis()
    assert after.data_quality == before.data_quality
    assert {k.kpi_id: k.status for k in after.kpis()}["engagement_rate"] == "red"
