"""The default period of each kind: the latest complete one (issue 12, item 4)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

from metrics.scorecard import latest_complete_period

TODAY = date(2026, 12, 6)


def _cover(first: str, last: str, platform: str = "facebook") -> dict[str, Any]:
    return {"grain": "post", "platform": platform, "account": "a", "first_day": first,
            "last_day": last, "measures": ["impressions"]}  # fmt: skip


@pytest.mark.parametrize(
    ("grain", "expected"),
    [("month", "2026-10"), ("quarter", "2026-Q3"), ("year", "2025"), ("week", "2026-W43")],
)
def test_exports_up_to_october_make_october_the_latest_complete_month(
    warehouse: Engine, facts: Any, grain: str, expected: str
) -> None:
    # 31 October 2026 is a Saturday: ISO week 44 (26 October - 1 November) is not complete
    facts(warehouse, {"coverage": [_cover("2025-01-01", "2026-10-31")]})
    assert latest_complete_period(warehouse, grain, TODAY) == expected


def test_a_month_no_export_covers_is_skipped(warehouse: Engine, facts: Any) -> None:
    facts(warehouse, {"coverage": [_cover("2026-01-01", "2026-08-31")]}, file_name="a.csv")
    facts(warehouse, {"coverage": [_cover("2026-10-01", "2026-10-31")]}, file_name="b.csv")
    assert latest_complete_period(warehouse, "month", TODAY) == "2026-10"
    assert latest_complete_period(warehouse, "quarter", TODAY) == "2026-Q2"  # Q3 lacks September


def test_coverage_of_any_account_counts_and_today_bounds_it(warehouse: Engine, facts: Any) -> None:
    facts(
        warehouse,
        {"coverage": [_cover("2026-10-01", "2026-12-31"), _cover("2026-01-01", "2026-09-30", "x")]},
    )
    assert latest_complete_period(warehouse, "month", TODAY) == "2026-11"
    assert latest_complete_period(warehouse, "quarter", TODAY) == "2026-Q3"


def test_without_coverage_the_newest_fact_bounds_it(warehouse: Engine, facts: Any) -> None:
    facts(
        warehouse,
        {"posts": [{"platform": "x", "account": "a", "published_at": "2026-09-30 22:00"}]},
    )
    assert latest_complete_period(warehouse, "month", TODAY) == "2026-09"
    assert latest_complete_period(warehouse, "week", TODAY) == "2026-W39"


def test_an_empty_warehouse_gives_the_last_period_before_today(warehouse: Engine) -> None:
    assert latest_complete_period(warehouse, "month", TODAY) == "2026-11"
    assert latest_complete_period(warehouse, "quarter", TODAY) == "2026-Q3"
    assert latest_complete_period(warehouse, "year", TODAY) == "2025"
    assert latest_complete_period(warehouse, "week", TODAY) == "2026-W48"
