"""Facebook and Instagram exports from Meta Business Suite, plus one legacy Insights export.

Quirks reproduced (see /work/shared/exports.md sections 1 and 2):
- per-post exports: UTF-8 BOM, Meta quoting (headers and values quoted only when they hold a
  space, comma, quote or line break), `Date` = `Lifetime`, `Publish time` `MM/DD/YYYY HH:MM`,
  multi-line captions with emoji and `""` escapes, `Caption type` `N/A`, lifetime totals as of
  the export day; 2025 files say `Impressions`, 2026 files `Views`; the column
  `Negative feedback from users: Hide all` is missing in some files, one adds
  `Negative feedback from users: Hide`; one Facebook export is an .xlsx;
- daily metric files: UTF-16 LE with BOM, `sep=,`, a title line, `"Date","Primary"`, ISO local
  midnight, follows files sparse (days with 0 are absent), a browser-suffixed `Views (1).csv`;
- legacy Facebook Insights post export (late 2021): a description row under the header,
  duplicate column names (Total Count vs Unique Users), `M/D/YYYY H:MM`.
"""

from __future__ import annotations

import random
import string
from datetime import date, datetime, timedelta

from sample_data.truth import ACCOUNTS, Post, Truth, day_range, lognormal, make_text
from sample_data.writers import Cell, csv_text, meta_daily_bytes, utf8_bom, xlsx_bytes

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PAGE_ID = "104857600123456"
IG_ACCOUNT_ID = "17841400987654321"
PAGE_NAME = ACCOUNTS["facebook"]

POST_PERIODS: list[tuple[date, date]] = [
    (date(2025, 1, 1), date(2025, 2, 28)),
    (date(2025, 3, 1), date(2025, 4, 30)),
    (date(2025, 5, 1), date(2025, 6, 30)),
    (date(2025, 7, 1), date(2025, 8, 31)),
    (date(2025, 9, 1), date(2025, 10, 31)),
    (date(2025, 11, 1), date(2025, 12, 31)),
    (date(2026, 1, 1), date(2026, 2, 28)),
    (date(2026, 3, 1), date(2026, 4, 30)),
    (date(2026, 5, 1), date(2026, 6, 30)),
    (date(2026, 7, 1), date(2026, 8, 31)),
    (date(2026, 9, 1), date(2026, 10, 31)),
]
FB_XLSX_PERIOD = (date(2026, 5, 1), date(2026, 6, 30))

IG_PERIODS: list[tuple[date, date]] = [
    (date(2025, 1, 1), date(2025, 4, 30)),
    (date(2025, 5, 1), date(2025, 8, 31)),
    (date(2025, 9, 1), date(2025, 12, 31)),
    (date(2026, 1, 1), date(2026, 4, 30)),
    (date(2026, 5, 1), date(2026, 8, 31)),
    (date(2026, 9, 1), date(2026, 10, 31)),
]

DAILY_PERIODS: list[tuple[date, date]] = [
    (date(2025, 1, 1), date(2025, 12, 31)),
    (date(2026, 1, 1), date(2026, 10, 31)),
]


def mbs_date(day: date) -> str:
    return f"{MONTHS[day.month - 1]}-{day.day:02d}-{day.year}"


def export_moment(end: date) -> datetime:
    """Exports are downloaded the morning after the period ends."""
    nxt = end + timedelta(days=1)
    return datetime(nxt.year, nxt.month, nxt.day, 9, 30)


def publish_time(post: Post) -> str:
    return post.published.strftime("%m/%d/%Y %H:%M")


def _pfbid(rng: random.Random) -> str:
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    return "pfbid0" + "".join(rng.choice(alphabet) for _ in range(48)) + "l"


FB_TYPES = {"photo": "Photos", "link": "Links", "video": "Videos", "reel": "Reels"}


