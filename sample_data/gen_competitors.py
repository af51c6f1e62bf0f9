"""Competitor figures (issue 16): LinkedIn's Competitors export and socialkpi's competitor
template, for the benchmark view and the report's benchmark section.

- `exports/linkedin/northwind-policy-institute_competitor_analytics_<epoch-ms>.xls`: one per
  month, August to October 2026, as LinkedIn writes it (row 1 the range as two `MM/DD/YYYY`
  cells, row 2 `Page, Total followers, New followers, Total post engagements, Total posts`, one
  row per Page, Northwind's own among them; the own Page is told by the LinkedIn account the
  demo imports with);
- `exports/competitors/competitor_benchmarks_2025-01_2026-10.csv`: the template (docs/
  competitor_template.csv) for Facebook, Instagram and X from January 2025 and for LinkedIn
  until July 2026, `Own` = yes on Northwind's rows.

Northwind's rows are its own figures from the truth model (followers at the month's end, net
new followers, posts published, their reactions + comments + shares); the three competitors'
are seeded series of their own, larger or smaller than Northwind's.
"""

from __future__ import annotations

import calendar
import random
from datetime import date, datetime, timedelta

from sample_data.gen_linkedin import epoch_ms, us_date
from sample_data.truth import ACCOUNTS, Truth
from sample_data.writers import Cell, csv_text, xls_bytes

OWN_NAME = "Northwind Policy Institute"
# name -> (followers, posts, engagements) relative to Northwind at the start, monthly growth
COMPETITORS: dict[str, tuple[float, float, float, float]] = {
    "Southgate Research Centre": (1.7, 1.3, 1.25, 0.012),
    "Eastbrook Forum": (0.55, 0.8, 0.5, 0.02),
    "Westmere Policy Lab": (0.9, 1.1, 1.1, 0.008),
}
TEMPLATE_PLATFORMS = ("facebook", "instagram", "x", "linkedin")
LINKEDIN_EXPORT_MONTHS = (date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1))
FIRST_MONTH, LAST_MONTH = date(2025, 1, 1), date(2026, 10, 1)


def _months(first: date, last: date) -> list[date]:
    out, month = [], first
    while month <= last:
        out.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return out


def _month_end(month: date) -> date:
    return date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])


def own_figures(truth: Truth, platform: str, month: date) -> dict[str, int]:
    """Northwind's own month on a platform, from the truth model."""
    end = _month_end(month)
    before = month - timedelta(days=1)
    followers = truth.day(platform, end)["followers"]
    previous = (
        truth.day(platform, before)["followers"]
        if before in truth.daily[platform]
        else truth.followers_start[platform]
    )
    posts = truth.posts_between(platform, month, end)
    engagements = sum(
        round(p.metrics["reactions"] + p.metrics["comments"] + p.metrics["shares"]) for p in posts
    )
    return {
        "followers": followers,
        "new_followers": followers - previous,
        "posts": len(posts),
        "engagements": engagements,
    }


def competitor_figures(truth: Truth, platform: str) -> dict[tuple[str, date], dict[str, int]]:
    """Every competitor's month on a platform: a seeded series scaled on Northwind's start."""
    rng = random.Random(f"{truth.seed}:competitors:{platform}")
    start = own_figures(truth, platform, FIRST_MONTH)
    out: dict[tuple[str, date], dict[str, int]] = {}
    for name, (f_scale, p_scale, e_scale, growth) in COMPETITORS.items():
        followers = round(truth.followers_start[platform] * f_scale)
        for month in _months(FIRST_MONTH, LAST_MONTH):
            gained = round(followers * growth * rng.uniform(0.6, 1.4))
            followers += gained
            posts = max(1, round(max(start["posts"], 4) * p_scale * rng.uniform(0.75, 1.25)))
            own = own_figures(truth, platform, month)
            # half the sector's level, half Northwind's month (campaigns lift everyone a little)
            level = max(start["engagements"], 40) / max(start["posts"], 4)
            now = own["engagements"] / own["posts"] if own["posts"] else level
            per_post = (level + now) / 2 * e_scale
            engagements = round(posts * per_post * rng.uniform(0.7, 1.3))
            out[(name, month)] = {
                "followers": followers,
                "new_followers": gained,
                "posts": posts,
                "engagements": engagements,
            }
    return out


def linkedin_exports(truth: Truth) -> dict[str, bytes]:
    others = competitor_figures(truth, "linkedin")
    files: dict[str, bytes] = {}
    for month in LINKEDIN_EXPORT_MONTHS:
        end = _month_end(month)
        header = [
            "Page",
            "Total followers",
            "New followers",
            "Total post engagements",
            "Total posts",
        ]
        rows: list[list[Cell]] = [[us_date(month), us_date(end)], header]
        own = own_figures(truth, "linkedin", month)
        rows.append(
            [OWN_NAME, own["followers"], own["new_followers"], own["engagements"], own["posts"]]
        )
        for name in COMPETITORS:
            f = others[(name, month)]
            rows.append([name, f["followers"], f["new_followers"], f["engagements"], f["posts"]])
        moment = datetime(end.year, end.month, end.day) + timedelta(days=1, hours=15, minutes=2)
        name = f"{ACCOUNTS['linkedin']}_competitor_analytics_{epoch_ms(moment)}.xls"
        files[name] = xls_bytes([("Competitors", rows)])
    return files


def template_csv(truth: Truth) -> bytes:
    header = ["Competitor", "Platform", "Month", "Own", "Followers", "New followers", "Posts",
              "Engagements"]  # fmt: skip
    rows: list[list[Cell]] = []
    for platform in TEMPLATE_PLATFORMS:
        others = competitor_figures(truth, platform)
        last = date(2026, 7, 1) if platform == "linkedin" else LAST_MONTH
        for month in _months(FIRST_MONTH, last):
            own = own_figures(truth, platform, month)
            label = f"{month:%Y-%m}"
            rows.append([OWN_NAME, platform, label, "yes", own["followers"], own["new_followers"],
                         own["posts"], own["engagements"]])  # fmt: skip
            for name in COMPETITORS:
                f = others[(name, month)]
                rows.append([name, platform, label, "", f["followers"], f["new_followers"],
                             f["posts"], f["engagements"]])  # fmt: skip
    return csv_text([header, *rows]).encode("utf-8")


def generate(truth: Truth) -> dict[str, dict[str, bytes]]:
    return {
        "linkedin": linkedin_exports(truth),
        "competitors": {"competitor_benchmarks_2025-01_2026-10.csv": template_csv(truth)},
    }
