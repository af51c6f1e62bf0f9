"""Import behaviour on SQLite and PostgreSQL: duplicates, latest export wins, rejected and
partial files, account resolution, validate-only."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select

from data_contracts.pipeline import import_files, validate_files
from warehouse.queries import import_blob, import_details, list_imports, quarantined_rows
from warehouse.schema import day_values, posts

REPO = Path(__file__).resolve().parents[2]
EXPORTS = REPO / "sample_data" / "exports"
BROKEN = REPO / "sample_data" / "broken"
X_ACCOUNT = "northwindpolicy"
Counts = Callable[[Engine], dict[str, int]]
REVISED = {  # impressions in account_overview_analytics.csv → in "(1)"
    date(2025, 12, 29): (2375.0, 4319.0),
    date(2025, 12, 30): (2470.0, 3167.0),
    date(2025, 12, 31): (4710.0, 5233.0),
}


def _impressions(engine: Engine, days: list[date]) -> dict[date, tuple[float, int]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(day_values.c.date, day_values.c.value, day_values.c.import_id).where(
                day_values.c.platform == "x",
                day_values.c.measure == "impressions",
                day_values.c.date.in_(days),
            )
        ).all()
    return {r.date: (r.value, r.import_id) for r in rows}


def test_identical_reimport_is_duplicate_and_changes_nothing(
    engine: Engine, fact_counts: Counts
) -> None:
    path = EXPORTS / "facebook" / "Northwind Policy Institute Sep-01-2026_Oct-31-2026.csv"
    [first] = import_files(engine, [path])
    before = fact_counts(engine)
    [again] = import_files(engine, [path])
    assert (first.status, again.status) == ("loaded", "duplicate")
    assert again.import_id == first.import_id
    assert (again.rows_loaded, again.problems) == (0, [])
    assert fact_counts(engine) == before


def test_newest_export_wins(engine: Engine, x_overview: tuple[Path, Path]) -> None:
    older, newer = x_overview
    [old] = import_files(engine, [older], account=X_ACCOUNT)
    assert _impressions(engine, list(REVISED)) == {
        day: (values[0], old.import_id) for day, values in REVISED.items()
    }
    [new] = import_files(engine, [newer], account=X_ACCOUNT)
    assert new.status == "loaded" and new.import_id != old.import_id
    assert _impressions(engine, list(REVISED)) == {
        day: (values[1], new.import_id) for day, values in REVISED.items()
    }
    # a day only the older export covers keeps its value and its import
    assert _impressions(engine, [date(2025, 6, 1)])[date(2025, 6, 1)][1] == old.import_id


def test_rejected_file_changes_no_fact_but_keeps_bytes_and_result(
    engine: Engine, fact_counts: Counts
) -> None:
    good = EXPORTS / "facebook" / "Northwind Policy Institute Sep-01-2026_Oct-31-2026.csv"
    import_files(engine, [good])
    before = fact_counts(engine)
    bad = BROKEN / "facebook_posts_missing_publish_time_column.csv"
    [result] = import_files(engine, [bad])
    assert result.status == "rejected" and result.rows_loaded == 0
    after = fact_counts(engine)
    for table in ("posts", "day_values", "messages"):
        assert after[table] == before[table]
    assert after["imports"] == before["imports"] + 1
    with engine.connect() as conn:
        assert import_blob(conn, result.import_id) == (bad.name, bad.read_bytes())
        details = import_details(conn, result.import_id)
    assert details is not None and details["status"] == "rejected"
    codes = [p["code"] for p in details["validation"]["problems"]]
    assert codes == ["missing_column"]
    assert "Publish time" in details["validation"]["problems"][0]["message"]


def _two_problem_overview(tmp_path: Path) -> Path:
    """The 2025 X overview with one row broken twice (negative impressions, unreadable likes)."""
    source = (EXPORTS / "x" / "account_overview_analytics.csv").read_text(encoding="utf-8")
    lines = source.splitlines()
    assert lines[3].startswith('"Mon, Dec 29, 2025",2375,28,')
    lines[3] = lines[3].replace(",2375,28,", ",-2375,2x8,", 1)
    path = tmp_path / "account_overview_analytics.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_partial_file_stores_good_rows_and_quarantines_every_reason(
    engine: Engine, tmp_path: Path
) -> None:
    path = _two_problem_overview(tmp_path)
    [result] = import_files(engine, [path], account=X_ACCOUNT)
    assert (result.status, result.rows_read, result.rows_loaded, result.rows_rejected) == (
        "partial",
        365,
        364,
        1,
    )
    assert {(p["code"], p["row"], p["column"]) for p in result.problems} == {
        ("negative_value", 4, "Impressions"),
        ("unparseable_number", 4, "Likes"),
    }
    with engine.connect() as conn:
        quarantined = quarantined_rows(conn, result.import_id)
    assert quarantined["row_number"].tolist() == [4]
    reasons = quarantined.iloc[0]["reasons"]
    assert {(r["code"], r["column"]) for r in reasons} == {
        ("negative_value", "Impressions"),
        ("unparseable_number", "Likes"),
    }
    assert quarantined.iloc[0]["raw"]["Likes"] == "2x8"
    assert _impressions(engine, [date(2025, 12, 29), date(2025, 12, 30)]) == {
        date(2025, 12, 30): (2470.0, result.import_id)
    }


def test_account_from_option_then_only_known_account(
    engine: Engine, x_overview: tuple[Path, Path]
) -> None:
    older, newer = x_overview
    [first] = import_files(engine, [older])
    assert first.status == "rejected"
    assert [p["code"] for p in first.problems] == ["account_required"]
    assert "--account" in first.problems[0]["message"]
    assert (first.format, first.platform) == ("x_account_overview", "x")  # said even so
    [overview] = import_files(engine, [older], account=X_ACCOUNT)
    assert (overview.account, overview.account_source) == (X_ACCOUNT, "user")
    assert overview.account_assumed is False
    [again] = import_files(engine, [newer])
    assert (again.status, again.account) == ("loaded", X_ACCOUNT)
    assert (again.account_source, again.account_assumed) == ("only_known_account", True)


def test_account_required_when_several_accounts_are_known(
    engine: Engine, x_overview: tuple[Path, Path]
) -> None:
    older, newer = x_overview
    import_files(engine, [older], account=X_ACCOUNT)
    content = EXPORTS / "x" / "account_analytics_content_2026-09-28_2026-10-31.csv"
    [events] = import_files(engine, [content], account="northwind_events")
    assert (events.account, events.account_source) == (X_ACCOUNT, "links")  # the file wins
    import_files(engine, [BROKEN / "x_overview_negative_impressions_row.csv"], account="events")
    [result] = import_files(engine, [newer])
    assert result.status == "rejected"
    [problem] = result.problems
    assert problem["code"] == "account_required"
    assert "events" in problem["message"] and X_ACCOUNT in problem["message"]
    assert problem["params"]["known"] == ["events", X_ACCOUNT]
    [chosen] = import_files(engine, [newer], account="events")
    assert (chosen.status, chosen.account, chosen.account_source) == ("loaded", "events", "user")


def test_validate_stores_nothing(engine: Engine, fact_counts: Counts) -> None:
    paths = [
        EXPORTS / "facebook" / "Northwind Policy Institute Sep-01-2026_Oct-31-2026.csv",
        BROKEN / "facebook_posts_reach_exceeds_impressions.csv",
        BROKEN / "empty.csv",
    ]
    before = fact_counts(engine)
    results = validate_files(engine, paths)
    assert [r.status for r in results] == ["loaded", "loaded", "rejected"]
    assert [r.rows_loaded for r in results] == [92, 6, 0]
    assert [r.warnings_count for r in results] == [0, 1, 0]
    assert all(r.import_id is None for r in results)
    assert fact_counts(engine) == before


def test_older_export_imported_later_does_not_overwrite_revised_days(
    engine: Engine, x_overview: tuple[Path, Path]
) -> None:
    older, newer = x_overview
    [new] = import_files(engine, [newer], account=X_ACCOUNT)
    [old] = import_files(engine, [older], account=X_ACCOUNT)
    assert (new.status, old.status) == ("loaded", "loaded")
    assert _impressions(engine, list(REVISED)) == {
        day: (values[1], new.import_id) for day, values in REVISED.items()
    }
    # days only the older export covers are still filled in by it
    assert _impressions(engine, [date(2025, 6, 1)])[date(2025, 6, 1)][1] == old.import_id
    with engine.connect() as conn:
        ends = {i: import_details(conn, i)["period_end"] for i in (new.import_id, old.import_id)}
    assert ends == {new.import_id: date(2026, 10, 31), old.import_id: date(2025, 12, 31)}


def test_zip_members_get_their_own_import_rows(engine: Engine) -> None:
    upload = EXPORTS / "youtube" / "Content 2026-08-01_2026-10-31 Northwind Policy Institute.zip"
    [result] = import_files(engine, [upload])
    assert result.status == "loaded"
    with engine.connect() as conn:
        history = list_imports(conn)
        assert import_blob(conn, result.import_id) == (upload.name, upload.read_bytes())
        members = history[history["parent_id"] == result.import_id].set_index("file_name")
        assert sorted(members.index) == ["Table data.csv", "Totals.csv"]
        table_id = int(members.loc["Table data.csv", "id"])
        name, blob = import_blob(conn, table_id)
        with zipfile.ZipFile(upload) as archive:
            assert (name, blob) == ("Table data.csv", archive.read("Table data.csv"))
        post_imports = {r[0] for r in conn.execute(select(posts.c.import_id).distinct())}
        day_imports = {r[0] for r in conn.execute(select(day_values.c.import_id).distinct())}
    assert post_imports == {table_id}
    assert day_imports == {int(members.loc["Totals.csv", "id"])}
    assert members["rows_loaded"].sum() == result.rows_loaded
    assert members.loc["Table data.csv", "period_end"] == date(2026, 10, 31)
    parent = history.set_index("id").loc[result.import_id]
    assert (parent["file_name"], parent["rows_loaded"]) == (upload.name, result.rows_loaded)


def test_a_competitor_export_is_filed_under_the_page_it_matched(engine: Engine) -> None:
    """The own Page "Northwind Policy Institute" is the stored LinkedIn account
    northwind-policy-institute: the competitor file is filed under that account, not under
    a second account named as the Page is (the report counted one Page twice)."""
    linkedin = EXPORTS / "linkedin"
    [followers] = import_files(
        engine, [linkedin / "northwind-policy-institute_followers_1793544137531.xls"]
    )
    assert followers.account == "northwind-policy-institute"
    [rivals] = import_files(
        engine, [linkedin / "northwind-policy-institute_competitor_analytics_1793566920531.xls"]
    )
    assert rivals.status == "loaded", rivals.problems
    assert rivals.account == "northwind-policy-institute"
    assert [n["code"] for n in rivals.notes] == ["own_page_known"]
    with engine.connect() as conn:
        history = list_imports(conn)
    linkedin_accounts = set(history.loc[history["platform"] == "linkedin", "account"])
    assert linkedin_accounts == {"northwind-policy-institute"}