def _fb_header(views_name: str, variant: int) -> list[str]:
    header = [
        "Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)",
        "Publish time", "Caption type", "Permalink", "Is crosspost", "Is share", "Post type",
        "Languages", "Custom labels", "Funded content status", "Data comment", "Date",
        views_name, "Reach", "Reactions, Comments and Shares", "Reactions", "Comments", "Shares",
        "Total clicks", "Matched Audience Targeting Consumption (Photo Click)", "Other Clicks",
        "Link Clicks", "Matched Audience Targeting Consumption (Video Click)",
        "Negative feedback from users: Hide all", "Seconds viewed", "Average Seconds viewed",
        "Estimated earnings (USD)", "Ad CPM (USD)", "Ad impressions",
    ]  # fmt: skip
    if variant == 1:
        header.remove("Negative feedback from users: Hide all")
    if variant == 2:
        index = header.index("Negative feedback from users: Hide all")
        header.insert(index, "Negative feedback from users: Hide")
    return header


def _fb_row(post: Post, as_of: date, rng: random.Random) -> dict[str, Cell]:
    m = post.lifetime(as_of)
    views = m["impressions"]
    link_clicks = m["link_clicks"] if post.kind == "link" else round(m["link_clicks"] * 0.3)
    photo_clicks = round(m["clicks"] * 0.4) if post.kind == "photo" else 0
    video_clicks = round(m["clicks"] * 0.3) if post.kind in ("video", "reel") else 0
    other_clicks = max(0, m["clicks"] - link_clicks - photo_clicks - video_clicks)
    total_clicks = link_clicks + photo_clicks + video_clicks + other_clicks
    seconds = m["watch_seconds"]
    plays = max(m["video_views"], 1)
    if post.kind == "reel":
        link = f"https://www.facebook.com/reel/{post.post_id}"
    elif post.kind == "video":
        link = f"https://www.facebook.com/northwindpolicy/videos/{post.post_id}/"
    else:
        link = f"https://www.facebook.com/northwindpolicy/posts/{_pfbid(rng)}"
    title = "" if post.kind == "reel" else post.text
    description = post.text if post.kind in ("reel", "video", "link") else ""
    return {
        "Post ID": post.post_id,
        "Page ID": PAGE_ID,
        "Page name": PAGE_NAME,
        "Title": title,
        "Description": description,
        "Duration (sec)": post.duration_sec,
        "Publish time": publish_time(post),
        "Caption type": "N/A",
        "Permalink": link,
        "Is crosspost": 1 if post.kind == "reel" and rng.random() < 0.3 else 0,
        "Is share": 0,
        "Post type": FB_TYPES[post.kind],
        "Languages": "",
        "Custom labels": "",
        "Funded content status": "",
        "Data comment": "",
        "Date": "Lifetime",
        "Views": views,
        "Impressions": views,
        "Reach": m["reach"],
        "Reactions, Comments and Shares": m["reactions"] + m["comments"] + m["shares"],
        "Reactions": m["reactions"],
        "Comments": m["comments"],
        "Shares": m["shares"],
        "Total clicks": total_clicks,
        "Matched Audience Targeting Consumption (Photo Click)": photo_clicks,
        "Other Clicks": other_clicks,
        "Link Clicks": link_clicks,
        "Matched Audience Targeting Consumption (Video Click)": video_clicks,
        "Negative feedback from users: Hide all": m["negative_hide"],
        "Negative feedback from users: Hide": max(0, m["negative_hide"] - 1),
        "Seconds viewed": seconds if post.kind in ("video", "reel") else 0,
        "Average Seconds viewed": round(seconds / plays) if post.kind in ("video", "reel") else 0,
        "Estimated earnings (USD)": "",
        "Ad CPM (USD)": "",
        "Ad impressions": "",
    }


