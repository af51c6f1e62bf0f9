"""What each import covers (import_coverage): written by the import pipeline per grain,
platform and account, backfilled by migration 0008 for imports stored before it, and read
by the metric engine so that a covered month without posts counts 0 (issue 11, item 10)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from sqlalchemy import Engine, delete, select, text

from data_contracts.pipeline import import_files
from metrics.scorecard import compute_scorecard
from metrics.strategy import parse_strategy
from warehouse import engine as warehouse_engine
from warehouse.schema import import_coverage, imports

REPO = Path(__file__).resolve().parents[2]
EXPORTS = REPO / "sample_data" / "exports"
HEADER = (
    "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,"
    "Impressions\n"
)
# A channel that published in July, August and September 2026 and not in October.
VIDEOS = (
    'aaaaaaaaaa1,Launch,"Jul 2, 2026",600,100,10.0,1,1000\n'
    'aaaaaaaaaa2,Panel,"Aug 15, 2026",900,200,5.0,2,3000\n'
    'aaaaaaaaaa3,Webinar,"Sep 9, 2026",1200,50,2.5,0,500\n'
)
STRATEGY = """
organisation: Case Institute
objectives:
  - id: reach
    name: Reach
    kpis:
      - id: videos
        name: Videos published
        metric: {type: count, grain: post}
        platforms: [youtube]
        targets: {2026-10: 4}
      - id: watch_time
        name: Watch time
        metric: {type: sum, measure: watch_time_hours, grain: post}
        platforms: [youtube]
      - id: likes
        name: Likes
        metric: {type: sum, measure: reactions, grain: post}
        platforms: [youtube]
