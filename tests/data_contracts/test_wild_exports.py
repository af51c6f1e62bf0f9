"""Genuine exports as the platforms wrote them (issue 11): every file loads whole, under the right
platform, account and year, on SQLite and PostgreSQL.

The fixtures under wild/ are files that people published in public repositories, reproduced as
written (wild/README.md: source, what was kept, what was trimmed); the expectations in
wild/cases/*.yaml were computed from the files without data_contracts. Three checks per file:

- ``load`` (SQLite and PostgreSQL): imported as a user would (with the account they type when
  the file names none): status, format, platform, account, rows read/loaded/quarantined, first
  and last stored date, totals, and that nothing lands under an account the file does not name.
- ``report`` (SQLite: the FileResult does not depend on the backend): odd-but-possible numbers
  are reported as warnings (``FileResult.warnings``: dicts with at least ``code``; row-level ones
  also ``row``) and every column the contract does not know, by name (``FileResult.notes``: a
  note with code ``unmapped_columns`` and the header names in ``columns``).
- ``source`` (SQLite): the result says where the account came from (``account_source``:
  ``links``, ``file_column``, ``file_name`` (also a folder name) or ``user``; never
  ``account_assumed``) and, for dates without a year, which anchor gave it (``year_source``).
- ``ask`` (SQLite): a file that names no account, imported into an empty warehouse without one,
  is refused with the single problem ``account_required`` and still reports the format (and the
  platform when the file says it) it was recognised as.

Two scenarios (SQLite and PostgreSQL) check that an account is never assumed silently. Cases
that fail with today's code are listed in KNOWN_GAPS (xfail, strict): fixing one turns it
XPASS, which fails the run until its entry is removed.
"""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine, func, select

from data_contracts.pipeline import FileResult, import_files
from warehouse.schema import day_values, imports, posts

WILD = Path(__file__).resolve().parent / "wild"
CASES: dict[str, dict[str, Any]] = {
    p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
    for p in sorted((WILD / "cases").glob("*.yaml"))
}
PLAUSIBILITY_CODES = {"reach_exceeds_impressions", "link_clicks_exceed_clicks"}
SOURCE = {"links": "links", "column": "file_column", "folder": "file_name", "ask": "user"}

KNOWN_GAPS: dict[str, str] = {
    # --- load: rows lost, rejected, wrong year or wrong account today
}


def _params(aspect: str, names: list[str]) -> list[Any]:
    out = []
    for name in names:
        gap = KNOWN_GAPS.get(f"{name}/{aspect}")
        marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
        out.append(pytest.param(name, id=name, marks=marks))
    return out


def _scenario(key: str) -> list[Any]:
    return [pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[key])] if key in KNOWN_GAPS else []


ALL = sorted(CASES)
LOADING = [n for n in ALL if "rejected" not in CASES[n]]
ASKING = [n for n in LOADING if CASES[n]["account"]["from"] == "ask"]


def _upload(tmp_path: Path, rel: str, upload_as: str) -> Path:
    """The fixture's bytes under the name (and folder) the user uploads."""
    target = tmp_path / "upload" / upload_as
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(WILD / rel, target)
    return target


def _import(engine: Engine, path: Path, account: str | None) -> FileResult:
    [result] = import_files(engine, [path], account=account, timezone="UTC")
    return result


def _seed(engine: Engine, tmp_path: Path, case: dict[str, Any]) -> None:
    for seed in case.get("seed", []):
        result = _import(
            engine, _upload(tmp_path / "seed", seed["file"], seed["upload_as"]), seed["account"]
        )
        assert result.status == "loaded", result.problems