def facebook_post_exports(truth: Truth) -> dict[str, bytes]:
    rng = random.Random(f"{truth.seed}:facebook:exports")
    files: dict[str, bytes] = {}
    for index, (start, end) in enumerate(POST_PERIODS):
        as_of = end + timedelta(days=1)
        views_name = "Impressions" if start.year == 2025 else "Views"
        variant = 1 if index in (1, 4, 7, 9) else (2 if index == 5 else 0)
        header = _fb_header(views_name, variant)
        posts = sorted(
            truth.posts_between("facebook", start, end),
            key=lambda p: (p.published, p.post_id),
            reverse=True,
        )
        rows = [[_fb_row(p, as_of, rng)[h] for h in header] for p in posts]
        name = f"{PAGE_NAME} {mbs_date(start)}_{mbs_date(end)}"
        if (start, end) == FB_XLSX_PERIOD:
            typed = [[_xlsx_cell(v) for v in row] for row in rows]
            files[f"{name}.xlsx"] = xlsx_bytes([("Sheet1", [header, *typed])], export_moment(end))
        else:
            files[f"{name}.csv"] = utf8_bom(csv_text([header, *rows], quoting="meta"))
    return files


def _xlsx_cell(value: Cell) -> Cell:
    if isinstance(value, str) and value.isdigit() and len(value) < 10:
        return int(value)
    return value


IG_TYPES = {"image": "IG image", "carousel": "IG carousel", "reel": "IG reel"}


def _shortcode(rng: random.Random) -> str:
    alphabet = string.ascii_letters + string.digits + "_-"
    return "D" + "".join(rng.choice(alphabet) for _ in range(10))


def instagram_post_exports(truth: Truth) -> dict[str, bytes]:
    rng = random.Random(f"{truth.seed}:instagram:exports")
    files: dict[str, bytes] = {}
    for start, end in IG_PERIODS:
        as_of = end + timedelta(days=1)
        views_name = "Impressions" if start.year == 2025 else "Views"
        header = [
            "Post ID", "Account ID", "Account username", "Account name", "Description",
            "Duration (sec)", "Publish time", "Permalink", "Post type", "Data comment", "Date",
            views_name, "Reach", "Likes", "Shares", "Follows", "Comments", "Saves",
        ]  # fmt: skip
        rows: list[list[Cell]] = []
        posts = sorted(
            truth.posts_between("instagram", start, end),
            key=lambda p: (p.published, p.post_id),
            reverse=True,
        )
        for post in posts:
            m = post.lifetime(as_of)
            path = "reel" if post.kind == "reel" else "p"
            rows.append(
                [
                    post.post_id,
                    IG_ACCOUNT_ID,
                    ACCOUNTS["instagram"],
                    PAGE_NAME,
                    post.text,
                    post.duration_sec,
                    publish_time(post),
                    f"https://www.instagram.com/{path}/{_shortcode(rng)}/",
                    IG_TYPES[post.kind],
                    "",
                    "Lifetime",
                    m["impressions"],
                    m["reach"],
                    m["reactions"],
                    m["shares"],
                    m["follows"],
                    m["comments"],
                    m["saves"],
                ]
            )
        name = f"{PAGE_NAME} {mbs_date(start)}_{mbs_date(end)}.csv"
        files[name] = utf8_bom(csv_text([header, *rows], quoting="meta"))
    return files


FB_DAILY = [
    ("Views.csv", "Views", "impressions", False),
    ("Viewers.csv", "Viewers", "reach", False),
    ("Follows.csv", "Facebook follows", "follows", True),
    ("Interactions.csv", "Content interactions", "engagements", False),
    ("Link clicks.csv", "Facebook link clicks", "link_clicks", False),
    ("Visits.csv", "Facebook visits", "profile_visits", False),
]

IG_DAILY = [
    ("Follows.csv", "Instagram follows", "follows", True),
    ("Views.csv", "Views", "impressions", False),
    ("Reach.csv", "Reach", "reach", False),
    ("Interactions.csv", "Content interactions", "engagements", False),
    ("Visits.csv", "Instagram profile visits", "profile_visits", False),
]


def _daily_files(
    truth: Truth, platform: str, spec: list[tuple[str, str, str, bool]], start: date, end: date
) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    folder = f"daily_{start.isoformat()}_{end.isoformat()}"
    for file_name, title, measure, sparse in spec:
        series = [(d, truth.day(platform, d)[measure]) for d in day_range(start, end)]
        if sparse:
            series = [(d, v) for d, v in series if v > 0]
        if platform == "facebook" and file_name == "Views.csv" and start.year == 2026:
            file_name = "Views (1).csv"
        files[f"{folder}/{file_name}"] = meta_daily_bytes(title, series)
    return files


