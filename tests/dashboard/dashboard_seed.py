"""The small seeded warehouse and strategy of the dashboard tests (conftest.py builds it
once per session; tests import APP, STRATEGY_YAML and seed from here).

Seeded through tests/seeding.py (warehouse.store's writers, as the import pipeline uses them): Facebook and LinkedIn posts and follower counts for September and October 2026.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from seeding import daily_followers, posts, store_export

from warehouse.engine import open_database

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


def _reactions(platform: str, month: int, i: int, impressions: float) -> dict[str, float]:
    rate = RATES[(platform, month)]
    return {"reactions": round(impressions * rate * 0.6)}


RATES = {("facebook", 9): 0.04, ("facebook", 10): 0.05, ("linkedin", 10): 0.06}
TEXT = "Policy brief {month}.{i}: what the new budget means for schools"
FACEBOOK = "Northwind Policy Institute"
LINKEDIN = "northwind-policy-institute"


def _posts(platform: str, account: str, month: int, count: int) -> pd.DataFrame:
    rate = RATES[(platform, month)]
    return posts(platform, account, month, count, rate, text=TEXT, extras=_reactions)


def seed(url: str) -> None:
    """Facebook posts of September (5) and October (6, one row quarantined), LinkedIn posts
    of October (4), and both platforms' daily followers for September and October."""
    engine = open_database(url)
    first = date(2026, 9, 1)
    exports = [
        ("facebook_posts_sep.csv", _posts("facebook", FACEBOOK, 9, 5), 0),
        ("facebook_posts_oct.csv", _posts("facebook", FACEBOOK, 10, 6), 1),
        ("linkedin_posts_oct.xlsx", _posts("linkedin", LINKEDIN, 10, 4), 0),
        (
            "facebook_followers.csv",
            daily_followers("facebook", FACEBOOK, first=first, days=61, start=3000, step=10),
            0,
        ),
        (
            "linkedin_followers.xlsx",
            daily_followers("linkedin", LINKEDIN, first=first, days=61, start=1500, step=10),
            0,
        ),
    ]
    for name, frame, quarantined in exports:
        store_export(engine, name, frame, quarantined=quarantined, record_period=False)
    engine.dispose()
