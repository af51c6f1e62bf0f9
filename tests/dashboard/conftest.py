"""A small seeded warehouse and strategy for the dashboard tests (session-scoped).

Seeded through warehouse.store (the same writers the import pipeline uses) with realistic
frames: Facebook and LinkedIn posts and follower counts for September and October 2026.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from warehouse.engine import open_database
from warehouse.store import (
    ImportRecord,
    QuarantinedRow,
    record_import,
    save_blob,
    save_quarantine,
    upsert_day_values,
    upsert_posts,
)

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"

STRATEGY_YAML = """\
organisation: Northwind Policy Institute
timezone: America/Guatemala
language: en
strategies:
  - id: main
    name: Social networks strategy 2026
objectives:
  - id: engagement
    name: Improve audience engagement
    cone_element: content_activities
    kpis:
      - id: engagement_rate
        name: Engagement rate per impression
        metric: {type: ratio, numerator: engagements, denominator: impressions, grain: post}
        platforms: [facebook, linkedin]
        unit: percent
        direction: up
        owner: Communications lead
        frequency: monthly
        baseline: {period: 2026-08, value: 0.02}
        targets: {2026-10: 0.05, 2026-09: 0.05}
      - id: posts_published
        name: Posts published
        metric: {type: count, grain: post}
        unit: count
        direction: up
        owner: Social media officer
        frequency: monthly
        targets: {2026-10: 8, 2026-09: 8}
  - id: reach
    name: Grow our audience
    cone_element: target_audience
    kpis:
      - id: followers
        name: Followers
        metric: {type: last, measure: followers}
        unit: count
        direction: up
        owner: Communications lead
        frequency: monthly
        targets: {2026-10: 5000}
"""


def _posts(platform: str, account: str, month: int, n: int, rate: float) -> pd.DataFrame:
    rows = []
    for i in range(n):
        impressions = 1000.0 + 100 * i
        rows.append(
            {
                "platform": platform,
                "account": account,
                "post_id": f"{platform}-{month}-{i}",
                "published_at": datetime(2026, month, 2 + 2 * i, 10, 0),
                "post_type": "video" if i % 3 == 0 else "link",
                "text": f"Policy brief {month}.{i}: what the new budget means for schools",
                "permalink": f"https://example.org/{platform}/{month}/{i}",
                "impressions": impressions,
                "engagements": round(impressions * rate),
                "reactions": round(impressions * rate * 0.6),
            }
        )
    return pd.DataFrame(rows)


def _followers(platform: str, account: str, start: int) -> pd.DataFrame:
    days = [date(2026, 9, 1) + timedelta(days=d) for d in range(61)]
    return pd.DataFrame(
        {
            "platform": platform,
            "account": account,
            "date": days,
            "followers": [float(start + 10 * d) for d in range(61)],
        }
    )


def seed(url: str) -> None:
    engine = open_database(url)
    batches = [
        (
            "facebook_posts_sep.csv",
            _posts("facebook", "Northwind Policy Institute", 9, 5, 0.04),
            "posts",
        ),
        (
            "facebook_posts_oct.csv",
            _posts("facebook", "Northwind Policy Institute", 10, 6, 0.05),
            "posts",
        ),
        (
            "linkedin_posts_oct.xlsx",
            _posts("linkedin", "northwind-policy-institute", 10, 4, 0.06),
            "posts",
        ),
        (
            "facebook_followers.csv",
            _followers("facebook", "Northwind Policy Institute", 3000),
            "days",
        ),
        (
            "linkedin_followers.xlsx",
            _followers("linkedin", "northwind-policy-institute", 1500),
            "days",
        ),
    ]
    with engine.begin() as conn:
        for name, frame, kind in batches:
            content = frame.to_csv(index=False).encode()
            sha = save_blob(conn, content)
            quarantined = 1 if name == "facebook_posts_oct.csv" else 0
            import_id = record_import(
                conn,
                ImportRecord(
                    file_name=name,
                    sha256=sha,
                    status="partial" if quarantined else "loaded",
                    format=f"{frame['platform'].iloc[0]}_{kind}",
                    platform=str(frame["platform"].iloc[0]),
                    account=str(frame["account"].iloc[0]),
                    rows_read=len(frame) + quarantined,
                    rows_loaded=len(frame),
                    rows_rejected=quarantined,
                    imported_at=datetime(2026, 11, 2, 9, 30),
                ),
            )
            if kind == "posts":
                upsert_posts(conn, frame, import_id)
            else:
                upsert_day_values(conn, frame, import_id)
            if quarantined:
                save_quarantine(
                    conn,
                    import_id,
                    [
                        QuarantinedRow(
                            row_number=4,
                            reasons=[
                                {"column": "impressions", "value": "n/a", "expected": "a number"}
                            ],
                            raw={"Post ID": "fb-x", "Impressions": "n/a"},
                        )
                    ],
                )
    engine.dispose()


@pytest.fixture(scope="session")
def seeded_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("dashboard")
    url = f"sqlite:///{folder / 'warehouse.sqlite'}"
    seed(url)
    strategy = folder / "strategy.yaml"
    strategy.write_text(STRATEGY_YAML, encoding="utf-8")
    return {"SOCIALKPI_DATABASE_URL": url, "SOCIALKPI_STRATEGY": str(strategy)}


@pytest.fixture
def app_env(
    seeded_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, str]]:
    for name, value in seeded_env.items():
        monkeypatch.setenv(name, value)
    yield seeded_env