def facebook_daily_exports(truth: Truth) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for start, end in DAILY_PERIODS:
        files.update(_daily_files(truth, "facebook", FB_DAILY, start, end))
    return files


def instagram_daily_exports(truth: Truth) -> dict[str, bytes]:
    return _daily_files(truth, "instagram", IG_DAILY, date(2025, 1, 1), date(2026, 10, 31))


LEGACY_TYPES = [("Photo", 0.45), ("Link", 0.35), ("Status", 0.1), ("Video", 0.1)]

LEGACY_COLUMNS: list[tuple[str, str]] = [
    ("Post ID", ""),
    ("Permalink", ""),
    ("Post Message", ""),
    ("Type", ""),
    ("Countries", ""),
    ("Languages", ""),
    ("Posted", ""),
    ("Audience Targeting", ""),
    ("Lifetime Post Total Reach", "Lifetime: The total number of people your Page post was served to. (Unique Users)"),
    ("Lifetime Post organic reach", "Lifetime: The number of people who saw your Page post in news feed or ticker, or on your Page's timeline. (Unique Users)"),
    ("Lifetime Post Paid Reach", "Lifetime: The number of people your advertised Page post was served to. (Unique Users)"),
    ("Lifetime Post Total Impressions", "Lifetime: The number of impressions of your Page post. (Total Count)"),
    ("Lifetime Post Organic Impressions", "Lifetime: The number of impressions of your post in News Feed or ticker or on your Page's Timeline. (Total Count)"),
    ("Lifetime Post Paid Impressions", "Lifetime: The number of impressions for your Page post in an Ad or Sponsored Story. (Total Count)"),
    ("Lifetime Engaged Users", "Lifetime: The number of people who clicked anywhere in your posts. (Unique Users)"),
    ("Lifetime Matched Audience Targeting Consumers on Post", "Lifetime: The number of people who matched the audience targeting that clicked anywhere in your post. (Unique Users)"),
    ("Lifetime Matched Audience Targeting Consumptions on Post", "Lifetime: The number of times people who matched the audience targeting clicked anywhere in your post. (Total Count)"),
    ("Lifetime Negative feedback", "Lifetime: The number of times people have given negative feedback to your post. (Total Count)"),
    ("Lifetime Negative Feedback from Users", "Lifetime: The number of people who have given negative feedback to your post. (Unique Users)"),
    ("Lifetime Post Impressions by people who have liked your Page", "Lifetime: The number of impressions of your Page post to people who have liked your Page. (Total Count)"),
    ("Lifetime Post reach by people who like your Page", "Lifetime: The number of people who saw your Page post because they've liked your Page (Unique Users)"),
    ("Lifetime Post Paid Impressions by people who have liked your Page", "Lifetime: The number of paid impressions of your Page post to people who have liked your Page. (Total Count)"),
    ("Lifetime Paid reach of a post by people who like your Page", "Lifetime: The number of people who like your Page and who saw your Page post in an ad or sponsored story. (Unique Users)"),
    ("Lifetime People who have liked your Page and engaged with your post", "Lifetime: The number of people who have liked your Page and clicked anywhere in your posts. (Unique Users)"),
    ("Lifetime Average time video viewed", "Lifetime: Average time video viewed (Total Count)"),
    ("Lifetime Organic views to 95%", "Lifetime: Number of times your video was viewed to 95% of its length without any paid promotion. (Total Count)"),
    ("Lifetime Organic views to 95%", "Lifetime: Number of times your video was viewed to 95% of its length without any paid promotion. (Unique Users)"),
    ("Lifetime Paid views to 95%", "Lifetime: Number of times your video was viewed to 95% of its length after paid promotion. (Total Count)"),
    ("Lifetime Paid views to 95%", "Lifetime: Number of times your video was viewed to 95% of its length after paid promotion. (Unique Users)"),
    ("Lifetime Video length", "Lifetime: Length of a video post (Total Count)"),
    ("Lifetime Organic Video Views", "Lifetime: Number of times your video was viewed for more than 3 seconds without any paid promotion. (Total Count)"),
    ("Lifetime Organic Video Views", "Lifetime: Number of times your video was viewed for more than 3 seconds without any paid promotion. (Unique Users)"),
    ("Lifetime Paid Video Views", "Lifetime: Number of times your video was viewed for more than 3 seconds after paid promotion. (Total Count)"),
    ("Lifetime Paid Video Views", "Lifetime: Number of times your video was viewed for more than 3 seconds after paid promotion. (Unique Users)"),
]  # fmt: skip

