"""Row checks through Great Expectations: a date column goes to GX as numbers, and the
verdicts and quoted values are those of the timestamps themselves (bounds inclusive,
missing dates left to the missing-value rule)."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from data_contracts.gx_runner import validate_rows
from data_contracts.model import all_contracts


def _posts_table():
    contract = next(c for c in all_contracts() if c.id == "meta_facebook_posts")
    return contract.tables[0]


def test_date_range_rows_and_values_match_the_timestamps() -> None:
    table = _posts_table()
    stamps = [
        "2025-01-01 00:00:00",  # the first moment of the range: inside
        "2024-12-31 23:59:59",  # one second early
        None,  # missing: not this rule's business
        "2026-12-31 23:59:59",  # the last moment: inside
        "2027-01-01 00:00:00.000001",  # a microsecond late
    ]
    frame = pd.DataFrame(
        {
            "post_id": ["a", "b", "c", "d", "e"],
            "published_at": pd.to_datetime(stamps, format="ISO8601"),
            "impressions": [10.0, 5.0, 1.0, -1.0, 3.0],
            "reach": [4.0, 6.0, 1.0, 0.0, 2.0],
        },
        index=[2, 3, 4, 5, 6],
    )
    outcome = validate_rows(
        frame,
        table,
        period_start=datetime(2025, 1, 1),
        period_end=datetime(2026, 12, 31, 23, 59, 59),
    )
    assert outcome.errors == []
    failed = {(f.code, f.column): f.rows for f in outcome.failures}
    assert failed == {
        ("date_out_of_range", "published_at"): [3, 6],
        ("negative_value", "impressions"): [5],
        ("reach_exceeds_impressions", "reach"): [3, 5],  # 0 > -1 too
    }
    reasons = outcome.reasons(frame)
    assert {"code": "date_out_of_range", "column": "published_at"}.items() <= reasons[6][0].items()
    assert reasons[6][0]["value"] == "2027-01-01T00:00:00.000001"
    assert reasons[6][0]["expected"] == "a date from 2025-01-01 to 2026-12-31 (the export's range)"
