"""Bulk upserts: the PostgreSQL COPY path stores exactly what the row-by-row statement
stores, on both back ends: NULLs against columns not supplied, awkward text, timestamps,
the export_end rule, re-imports, and a batch that repeats keys or meets stored ones."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import Connection, Engine, select

from warehouse import store
from warehouse.schema import blobs, day_values, imports, messages, posts

# Text that a COPY must not reinterpret: its delimiter, row and escape characters, its
# NULL marker and end-of-data marker, quotes, empty and blank strings, non-ASCII.
TRICKY = [
    "tab\there",
    "new\nline",
    "cr\r\nlf",
    "back\\slash \\N \\t",
    "\\N",
    "\\.",
    '"quoted" \'single\' ""',
    "",
    "  edge spaces  ",
    "ünïcødé 💧 «Agua» 中文 العربية",
    "comma, semicolon; pipe|",
    "NULL",
    "nan",
]
STAMPS = [
    pd.Timestamp("2026-10-03 18:12:00"),
    pd.Timestamp("2026-10-03 18:12:59.123456"),
    pd.NaT,
    pd.Timestamp("1970-01-01 00:00:00"),
    pd.Timestamp("1999-12-31 23:59:59.999999"),
    pd.Timestamp("2099-02-28 00:00:00.000001"),
    pd.Timestamp("2026-03-29 02:30:00"),  # no such hour in Europe, a naive value keeps it
    pd.NaT,
    pd.Timestamp("2026-10-03 00:00:00"),
    pd.Timestamp("2024-02-29 12:00:00"),
    pd.Timestamp("2026-10-04 05:06:07.5"),
    pd.Timestamp("2026-01-01 00:00:00"),
    pd.Timestamp("2026-12-31 23:59:00"),
]


def _import(conn: Connection, name: str, period_end: date | None) -> int:
    digest = store.save_blob(conn, name.encode())
    return store.record_import(
        conn,
        store.ImportRecord(file_name=name, sha256=digest, status="loaded", period_end=period_end),
    )


def _posts(ids: list[str], **columns: Any) -> pd.DataFrame:
    return pd.DataFrame({"platform": "facebook", "account": "Page", "post_id": ids, **columns})


def _first_posts() -> pd.DataFrame:
    """p0..p12, which later imports rewrite in part, and t0..t12, which stay as given."""
    n = len(TRICKY)
    kept = _posts([f"t{i}" for i in range(n)], published_at=STAMPS, text=TRICKY)
    return pd.concat([_rewritten(n), kept], ignore_index=True)


def _rewritten(n: int) -> pd.DataFrame:
    return _posts(
        [f"p{i}" for i in range(n)],
        published_at=STAMPS,
        post_type=["Photos", None, *["Links"] * (n - 2)],
        text=TRICKY,
        permalink=[f"https://example.org/p/{i}" for i in range(n)],
        impressions=[float(i * 100) for i in range(n)],
        reach=[np.nan if i % 3 == 0 else 1.5e15 + i for i in range(n)],
        comments=[0.0, -0.0, 1e-300, *[2.25] * (n - 3)],
    )


def _scenario(engine: Engine) -> dict[str, int]:
    """Every case in the module's docstring, one import (one transaction) after another."""
    ids: dict[str, int] = {}
    with engine.begin() as conn:
        ids["first"] = first = _import(conn, "first.csv", date(2026, 10, 31))
        assert store.upsert_posts(conn, _first_posts(), first, export_end=date(2026, 10, 31)) == 26
    with engine.begin() as conn:  # an older export, imported late: only its new post lands
        ids["older"] = older = _import(conn, "older.csv", date(2025, 12, 31))
        frame = _posts(["p0", "p1", "new-old"], text=["old", "old", "old"], impressions=1.0)
        assert store.upsert_posts(conn, frame, older, export_end=date(2025, 12, 31)) == 3
    with engine.begin() as conn:  # a newer partial export: NULLs it gives, nothing else
        ids["partial"] = partial = _import(conn, "partial.csv", date(2026, 11, 30))
        frame = _posts(
            ["p0", "p1", "p2", "p3"],
            text=[None, "changed\ttext", "", None],
            shares=[7.0, np.nan, 0.0, None],
        )
        assert store.upsert_posts(conn, frame, partial, export_end=date(2026, 11, 30)) == 4
    with engine.begin() as conn:  # the same rows once more: same values, the new import
        ids["again"] = again = _import(conn, "again.csv", date(2026, 11, 30))
        frame = _posts(
            ["p0", "p1", "p2", "p3"],
            text=[None, "changed\ttext", "", None],
            shares=[7.0, np.nan, 0.0, None],
        )
        assert store.upsert_posts(conn, frame, again, export_end=date(2026, 11, 30)) == 4
    with engine.begin() as conn:  # keys repeated in one batch, some of them stored already
        ids["repeats"] = repeats = _import(conn, "repeats.csv", date(2026, 12, 31))
        frame = _posts(
            ["p4", "dup", "p4", "dup", "p5", "dup"],
            impressions=[1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            text=["a", "b", "c", None, "e", "f"],
        )
        assert store.upsert_posts(conn, frame, repeats, export_end=date(2026, 12, 31)) == 6
    with engine.begin() as conn:  # repeated keys in an import whose own end is later
        ids["odd"] = odd = _import(conn, "odd.csv", date(2027, 6, 30))
        frame = _posts(["twice", "twice"], impressions=[10.0, 20.0])
        assert store.upsert_posts(conn, frame, odd, export_end=date(2027, 1, 31)) == 2
    with engine.begin() as conn:  # no export_end: the incoming rows always win
        ids["undated"] = undated = _import(conn, "undated.csv", None)
        frame = _posts(["p6"], impressions=[np.nan], published_at=[pd.NaT])
        assert store.upsert_posts(conn, frame, undated) == 1

    days = pd.DataFrame(
        {
            "platform": "instagram",
            "account": "acct",
            "date": pd.to_datetime(["2026-10-01", "2026-10-02", "2026-10-03"]),
            "impressions": [100.0, np.nan, 300.0],
            "followers": [5000.0, 5001.0, np.nan],
        }
    )
    with engine.begin() as conn:
        ids["days"] = days_import = _import(conn, "days.csv", date(2026, 10, 31))
        assert store.upsert_day_values(conn, days, days_import, date(2026, 10, 31)) == 3
    with engine.begin() as conn:  # one measure, given as date objects, half of it older
        ids["days2"] = days2 = _import(conn, "days2.csv", date(2026, 11, 30))
        follows = pd.DataFrame(
            {
                "platform": "instagram",
                "account": "acct",
                "date": [date(2026, 10, 2), date(2026, 10, 4)],
                "impressions": [np.nan, 400.0],
            }
        )
        assert store.upsert_day_values(conn, follows, days2, date(2026, 11, 30)) == 2
    with engine.begin() as conn:
        ids["days_old"] = days_old = _import(conn, "days_old.csv", date(2026, 1, 31))
        stale = days.assign(impressions=-1.0, followers=-1.0)
        assert store.upsert_day_values(conn, stale, days_old, date(2026, 1, 31)) == 3

    inbox = pd.DataFrame(
        {
            "platform": "facebook",
            "account": "Page",
            "message_id": ["m1", "m2", "m3"],
            "received_at": pd.to_datetime(
                ["2026-10-01 09:00:00", "2026-10-02 10:30:15.25", None], format="ISO8601"
            ),
            "first_response_at": [pd.Timestamp("2026-10-01 11:30"), pd.NaT, pd.NaT],
            "tags": ["press\tcrisis", None, "a\\b\nc"],
            "sentiment": ["negative", "", None],
            "first_response_hours": [2.5, np.nan, None],
        }
    )
    with engine.begin() as conn:
        ids["inbox"] = inbox_import = _import(conn, "inbox.csv", date(2026, 10, 31))
        assert store.upsert_messages(conn, inbox, inbox_import, date(2026, 10, 31)) == 3
    with engine.begin() as conn:
        ids["inbox2"] = inbox2 = _import(conn, "inbox2.csv", date(2026, 11, 30))
        later = inbox.iloc[[1]][["platform", "account", "message_id"]].assign(
            resolved_at=[datetime(2026, 10, 3, 8, 0, 0, 1)], sentiment=["positive"]
        )
        assert store.upsert_messages(conn, later, inbox2, date(2026, 11, 30)) == 1
    return ids


def _snapshot(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every fact row, keys in order, the import named by its file (ids may differ)."""
    with engine.connect() as conn:
        names = dict(conn.execute(select(imports.c.id, imports.c.file_name)).all())
        tables = {}
        for table in (posts, day_values, messages):
            key = [c for c in table.primary_key.columns]
            rows = conn.execute(select(table).order_by(*key)).mappings().all()
            tables[table.name] = [{**row, "import_id": names[row["import_id"]]} for row in rows]
    return tables


def _by_key(rows: list[dict[str, Any]], field: str) -> dict[str, dict[str, Any]]:
    return {row[field]: row for row in rows}


def test_bulk_upserts_store_every_case_exactly(engine: Engine) -> None:
    _scenario(engine)
    got = _snapshot(engine)
    stored = _by_key(got["posts"], "post_id")
    expected = {"dup", "new-old", "twice", *(f"{p}{i}" for p in "pt" for i in range(13))}
    assert set(stored) == expected

    # text and timestamps come back exactly, NULL stays NULL, "" stays ""
    for i, (text, stamp) in enumerate(zip(TRICKY, STAMPS, strict=True)):
        assert stored[f"t{i}"]["text"] == text, i
        assert stored[f"t{i}"]["published_at"] == (None if pd.isna(stamp) else stamp), i
        assert stored[f"t{i}"]["impressions"] is None
    for i in range(7, 13):  # p0..p6 are rewritten below
        assert stored[f"p{i}"]["text"] == TRICKY[i], i
        assert stored[f"p{i}"]["import_id"] == "first.csv"
    assert stored["p1"]["post_type"] is None
    assert stored["p7"]["published_at"] is None
    assert stored["p1"]["published_at"] == datetime(2026, 10, 3, 18, 12, 59, 123456)
    assert stored["p8"]["reach"] == 1.5e15 + 8
    assert stored["p9"]["reach"] is None
    assert stored["p2"]["comments"] == 1e-300

    # the older export changed nothing it shared with the newer one, added its new post
    assert stored["new-old"]["text"] == "old"
    assert stored["new-old"]["import_id"] == "older.csv"
    # the partial export: its NULLs and values replace, columns it lacks are kept
    p0, p1, p2, p3 = (stored[f"p{i}"] for i in range(4))
    assert (p0["text"], p0["shares"], p0["impressions"]) == (None, 7.0, 0.0)
    assert (p1["text"], p1["shares"], p1["impressions"]) == ("changed\ttext", None, 100.0)
    assert (p2["text"], p2["shares"], p2["permalink"]) == ("", 0.0, "https://example.org/p/2")
    assert (p3["text"], p3["shares"], p3["published_at"]) == (None, None, STAMPS[3])
    assert {p["import_id"] for p in (p0, p1, p2, p3)} == {"again.csv"}
    # repeated keys: applied in order, the last occurrence wins
    assert (stored["p4"]["impressions"], stored["p4"]["text"]) == (3.0, "c")
    assert (stored["dup"]["impressions"], stored["dup"]["text"]) == (6.0, "f")
    assert stored["p5"]["import_id"] == "repeats.csv"
    assert stored["p6"]["import_id"] == "undated.csv"
    assert stored["p6"]["impressions"] is None and stored["p6"]["published_at"] is None
    # an import whose own end is after the export_end it gives: its second row is older
    assert stored["twice"]["impressions"] == 10.0

    days = {(r["date"], r["measure"]): (r["value"], r["import_id"]) for r in got["day_values"]}
    assert days == {
        (date(2026, 10, 1), "followers"): (5000.0, "days.csv"),
        (date(2026, 10, 1), "impressions"): (100.0, "days.csv"),
        (date(2026, 10, 2), "followers"): (5001.0, "days.csv"),
        (date(2026, 10, 2), "impressions"): (None, "days2.csv"),
        (date(2026, 10, 3), "followers"): (None, "days.csv"),
        (date(2026, 10, 3), "impressions"): (300.0, "days.csv"),
        (date(2026, 10, 4), "impressions"): (400.0, "days2.csv"),
    }

    inbox = _by_key(got["messages"], "message_id")
    assert inbox["m1"]["tags"] == "press\tcrisis"
    assert inbox["m1"]["first_response_hours"] == 2.5
    assert inbox["m2"]["received_at"] == datetime(2026, 10, 2, 10, 30, 15, 250000)
    assert inbox["m2"]["first_response_at"] is None
    assert inbox["m2"]["resolved_at"] == datetime(2026, 10, 3, 8, 0, 0, 1)
    assert (inbox["m2"]["sentiment"], inbox["m2"]["import_id"]) == ("positive", "inbox2.csv")
    assert inbox["m3"]["received_at"] is None
    assert (inbox["m3"]["tags"], inbox["m3"]["sentiment"]) == ("a\\b\nc", None)
    assert inbox["m1"]["resolved_at"] is None


@pytest.mark.parametrize(
    "database_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
def test_copy_path_stores_what_the_row_by_row_path_stores(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The COPY path is PostgreSQL's: compared with the parameterised one there only."""
    _scenario(engine)
    copied = _snapshot(engine)
    with engine.begin() as conn:
        for table in (posts, day_values, messages, imports, blobs):
            conn.execute(table.delete())
    # the reference: every upsert through the parameterised executemany statement
    monkeypatch.setattr(store, "_copy_columns", lambda table, columns: None)
    _scenario(engine)
    assert _snapshot(engine) == copied
    assert len(copied["posts"]) == 29


def test_values_a_copy_would_store_differently_take_the_parameterised_path(
    engine: Engine,
) -> None:
    """An int in a float column, an aware timestamp, a number as a post id: the server
    converts them as it always has (COPY would refuse or reinterpret them)."""
    assert store._copy_columns(posts, {"impressions": [1, None]}) is None
    aware = datetime.fromisoformat("2026-10-03T18:12:00+02:00")
    assert store._copy_columns(posts, {"published_at": [aware]}) is None
    assert store._copy_columns(posts, {"post_id": [123]}) is None
    assert store._copy_columns(day_values, {"date": [datetime(2026, 10, 1)]}) is None
    staged = store._copy_columns(posts, {"post_id": ["1"], "impressions": [None]})
    assert staged is not None and staged.types == ["text", "float8"]

    frame = _posts(["i1"], impressions=pd.array([12], dtype="Int64"), text=["x"])
    with engine.begin() as conn:
        first = _import(conn, "ints.csv", date(2026, 10, 31))
        assert store.upsert_posts(conn, frame, first, export_end=date(2026, 10, 31)) == 1
    with engine.connect() as conn:
        row = conn.execute(select(posts.c.impressions, posts.c.text)).one()
    assert (row.impressions, row.text) == (12.0, "x")


def test_a_failing_bulk_upsert_leaves_nothing(engine: Engine) -> None:
    """One file = one transaction: rows copied before the failure are rolled back too."""
    good = _posts([f"ok{i}" for i in range(50)], impressions=1.0)
    bad = _posts(["x" * 300], impressions=1.0)  # longer than post_id's 200 characters
    with pytest.raises(Exception) as raised, engine.begin() as conn:
        import_id = _import(conn, "bad.csv", date(2026, 10, 31))
        store.upsert_posts(conn, good, import_id, export_end=date(2026, 10, 31))
        if engine.dialect.name == "sqlite":  # SQLite does not enforce VARCHAR lengths
            raise RuntimeError("stop")
        store.upsert_posts(conn, bad, import_id, export_end=date(2026, 10, 31))
    assert raised.type is not AssertionError
    with engine.connect() as conn:
        assert conn.execute(select(posts)).all() == []
        assert conn.execute(select(imports)).all() == []