"""


def _youtube_zip(folder: Path, start: str, end: str, rows: str) -> Path:
    path = folder / f"Content {start}_{end} Test Channel.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Table data.csv", HEADER + rows)
    path.write_bytes(buffer.getvalue())
    return path


def _coverage(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                import_coverage.c.import_id,
                import_coverage.c.grain,
                import_coverage.c.platform,
                import_coverage.c.account,
                import_coverage.c.first_day,
                import_coverage.c.last_day,
                import_coverage.c.measures,
            ).order_by(
                import_coverage.c.import_id,
                import_coverage.c.grain,
                import_coverage.c.platform,
                import_coverage.c.account,
            )
        ).all()
    return [(r[0], r[1], r[2], r[3], str(r[4]), str(r[5]), r[6]) for r in rows]


def test_a_covered_month_without_videos_counts_0_and_an_uncovered_one_is_no_data(
    engine: Engine, tmp_path: Path
) -> None:
    [result] = import_files(engine, [_youtube_zip(tmp_path, "2026-07-01", "2026-10-31", VIDEOS)])
    assert result.status == "loaded"
    [member] = [row for row in _coverage(engine)]
    assert member[1:] == (
        "post",
        "youtube",
        "Test Channel",
        "2026-07-01",
        "2026-10-31",
        "impressions,video_views,watch_time_hours",
    )
    strategy = parse_strategy(STRATEGY, file="s.yaml")
    october = {r.kpi_id: r for r in compute_scorecard(engine, strategy, "2026-10")}
    assert (october["videos"].value, october["videos"].status) == (0, "red")
    assert october["videos"].previous == 1
    assert october["watch_time"].value == 0  # the export reports watch time
    assert october["likes"].value is None  # it does not report likes
    november = {r.kpi_id: r for r in compute_scorecard(engine, strategy, "2026-11")}
    assert (november["videos"].value, november["videos"].status) == (None, "no_data")


def test_one_upload_with_two_grains_records_both(engine: Engine) -> None:
    path = EXPORTS / "linkedin" / "northwind-policy-institute_content_1793544137531.xls"
    [result] = import_files(engine, [path])
    assert result.status == "loaded"
    grains = {(r[1], r[4], r[5]) for r in _coverage(engine)}
    assert grains == {("day", "2026-07-01", "2026-10-31"), ("post", "2026-07-01", "2026-10-31")}


def test_zip_members_are_covered_and_the_upload_itself_is_not(engine: Engine) -> None:
    path = EXPORTS / "youtube" / "Content 2026-08-01_2026-10-31 Northwind Policy Institute.zip"
    [result] = import_files(engine, [path])
    with engine.connect() as conn:
        members = dict(
            conn.execute(
                select(imports.c.file_name, imports.c.id).where(
                    imports.c.parent_id == result.import_id
                )
            ).all()
        )
    assert [(r[0], r[1]) for r in _coverage(engine)] == [
        (members["Table data.csv"], "post"),
        (members["Totals.csv"], "day"),
    ]


def test_an_older_export_imported_late_still_covers_its_period(
    engine: Engine, tmp_path: Path
) -> None:
    """The newer export's rows stay (latest export wins), but the older one still says
    that nothing was published in the months only it covers."""
    newer = _youtube_zip(tmp_path, "2026-08-01", "2026-10-31", VIDEOS)
    older = _youtube_zip(tmp_path, "2026-05-01", "2026-09-30", VIDEOS.replace("100,", "90,"))
    import_files(engine, [newer])
    import_files(engine, [older])
    spans = [(r[4], r[5]) for r in _coverage(engine)]
    assert spans == [("2026-08-01", "2026-10-31"), ("2026-05-01", "2026-09-30")]
    strategy = parse_strategy(STRATEGY, file="s.yaml")
    may = {r.kpi_id: r for r in compute_scorecard(engine, strategy, "2026-05")}
    assert may["videos"].value == 0


def test_a_rejected_file_covers_nothing(engine: Engine) -> None:
    bad = REPO / "sample_data" / "broken" / "facebook_posts_missing_publish_time_column.csv"
    [result] = import_files(engine, [bad])
    assert result.status == "rejected"
    assert _coverage(engine) == []


SAMPLES = [
    EXPORTS / "facebook" / "Northwind Policy Institute Sep-01-2026_Oct-31-2026.csv",
    EXPORTS / "linkedin" / "northwind-policy-institute_content_1793544137531.xls",
    EXPORTS / "x" / "account_analytics_content_2026-09-28_2026-10-31.csv",
    EXPORTS / "inbox" / "resolved_conversations_2025-01-01_2026-10-31.csv",
]


def test_migration_0008_backfills_what_the_pipeline_records(database_url: str) -> None:
    """Imports stored before the table existed get the coverage the pipeline would have
    written: the same grains, accounts, days and measures."""
    eng = warehouse_engine.make_engine(database_url)
    try:
        warehouse_engine.upgrade(eng)
        facebook_daily = EXPORTS / "facebook"
        daily = sorted(p for p in facebook_daily.rglob("Views*.csv"))[:1]
        results = import_files(eng, [*SAMPLES, *daily])
        assert all(r.status == "loaded" for r in results)
        recorded = _coverage(eng)
        assert {r[1] for r in recorded} == {"post", "day", "message"}
        assert {r[2] for r in recorded if r[1] == "message"} == {"facebook", "instagram", "x"}
        from alembic import command

        command.downgrade(warehouse_engine.alembic_config(eng), "0007")
        with eng.connect() as conn:
            assert "import_coverage" not in {
                name
                for (name,) in conn.execute(
                    text(
                        "SELECT name FROM sqlite_master WHERE type = 'table'"
                        if eng.dialect.name == "sqlite"
                        else "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    )
                )
            }
        warehouse_engine.upgrade(eng)
        assert _coverage(eng) == recorded
    finally:
        eng.dispose()


def test_the_backfill_falls_back_on_the_contract_tables(database_url: str) -> None:
    """An import whose rows a later export replaced keeps its coverage: grains from its
    validation record, measures from the contract table it loaded (as of migration 0008)."""
    eng = warehouse_engine.make_engine(database_url)
    try:
        warehouse_engine.upgrade(eng)
        [result] = import_files(eng, [SAMPLES[0]])
        with eng.begin() as conn:
            conn.execute(delete(import_coverage))
            conn.execute(text("DELETE FROM posts"))
        from alembic import command

        command.downgrade(warehouse_engine.alembic_config(eng), "0007")
        warehouse_engine.upgrade(eng)
        assert _coverage(eng) == [
            (
                result.import_id,
                "post",
                "facebook",
                "Northwind Policy Institute",
                "2026-09-01",
                "2026-10-31",
                "impressions,reach,engagements,reactions,comments,shares,clicks,link_clicks,"
                "watch_time_hours",
            )
        ]
    finally:
        eng.dispose()


def test_recording_twice_replaces_and_an_unknown_period_covers_nothing(engine: Engine) -> None:
    from datetime import date

    from warehouse import store

    with engine.begin() as conn:
        import_id = store.record_import(
            conn,
            store.ImportRecord(
                file_name="x.csv",
                sha256=store.save_blob(conn, b"x"),
                status="loaded",
                period_start=None,
                period_end=None,
            ),
        )
        assert store.record_coverage(conn, import_id, {("post", "x", "a"): {"impressions"}}) == []
        conn.execute(
            imports.update()
            .where(imports.c.id == import_id)
            .values(period_start=date(2026, 10, 1), period_end=date(2026, 10, 31))
        )
    with engine.begin() as conn:
        [first] = store.record_coverage(conn, import_id, {("post", "x", "a"): {"impressions"}})
        [second] = store.record_coverage(conn, import_id, {("post", "x", "a"): {"reach"}})
    assert (first.measures, second.measures) == (("impressions",), ("reach",))
    assert [r[6] for r in _coverage(engine)] == ["reach"]


def test_a_covered_month_without_videos_is_no_gap_in_the_data(
    engine: Engine, tmp_path: Path
) -> None:
    from reports.review_pack import data_quality
    from warehouse.queries import covered_months

    import_files(engine, [_youtube_zip(tmp_path, "2026-07-01", "2026-10-31", VIDEOS)])
    strategy = parse_strategy(STRATEGY, file="s.yaml")
    from metrics.periods import Period

    with engine.connect() as conn:
        assert covered_months(conn) == {
            ("youtube", "Test Channel", f"2026-{m:02d}") for m in (7, 8, 9, 10)
        }
        october = data_quality(conn, strategy, Period.parse("2026-10"), ())
        november = data_quality(conn, strategy, Period.parse("2026-11"), ())
    assert october.gaps == ()
    assert [(g.platform, g.month) for g in november.gaps] == [("youtube", "2026-11")]
