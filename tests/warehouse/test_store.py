"""Warehouse round trips and upserts, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from sqlalchemy import Engine, String, cast, select

from warehouse import queries, store
from warehouse.schema import blobs, day_values, imports, messages, posts


def _import(conn, name: str = "export.csv", content: bytes = b"a,b\n1,2\n") -> int:
    digest = store.save_blob(conn, content)
    return store.record_import(
        conn,
        store.ImportRecord(
            file_name=name,
            sha256=digest,
            status="loaded",
            format="test",
            platform="facebook",
            account="Page",
            rows_read=1,
            rows_loaded=1,
        ),
    )


def _posts(**overrides: object) -> pd.DataFrame:
    row = {
        "platform": "facebook",
        "account": "Page",
        "post_id": "1827720132094663",
        "published_at": pd.Timestamp("2026-10-03 18:12"),
        "post_type": "Photos",
        "text": 'Informe «Agua 2026» 💧, "con" comillas',
        "permalink": "https://www.facebook.com/page/posts/pfbid1",
        "impressions": 1200.0,
        "reach": 900.0,
        "reactions": 40.0,
        "comments": float("nan"),
    }
    row.update(overrides)
    return pd.DataFrame([row])


def test_post_round_trip_keeps_text_ids_and_nulls(engine: Engine) -> None:
    with engine.begin() as conn:
        import_id = _import(conn)
        assert store.upsert_posts(conn, _posts(), import_id) == 1
    with engine.connect() as conn:
        row = conn.execute(select(posts)).mappings().one()
    assert row["post_id"] == "1827720132094663"
    assert row["text"] == 'Informe «Agua 2026» 💧, "con" comillas'
    assert row["published_at"] == datetime(2026, 10, 3, 18, 12)
    assert row["impressions"] == 1200.0
    assert row["comments"] is None  # not reported is NULL, never 0
    assert row["shares"] is None
    assert row["import_id"] == import_id


def test_latest_export_of_a_post_wins_and_records_its_import(engine: Engine) -> None:
    with engine.begin() as conn:
        first = _import(conn, "may.csv", b"1")
        store.upsert_posts(conn, _posts(), first)
    with engine.begin() as conn:
        second = _import(conn, "june.csv", b"2")
        store.upsert_posts(conn, _posts(impressions=1500.0, reach=None), second)
    with engine.connect() as conn:
        rows = conn.execute(select(posts)).mappings().all()
    assert len(rows) == 1
    assert rows[0]["impressions"] == 1500.0
    assert rows[0]["reach"] is None
    assert rows[0]["import_id"] == second


def test_columns_an_export_does_not_supply_are_left_alone(engine: Engine) -> None:
    with engine.begin() as conn:
        first = _import(conn, "a.csv", b"1")
        store.upsert_posts(conn, _posts(), first)
        second = _import(conn, "b.csv", b"2")
        partial = _posts()[["platform", "account", "post_id"]].assign(shares=7.0)
        store.upsert_posts(conn, partial, second)
    with engine.connect() as conn:
        row = conn.execute(select(posts)).mappings().one()
    assert row["shares"] == 7.0
    assert row["impressions"] == 1200.0
    assert row["text"].startswith("Informe")


def test_day_values_merge_per_measure_with_provenance(engine: Engine) -> None:
    days = pd.DataFrame(
        {
            "platform": ["instagram"] * 3,
            "account": ["acct"] * 3,
            "date": [date(2026, 10, 1), date(2026, 10, 2), date(2026, 10, 3)],
            "impressions": [100.0, 200.0, None],
        }
    )
    follows = pd.DataFrame(
        {
            "platform": ["instagram"],
            "account": ["acct"],
            "date": [date(2026, 10, 2)],
            "follows": [5.0],
        }
    )
    with engine.begin() as conn:
        views_import = _import(conn, "Views.csv", b"v")
        assert store.upsert_day_values(conn, days, views_import) == 3
        follows_import = _import(conn, "Follows.csv", b"f")
        store.upsert_day_values(conn, follows, follows_import)
        revised = _import(conn, "Views (1).csv", b"v2")
        store.upsert_day_values(conn, days.iloc[[1]].assign(impressions=250.0), revised)
    with engine.connect() as conn:
        wide = queries.day_frame(conn, platforms=["instagram"])
        provenance = {
            (r.date, r.measure): r.import_id
            for r in conn.execute(
                select(day_values.c.date, day_values.c.measure, day_values.c.import_id)
            )
        }
    assert list(wide["impressions"].fillna(-1)) == [100.0, 250.0, -1]
    assert wide.loc[wide["date"] == date(2026, 10, 2), "follows"].item() == 5.0
    assert provenance[(date(2026, 10, 2), "impressions")] == revised
    assert provenance[(date(2026, 10, 1), "impressions")] == views_import
    assert provenance[(date(2026, 10, 2), "follows")] == follows_import


def test_messages_and_quarantine_round_trip(engine: Engine) -> None:
    frame = pd.DataFrame(
        {
            "platform": ["facebook"],
            "account": ["Page"],
            "message_id": ["c-1"],
            "received_at": [pd.Timestamp("2026-10-01 09:00")],
            "first_response_at": [pd.Timestamp("2026-10-01 11:30")],
            "first_response_hours": [2.5],
            "tags": ["press"],
        }
    )
    with engine.begin() as conn:
        import_id = _import(conn)
        store.upsert_messages(conn, frame, import_id)
        store.save_quarantine(
            conn,
            import_id,
            [
                store.QuarantinedRow(
                    7,
                    [
                        {
                            "code": "negative_value",
                            "column": "Reach",
                            "value": "-3",
                            "expected": ">= 0",
                        }
                    ],
                    {"Reach": "-3"},
                )
            ],
        )
    with engine.connect() as conn:
        msg = conn.execute(select(messages)).mappings().one()
        quarantined = queries.quarantined_rows(conn, import_id)
    assert msg["first_response_hours"] == 2.5
    assert quarantined.loc[0, "row_number"] == 7
    assert quarantined.loc[0, "reasons"][0]["code"] == "negative_value"
    assert quarantined.loc[0, "raw"] == {"Reach": "-3"}


def test_blobs_are_kept_byte_for_byte_and_deduplicated(engine: Engine) -> None:
    content = "\ufeffPost ID,Views\n1,2\n".encode() + bytes(range(256))
    with engine.begin() as conn:
        first = _import(conn, "x.csv", content)
        second_sha = store.save_blob(conn, content)
    with engine.connect() as conn:
        name, data = queries.import_blob(conn, first)
        assert store.find_loaded_import(conn, second_sha) == first
        assert store.find_loaded_import(conn, "0" * 64) is None
        history = queries.list_imports(conn)
        version = queries.data_version(conn)
    assert (name, data) == ("x.csv", content)
    assert list(history["file_name"]) == ["x.csv"]
    assert version == f"1:{first}"


def test_rejected_imports_are_not_duplicates(engine: Engine) -> None:
    with engine.begin() as conn:
        digest = store.save_blob(conn, b"junk")
        store.record_import(conn, store.ImportRecord("junk.csv", digest, status="rejected"))
        assert store.find_loaded_import(conn, digest) is None


def test_failed_transaction_leaves_nothing(engine: Engine) -> None:
    with pytest.raises(ValueError), engine.begin() as conn:
        import_id = _import(conn)
        store.upsert_posts(conn, _posts(), import_id)
        raise ValueError("validation failed half-way")
    with engine.connect() as conn:
        assert conn.execute(select(posts)).first() is None
        assert conn.execute(select(imports)).first() is None


def test_known_accounts_and_coverage(engine: Engine) -> None:
    with engine.begin() as conn:
        import_id = _import(conn)
        store.upsert_posts(conn, _posts(), import_id)
        store.upsert_posts(conn, _posts(account="Other", post_id="9"), import_id)
        store.upsert_day_values(
            conn,
            pd.DataFrame(
                {
                    "platform": ["facebook"],
                    "account": ["Page"],
                    "date": [date(2026, 9, 30)],
                    "impressions": [3.0],
                }
            ),
            import_id,
        )
        assert store.known_accounts(conn, "facebook") == ["Other", "Page"]
        assert store.known_accounts(conn, "tiktok") == []
        cov = queries.coverage(conn)
    page = cov[cov["account"] == "Page"].set_index("month")
    assert page.loc["2026-10", "posts"] == 1
    assert page.loc["2026-09", "days"] == 1


def _dated_import(conn, name: str, period_end: date | None) -> int:
    digest = store.save_blob(conn, name.encode())
    return store.record_import(
        conn,
        store.ImportRecord(file_name=name, sha256=digest, status="loaded", period_end=period_end),
    )


def _day(value: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "platform": ["x"],
            "account": ["acct"],
            "date": [date(2025, 12, 31)],
            "impressions": [value],
        }
    )


def _stored_day(conn) -> tuple[float, int]:
    row = conn.execute(select(day_values.c.value, day_values.c.import_id)).one()
    return row.value, row.import_id


def test_export_end_keeps_values_of_a_newer_export(engine: Engine) -> None:
    with engine.begin() as conn:
        newer = _dated_import(conn, "newer.csv", date(2026, 10, 31))
        older = _dated_import(conn, "older.csv", date(2025, 12, 31))
        store.upsert_day_values(conn, _day(5233.0), newer, export_end=date(2026, 10, 31))
        store.upsert_day_values(conn, _day(4710.0), older, export_end=date(2025, 12, 31))
        assert _stored_day(conn) == (5233.0, newer)
        store.upsert_posts(conn, _posts(impressions=2000.0), newer, export_end=date(2026, 10, 31))
        store.upsert_posts(conn, _posts(impressions=1500.0), older, export_end=date(2025, 12, 31))
        row = conn.execute(select(posts.c.impressions, posts.c.import_id)).one()
        assert (row.impressions, row.import_id) == (2000.0, newer)


def test_export_end_ties_and_unknown_ends_let_the_later_import_win(engine: Engine) -> None:
    with engine.begin() as conn:
        unknown = _dated_import(conn, "unknown.csv", None)
        first = _dated_import(conn, "first.csv", date(2025, 12, 31))
        second = _dated_import(conn, "second.csv", date(2025, 12, 31))
        store.upsert_day_values(conn, _day(1.0), unknown)
        store.upsert_day_values(conn, _day(2.0), first, export_end=date(2025, 12, 31))
        assert _stored_day(conn) == (2.0, first)
        store.upsert_day_values(conn, _day(3.0), second, export_end=date(2025, 12, 31))
        assert _stored_day(conn) == (3.0, second)
        # without export_end the incoming rows always win, as before
        store.upsert_day_values(conn, _day(4.0), unknown)
        assert _stored_day(conn) == (4.0, unknown)


def test_latest_fact_day_spans_every_fact_table(engine: Engine) -> None:
    with engine.connect() as conn:
        assert queries.latest_fact_day(conn) is None
    with engine.begin() as conn:
        import_id = _import(conn)
        store.upsert_posts(conn, _posts(), import_id)  # published 2026-10-03
        store.upsert_messages(
            conn,
            pd.DataFrame(
                {
                    "platform": ["x"],
                    "account": ["a"],
                    "message_id": ["m"],
                    "received_at": [pd.Timestamp("2026-11-02 08:00")],
                }
            ),
            import_id,
        )
    with engine.connect() as conn:
        assert queries.latest_fact_day(conn) == date(2026, 11, 2)


def test_blob_from_file_keeps_the_bytes(engine: Engine, tmp_path) -> None:
    content = bytes(range(256)) * 40_000  # 10 MB, every byte value
    path = tmp_path / "upload.csv"
    path.write_bytes(content)
    digest = store.sha256_of(content)
    with engine.begin() as conn:
        assert store.save_blob_from_file(conn, path, digest, chunk_bytes=1_000_000) == digest
        assert store.save_blob_from_file(conn, path, digest) == digest  # idempotent
        import_id = store.record_import(conn, store.ImportRecord("upload.csv", digest, "loaded"))
    with engine.connect() as conn:
        assert queries.import_blob(conn, import_id) == ("upload.csv", content)


def test_platforms_with_data_looks_at_every_fact_table(engine: Engine) -> None:
    with engine.connect() as conn:
        assert queries.platforms_with_data(conn) == []
    with engine.begin() as conn:
        import_id = _import(conn)
        store.upsert_posts(conn, _posts(), import_id)
        store.upsert_day_values(
            conn,
            pd.DataFrame(
                {
                    "platform": ["tiktok"],
                    "account": ["a"],
                    "date": [date(2026, 10, 1)],
                    "followers": [10.0],
                }
            ),
            import_id,
        )
    with engine.connect() as conn:
        assert queries.platforms_with_data(conn) == ["facebook", "tiktok"]


def test_sha256_of_file_reads_in_pieces(tmp_path) -> None:
    content = bytes(range(256)) * 5_000
    path = tmp_path / "upload.csv"
    path.write_bytes(content)
    assert store.sha256_of_file(path, chunk_bytes=1_000) == store.sha256_of(content)


def test_blob_from_file_refuses_bytes_that_do_not_match_the_digest(
    engine: Engine, tmp_path
) -> None:
    path = tmp_path / "upload.csv"
    path.write_bytes(b"Post ID,Views\n1,10\n")
    stale = store.sha256_of(b"Post ID,Views\n1,9\n")  # the file changed after it was hashed
    with (
        pytest.raises(ValueError, match="changed while it was being stored"),
        engine.begin() as conn,
    ):
        store.save_blob_from_file(conn, path, stale)
    with engine.connect() as conn:
        assert conn.execute(select(blobs.c.sha256)).all() == []


def test_datetimes_are_stored_as_sqlalchemy_writes_them(engine: Engine) -> None:
    stamps = [pd.Timestamp("2026-10-03 18:12:05.000123"), pd.NaT, pd.Timestamp("2026-10-04")]
    frame = pd.concat([_posts(post_id=str(i), published_at=s) for i, s in enumerate(stamps)])
    with engine.begin() as conn:
        store.upsert_posts(conn, frame.reset_index(drop=True), _import(conn))
        stored = dict(conn.execute(select(posts.c.post_id, posts.c.published_at)).all())
        text = dict(conn.execute(select(posts.c.post_id, cast(posts.c.published_at, String))).all())
    assert stored == {
        "0": datetime(2026, 10, 3, 18, 12, 5, 123),
        "1": None,
        "2": datetime(2026, 10, 4),
    }
    if engine.dialect.name == "sqlite":  # text in SQLAlchemy's storage format
        assert text == {
            "0": "2026-10-03 18:12:05.000123",
            "1": None,
            "2": "2026-10-04 00:00:00.000000",
        }


def test_blob_content_is_the_last_column_after_0005_and_blobs_survive_it(
    database_url: str,
) -> None:
    from warehouse import engine as warehouse_engine

    eng = warehouse_engine.make_engine(database_url)
    try:
        warehouse_engine.upgrade(eng, "0004")
        content = b"Post ID,Views\n1,10\n\x00\xff"
        with eng.begin() as conn:
            import_id = _import(conn, "before.csv", content)
        warehouse_engine.upgrade(eng, "0005")
        assert warehouse_engine.current_revision(eng) == "0005"
        with eng.connect() as conn:
            assert queries.import_blob(conn, import_id) == ("before.csv", content)
            if eng.dialect.name == "sqlite":  # a zero-filled last value is never built in memory
                columns = conn.exec_driver_sql("PRAGMA table_info(blobs)").all()
                assert [c[1] for c in columns] == ["sha256", "size_bytes", "content"]
    finally:
        eng.dispose()
