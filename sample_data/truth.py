"""The simulated "truth" behind every sample export: posts and daily activity of Northwind.

One seeded model feeds all platform generators so the KPIs tell a consistent story:
- audiences grow steadily over 2025-01 .. 2026-10 (about +40 %);
- engagement per impression improves through the first half of 2026 (the new strategy);
- July and August 2026 dip (summer recess: fewer posts, smaller audiences);
- September and October 2026 carry the "Fiscal Futures 2026" campaign: more posts, more reach,
  and many more link clicks (event registrations and donations).
Times are naive local times in America/Guatemala (UTC-6 all year, no daylight saving).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

START = date(2025, 1, 1)
END = date(2026, 10, 31)
TIMEZONE = "America/Guatemala"
UTC_OFFSET = timedelta(hours=-6)
DEFAULT_SEED = 20261101
CAMPAIGN_START = date(2026, 9, 1)
CAMPAIGN_END = date(2026, 10, 31)
CAMPAIGN_NAME = "Fiscal Futures 2026"

PLATFORMS = ("facebook", "instagram", "x", "linkedin", "youtube", "tiktok")

ACCOUNTS = {
    "facebook": "Northwind Policy Institute",
    "instagram": "northwindpolicy",
    "x": "northwindpolicy",
    "linkedin": "northwind-policy-institute",
    "youtube": "Northwind Policy Institute",
    "tiktok": "northwindpolicy",
}


def day_range(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def in_campaign(day: date) -> bool:
    return CAMPAIGN_START <= day <= CAMPAIGN_END


def in_summer_dip(day: date) -> bool:
    return date(2026, 7, 1) <= day <= date(2026, 8, 31)


def audience_factor(day: date) -> float:
    """How many people the organisation reaches on `day`, relative to January 2025."""
    growth = 1.0 + 0.4 * (day - START).days / (END - START).days
    season = 1.0
    if (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 5):
        season = 0.7
    elif day.month in (7, 8) and day.year == 2025:
        season = 0.92
    if in_summer_dip(day):
        season = 0.72
    if in_campaign(day):
        season = 1.55
    weekday = 0.62 if day.weekday() >= 5 else 1.0
    return growth * season * weekday


def engagement_factor(day: date) -> float:
    """Engagement per impression, relative to 2025 (flat); the 2026 strategy lifts it."""
    if day.year < 2026:
        return 1.0
    ramp = min(1.0, (day - date(2026, 1, 1)).days / 150)
    value = 1.0 + 0.35 * ramp
    if in_summer_dip(day):
        value *= 0.8
    if in_campaign(day):
        value *= 1.12
    return value


def click_factor(day: date) -> float:
    return 2.6 if in_campaign(day) else 1.0


def posting_rate(day: date) -> float:
    """Relative number of posts on `day`."""
    rate = 0.3 if day.weekday() >= 5 else 1.0
    if (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 3):
        rate *= 0.4
    if in_summer_dip(day):
        rate *= 0.6
    if in_campaign(day):
        rate *= 1.5
    return rate


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    threshold, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= threshold:
            return k
        k += 1


def lognormal(rng: random.Random, sigma: float) -> float:
    return math.exp(rng.gauss(-sigma * sigma / 2, sigma))


@dataclass
class Post:
    platform: str
    post_id: str
    published: datetime
    kind: str
    text: str
    topic: str
    metrics: dict[str, float] = field(default_factory=dict)
    duration_sec: int = 0

    def lifetime(self, as_of: date) -> dict[str, int]:
        """Lifetime totals as an export taken on `as_of` shows them (young posts are still growing)."""
        age = (as_of - self.published.date()).days
        maturity = 1.0 - math.exp(-(max(age, 0) + 0.5) / 2.5)
        return {name: round(value * maturity) for name, value in self.metrics.items()}


@dataclass
class Truth:
    seed: int
    posts: dict[str, list[Post]]
    daily: dict[str, dict[date, dict[str, int]]]
    followers_start: dict[str, int]

    def posts_between(self, platform: str, start: date, end: date) -> list[Post]:
        return [p for p in self.posts[platform] if start <= p.published.date() <= end]

    def day(self, platform: str, day: date) -> dict[str, int]:
        return self.daily[platform][day]


TOPICS = [
    ("fiscal", "fiscal policy", "#FiscalPolicy"),
    ("climate", "climate adaptation", "#ClimateAdaptation"),
    ("migration", "migration and remittances", "#Migration"),
    ("education", "public education", "#Education"),
    ("water", "water governance", "#Water"),
    ("justice", "justice reform", "#RuleOfLaw"),
    ("digital", "digital government", "#GovTech"),
    ("health", "primary health care", "#Health"),
]

OPENERS = [
    "New report: {title}",
    "Op-ed by our senior fellow: {title}",
    "Data brief: {title}",
    "Join us: {title}",
    "Podcast episode {n}: {title}",
    "Policy memo: {title}",
    "5 charts on {topic}",
    "What the new budget means for {topic}",
]

TITLES = [
    "Why {topic} needs a long-term plan",
    "Three lessons from municipal pilots in {topic}",
    'The "missing middle" in {topic}',
    "Counting what matters in {topic}",
    "{topic}: costs & benefits for households",
    "Rethinking {topic} after the 2025 elections",
    "Who pays for {topic}? Evidence from 12 districts",
]

CLOSERS = [
    "Read the full analysis: https://northwindpolicy.org/r/{slug}",
    "Register here: https://northwindpolicy.org/events/{slug}",
    "Download the data: https://northwindpolicy.org/data/{slug}",
    "Thoughts? Tell us below.",
    "",
]

EMOJI = ["📊", "🌎", "💡", "📣", "✅", "🗓️", "🎙️", "📈"]


def make_text(rng: random.Random, topic: str, hashtag: str, n: int, multiline: bool) -> str:
    title = rng.choice(TITLES).format(topic=topic)
    opener = rng.choice(OPENERS).format(title=title, topic=topic, n=n)
    slug = f"{hashtag[1:].lower()}-{n}"
    closer = rng.choice(CLOSERS).format(slug=slug)
    if rng.random() < 0.35:
        opener = f"{rng.choice(EMOJI)} {opener}"
    parts = [opener]
    if multiline:
        parts.append("")
        parts.append(f"Key finding: {rng.randint(12, 68)}% of respondents support reform {hashtag}")
    if closer:
        parts.append(closer)
    return ("\n" if multiline else " ").join(parts)


# Per platform: posts per weekday, impressions per post, engagement rate, click rate.
POST_PROFILE = {
    "facebook": (1.3, 2600.0, 0.028, 0.012),
    "instagram": (0.8, 1900.0, 0.048, 0.0),
    "x": (2.0, 1500.0, 0.019, 0.006),
    "linkedin": (0.8, 2100.0, 0.036, 0.015),
    "tiktok": (0.5, 3200.0, 0.062, 0.0),
}

KINDS = {
    "facebook": [("photo", 0.45), ("link", 0.35), ("video", 0.12), ("reel", 0.08)],
    "instagram": [("image", 0.4), ("carousel", 0.35), ("reel", 0.25)],
    "x": [("post", 0.8), ("reply", 0.2)],
    "linkedin": [
        ("image", 0.35),
        ("text", 0.2),
        ("document", 0.2),
        ("video", 0.1),
        ("article", 0.15),
    ],
    "tiktok": [("video", 1.0)],
}

KIND_REACH = {"video": 1.3, "reel": 1.6, "carousel": 1.15, "reply": 0.25, "document": 1.2}

# Daily account level: impressions per day, follows per day, profile visits per day.
DAY_PROFILE = {
    "facebook": (5200.0, 3.0, 60.0),
    "instagram": (3600.0, 4.0, 75.0),
    "x": (4400.0, 6.0, 90.0),
    "linkedin": (2800.0, 7.0, 55.0),
    "youtube": (900.0, 1.5, 0.0),
    "tiktok": (4800.0, 9.0, 40.0),
}

FOLLOWERS_START = {
    "facebook": 18400,
    "instagram": 6200,
    "x": 12900,
    "linkedin": 9800,
    "youtube": 3100,
    "tiktok": 1450,
}


def _pick_kind(rng: random.Random, platform: str) -> str:
    roll, acc = rng.random(), 0.0
    for kind, weight in KINDS[platform]:
        acc += weight
        if roll < acc:
            return kind
    return KINDS[platform][-1][0]


def _x_snowflake(rng: random.Random, published: datetime) -> str:
    utc_ms = int((published - UTC_OFFSET - datetime(1970, 1, 1)).total_seconds() * 1000)
    return str(((utc_ms - 1288834974657) << 22) | rng.getrandbits(22))


def _post_id(rng: random.Random, platform: str, published: datetime) -> str:
    if platform == "facebook":
        return str(rng.randint(10**15, 10**16 - 1))
    if platform == "instagram":
        return "18" + str(rng.randint(10**14, 10**15 - 1))
    if platform in ("x", "tiktok"):
        return _x_snowflake(rng, published)
    utc_ms = int((published - UTC_OFFSET - datetime(1970, 1, 1)).total_seconds() * 1000)
    return str((utc_ms << 22) | rng.getrandbits(22))


def _post_metrics(rng: random.Random, platform: str, kind: str, day: date) -> dict[str, float]:
    _, base_impr, base_er, base_ctr = POST_PROFILE[platform]
    impressions = base_impr * audience_factor(day) * KIND_REACH.get(kind, 1.0) * lognormal(rng, 0.5)
    er = base_er * engagement_factor(day) * lognormal(rng, 0.3)
    engagements = impressions * er
    reactions = engagements * rng.uniform(0.55, 0.7)
    comments = engagements * rng.uniform(0.05, 0.12)
    shares = engagements * rng.uniform(0.08, 0.18)
    saves = (
        engagements * rng.uniform(0.04, 0.1) if platform in ("instagram", "x", "tiktok") else 0.0
    )
    clicks = impressions * max(base_ctr, 0.004) * click_factor(day) * lognormal(rng, 0.35)
    link_share = 0.8 if kind in ("link", "article", "document") else 0.25
    video_views = impressions * rng.uniform(0.35, 0.6) if kind in ("video", "reel") else 0.0
    if platform == "tiktok":
        video_views = impressions
    return {
        "impressions": impressions,
        "reach": impressions * rng.uniform(0.58, 0.82),
        "reactions": reactions,
        "comments": comments,
        "shares": shares,
        "saves": saves,
        "clicks": clicks,
        "link_clicks": clicks * link_share,
        "video_views": video_views,
        "watch_seconds": video_views * rng.uniform(9, 40),
        "follows": impressions * 0.0009 * lognormal(rng, 0.5),
        "profile_visits": impressions * 0.006 * lognormal(rng, 0.4),
        "detail_expands": impressions * 0.012 * lognormal(rng, 0.4),
        "hashtag_clicks": impressions * 0.0015 * lognormal(rng, 0.6),
        "negative_hide": impressions * 0.0004 * lognormal(rng, 0.8),
    }


def _build_posts(seed: int, platform: str) -> list[Post]:
    rng = random.Random(f"{seed}:posts:{platform}")
    per_day = POST_PROFILE[platform][0]
    posts: list[Post] = []
    used: set[str] = set()
    for n, day in enumerate(day_range(START, END)):
        for _ in range(poisson(rng, per_day * posting_rate(day))):
            hour = rng.choice([7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19])
            published = datetime(day.year, day.month, day.day, hour, rng.randrange(60))
            kind = _pick_kind(rng, platform)
            key, topic, hashtag = rng.choice(TOPICS)
            if in_campaign(day) and rng.random() < 0.6:
                key, topic, hashtag = "fiscal", "fiscal policy", "#FiscalFutures2026"
            text = make_text(
                rng, topic, hashtag, n, multiline=platform != "x" and rng.random() < 0.5
            )
            if platform == "x" and kind == "reply":
                handle = rng.choice(
                    ["@gtfinance", "@cepal_onu", "@mariagomez_econ", "@civicdatalab"]
                )
                text = f"{handle} Thanks for sharing & for the data. Our {topic} numbers agree."
            post_id = _post_id(rng, platform, published)
            while post_id in used:
                post_id = _post_id(rng, platform, published)
            used.add(post_id)
            duration = (
                rng.randint(15, 180) if kind in ("video", "reel") or platform == "tiktok" else 0
            )
            posts.append(
                Post(
                    platform=platform,
                    post_id=post_id,
                    published=published,
                    kind=kind,
                    text=text,
                    topic=key,
                    metrics=_post_metrics(rng, platform, kind, day),
                    duration_sec=duration,
                )
            )
    posts.sort(key=lambda p: (p.published, p.post_id))
    return posts


def _build_daily(seed: int, platform: str, posts: list[Post]) -> dict[date, dict[str, int]]:
    rng = random.Random(f"{seed}:daily:{platform}")
    base_impr, follow_rate, visit_rate = DAY_PROFILE[platform]
    per_day: dict[date, int] = {}
    for post in posts:
        per_day[post.published.date()] = per_day.get(post.published.date(), 0) + 1
    _, _, base_er, base_ctr = POST_PROFILE.get(platform, (0, 0, 0.03, 0.004))
    followers = FOLLOWERS_START[platform]
    series: dict[date, dict[str, int]] = {}
    for day in day_range(START, END):
        n_posts = per_day.get(day, 0)
        impressions = base_impr * audience_factor(day) * (1 + 0.22 * n_posts) * lognormal(rng, 0.15)
        er = base_er * engagement_factor(day) * lognormal(rng, 0.12)
        engagements = impressions * er
        follows = poisson(rng, follow_rate * audience_factor(day) * engagement_factor(day))
        unfollows = poisson(rng, follow_rate * 0.22)
        followers += follows - unfollows
        reactions = round(engagements * 0.62)
        comments = round(engagements * 0.08)
        shares = round(engagements * 0.12)
        series[day] = {
            "impressions": round(impressions),
            "reach": round(impressions * rng.uniform(0.55, 0.7)),
            "engagements": round(engagements),
            "reactions": reactions,
            "comments": comments,
            "shares": shares,
            "bookmarks": round(engagements * 0.05),
            "link_clicks": round(
                impressions * max(base_ctr, 0.004) * click_factor(day) * lognormal(rng, 0.2)
            ),
            "profile_visits": round(visit_rate * audience_factor(day) * lognormal(rng, 0.25)),
            "follows": follows,
            "unfollows": unfollows,
            "followers": followers,
            "video_views": round(impressions * 0.2 * lognormal(rng, 0.2)),
            "posts": n_posts,
        }
    return series


def build_truth(seed: int = DEFAULT_SEED) -> Truth:
    posts = {p: _build_posts(seed, p) for p in POST_PROFILE}
    posts["youtube"] = []
    daily = {p: _build_daily(seed, p, posts[p]) for p in PLATFORMS}
    return Truth(seed=seed, posts=posts, daily=daily, followers_start=dict(FOLLOWERS_START))
