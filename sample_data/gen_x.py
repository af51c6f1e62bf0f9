"""X exports: Premium account overview and content files, plus one legacy tweet-activity file.

Quirks reproduced (exports.md section 3):
- `account_overview_analytics.csv`: `"Ddd, Mon D, YYYY"` dates, newest first, unquoted integers;
  a second download `account_overview_analytics (1).csv` overlaps December 2025 and revises the
  last days of the first file (X fills in recent days late: newest export wins);
- `account_analytics_content_<start>_<end>.csv` in ~90-day windows; 2025 files use the early-2025
  header (`Link`, `Share`, `Url clicks`, dates `Mon Feb 17 2025`, HTML entities in the text),
  2026 files the 2026 header (`Post Link`, `Shares`, `URL Clicks`, dates `"Tue, Jul 14, 2026"`);
  19-digit post ids; replies start with `@`;
- legacy `tweet_activity_metrics_<handle>_<YYYYMMDD>_<YYYYMMDD>_en.csv` (2022): every field
  quoted, counts as floats (`"424.0"`), engagement rate a long fraction, `-` in promoted columns,
  `YYYY-MM-DD HH:MM +0000` times.
"""

from __future__ import annotations

import html
import random
from datetime import date, datetime, timedelta

from sample_data.truth import (
    ACCOUNTS,
    UTC_OFFSET,
    Post,
    Truth,
    day_range,
    lognormal,
    make_text,
)
from sample_data.writers import Cell, csv_text

HANDLE = ACCOUNTS["x"]
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

OVERVIEW_HEADER = [
    "Date", "Impressions", "Likes", "Engagements", "Bookmarks", "Shares", "New follows",
    "Unfollows", "Replies", "Reposts", "Profile visits", "Create Post", "Video views",
    "Media views",
]  # fmt: skip

OVERVIEW_FILES = [
    ("account_overview_analytics.csv", date(2025, 1, 1), date(2025, 12, 31)),
    ("account_overview_analytics (1).csv", date(2025, 12, 1), date(2026, 10, 31)),
]
# X revises the most recent days after the fact; the share of the final value first shown.
PROVISIONAL = (0.9, 0.78, 0.55)

CONTENT_WINDOWS = [
    (date(2025, 1, 1), date(2025, 3, 31)),
    (date(2025, 4, 1), date(2025, 6, 29)),
    (date(2025, 6, 30), date(2025, 9, 27)),
    (date(2025, 9, 28), date(2025, 12, 31)),
    (date(2026, 1, 1), date(2026, 3, 31)),
    (date(2026, 4, 1), date(2026, 6, 29)),
    (date(2026, 6, 30), date(2026, 9, 27)),
    (date(2026, 9, 28), date(2026, 10, 31)),
]

HEADER_2025 = [
    "Post id", "Date", "Post text", "Link", "Impressions", "Likes", "Engagements", "Bookmarks",
    "Share", "New follows", "Replies", "Reposts", "Profile visits", "Detail expands",
    "Url clicks", "Hashtag clicks", "Permalink clicks",
]  # fmt: skip
HEADER_2026 = [
    "Post id", "Date", "Post text", "Post Link", "Impressions", "Likes", "Engagements",
    "Bookmarks", "Shares", "New follows", "Replies", "Reposts", "Profile visits",
    "Detail Expands", "URL Clicks", "Hashtag Clicks", "Permalink Clicks",
]  # fmt: skip


def premium_date(day: date) -> str:
    """`Tue, Jul 14, 2026` (day of month not padded)."""
    return f"{DAYS[day.weekday()]}, {MONTHS[day.month - 1]} {day.day}, {day.year}"


def early_2025_date(day: date) -> str:
    """`Mon Feb 17 2025` (JavaScript's Date.toDateString)."""
    return f"{DAYS[day.weekday()]} {MONTHS[day.month - 1]} {day.day:02d} {day.year}"


def _overview_values(truth: Truth, day: date) -> dict[str, int]:
    d = truth.day("x", day)
    likes = d["reactions"]
    replies = d["comments"]
    reposts = round(d["shares"] * 0.7)
    shares = d["shares"] - reposts
    bookmarks = d["bookmarks"]
    engagements = (
        likes + replies + reposts + shares + bookmarks + d["link_clicks"]
        + round(d["impressions"] * 0.006)
    )  # fmt: skip
    return {
        "Impressions": d["impressions"],
        "Likes": likes,
        "Engagements": engagements,
        "Bookmarks": bookmarks,
        "Shares": shares,
        "New follows": d["follows"],
        "Unfollows": d["unfollows"],
        "Replies": replies,
        "Reposts": reposts,
        "Profile visits": d["profile_visits"],
        "Create Post": d["posts"],
        "Video views": d["video_views"] if day >= date(2025, 6, 1) else 0,
        "Media views": round(d["video_views"] * 1.8) if day >= date(2025, 6, 1) else 0,
    }


def overview_exports(truth: Truth) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name, start, end in OVERVIEW_FILES:
        rows: list[list[Cell]] = []
        for day in reversed(day_range(start, end)):
            values = _overview_values(truth, day)
            age = (end - day).days
            if age < len(PROVISIONAL):
                share = PROVISIONAL[age]
                values = {
                    k: round(v * share) if k != "Create Post" else v for k, v in values.items()
                }
            rows.append([premium_date(day), *(values[h] for h in OVERVIEW_HEADER[1:])])
        files[name] = csv_text([OVERVIEW_HEADER, *rows], quoting="minimal").encode("utf-8")
    return files


