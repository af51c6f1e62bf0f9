"""The seeded warehouse and strategy of the report tests (imported by conftest and tests).

Seeded through tests/seeding.py (warehouse.store's writers, as the import pipeline uses them): Facebook and
LinkedIn posts May–October 2026 and daily followers, so every KPI type of the strategy has
values, one KPI has no data and one has no target.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from seeding import PostExtras, daily_followers, posts, store_export
from sqlalchemy import Engine

STRATEGY_YAML = """\
organisation: Lakeside Housing Trust
timezone: Europe/Amsterdam
language: {language}
branding: {{primary: "#004D40", accent: "#F9A825"}}
strategies:
  - id: main
    name: Tenant communication 2026
objectives:
  - id: engagement
    name: Engage tenants online
    description: Tenants react to and share our repair and rent updates.
    kpis:
      - id: engagement_rate
        name: Engagement rate per impression
        metric: {{type: ratio, numerator: engagements, denominator: impressions, grain: post}}
        platforms: [facebook, linkedin]
        unit: percent
        direction: up
        owner: Communications lead
        frequency: monthly
        baseline: {{period: 2026-04, value: 0.03}}
        targets: {{2026-10: 0.05, 2026-09: 0.05, 2026: 0.045}}
      - id: posts_published
        name: Posts published
        metric: {{type: count, grain: post}}
        platforms: [facebook, linkedin]
        unit: count
        direction: up
        owner: Social media officer
        frequency: monthly
        targets: {{2026-10: 12, 2026-09: 8}}
      - id: video_views
        name: Video views
        metric: {{type: sum, measure: video_views, grain: post}}
        platforms: [facebook]
        unit: count
        direction: up
        owner: Video producer
        frequency: monthly
        targets: {{2026-10: 20000}}
      - id: instagram_saves
        name: Saves on Instagram
        metric: {{type: sum, measure: saves, grain: post}}
        platforms: [instagram]
        unit: count
        direction: up
        owner: Social media officer
        frequency: monthly
        targets: {{2026-10: 300}}
  - id: audience
    name: Grow our audience
    kpis:
      - id: followers
        name: Followers
        metric: {{type: last, measure: followers}}
        platforms: [facebook, linkedin]
        unit: count
        direction: up
        owner: Communications lead
        frequency: monthly
        targets: {{2026-10: 4600, 2026-09: 4500}}
      - id: follower_growth
        name: "=Follower growth, month on month"
        metric: {{type: growth, of: followers}}
        platforms: [facebook, linkedin]
        unit: percent
        direction: up
        owner: Communications lead
        frequency: monthly
"""

MONTHS = (5, 6, 7, 8, 9, 10)
RATES = {5: 0.031, 6: 0.034, 7: 0.036, 8: 0.041, 9: 0.052, 10: 0.044}
COUNTS = {5: 6, 6: 6, 7: 7, 8: 8, 9: 9, 10: 11}
TEXT = "Repair update {month}.{i}"
FACEBOOK = "Lakeside Housing"
LINKEDIN = "lakeside-housing"


def strategy_text(language: str = "en") -> str:
    return STRATEGY_YAML.format(language=language)


def _extras(bump: float) -> PostExtras:
    def extras(platform: str, month: int, i: int, impressions: float) -> dict[str, Any]:
        return {
            # the bump re-states engagements for a re-export (latest export wins)
            "engagements": round(impressions * RATES[month] * bump),
            "video_views": None if platform == "linkedin" else 1500.0 * (i + month - 4),
        }

    return extras


def _posts(platform: str, account: str, month: int, *, bump: float = 1.0) -> pd.DataFrame:
    count = COUNTS[month] - (2 if platform == "linkedin" else 0)
    return posts(platform, account, month, count, RATES[month], text=TEXT, extras=_extras(bump))


def seed(engine: Engine) -> None:
    for month in MONTHS:
        fb = _posts("facebook", FACEBOOK, month)
        quarantined = 2 if month == 10 else 0
        store_export(engine, f"facebook_posts_2026-{month:02}.csv", fb, quarantined=quarantined)
        li = _posts("linkedin", LINKEDIN, month)
        store_export(engine, f"linkedin_posts_2026-{month:02}.xlsx", li)
    first = date(2026, 5, 1)
    store_export(
        engine,
        "facebook_followers.csv",
        daily_followers("facebook", FACEBOOK, first=first, days=184, start=3000, step=4),
    )
    store_export(
        engine,
        "linkedin_followers.xlsx",
        daily_followers("linkedin", LINKEDIN, first=first, days=184, start=900, step=4),
    )


def import_newer_october(engine: Engine) -> None:
    """A re-export of October's Facebook posts with higher engagement (latest export wins)."""
    frame = _posts("facebook", FACEBOOK, 10, bump=1.5)
    store_export(engine, "facebook_posts_2026-10_reexport.csv", frame)
