"""Export variants the platforms really write (issue 11), reproduced as contract cases
(cases/variants/*.yaml): the file's exact bytes (header line, encoding, the values quoted in
the issue) and hand-computed expectations of what is stored, quarantined, warned and noted,
on SQLite and PostgreSQL.

A case: `file` (the name the export carries), `encoding` (as the platform or the program
that re-saved it wrote it; `utf-8-sig` = with BOM), `content` (the text), optional
`account_arg` (`--account`), and `expected`: `status`, `format`, `platform`, `account`,
`rows` (read, loaded, quarantined), `problems` (codes), `warnings` (code, row, columns
and values as written), `notes` (code, columns), `posts` (post id -> stored values), `period`
([first, last] day the import
recorded), `days`
(measure -> day -> every stored day value) and
`message` (substrings every problem's message must hold)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine, func, select

from data_contracts.pipeline import import_files
from warehouse.schema import day_values, imports, posts

CASES_DIR = Path(__file__).resolve().parent / "cases" / "variants"
CASES: dict[str, dict[str, Any]] = {
    p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(CASES_DIR.glob("*.yaml"))
}


def _write(case: dict[str, Any], folder: Path) -> Path:
    path = folder / case["file"]
    text = case["content"]
    if case.get("line_end") == "crlf":
        text = text.replace("\n", "\r\n")
    path.write_bytes(text.encode(case.get("encoding", "utf-8"), errors="strict"))
    return path


def _stored_posts(conn: Any, ids: list[int]) -> dict[str, dict[str, Any]]:
    rows = conn.execute(select(posts).where(posts.c.import_id.in_(ids))).mappings().all()
    return {row["post_id"]: dict(row) for row in rows}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value


def test_there_are_variant_cases() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("name", sorted(CASES))
def test_variant(name: str, engine: Engine, tmp_path: Path) -> None:
    case = CASES[name]
    expected = case["expected"]
    path = _write(case, tmp_path)
    [result] = import_files(
        engine, [path], account=case.get("account_arg"), timezone="America/Guatemala"
    )
    assert result.status == expected["status"], result.problems
    assert [p["code"] for p in result.problems] == expected.get("problems", [])
    for problem in result.problems:
        for part in expected.get("message", []):
            assert part in problem["message"], problem["message"]
    if "format" in expected:
        assert (result.format, result.platform, result.account) == (
            expected["format"],
            expected["platform"],
            expected["account"],
        )
    if "rows" in expected:
        read, loaded, quarantined = expected["rows"]
        assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (
            read,
            loaded,
            quarantined,
        )
    got_warnings = [
        {k: w[k] for k in ("code", "row", "column", "columns", "values") if k in w}
        for w in result.warnings
    ]
    assert got_warnings == expected.get("warnings", [])
    assert result.warnings_count == len(expected.get("warnings", []))
    assert [{"code": n["code"], "columns": n["columns"]} for n in result.notes] == expected.get(
        "notes", []
    )
    with engine.connect() as conn:
        if result.status == "rejected":
            assert conn.execute(select(func.count()).select_from(posts)).scalar() == 0
            assert conn.execute(select(func.count()).select_from(day_values)).scalar() == 0
            return
        ids = [result.import_id] + [
            r.id
            for r in conn.execute(
                select(imports.c.id).where(imports.c.parent_id == result.import_id)
            )
        ]
        stored = _stored_posts(conn, ids)
        validation = conn.execute(
            select(imports.c.validation).where(imports.c.id == result.import_id)
        ).scalar()
    if "posts" in expected:
        assert set(stored) == set(expected["posts"])
        for post_id, values in expected["posts"].items():
            got = {key: _plain(stored[post_id][key]) for key in values}
            numbers = {k for k, v in values.items() if isinstance(v, int | float)}
            assert {k: got[k] for k in numbers} == pytest.approx({k: values[k] for k in numbers}), (
                post_id
            )
            assert {k: got[k] for k in values if k not in numbers} == {
                k: v for k, v in values.items() if k not in numbers
            }, post_id
    if "period" in expected:  # the dates the export covers, as the import recorded them
        with engine.connect() as conn:
            period = conn.execute(
                select(imports.c.period_start, imports.c.period_end).where(
                    imports.c.id == result.import_id
                )
            ).one()
        assert [str(d)[:10] for d in period] == expected["period"]
    if "days" in expected:  # measure -> {day: value} of every stored day value
        with engine.connect() as conn:
            rows = conn.execute(
                select(day_values.c.measure, day_values.c.date, day_values.c.value).where(
                    day_values.c.import_id.in_(ids)
                )
            ).all()
        days: dict[str, dict[str, float]] = {}
        for measure, day, value in rows:
            days.setdefault(measure, {})[str(day)[:10]] = float(value)
        assert days == expected["days"]
    import json

    kept = json.loads(validation)
    assert kept.get("warnings_count", 0) == len(expected.get("warnings", []))
    assert [n["code"] for n in kept.get("notes", [])] == [n["code"] for n in result.notes]
