"""Hostile cells (issue 14, holes 1 and 5): a value that cannot be stored truthfully
quarantines its row, the same on SQLite and PostgreSQL, `validate` predicts exactly what
`import` does, and no JSON the product writes holds NaN or Infinity.

Each case is a real sample export with one cell changed, as the probes that found the holes
did it: `inf`, `Infinity`, `1e309` (read as infinity by the column-wide number parse), a
publication date in year 9999 and an account day on 9999-12-31 (the rollups' day arithmetic
overflowed), a NUL character beyond the first 256 KB that the text sniffing reads and a post
id over 200 characters (PostgreSQL refused both, and the whole file was `unreadable`).
"""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from dashboard.cli_kpis import run_kpis
from dashboard.cli_report import run_report
from data_contracts.pipeline import import_files, validate_files
from metrics.problems import StrategyInvalid
from metrics.strategy import parse_strategy
from warehouse import json_text
from warehouse.rollups import rebuild_rollups
from warehouse.schema import posts, quarantine

REPO = Path(__file__).resolve().parent.parent
X = REPO / "sample_data" / "exports" / "x"
CONTENT = X / "account_analytics_content_2026-09-28_2026-10-31.csv"
OVERVIEW = X / "account_overview_analytics.csv"
ACCOUNT = "northwindpolicy"


def _strict_json(text: str) -> Any:
    """JSON as any standard reader takes it: `NaN`, `Infinity` and `-Infinity` refused."""

    def refuse(constant: str) -> None:
        raise AssertionError(f"invalid JSON constant {constant}")

    return json.loads(text, parse_constant=refuse)


def _edited(tmp_path: Path, source: Path, name: str, edits: dict[tuple[int, int], str]) -> Path:
    """`source` with cells replaced: {(data row, column): new text} (0-based, after the
    header)."""
    with source.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    for (row, column), value in edits.items():
        rows[row][column] = value
    out = tmp_path / name
    with out.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])
    return out


def _outcome(result: Any) -> tuple[Any, ...]:
    return (
        result.status,
        result.rows_read,
        result.rows_loaded,
        result.rows_rejected,
        sorted((p["code"], p.get("row"), p.get("column"), p.get("value")) for p in result.problems),
    )


def _validate_then_import(engine: Engine, path: Path) -> Any:
    [predicted] = validate_files(engine, [path], account=ACCOUNT)
    [result] = import_files(engine, [path], account=ACCOUNT)
    assert _outcome(result) == _outcome(predicted)  # validate says what import does
    return result


# ------------------------------------------------------------------ hole 1: infinity


def test_non_finite_and_absurd_numbers_quarantine_their_row(engine: Engine, tmp_path: Path) -> None:
    # column 4 is Impressions; rows 1-4 of the file are its lines 2-5
    path = _edited(
        tmp_path,
        CONTENT,
        "content.csv",
        {(0, 4): "inf", (1, 4): "Infinity", (2, 4): "1e309", (3, 4): "2e15", (4, 4): "-inf"},
    )
    result = _validate_then_import(engine, path)
    assert result.status == "partial"
    assert result.rows_rejected == 5 and result.rows_loaded == result.rows_read - 5
    found = {(p["row"], p["value"]) for p in result.problems}
    assert found == {(2, "inf"), (3, "Infinity"), (4, "1e309"), (5, "2e15"), (6, "-inf")}
    assert {p["code"] for p in result.problems} == {"impossible_number"}
    assert all(p["column"] == "Impressions" for p in result.problems)
    assert sorted(p["message"] for p in result.problems)[0] == (
        "content.csv, row 2, column 'Impressions': 'inf' is not a number any export can hold; "
        "expected a finite number no larger than 10^15"
    )
    with engine.connect() as conn:
        stored = [v for (v,) in conn.execute(select(posts.c.impressions)) if v is not None]
        assert stored and all(math.isfinite(v) for v in stored)
        reasons = [json.loads(r) for (r,) in conn.execute(select(quarantine.c.reasons))]
    assert sorted(r[0]["value"] for r in reasons) == ["-inf", "1e309", "2e15", "Infinity", "inf"]


def test_a_warehouse_holding_infinity_writes_valid_json_and_every_report(
    engine: Engine, tmp_path: Path
) -> None:
    """Infinities stored before imports refused them: `kpis --json` is strict JSON (it
    wrote `Infinity`), the KPI has no value rather than a green infinite one, and the
    PDF, PowerPoint and Excel reports of the month are built (PowerPoint failed)."""
    [loaded] = import_files(engine, [CONTENT], account=ACCOUNT)
    assert loaded.status == "loaded"
    with engine.begin() as conn:
        october = posts.c.published_at >= datetime(2026, 10, 1)
        ids = [r for (r,) in conn.execute(select(posts.c.post_id).where(october).limit(3))]
        conn.execute(
            posts.update().where(posts.c.post_id.in_(ids)).values(impressions=float("inf"))
        )
        rebuild_rollups(conn)
    url = engine.url.render_as_string(hide_password=False)
    out, err = io.StringIO(), io.StringIO()
    code = run_kpis(
        "2026-10", strategy=None, platforms=None, as_json=True, db=url, out=out, err=err
    )
    assert code == 0, err.getvalue()
    payload = _strict_json(out.getvalue())
    by_id = {k["id"]: k for k in payload["kpis"]}
    assert by_id["impressions_per_post"]["value"] is None
    assert by_id["impressions_per_post"]["status"] == "no_data"
    for fmt in ("pdf", "pptx", "xlsx"):
        target = tmp_path / f"report.{fmt}"
        code = run_report(
            "2026-10", fmt=fmt, out=target, strategy=None, db=url, stdout=io.StringIO(),
            stderr=err,
        )  # fmt: skip
        assert code == 0, err.getvalue()
        assert target.stat().st_size > 1000


