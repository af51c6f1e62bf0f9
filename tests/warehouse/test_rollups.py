"""Post rollups: migration 0004 fills them, `refresh_post_rollup` keeps them equal to a full
rebuild after overlapping and moving imports, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, func, inspect, select, text

from warehouse import engine as warehouse_engine
from warehouse import store
from warehouse.rollups import (
    rebuild_post_rollup,
    rebuild_rollups,
    refresh_post_rollup,
    refresh_rollups,
    rollup_is_current,
)
from warehouse.schema import (
    POST_ROLLUPS,
    day_month_last,
    day_month_rollup,
    post_day_rollup,
    post_month_rollup,
    posts,
)


def _import(conn: Connection, name: str) -> int:
    digest = store.save_blob(conn, name.encode())
    return store.record_import(
        conn,
        store.ImportRecord(
            file_name=name, sha256=digest, status="loaded", platform="facebook", account="Page"
        ),
    )


def _post(post_id: str, published: str, **values: Any) -> dict[str, Any]:
    return {
        "platform": "facebook",
        "account": "Page",
        "post_id": post_id,
        "published_at": pd.Timestamp(published),
        "post_type": "photo",
        **values,
    }


def _store(conn: Connection, name: str, rows: list[dict[str, Any]], refresh: bool = True) -> int:
    import_id = _import(conn, name)
    store.upsert_posts(conn, pd.DataFrame(rows), import_id)
    if refresh:
        refresh_post_rollup(conn, import_id)
    return import_id


def _plain(value: Any) -> Any:
    """Dates as ISO text; floats to 12 significant digits (sums of fractional measures may
    differ in the last bits with the order the database adds them in)."""
    if isinstance(value, date):
        return str(value)
    if isinstance(value, float):
        return float(f"{value:.12g}")
    return value


def _rows(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every rollup row of both tables, in a stable order."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    for table in [t for t, _ in POST_ROLLUPS] + [day_month_rollup, day_month_last]:
        rows = conn.execute(select(table)).all()
        out[table.name] = sorted(
            (tuple(_plain(v) for v in row) for row in rows),
            key=repr,
        )
    return out


def _rebuilt(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """What a full rebuild gives, without keeping it."""
    nested = conn.begin_nested()
    rebuild_rollups(conn)
    rows = _rows(conn)
    nested.rollback()
    return rows


def _day(conn: Connection, day: date) -> list[dict[str, Any]]:
    t = post_day_rollup
    return [dict(r) for r in conn.execute(select(t).where(t.c.day == day)).mappings()]


FIRST = [
    _post("a", "2026-10-03 09:00", impressions=1000.0, engagements=50.0),
    _post("b", "2026-10-03 18:30", impressions=3000.0, engagements=90.0),
    _post("c", "2026-10-05 10:00", impressions=500.0),  # engagements not reported
    _post("d", "2026-09-30 23:59", impressions=700.0, engagements=7.0, post_type="video"),
]


def test_refresh_builds_exact_sums_counts_and_null_patterns(engine: Engine) -> None:
    with engine.begin() as conn:
        import_id = _store(conn, "first.csv", FIRST)
        [oct3] = _day(conn, date(2026, 10, 3))
        assert (oct3["posts"], oct3["impressions_sum"], oct3["impressions_count"]) == (2, 4000, 2)
        assert (oct3["engagements_sum"], oct3["engagements_count"]) == (140, 2)
        assert oct3["reach_sum"] is None and oct3["reach_count"] == 0  # NULL stays NULL
        assert oct3["last_import_id"] == import_id
        [oct5] = _day(conn, date(2026, 10, 5))
        assert oct5["engagements_sum"] is None and oct5["engagements_count"] == 0
        assert oct5["reported"] != oct3["reported"]  # grouped by which measures are reported
        months = {
            (str(r["month"]), r["post_type"]): (r["posts"], r["impressions_sum"])
            for r in conn.execute(select(post_month_rollup)).mappings()
        }
        assert months == {("2026-10-01", "photo"): (2, 4000), ("2026-09-01", "video"): (1, 700)}
        # the two October photo rows differ in their reported measures: one month row each
        assert sum(n for (m, _), (n, _) in months.items() if m == "2026-10-01") == 2
        assert _rows(conn) == _rebuilt(conn)
        assert rollup_is_current(conn)


def test_refresh_after_an_overlapping_newer_import_follows_the_replaced_values(
    engine: Engine,
) -> None:
    with engine.begin() as conn:
        _store(conn, "first.csv", FIRST)
        newer = _store(
            conn,
            "newer.csv",
            [
                _post("b", "2026-10-03 18:30", impressions=3500.0, engagements=120.0),
                # moved to a day the newer export covers, and a new type
                _post("c", "2026-10-20 10:00", impressions=650.0, post_type="video"),
                _post("e", "2026-10-20 12:00", impressions=100.0, engagements=1.0),
            ],
        )
        [oct3] = _day(conn, date(2026, 10, 3))
        assert (oct3["posts"], oct3["impressions_sum"], oct3["engagements_sum"]) == (2, 4500, 170)
        assert oct3["last_import_id"] == newer
        assert _day(conn, date(2026, 10, 5)) == []  # the moved post left its old day
        assert sorted((r["post_type"], r["posts"]) for r in _day(conn, date(2026, 10, 20))) == [
            ("photo", 1),
            ("video", 1),
        ]
        assert _rows(conn) == _rebuilt(conn)
        assert rollup_is_current(conn)


def test_refresh_of_a_move_out_of_every_day_the_import_covers(engine: Engine) -> None:
    """A post moved to a month the import has no other post in: its old day is found by the
    account's post count and the account is recomputed."""
    with engine.begin() as conn:
        _store(conn, "first.csv", FIRST)
        _store(conn, "late.csv", [_post("a", "2026-11-02 08:00", impressions=1.0)])
        [oct3] = _day(conn, date(2026, 10, 3))
        assert (oct3["posts"], oct3["impressions_sum"]) == (1, 3000)
        assert _rows(conn) == _rebuilt(conn)


