"""An export filed under an assumed account is said to be, and can be filed under another
account: its facts move, the facts it had replaced come back, nothing uploaded is lost; on
SQLite and PostgreSQL (issue 11 item 4)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from data_contracts.pipeline import import_files
from data_contracts.refile import refile_import
from warehouse.queries import import_blob, import_details
from warehouse.replaced import assumed_imports
from warehouse.rollups import rebuild_rollups
from warehouse.schema import (
    day_month_last,
    day_month_rollup,
    day_values,
    import_coverage,
    post_day_rollup,
    post_month_all_types,
    post_month_rollup,
    posts,
    replaced_facts,
)

REPO = Path(__file__).resolve().parents[2]
EXPORTS = REPO / "sample_data" / "exports"
OLDER = EXPORTS / "x" / "account_overview_analytics.csv"  # 2025-01-01 .. 2025-12-31
NEWER = EXPORTS / "x" / "account_overview_analytics (1).csv"  # 2025-12-01 .. 2026-10-31
CONTENT = EXPORTS / "x" / "account_analytics_content_2026-09-28_2026-10-31.csv"
ORG = "northwindpolicy"
OTHER = "nw_events"
ROLLUPS = (
    post_day_rollup,
    post_month_rollup,
    post_month_all_types,
    day_month_rollup,
    day_month_last,
)


def _impressions(engine: Engine, account: str) -> tuple[float, int]:
    """(sum of impressions, days with impressions) stored under an X account."""
    with engine.connect() as conn:
        total, days = conn.execute(
            select(func.sum(day_values.c.value), func.count()).where(
                day_values.c.platform == "x",
                day_values.c.account == account,
                day_values.c.measure == "impressions",
            )
        ).one()
    return float(total or 0), int(days)


def _day(engine: Engine, account: str, day: date) -> tuple[float, int] | None:
    with engine.connect() as conn:
        row = conn.execute(
            select(day_values.c.value, day_values.c.import_id).where(
                day_values.c.account == account,
                day_values.c.measure == "impressions",
                day_values.c.date == day,
            )
        ).first()
    return None if row is None else (float(row.value), int(row.import_id))


def _rollups(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as conn:
        return {
            t.name: sorted(
                (tuple(str(v) for v in r) for r in conn.execute(select(t))), key=lambda r: r
            )
            for t in ROLLUPS
        }


def _rollups_are_what_a_rebuild_gives(engine: Engine) -> None:
    kept = _rollups(engine)
    with engine.begin() as conn:
        rebuild_rollups(conn)
    assert _rollups(engine) == kept


def test_an_assumed_account_is_reported_and_refiling_restores_what_it_replaced(
    engine: Engine,
) -> None:
    [own] = import_files(engine, [OLDER], account=ORG)
    assert _impressions(engine, ORG) == (2153727.0, 365)
    [assumed] = import_files(engine, [NEWER])  # another organisation's overview, no account
    assert (assumed.account, assumed.account_source, assumed.account_assumed) == (
        ORG,
        "only_known_account",
        True,
    )
    assert _day(engine, ORG, date(2025, 12, 31)) == (5233.0, assumed.import_id)
    with engine.connect() as conn:
        listed = assumed_imports(conn)
        kept = conn.execute(
            select(func.count()).where(replaced_facts.c.import_id == assumed.import_id)
        ).scalar()
    assert listed["id"].tolist() == [assumed.import_id]
    assert kept == 31 * 10  # December 2025: 31 days x the 10 measures the overview maps

    moved = refile_import(engine, int(assumed.import_id), account=OTHER, timezone="UTC")

    assert (moved.status, moved.account, moved.account_source) == ("loaded", OTHER, "user")
    assert moved.account_assumed is False and moved.import_id != assumed.import_id
    assert _impressions(engine, OTHER) == (2476592.0, 335)
    assert _impressions(engine, ORG) == (2153727.0, 365)  # December 2025 is back as it was
    assert _day(engine, ORG, date(2025, 12, 31)) == (4710.0, own.import_id)
    assert _day(engine, ORG, date(2026, 1, 1)) is None
    with engine.connect() as conn:
        old = import_details(conn, int(assumed.import_id))
        new = import_details(conn, int(moved.import_id))
        assert import_blob(conn, int(assumed.import_id)) == (NEWER.name, NEWER.read_bytes())
        assert assumed_imports(conn).empty
        assert conn.execute(select(func.count()).select_from(replaced_facts)).scalar() == 0
        covered = conn.execute(
            select(
                import_coverage.c.import_id,
                import_coverage.c.account,
                import_coverage.c.first_day,
                import_coverage.c.last_day,
            ).where(import_coverage.c.grain == "day", import_coverage.c.platform == "x")
        ).all()
    # the taken-back import covers nothing any more: only ORG's own year and the re-filed one
    assert sorted((r.import_id, r.account, r.first_day, r.last_day) for r in covered) == [
        (own.import_id, ORG, date(2025, 1, 1), date(2025, 12, 31)),
        (moved.import_id, OTHER, date(2025, 12, 1), date(2026, 10, 31)),
    ]
    assert old is not None and new is not None
    assert (old["status"], old["validation"]["replaced_by"]) == ("replaced", moved.import_id)
    assert new["validation"]["replaces"] == assumed.import_id
    assert new["validation"]["provenance"]["account_source"] == "user"
    assert new["sha256"] == old["sha256"]
    _rollups_are_what_a_rebuild_gives(engine)


def test_importing_the_same_bytes_with_an_account_refiles_them(engine: Engine) -> None:
    import_files(engine, [OLDER], account=ORG)
    import_files(engine, [NEWER])
    [again] = import_files(engine, [NEWER], account=OTHER)
    assert (again.status, again.account, again.account_source) == ("loaded", OTHER, "user")
    assert _impressions(engine, ORG) == (2153727.0, 365)
    assert _impressions(engine, OTHER) == (2476592.0, 335)
    [same] = import_files(engine, [NEWER], account=OTHER)  # filed there already
    assert (same.status, same.import_id) == ("duplicate", again.import_id)
    [plain] = import_files(engine, [NEWER])
    assert plain.status == "duplicate"


def test_refiling_keeps_later_imports_of_the_assumed_account(
    engine: Engine, tmp_path: Path
) -> None:
    import_files(engine, [OLDER], account=ORG)
    [assumed] = import_files(engine, [NEWER])
    revised = tmp_path / "account_overview_analytics (2).csv"  # ORG's own, a day later
    revised.write_text(
        NEWER.read_text(encoding="utf-8-sig").replace(",5233,", ",5300,"), encoding="utf-8"
    )
    [later] = import_files(engine, [revised], account=ORG)  # writes every day again
    assert _day(engine, ORG, date(2025, 12, 31)) == (5300.0, later.import_id)
    moved = refile_import(engine, int(assumed.import_id), account=OTHER)
    assert moved.status == "loaded"
    # the later import wrote these days after the assumed one: taking that back leaves them
    assert _day(engine, ORG, date(2025, 12, 31)) == (5300.0, later.import_id)
    assert _day(engine, ORG, date(2025, 12, 30)) == (3167.0, later.import_id)
    assert _impressions(engine, OTHER) == (2476592.0, 335)
    _rollups_are_what_a_rebuild_gives(engine)


def _posts_of(engine: Engine, account: str) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(select(posts).where(posts.c.account == account)).all()
    return sorted(tuple(str(v) for v in r) for r in rows)


def test_posts_an_assumed_import_replaced_come_back(engine: Engine, tmp_path: Path) -> None:
    archive = EXPORTS / "youtube" / "Content 2025-07-01_2025-12-31 Northwind Policy Institute.zip"
    with zipfile.ZipFile(archive) as opened:
        table = opened.read("Table data.csv").decode("utf-8-sig")
    channel = "Northwind Policy Institute"
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    ours.mkdir(), theirs.mkdir()
    (ours / "Table data.csv").write_text(table, encoding="utf-8")
    import_files(engine, [ours / "Table data.csv"], account=channel)
    original = _posts_of(engine, channel)
    header, *rows = list(csv.reader(io.StringIO(table)))
    # another channel's table with the same video ids and other titles and views
    with (theirs / "Table data.csv").open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *([r[0], f"Events: {r[1]}", *r[2:]] for r in rows)])
    [assumed] = import_files(engine, [theirs / "Table data.csv"])  # names no channel
    assert (assumed.account, assumed.account_assumed) == (channel, True)
    replaced = _posts_of(engine, channel)
    assert len(replaced) == len(original) and replaced != original
    moved = refile_import(engine, int(assumed.import_id), account="Events channel")
    assert moved.status == "loaded"
    assert _posts_of(engine, channel) == original  # every post as it was stored before
    assert len(_posts_of(engine, "Events channel")) == assumed.rows_loaded
    _rollups_are_what_a_rebuild_gives(engine)


def test_an_account_the_file_names_is_not_refiled(engine: Engine) -> None:
    [content] = import_files(engine, [CONTENT])
    assert (content.account, content.account_source) == (ORG, "links")
    refused = refile_import(engine, int(content.import_id), account=OTHER)
    assert refused.status == "rejected"
    [problem] = refused.problems
    assert (problem["code"], problem["params"]["reason"]) == ("not_refileable", "named_by_file")
    with engine.connect() as conn:
        assert (
            conn.execute(select(func.count()).where(posts.c.account == ORG)).scalar()
            == content.rows_loaded
        )
        assert import_details(conn, int(content.import_id))["status"] == "loaded"  # type: ignore[index]


def test_a_refile_without_an_account_changes_nothing(engine: Engine) -> None:
    import_files(engine, [OLDER], account=ORG)
    [assumed] = import_files(engine, [NEWER])
    refused = refile_import(engine, int(assumed.import_id), account="  ")
    assert (refused.status, refused.problems[0]["code"]) == ("rejected", "account_required")
    assert _day(engine, ORG, date(2025, 12, 31)) == (5233.0, assumed.import_id)
