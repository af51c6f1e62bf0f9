"""The seeded warehouse and strategy of the report tests (imported by conftest and tests).

Seeded through warehouse.store (the writers the import pipeline uses): Facebook and
LinkedIn posts May–October 2026 and daily followers, so every KPI type of the strategy has
values, one KPI has no data and one has no target.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
from sqlalchemy import Engine

from warehouse.store import (
    ImportRecord,
    QuarantinedRow,
    record_import,
    save_blob,
    save_quarantine,
    upsert_day_values,
    upsert_posts,
)

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


def strategy_text(language: str = "en") -> str:
    return STRATEGY_YAML.format(language=language)


def _posts(platform: str, account: str, month: int, *, bump: float = 1.0) -> pd.DataFrame:
    rows = []
    for i in range(COUNTS[month] - (2 if platform == "linkedin" else 0)):
        impressions = 1000.0 + 100 * i
        rows.append(
            {
                "platform": platform,
                "account": account,
                "post_id": f"{platform}-{month}-{i}",
                "published_at": datetime(2026, month, 2 + 2 * i, 10, 0),
                "post_type": "video" if i % 3 == 0 else "link",
                "text": f"Repair update {month}.{i}",
                "permalink": f"https://example.org/{platform}/{month}/{i}",
                "impressions": impressions,
                "engagements": round(impressions * RATES[month] * bump),
                "video_views": None if platform == "linkedin" else 1500.0 * (i + month - 4),
            }
        )
    return pd.DataFrame(rows)


def _followers(platform: str, account: str, start: int) -> pd.DataFrame:
    days = [date(2026, 5, 1) + timedelta(days=d) for d in range(184)]
    return pd.DataFrame(
        {
            "platform": platform,
            "account": account,
            "date": days,
            "followers": [float(start + 4 * d) for d in range(184)],
        }
    )


def _store(engine: Engine, name: str, frame: pd.DataFrame, kind: str, quarantined: int) -> None:
    with engine.begin() as conn:
        sha = save_blob(conn, (name + frame.to_csv(index=False)).encode())
        dates = frame["published_at" if kind == "posts" else "date"]
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
                period_start=pd.Timestamp(dates.min()).date(),
                period_end=pd.Timestamp(dates.max()).date(),
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
                        row_number=4 + n,
                        reasons=[{"column": "impressions", "value": "n/a", "expected": "number"}],
                        raw={"Post ID": f"fb-x{n}", "Impressions": "n/a"},
                    )
                    for n in range(quarantined)
                ],
            )


def seed(engine: Engine) -> None:
    for month in MONTHS:
        fb = _posts("facebook", "Lakeside Housing", month)
        _store(engine, f"facebook_posts_2026-{month:02}.csv", fb, "posts", 2 if month == 10 else 0)
        li = _posts("linkedin", "lakeside-housing", month)
        _store(engine, f"linkedin_posts_2026-{month:02}.xlsx", li, "posts", 0)
    _store(
        engine,
        "facebook_followers.csv",
        _followers("facebook", "Lakeside Housing", 3000),
        "days",
        0,
    )
    _store(
        engine,
        "linkedin_followers.xlsx",
        _followers("linkedin", "lakeside-housing", 900),
        "days",
        0,
    )


def import_newer_october(engine: Engine) -> None:
    """A re-export of October's Facebook posts with higher engagement (latest export wins)."""
    frame = _posts("facebook", "Lakeside Housing", 10, bump=1.5)
    _store(engine, "facebook_posts_2026-10_reexport.csv", frame, "posts", 0)