def _fact_rows(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (
            int(conn.execute(select(func.count()).select_from(posts)).scalar() or 0),
            int(conn.execute(select(func.count()).select_from(day_values)).scalar() or 0),
        )


def _import_ids(conn: Any, import_id: int) -> list[int]:
    children = conn.execute(select(imports.c.id).where(imports.c.parent_id == import_id)).all()
    return [import_id, *(c.id for c in children)]


def _total(conn: Any, key: str, ids: list[int]) -> float:
    grain, _, measure = key.partition(".")
    if grain == "posts":
        column = func.count() if measure == "count" else func.sum(posts.c[measure])
        query = select(column).select_from(posts).where(posts.c.import_id.in_(ids))
    else:
        assert grain == "day", key
        query = select(func.sum(day_values.c.value)).where(
            day_values.c.measure == measure, day_values.c.import_id.in_(ids)
        )
    return float(conn.execute(query).scalar() or 0)


def _expected_dates(case: dict[str, Any]) -> tuple[str, str]:
    """The first and last date; `anchor: today` means the file holds no year: the last date is
    the latest one with its month and day on or before today, the first moves by as many years."""
    first = date.fromisoformat(case["dates"]["first"])
    last = date.fromisoformat(case["dates"]["last"])
    if case["dates"].get("anchor") == "today":
        today = date.today()
        year = today.year if (last.month, last.day) <= (today.month, today.day) else today.year - 1
        shift = year - last.year
        first, last = first.replace(year=first.year + shift), last.replace(year=year)
    return first.isoformat(), last.isoformat()


@pytest.mark.parametrize("name", _params("load", ALL))
def test_wild_export_loads(name: str, engine: Engine, tmp_path: Path) -> None:
    case = CASES[name]
    _seed(engine, tmp_path, case)
    before = _fact_rows(engine)
    given = case["account"]["name"] if case.get("account", {}).get("from") == "ask" else None
    result = _import(engine, _upload(tmp_path, case["file"], case["upload_as"]), given)

    if "rejected" in case:
        expected = case["rejected"]
        assert result.status == "rejected", result.problems
        codes = [p["code"] for p in result.problems]
        if "codes" in expected:
            assert set(codes) == set(expected["codes"]), result.problems
        if "count" in expected:
            assert len(codes) == expected["count"], result.problems
        for word in expected.get("mentions", []):
            assert any(word in p["message"] for p in result.problems), result.problems
        assert _fact_rows(engine) == before
        return

    rows = case["rows"]
    assert result.status == ("partial" if rows["quarantined"] else "loaded"), result.problems[:3]
    assert (result.format, result.platform) == (case["format"], case["platform"])
    if case["account"]["name"] is not None:
        assert result.account == case["account"]["name"]
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (
        rows["read"],
        rows["loaded"],
        rows["quarantined"],
    )
    quarantine = Counter(p["code"] for p in result.problems)
    assert quarantine == Counter(case.get("quarantine", {})), result.problems[:3]

    grain = "posts" if any(k.startswith("posts.") for k in case["totals"]) else "day"
    table = posts if grain == "posts" else day_values
    when = posts.c.published_at if grain == "posts" else day_values.c.date
    assert result.import_id is not None
    with engine.connect() as conn:
        ids = _import_ids(conn, result.import_id)
        mine = table.c.import_id.in_(ids)
        stored = conn.execute(
            select(table.c.platform, table.c.account, func.count())
            .where(mine)
            .group_by(table.c.platform, table.c.account)
        ).all()
        first, last = conn.execute(select(func.min(when), func.max(when)).where(mine)).one()
        totals = {key: _total(conn, key, ids) for key in case["totals"]}
        post_ids = (
            {r.post_id for r in conn.execute(select(posts.c.post_id).where(mine))}
            if grain == "posts"
            else set()
        )
    # nothing under an account the file does not name (or the user did not give)
    if "stored_accounts" in case:
        assert {a: n for _, a, n in stored} == case["stored_accounts"]
        assert {p for p, _, _ in stored} == {case["platform"]}
    else:
        assert {(p, a) for p, a, _ in stored} == {(case["platform"], case["account"]["name"])}
    assert (str(first)[:10], str(last)[:10]) == _expected_dates(case)
    assert totals == pytest.approx(case["totals"], abs=1e-3)
    assert set(case.get("post_ids", [])) <= post_ids


@pytest.mark.parametrize("name", _params("report", LOADING))
def test_wild_export_reports(name: str, sqlite_engine: Engine, tmp_path: Path) -> None:
    engine = sqlite_engine  # the report is the FileResult's, the same on every backend
    case = CASES[name]
    _seed(engine, tmp_path, case)
    given = case["account"]["name"] if case["account"]["from"] == "ask" else None
    result = _import(engine, _upload(tmp_path, case["file"], case["upload_as"]), given)
    assert result.status in ("loaded", "partial"), result.problems[:3]

    # odd-but-possible numbers: warnings, counted per code; no other row-level warning
    warnings: list[dict[str, Any]] = result.warnings  # type: ignore[attr-defined]
    expected = case.get("warnings", {})
    counted = Counter(
        w["code"] for w in warnings if w["code"] in PLAUSIBILITY_CODES | set(expected)
    )
    assert counted == Counter(expected), warnings[:3]
    assert not [w for w in warnings if w.get("row") is not None and w["code"] not in expected]

    # every column the contract does not know, by name (a note `unmapped_columns`)
    notes: list[dict[str, Any]] = result.notes  # type: ignore[attr-defined]
    reported = {c.strip() for n in notes if n["code"] == "unmapped_columns" for c in n["columns"]}
    columns = case["columns"]
    unmapped = {c.strip() for c in columns["unmapped"]}
    if "unmapped_count" in columns:
        assert len(reported) == columns["unmapped_count"]
        assert unmapped <= reported
        assert not reported & set(columns["known"])
    else:
        assert reported == unmapped


@pytest.mark.parametrize("name", _params("source", LOADING))
def test_wild_export_says_where_account_and_year_came_from(
    name: str, sqlite_engine: Engine, tmp_path: Path
) -> None:
    engine = sqlite_engine  # the sources are the FileResult's, the same on every backend
    case = CASES[name]
    _seed(engine, tmp_path, case)
    given = case["account"]["name"] if case["account"]["from"] == "ask" else None
    result = _import(engine, _upload(tmp_path, case["file"], case["upload_as"]), given)
    assert result.status in ("loaded", "partial"), result.problems[:3]
    assert result.account_source == SOURCE[case["account"]["from"]]  # type: ignore[attr-defined]
    assert result.account_assumed is False  # type: ignore[attr-defined]
    expected_year = case.get("year_source")
    year_source = result.year_source  # type: ignore[attr-defined]
    assert (
        year_source in expected_year
        if isinstance(expected_year, list)
        else year_source == expected_year
    )


@pytest.mark.parametrize("name", _params("ask", ASKING))
def test_wild_export_without_account_asks(name: str, sqlite_engine: Engine, tmp_path: Path) -> None:
    engine = sqlite_engine  # refused before anything is written, the same on every backend
    case = CASES[name]
    result = _import(engine, _upload(tmp_path, case["file"], case["upload_as"]), None)
    assert result.status == "rejected"
    assert [p["code"] for p in result.problems] == ["account_required"], result.problems
    platform = None if case.get("platform_from") == "ask" else case["platform"]
    assert (result.format, result.platform) == (case["format"], platform)
    assert _fact_rows(engine) == (0, 0)


@pytest.mark.parametrize(
    "scenario",
    [pytest.param(0, id="only_known_account", marks=_scenario("scenario/only_known_account"))],
)
def test_a_file_naming_no_account_is_never_filed_silently(
    scenario: int, engine: Engine, tmp_path: Path
) -> None:
    """One X account known; another organisation's overview (naming no account) is uploaded."""
    known = _import(
        engine,
        _upload(
            tmp_path / "a",
            "x/vianarafael/account_overview_analytics.csv",
            "account_overview_analytics.csv",
        ),
        "vianarafael",
    )
    assert known.status == "loaded"
    before = _fact_rows(engine)
    result = _import(
        engine,
        _upload(
            tmp_path / "b",
            "x/joshcirre/account_overview_analytics.csv",
            "account_overview_analytics.csv",
        ),
        None,
    )
    if result.status == "rejected":
        assert [p["code"] for p in result.problems] == ["account_required"]
        assert _fact_rows(engine) == before
    else:
        assert result.account == "vianarafael"
        assert getattr(result, "account_assumed", False) is True, "filed without saying so"


@pytest.mark.parametrize(
    "scenario",
    [
        pytest.param(
            0,
            id="links_beat_the_known_account",
            marks=_scenario("scenario/links_beat_the_known_account"),
        )
    ],
)
def test_the_links_name_the_account_even_when_another_is_known(
    scenario: int, engine: Engine, tmp_path: Path
) -> None:
    known = _import(
        engine,
        _upload(
            tmp_path / "a",
            "x/vianarafael/account_overview_analytics.csv",
            "account_overview_analytics.csv",
        ),
        "vianarafael",
    )
    assert known.status == "loaded"
    case = CASES["x_content_2025_wording"]
    result = _import(engine, _upload(tmp_path / "b", case["file"], case["upload_as"]), None)
    assert (result.status, result.account) == ("loaded", "Wormhole_BR"), result.problems
    with engine.connect() as conn:
        accounts = conn.execute(
            select(posts.c.account, func.count())
            .where(posts.c.platform == "x")
            .group_by(posts.c.account)
        ).all()
    assert dict(accounts) == {"Wormhole_BR": case["rows"]["loaded"]}


def test_known_gaps_name_real_cases() -> None:
    """KNOWN_GAPS is the work list of the import engineers: no stale or misspelt entry."""
    real = {f"{n}/load" for n in ALL} | {f"{n}/ask" for n in ASKING}
    real |= {f"{n}/{aspect}" for n in LOADING for aspect in ("report", "source")}
    real |= {"scenario/only_known_account", "scenario/links_beat_the_known_account"}
    assert set(KNOWN_GAPS) <= real, sorted(set(KNOWN_GAPS) - real)


def test_every_fixture_has_a_case_and_every_case_a_fixture() -> None:
    on_disk = {
        p.relative_to(WILD).as_posix()
        for p in WILD.rglob("*")
        if p.is_file() and p.suffix.lower() in (".csv", ".zip", ".xls", ".xlsx")
    }
    assert {c["file"] for c in CASES.values()} == on_disk
