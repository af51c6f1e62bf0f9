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
    }
    # Reach above views is a warning on rows 3 and 5 (0 > -1 too), never a quarantine.
    warned = {(f.code, f.columns): f.rows for f in outcome.warnings}
    assert warned == {("reach_exceeds_impressions", ("reach", "impressions")): [3, 5]}
    assert outcome.warning_rows(frame) == [
        {
            "code": "reach_exceeds_impressions",
            "row": 3,
            "columns": ["reach", "impressions"],
            "values": {"reach": 6, "impressions": 5},
            "expected": "reach no higher than views (or impressions)",
        },
        {
            "code": "reach_exceeds_impressions",
            "row": 5,
            "columns": ["reach", "impressions"],
            "values": {"reach": 0, "impressions": -1},
            "expected": "reach no higher than views (or impressions)",
        },
    ]
    reasons = outcome.reasons(frame)
    assert {"code": "date_out_of_range", "column": "published_at"}.items() <= reasons[6][0].items()
    assert reasons[6][0]["value"] == "2027-01-01T00:00:00.000001"
    assert reasons[6][0]["expected"] == "a date from 2025-01-01 to 2026-12-31 (the export's range)"


def test_every_rule_of_every_contract_is_classified() -> None:
    """Quarantine only what cannot be stored truthfully; every rule comparing two measures
    is a warning (the platforms' own numbers break them)."""
    from data_contracts.gx_runner import QUARANTINE_RULES, build_expectations, plausibility_checks
    from data_contracts.model import VOCABULARY

    warning_codes = {check.code for check in plausibility_checks()}
    seen: set[tuple[str, str]] = set()
    for contract in all_contracts():
        for table in contract.tables:
            rules = build_expectations(
                table,
                list(VOCABULARY[table.grain]),
                period_start=datetime(2026, 1, 1),
                period_end=datetime(2026, 1, 31),
            )
            for rule in rules:
                seen.add((rule.code, rule.severity))
                if len(rule.columns) > 1:
                    assert rule.severity == "warning", (contract.id, rule.code)
                if rule.severity == "quarantine":
                    assert rule.code in QUARANTINE_RULES, (contract.id, rule.code)
                else:
                    assert rule.code in warning_codes, (contract.id, rule.code)
    assert seen == {
        ("negative_value", "quarantine"),
        ("duplicate_id", "quarantine"),
        ("date_out_of_range", "quarantine"),
        ("reach_exceeds_impressions", "warning"),
        ("link_clicks_exceed_clicks", "warning"),
    }


def test_net_measures_may_be_negative() -> None:
    """Subscribers gained minus lost, a day's follower difference, deleted comments: no
    negative-value rule for the columns a contract marks `negative_allowed`."""
    from data_contracts.gx_runner import build_expectations
    from data_contracts.model import VOCABULARY

    for contract in all_contracts():
        for table in contract.tables:
            allowed = {c.maps_to for c in table.columns.values() if c.negative_allowed}
            rules = build_expectations(
                table, list(VOCABULARY[table.grain]), period_start=None, period_end=None
            )
            negative = {r.columns[0] for r in rules if r.code == "negative_value"}
            assert not negative & allowed, contract.id
    overview = next(c for c in all_contracts() if c.id == "tiktok_overview").tables[0]
    assert overview.columns["comments"].negative_allowed