DAYS = [
    {"platform": "facebook", "account": "Page", "date": date(2026, 9, 30), "impressions": 10.0},
    {"platform": "facebook", "account": "Page", "date": date(2026, 10, 1), "impressions": 20.0},
    {"platform": "facebook", "account": "Page", "date": date(2026, 10, 2), "impressions": 30.0},
    {
        "platform": "facebook",
        "account": "Page",
        "date": date(2026, 10, 3),
        "impressions": 40.0,
        "reach": 25.0,
    },
]


def _months(conn: Connection) -> dict[tuple[str, int], tuple[int, Any, int, Any]]:
    t = day_month_rollup
    return {
        (str(r.month), r.reported): (r.days, r.impressions_sum, r.reach_count, r.reach_sum)
        for r in conn.execute(select(t))
    }


def test_day_rollup_follows_an_overlapping_newer_import(engine: Engine) -> None:
    with engine.begin() as conn:
        first = _import(conn, "days.csv")
        store.upsert_day_values(conn, pd.DataFrame(DAYS), first)
        refresh_rollups(conn, first)
        impressions_only, both = 1 << 3, (1 << 3) | (1 << 4)  # DAY_MEASURES positions
        assert _months(conn) == {
            ("2026-09-01", impressions_only): (1, 10.0, 0, None),  # reach not reported: NULL
            ("2026-10-01", impressions_only): (2, 50.0, 0, None),
            ("2026-10-01", both): (1, 40.0, 1, 25.0),
        }
        newer = _import(conn, "days-newer.csv")
        store.upsert_day_values(
            conn,
            pd.DataFrame(
                [
                    {
                        "platform": "facebook",
                        "account": "Page",
                        "date": date(2026, 10, 2),
                        "impressions": 35.0,
                        "reach": 30.0,
                    }
                ]
            ),
            newer,
        )
        refresh_rollups(conn, newer)
        assert _months(conn) == {
            ("2026-09-01", impressions_only): (1, 10.0, 0, None),
            ("2026-10-01", impressions_only): (1, 20.0, 0, None),
            ("2026-10-01", both): (2, 75.0, 2, 55.0),
        }
        last = day_month_last
        assert {
            (str(r.month), r.measure): (str(r.date), r.value) for r in conn.execute(select(last))
        } == {
            ("2026-09-01", "impressions"): ("2026-09-30", 10.0),
            ("2026-10-01", "impressions"): ("2026-10-03", 40.0),
            ("2026-10-01", "reach"): ("2026-10-03", 25.0),
        }
        assert _rows(conn) == _rebuilt(conn)
        assert rollup_is_current(conn)