LEGACY_START = date(2021, 10, 1)
LEGACY_END = date(2021, 12, 31)


def legacy_facebook_insights(seed: int) -> dict[str, bytes]:
    """Post-level Insights export of late 2021 (before the sample's main period)."""
    rng = random.Random(f"{seed}:facebook:legacy")
    header = [name for name, _ in LEGACY_COLUMNS]
    descriptions = [text for _, text in LEGACY_COLUMNS]
    rows: list[list[Cell]] = []
    for n, day in enumerate(day_range(LEGACY_START, LEGACY_END)):
        if day.weekday() >= 5 or rng.random() < 0.35:
            continue
        posted = datetime(
            day.year, day.month, day.day, rng.choice([8, 9, 11, 14, 16]), rng.randrange(60)
        )
        kind = rng.choices([k for k, _ in LEGACY_TYPES], [w for _, w in LEGACY_TYPES])[0]
        post_number = str(rng.randint(10**15, 10**16 - 1))
        text = make_text(rng, "fiscal policy", "#Budget2022", n, multiline=rng.random() < 0.3)
        impressions = round(1400 * lognormal(rng, 0.5))
        reach = round(impressions * rng.uniform(0.6, 0.8))
        organic_reach = reach
        engaged = round(reach * rng.uniform(0.02, 0.06))
        consumptions = round(engaged * rng.uniform(1.1, 1.6))
        negative = rng.choice([0, 0, 0, 1, 2])
        fan_impr = round(impressions * 0.55)
        fan_reach = round(reach * 0.5)
        is_video = kind == "Video"
        length = rng.randint(40, 240) * 1000 if is_video else None
        views = round(impressions * 0.3) if is_video else None
        views_unique = round(views * 0.85) if views is not None else None
        to95 = round(views * 0.12) if views is not None else None
        to95_unique = round(to95 * 0.9) if to95 is not None else None
        avg_time = rng.randint(8000, 40000) if is_video else None
        rows.append(
            [
                f"{PAGE_ID}_{post_number}",
                f"https://www.facebook.com/northwindpolicy/posts/{post_number}:0",
                text,
                kind,
                "",
                "",
                f"{posted.month}/{posted.day}/{posted.year} {posted.hour}:{posted.minute:02d}",
                "",
                reach,
                organic_reach,
                0,
                impressions,
                impressions,
                0,
                engaged,
                engaged,
                consumptions,
                negative,
                negative,
                fan_impr,
                fan_reach,
                0,
                0,
                round(engaged * 0.6),
                avg_time,
                to95,
                to95_unique,
                0 if is_video else None,
                0 if is_video else None,
                length,
                views,
                views_unique,
                0 if is_video else None,
                0 if is_video else None,
            ]
        )
    rows.reverse()
    name = f"Facebook Insights Data Export (Post Level) - {PAGE_NAME} - 2022-01-03.csv"
    return {name: utf8_bom(csv_text([header, descriptions, *rows], quoting="minimal"))}


def generate(truth: Truth) -> dict[str, dict[str, bytes]]:
    facebook = {
        **facebook_post_exports(truth),
        **facebook_daily_exports(truth),
        **legacy_facebook_insights(truth.seed),
    }
    instagram = {**instagram_post_exports(truth), **instagram_daily_exports(truth)}
    return {"facebook": facebook, "instagram": instagram}
