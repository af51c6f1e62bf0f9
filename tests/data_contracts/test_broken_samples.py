"""Every broken sample file against sample_data/broken/expected.yaml, on a fresh warehouse."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from data_contracts.pipeline import import_files
from warehouse.schema import day_values, posts

BROKEN = Path(__file__).resolve().parents[2] / "sample_data" / "broken"
EXPECTED = yaml.safe_load((BROKEN / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file(name: str, engine) -> None:
    case = EXPECTED[name]
    [result] = import_files(
        engine, [BROKEN / name], account=case.get("account"), timezone="America/Guatemala"
    )
    assert result.status == case["status"], result.problems
    assert {p["code"] for p in result.problems} == set(case["codes"])
    assert all(p["message"] for p in result.problems)
    expected_warnings = case.get("warnings", [])
    assert [{"code": w["code"], "row": w["row"]} for w in result.warnings] == expected_warnings
    assert result.warnings_count == len(expected_warnings)
    if case["status"] in ("partial", "loaded"):
        assert result.rows_loaded == case["rows_loaded"]
        assert result.rows_rejected == case["rows_rejected"]
    else:
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(posts)).scalar() == 0
            assert conn.execute(select(func.count()).select_from(day_values)).scalar() == 0


def test_reimport_is_duplicate_and_changes_nothing(engine) -> None:
    path = BROKEN / "facebook_posts_reach_exceeds_impressions.csv"
    [first] = import_files(engine, [path])
    [again] = import_files(engine, [path])
    assert (first.status, again.status) == ("loaded", "duplicate")
    assert again.import_id == first.import_id