def test_a_strategy_target_of_infinity_is_refused() -> None:
    text_ = (REPO / "sample_data" / "strategy.yaml").read_text(encoding="utf-8")
    bad = text_.replace("targets: {2026: 8400000}", "targets: {2026: .inf}", 1)
    assert bad != text_
    with pytest.raises(StrategyInvalid) as refused:
        parse_strategy(bad, file="strategy.yaml")
    [problem] = refused.value.problems
    assert "targets.2026" in problem.message and "finite number" in problem.message


def test_json_text_never_writes_nan_or_infinity() -> None:
    value = {"a": float("inf"), "b": [float("nan"), 1.5, (-float("inf"),)], "c": "inf"}
    assert json_text.dumps(value) == '{"a": null, "b": [null, 1.5, [null]], "c": "inf"}'
    assert json_text.dumps(value, nonfinite="text") == (
        '{"a": "inf", "b": ["nan", 1.5, ["-inf"]], "c": "inf"}'
    )


# ------------------------------------------------------------------ hole 5: one bad cell


def test_a_date_in_year_9999_quarantines_its_row(engine: Engine, tmp_path: Path) -> None:
    post = _edited(tmp_path, CONTENT, "content.csv", {(2, 1): "Wed, Sep 30, 9999"})
    result = _validate_then_import(engine, post)
    assert result.status == "partial" and result.rows_rejected == 1
    [problem] = result.problems
    assert (problem["code"], problem["row"], problem["column"]) == ("date_out_of_range", 4, "Date")
    assert problem["expected"] == "a date from 1970-01-01 to 2100-12-31"
    assert problem["message"] == (
        "content.csv, row 4, column 'Date': 9999-09-30 00:00:00 is not a date any export can "
        "hold; expected a date from 1970-01-01 to 2100-12-31"
    )

    lines = OVERVIEW.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace('"Wed, Dec 31, 2025"', '"Fri, Dec 31, 9999"')
    day = tmp_path / "account_overview_analytics.csv"
    day.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _validate_then_import(engine, day)
    assert result.status == "partial" and result.rows_rejected == 1
    assert [(p["code"], p["row"]) for p in result.problems] == [("date_out_of_range", 2)]


def test_a_nul_character_quarantines_its_row_on_both_databases(
    engine: Engine, tmp_path: Path
) -> None:
    """The NUL sits past the first 256 KB (the sniffed head refuses a file with one), where
    the CSV reader takes it into a post's text and PostgreSQL refused the whole file."""
    with CONTENT.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    filler = []
    for number in range(4000):  # distinct ids, about 600 KB
        cells = list(rows[number % len(rows)])
        cells[0] = str(10**18 + number)
        filler.append(cells)
    bad = list(rows[0])
    bad[0], bad[2] = str(2 * 10**18), "a post with a NUL\x00inside"
    path = tmp_path / "content.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *filler, bad])
    assert path.stat().st_size > 262_144
    result = _validate_then_import(engine, path)
    assert result.status == "partial" and result.rows_loaded == 4000
    [problem] = result.problems
    assert (problem["code"], problem["row"], problem["column"]) == (
        "unstorable_text",
        4002,
        "Post text",
    )
    assert problem["value"] == "a post with a NUL\u2400inside"
    assert problem["message"] == (
        "content.csv, row 4002, column 'Post text': 'a post with a NUL\u2400inside' holds a "
        "NUL character (shown as \u2400), which cannot be stored; expected text without NUL "
        "characters"
    )
    with engine.connect() as conn:
        [raw] = [json.loads(r) for (r,) in conn.execute(select(quarantine.c.raw))]
    assert "a post with a NUL\x00inside" in raw.values()  # the cell is kept as it was


def test_an_id_or_account_over_200_characters_quarantines_rows(
    engine: Engine, tmp_path: Path
) -> None:
    path = _edited(tmp_path, CONTENT, "content.csv", {(1, 0): "7" * 201})
    result = _validate_then_import(engine, path)
    stored = result.rows_loaded
    assert result.status == "partial" and result.rows_rejected == 1
    [problem] = result.problems
    assert (problem["code"], problem["row"], problem["column"]) == ("text_too_long", 3, "Post id")
    assert problem["expected"] == "at most 200 characters"
    assert problem["value"] == "7" * 60 + "… (201 characters)"
    assert problem["message"].endswith(
        "(201 characters)' is longer than can be stored; expected at most 200 characters"
    )
    # an account named on the command line, for an export that does not name its own,
    # applies to every row: none can be stored
    [predicted] = validate_files(engine, [OVERVIEW], account="a" * 201)
    [result] = import_files(engine, [OVERVIEW], account="a" * 201)
    assert _outcome(result) == _outcome(predicted)
    assert result.status == "rejected" and result.problems[0]["code"] == "no_valid_rows"
    assert {p["code"] for p in result.problems[1:]} == {"text_too_long"}
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(posts)).scalar() == stored
