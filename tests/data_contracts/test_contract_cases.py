"""Contract cases (cases/*.yaml), on SQLite and PostgreSQL: one export per case, imported as a
user would, with the contract, platform, account, row counts and totals that were computed
from the file without our parser.

A case names its file in one of three ways:
- `file`: a sample export, under sample_data/exports/;
- `fixture`: a variant reproduced under cases/files/ (as the platform writes it), uploaded
  under the name `upload_as` (default: its own), which may hold folders (`Followers_x/…`);
- `zip`: a ZIP built at test time from fixtures: `{name, time, members: {entry: fixture}}`,
  every entry stamped with `time` (the moment of download the ZIP records).

Optional keys: `account_arg` / `platform_arg` (what the user typed), `today` (the day the
import runs, for exports whose dates have no year), `before` (other fixtures imported first,
each `{fixture, account_arg}`), `status` (default loaded), `problems` (codes, default none),
`reason` (the account question's reason), `account_source`, `account_assumed`,
`platform_source`, `year_source`, `year_anchor`, `period` ([start, end] of the import),
`dates` ({first, last} stored day or publish day), `totals` (`competitors.<measure>` and
`competitors.own.<measure>` sum competitor observations, all or the own Page's) and `members`.
"""

from __future__ import annotations

import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine, func, select

from data_contracts.model import all_contracts
from data_contracts.pipeline import import_files
from warehouse.competitor_schema import competitor_observations
from warehouse.schema import day_values, imports, messages, posts

CASES_DIR = Path(__file__).resolve().parent / "cases"
FILES = CASES_DIR / "files"
EXPORTS = Path(__file__).resolve().parents[2] / "sample_data" / "exports"
CASES: dict[str, dict[str, Any]] = {
    p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(CASES_DIR.glob("*.yaml"))
}


def _stored_total(conn: Any, key: str, ids: list[int]) -> float:
    grain, _, rest = key.partition(".")
    if grain == "posts":
        if rest == "count":
            query = select(func.count()).select_from(posts)
        else:
            query = select(func.sum(posts.c[rest]))
        return float(conn.execute(query.where(posts.c.import_id.in_(ids))).scalar() or 0)
    if grain == "day":
        query = select(func.sum(day_values.c.value)).where(
            day_values.c.measure == rest, day_values.c.import_id.in_(ids)
        )
        return float(conn.execute(query).scalar() or 0)
    if grain == "competitors":  # competitors.<measure>, competitors.own.<measure>
        t = competitor_observations
        own, _, measure = rest.rpartition(".")
        query = select(func.sum(t.c[measure])).where(t.c.import_id.in_(ids))
        if own == "own":
            query = query.where(t.c.is_own.is_(True))
        return float(conn.execute(query).scalar() or 0)
    assert grain == "messages" and rest.startswith("count."), key
    platform = rest.removeprefix("count.")
    query = select(func.count()).where(
        messages.c.platform == platform, messages.c.import_id.in_(ids)
    )
    return float(conn.execute(query).scalar() or 0)


def _stored_days(conn: Any, ids: list[int]) -> dict[str, str]:
    """The first and last stored day (account-day values) or publish day (posts)."""
    low, high = conn.execute(
        select(func.min(day_values.c.date), func.max(day_values.c.date)).where(
            day_values.c.import_id.in_(ids)
        )
    ).one()
    if low is None:
        low, high = conn.execute(
            select(func.min(posts.c.published_at), func.max(posts.c.published_at)).where(
                posts.c.import_id.in_(ids)
            )
        ).one()
    as_day = [v.date() if isinstance(v, datetime) else v for v in (low, high)]
    return {"first": str(as_day[0]), "last": str(as_day[1])}


def upload_of(case: dict[str, Any], folder: Path) -> Path:
    """The file a case uploads: a sample export, a fixture copied under its upload name, or
    a ZIP built from fixtures."""
    if "file" in case:
        return EXPORTS / case["file"]
    if "zip" in case:
        spec = case["zip"]
        target = folder / spec["name"]
        stamp = datetime.fromisoformat(str(spec["time"]))
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
            for entry, fixture in spec["members"].items():
                info = zipfile.ZipInfo(entry, date_time=stamp.timetuple()[:6])
                archive.writestr(info, (FILES / fixture).read_bytes())
        return target
    target = folder / case.get("upload_as", Path(case["fixture"]).name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FILES / case["fixture"], target)
    return target


def test_every_contract_has_a_case() -> None:
    assert {c["contract"] for c in CASES.values()} >= {c.id for c in all_contracts()}


def test_every_fixture_is_used() -> None:
    named = {c.get("fixture") for c in CASES.values()}
    named |= {f for c in CASES.values() for f in c.get("zip", {}).get("members", {}).values()}
    named |= {b["fixture"] for c in CASES.values() for b in c.get("before", [])}
    assert {str(p.relative_to(FILES)) for p in FILES.rglob("*") if p.is_file()} <= named


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_case(name: str, engine: Engine, tmp_path: Path) -> None:
    case = CASES[name]
    today = date.fromisoformat(str(case["today"])) if "today" in case else None
    for index, earlier in enumerate(case.get("before", [])):
        folder = tmp_path / f"before{index}"
        folder.mkdir()
        [done] = import_files(
            engine,
            [upload_of(earlier, folder)],
            account=earlier.get("account_arg"),
            timezone="America/Guatemala",
        )
        assert done.status == "loaded", done.problems
    [result] = import_files(
        engine,
        [upload_of(case, tmp_path)],
        account=case.get("account_arg"),
        platform=case.get("platform_arg"),
        timezone="America/Guatemala",
        today=today,
    )
    assert result.status == case.get("status", "loaded"), result.problems
    assert [p["code"] for p in result.problems] == case.get("problems", [])
    assert (result.format, result.platform, result.account) == (
        case["contract"],
        case["platform"],
        case["account"],
    )
    if "reason" in case:
        assert result.problems[0]["params"]["reason"] == case["reason"]
    for key in ("account_source", "account_assumed", "platform_source", "year_source"):
        if key in case:
            assert getattr(result, key) == case[key], key
    if "year_anchor" in case:
        assert str(result.year_anchor) == str(case["year_anchor"])
    if "period" in case:
        assert [str(result.period_start), str(result.period_end)] == [
            str(d) for d in case["period"]
        ]
    if result.status == "rejected":
        assert result.import_id is None or result.rows_loaded == 0
        return
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (
        case["rows_read"],
        case["rows_loaded"],
        case["rows_read"] - case["rows_loaded"],
    )
    assert result.import_id is not None
    with engine.connect() as conn:
        members = conn.execute(
            select(imports.c.id, imports.c.file_name).where(imports.c.parent_id == result.import_id)
        ).all()
        ids = [result.import_id, *(m.id for m in members)]
        stored = {key: _stored_total(conn, key, ids) for key in case.get("totals", {})}
        days = _stored_days(conn, ids)
    if "members" in case:  # one imports row per ZIP member, under the ZIP's
        assert sorted(m.file_name for m in members) == sorted(case["members"])
    else:
        assert members == []
    assert stored == pytest.approx(case.get("totals", {}), abs=1e-3)
    if "dates" in case:
        assert days == {k: str(v) for k, v in case["dates"].items()}