def test_a_newer_import_without_refresh_is_noticed(engine: Engine) -> None:
    with engine.begin() as conn:
        _store(conn, "first.csv", FIRST)
        assert rollup_is_current(conn)
        _store(conn, "bypass.csv", [_post("z", "2026-10-09 08:00")], refresh=False)
        assert not rollup_is_current(conn)
        rebuild_post_rollup(conn)
        assert rollup_is_current(conn)


def test_migration_0004_fills_the_rollups_and_drops_the_redundant_index(
    database_url: str,
) -> None:
    eng = warehouse_engine.make_engine(database_url)
    try:
        warehouse_engine.upgrade(eng, "0003")
        assert "ix_day_values_measure_date" in {
            i["name"] for i in inspect(eng).get_indexes("day_values")
        }
        with eng.begin() as conn:
            import_id = _import(conn, "before.csv")
            store.upsert_posts(conn, pd.DataFrame(FIRST), import_id)
            store.upsert_day_values(conn, pd.DataFrame(DAYS), import_id)
            conn.execute(
                text(
                    "INSERT INTO posts (platform, account, post_id, import_id) "
                    "VALUES ('x', 'acct', 'undated', :i)"
                ),
                {"i": import_id},
            )
        warehouse_engine.upgrade(eng)
        assert "ix_day_values_measure_date" not in {
            i["name"] for i in inspect(eng).get_indexes("day_values")
        }
        with eng.begin() as conn:
            migrated = _rows(conn)
            assert migrated == _rebuilt(conn)
            assert len(migrated["post_day_rollup"]) == 4  # 3 dated keys + the undated post
            [oct3] = _day(conn, date(2026, 10, 3))
            assert (oct3["posts"], oct3["impressions_sum"]) == (2, 4000)
            assert len(migrated["day_month_rollup"]) == 3
            assert rollup_is_current(conn)
        warehouse_engine.upgrade(eng, "0004")
        from alembic import command

        command.downgrade(warehouse_engine.alembic_config(eng), "0003")
        names = set(inspect(eng).get_table_names())
        assert not names & {
            "post_day_rollup",
            "post_month_rollup",
            "day_month_rollup",
            "day_month_last",
        }
        assert "ix_day_values_measure_date" in {
            i["name"] for i in inspect(eng).get_indexes("day_values")
        }
    finally:
        eng.dispose()


def test_rollup_days_follow_the_stored_wall_clock(engine: Engine) -> None:
    """Publish days are those of `published_at` as stored (organisation time): 23:59 stays
    on its day, 00:00 starts the next."""
    with engine.begin() as conn:
        _store(
            conn,
            "edges.csv",
            [
                _post("late", "2026-10-31 23:59:59", impressions=1.0),
                _post("early", "2026-11-01 00:00:00", impressions=2.0),
            ],
        )
        t = post_day_rollup
        got = {
            str(r.day): r.impressions_sum
            for r in conn.execute(select(t.c.day, t.c.impressions_sum))
        }
        assert got == {"2026-10-31": 1.0, "2026-11-01": 2.0}


EXPORTS = Path(__file__).resolve().parents[2] / "sample_data" / "exports"
PIPELINE_FILES = [
    EXPORTS / "facebook" / "Northwind Policy Institute Jul-01-2026_Aug-31-2026.csv",
    EXPORTS / "facebook" / "Northwind Policy Institute Sep-01-2026_Oct-31-2026.csv",
    EXPORTS / "x" / "account_analytics_content_2026-06-30_2026-09-27.csv",
    EXPORTS / "x" / "account_analytics_content_2026-09-28_2026-10-31.csv",
    EXPORTS / "tiktok" / "Content_northwindpolicy.zip",
]


