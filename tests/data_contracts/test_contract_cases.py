"""One sample export per contract (cases/*.yaml): contract, platform, account, row counts and
totals that were computed from the files without our parser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine, func, select

from data_contracts.model import all_contracts
from data_contracts.pipeline import import_files
from warehouse.schema import day_values, imports, messages, posts

CASES_DIR = Path(__file__).resolve().parent / "cases"
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
    assert grain == "messages" and rest.startswith("count."), key
    platform = rest.removeprefix("count.")
    query = select(func.count()).where(
        messages.c.platform == platform, messages.c.import_id.in_(ids)
    )
    return float(conn.execute(query).scalar() or 0)


def test_every_contract_has_a_case() -> None:
    assert {c["contract"] for c in CASES.values()} == {c.id for c in all_contracts()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_export(name: str, sqlite_engine: Engine) -> None:
    case = CASES[name]
    [result] = import_files(
        sqlite_engine,
        [EXPORTS / case["file"]],
        account=case.get("account_arg"),
        timezone="America/Guatemala",
    )
    assert result.status == "loaded", result.problems
    assert result.problems == []
    assert (result.format, result.platform, result.account) == (
        case["contract"],
        case["platform"],
        case["account"],
    )
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (
        case["rows_read"],
        case["rows_loaded"],
        case["rows_read"] - case["rows_loaded"],
    )
    assert result.import_id is not None
    with sqlite_engine.connect() as conn:
        members = conn.execute(
            select(imports.c.id, imports.c.file_name).where(imports.c.parent_id == result.import_id)
        ).all()
        ids = [result.import_id, *(m.id for m in members)]
        stored = {key: _stored_total(conn, key, ids) for key in case["totals"]}
    if Path(case["file"]).suffix == ".zip":  # one imports row per ZIP member, under the ZIP's
        assert sorted(m.file_name for m in members) == sorted(case["members"])
    else:
        assert members == []
    assert stored == pytest.approx(case["totals"], abs=1e-3)
