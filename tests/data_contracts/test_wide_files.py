"""A header of thousands of columns is refused at once, and says so (issue 14, hole 9).

The probe: an X content export with 200,000 extra header columns was read for over a minute
and reported as "the header is there but no data row follows" (an empty file)."""

from __future__ import annotations

import csv
from pathlib import Path

from data_contracts.pipeline import validate_files

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "sample_data/exports/x/account_analytics_content_2026-09-28_2026-10-31.csv"


def _widened(path: Path, extra: int, name: str) -> Path:
    with CONTENT.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header + [f"{name} {i}" for i in range(extra)])
        for row in rows[:3]:
            out.writerow(row + [""] * extra)
    return path


def test_a_200000_column_header_is_refused_as_too_wide(tmp_path: Path) -> None:
    path = _widened(tmp_path / "wide.csv", 200_000, "Extra")
    [result] = validate_files(None, [path], account="northwindpolicy")
    assert result.status == "rejected"
    [problem] = result.problems
    assert problem["code"] == "too_wide"
    assert problem["message"] == (
        "wide.csv: its first line is longer than 256 KB (an export has at most 1,000 columns): "
        "not an export we know"
    )


def test_a_header_of_1200_short_columns_is_refused_as_too_wide(tmp_path: Path) -> None:
    path = _widened(tmp_path / "wide.csv", 1_200, "E")
    [result] = validate_files(None, [path], account="northwindpolicy")
    [problem] = result.problems
    assert problem["code"] == "too_wide"
    assert problem["message"].startswith("wide.csv: a line of its first rows has 1,2")
    assert problem["expected"] == "at most 1,000 columns"