def test_the_import_pipeline_keeps_the_rollups_current(engine: Engine) -> None:
    from data_contracts.pipeline import import_files

    results = import_files(
        engine, PIPELINE_FILES, account="northwindpolicy", timezone="America/Guatemala"
    )
    stored = [r for r in results if r.status in ("loaded", "partial")]
    assert len(stored) >= 3, [r.problems for r in results]
    with engine.begin() as conn:
        rows = _rows(conn)
        assert (
            sum(r[5] for r in rows["post_day_rollup"])
            == conn.execute(select(func.count()).select_from(posts)).scalar_one()
        )
        assert {r[0] for r in rows["post_month_rollup"]} == {r.platform for r in stored}
        assert rows == _rebuilt(conn)
        assert rollup_is_current(conn)


def test_day_mask_marks_each_day_with_a_value(engine: Engine) -> None:
    """day_month_last.day_mask: bit d-1 per day d with a non-NULL value (migration 0006),
    what a day-grain mean divides by; a NULL day and another month leave no bit."""
    rows = [
        {"platform": "facebook", "account": "Page", "date": date(2026, 10, 1), "reach": 10.0},
        {"platform": "facebook", "account": "Page", "date": date(2026, 10, 15), "reach": None},
        {"platform": "facebook", "account": "Page", "date": date(2026, 10, 31), "reach": 12.0},
        {"platform": "facebook", "account": "Page", "date": date(2026, 11, 2), "reach": 5.0},
    ]
    with engine.begin() as conn:
        import_id = _import(conn, "days.csv")
        store.upsert_day_values(conn, pd.DataFrame(rows), import_id)
        refresh_rollups(conn, import_id)
        t = day_month_last
        masks = {
            str(r.month): (r.day_mask, str(r.date), r.value)
            for r in conn.execute(select(t.c.month, t.c.day_mask, t.c.date, t.c.value))
        }
        assert masks == {
            "2026-10-01": (1 | 1 << 30, "2026-10-31", 12.0),
            "2026-11-01": (1 << 1, "2026-11-02", 5.0),
        }
        assert _rows(conn) == _rebuilt(conn)


def test_coverage_reads_the_rollups_with_the_same_answer_as_the_facts(engine: Engine) -> None:
    """The Data page's months × accounts calendar: from the month rollups while they are
    current, from the fact tables when a writer skipped the refresh; the same numbers."""
    from warehouse import queries

    days = [
        {"platform": "facebook", "account": "Page", "date": date(2026, 9, 30), "reach": 5.0},
        {"platform": "facebook", "account": "Page", "date": date(2026, 10, 1), "reach": 6.0},
        # a day whose only value is NULL still counts as a day the export covers
        {"platform": "facebook", "account": "Page", "date": date(2026, 10, 2), "reach": None},
        {"platform": "x", "account": "Other", "date": date(2026, 10, 2), "reach": 1.0},
    ]
    undated = {**_post("undated", "2026-10-01"), "published_at": pd.NaT}
    with engine.begin() as conn:
        import_id = _store(conn, "posts.csv", [*FIRST, undated], refresh=False)
        store.upsert_day_values(conn, pd.DataFrame(days), import_id)
        assert not rollup_is_current(conn)
        from_facts = queries.coverage(conn)
        refresh_rollups(conn, import_id)
        assert rollup_is_current(conn)
        from_rollups = queries.coverage(conn)
    pd.testing.assert_frame_equal(from_facts, from_rollups)
    page = from_rollups[from_rollups["account"] == "Page"].set_index("month")
    assert page.loc["2026-10", ["posts", "days"]].tolist() == [3, 2]
    assert page.loc["2026-09", ["posts", "days"]].tolist() == [1, 1]
    assert from_rollups["posts"].sum() == 4  # the undated post is in no month