def _content_values(post: Post, as_of: date) -> dict[str, int]:
    m = post.lifetime(as_of)
    likes = m["reactions"]
    reposts = round(m["shares"] * 0.7)
    shares = m["shares"] - reposts
    values = {
        "impressions": m["impressions"],
        "likes": likes,
        "bookmarks": m["saves"],
        "shares": shares,
        "follows": m["follows"],
        "replies": m["comments"],
        "reposts": reposts,
        "profile_visits": m["profile_visits"],
        "detail_expands": m["detail_expands"],
        "url_clicks": m["link_clicks"],
        "hashtag_clicks": m["hashtag_clicks"] if "#" in post.text else 0,
        "permalink_clicks": round(m["clicks"] * 0.1),
    }
    values["engagements"] = sum(v for k, v in values.items() if k not in ("impressions", "follows"))
    return values


def content_exports(truth: Truth) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for start, end in CONTENT_WINDOWS:
        as_of = end + timedelta(days=1)
        old = start.year == 2025
        header = HEADER_2025 if old else HEADER_2026
        rows: list[list[Cell]] = []
        posts = sorted(
            truth.posts_between("x", start, end),
            key=lambda p: (p.published, p.post_id),
            reverse=True,
        )
        for post in posts:
            v = _content_values(post, as_of)
            day = post.published.date()
            rows.append(
                [
                    post.post_id,
                    early_2025_date(day) if old else premium_date(day),
                    html.escape(post.text, quote=False) if old else post.text,
                    f"https://x.com/{HANDLE}/status/{post.post_id}",
                    v["impressions"],
                    v["likes"],
                    v["engagements"],
                    v["bookmarks"],
                    v["shares"],
                    v["follows"],
                    v["replies"],
                    v["reposts"],
                    v["profile_visits"],
                    v["detail_expands"],
                    v["url_clicks"],
                    v["hashtag_clicks"],
                    v["permalink_clicks"],
                ]
            )
        name = f"account_analytics_content_{start.isoformat()}_{end.isoformat()}.csv"
        files[name] = csv_text([header, *rows], quoting="minimal").encode("utf-8")
    return files


LEGACY_HEADER = [
    "Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements",
    "engagement rate", "retweets", "replies", "likes", "user profile clicks", "url clicks",
    "hashtag clicks", "detail expands", "permalink clicks", "app opens", "app installs",
    "follows", "email tweet", "dial phone", "media views", "media engagements",
    "promoted impressions", "promoted engagements", "promoted engagement rate",
    "promoted retweets", "promoted replies", "promoted likes", "promoted user profile clicks",
    "promoted url clicks", "promoted hashtag clicks", "promoted detail expands",
    "promoted permalink clicks", "promoted app opens", "promoted app installs",
    "promoted follows", "promoted email tweet", "promoted dial phone", "promoted media views",
    "promoted media engagements",
]  # fmt: skip
LEGACY_START = date(2022, 10, 1)
LEGACY_END = date(2022, 12, 31)


def legacy_tweet_activity(seed: int) -> dict[str, bytes]:
    rng = random.Random(f"{seed}:x:legacy")
    rows: list[list[Cell]] = []
    for n, day in enumerate(day_range(LEGACY_START, LEGACY_END)):
        for _ in range(0 if day.weekday() >= 5 else rng.choice([0, 1, 1, 2])):
            local = datetime(day.year, day.month, day.day, rng.randint(8, 18), rng.randrange(60))
            utc = local - UTC_OFFSET
            utc_ms = int((utc - datetime(1970, 1, 1)).total_seconds() * 1000)
            tweet_id = str(((utc_ms - 1288834974657) << 22) | rng.getrandbits(22))
            impressions = round(900 * lognormal(rng, 0.6))
            retweets = rng.randint(0, 9)
            replies = rng.randint(0, 4)
            likes = rng.randint(1, 30)
            profile = rng.randint(0, 12)
            url = rng.randint(0, 20)
            hashtag = rng.randint(0, 3)
            expands = rng.randint(2, 40)
            permalink = rng.randint(0, 3)
            media_views = rng.choice([0, 0, rng.randint(10, 200)])
            media_eng = round(media_views * 0.1)
            engagements = retweets + replies + likes + profile + url + hashtag + expands + permalink
            engagements += media_eng
            text = make_text(rng, "public budgets", "#Budget2023", n, multiline=rng.random() < 0.2)
            rows.append(
                [
                    tweet_id,
                    f"https://twitter.com/{HANDLE}/status/{tweet_id}",
                    text,
                    utc.strftime("%Y-%m-%d %H:%M +0000"),
                    f"{float(impressions)!r}",
                    f"{float(engagements)!r}",
                    repr(engagements / impressions),
                    f"{float(retweets)!r}",
                    f"{float(replies)!r}",
                    f"{float(likes)!r}",
                    f"{float(profile)!r}",
                    f"{float(url)!r}",
                    f"{float(hashtag)!r}",
                    f"{float(expands)!r}",
                    f"{float(permalink)!r}",
                    0,
                    0,
                    0,
                    0,
                    0,
                    media_views,
                    media_eng,
                    *["-"] * 18,
                ]
            )
    rows.reverse()
    name = f"tweet_activity_metrics_{HANDLE}_{LEGACY_START:%Y%m%d}_{LEGACY_END:%Y%m%d}_en.csv"
    return {name: csv_text([LEGACY_HEADER, *rows], quoting="all").encode("utf-8")}


def generate(truth: Truth) -> dict[str, dict[str, bytes]]:
    return {
        "x": {
            **overview_exports(truth),
            **content_exports(truth),
            **legacy_tweet_activity(truth.seed),
        }
    }
