"""Competitor benchmark cases (benchmark_cases/*.yaml) with hand-computed answers, stored and
read back on SQLite and PostgreSQL: the organisation's value, the competitor average
(excluding it), the landscape average (including it), the counts and the rank."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from sqlalchemy import Engine

from metrics.benchmarks import MEASURES, load_benchmarks
from warehouse import store
from warehouse.competitors import upsert_competitors

CASES_DIR = Path(__file__).resolve().parent / "benchmark_cases"
FILES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in CASES_DIR.glob("*.yaml")}
CASES = [
    (name, index) for name, spec in sorted(FILES.items()) for index in range(len(spec["cases"]))
]


def _store(engine: Engine, observations: list[dict[str, Any]]) -> None:
    frame = pd.DataFrame(
        [
            {
                "platform": o["platform"],
                "competitor": o["competitor"],
                "period_start": date.fromisoformat(str(o["start"])),
                "period_end": date.fromisoformat(str(o["end"])),
                "is_own": o["own"],
                **{m: o.get(m) for m in ("followers", "new_followers", "posts", "engagements")},
            }
            for o in observations
        ]
    )
    with engine.begin() as conn:
        import_id = store.record_import(
            conn,
            store.ImportRecord(
                file_name="competitors.csv",
                sha256=store.save_blob(conn, b"competitors"),
                status="loaded",
                format="competitor_benchmarks",
            ),
        )
        upsert_competitors(conn, frame, import_id)


@pytest.mark.parametrize(("name", "index"), CASES, ids=[f"{n}-{i}" for n, i in CASES])
def test_benchmark_case(name: str, index: int, engine: Engine) -> None:
    spec = FILES[name]
    case = spec["cases"][index]
    _store(engine, spec["observations"])
    result = load_benchmarks(engine, str(case["period"]))
    rows = {r.measure: r for r in result.platform_rows(case["platform"])}
    if not case["expected"]:
        assert rows == {}
        return
    assert set(rows) == set(MEASURES)
    assert result.own_pages.get(case["platform"], []) == case["own_pages"]
    assert str(result.read_to.get(case["platform"])) == str(case.get("read_to"))
    for measure, expected in case["expected"].items():
        row = rows[measure]
        for key, want in expected.items():
            got = getattr(row, key)
            if want is None:
                assert got is None, (case["title"], measure, key)
            else:
                assert got == pytest.approx(want, rel=1e-7), (case["title"], measure, key)
