"""LinkedIn Page analytics downloads: content, followers and visitors workbooks.

Quirks reproduced (exports.md section 4):
- legacy binary `.xls` (BIFF8, written with xlwt), named `<vanity>_<kind>_<epoch-ms>.xls`
  where the epoch is the download moment;
- a note row above every header; `Date` / `Created date` as `MM/DD/YYYY` text (UTC dates);
- content: sheet `Metrics` (20 daily columns) and `All posts` (20 columns), engagement rate and
  CTR as fractions, `Reposts (...)`; one older file (late 2022) still says `Shares (...)`;
  `Content Type` sparse; `Views` blank for posts that are not videos; sponsored posts during
  the autumn 2026 campaign; one content download saved as .xlsx;
- followers: `New followers` (`Total followers` = new followers that day) and five demographic
  sheets; visitors: `Visitor metrics` (25 columns) and the same five demographic sheets.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta

from sample_data.truth import (
    ACCOUNTS,
    CAMPAIGN_NAME,
    UTC_OFFSET,
    Post,
    Truth,
    day_range,
    in_campaign,
)
from sample_data.writers import Cell, xls_bytes, xlsx_bytes

VANITY = ACCOUNTS["linkedin"]

CONTENT_PERIODS = [
    (date(2025, 1, 1), date(2025, 6, 30), "xls"),
    (date(2025, 7, 1), date(2025, 12, 31), "xlsx"),
    (date(2026, 1, 1), date(2026, 6, 30), "xls"),
    (date(2026, 7, 1), date(2026, 10, 31), "xls"),
]
LEGACY_PERIOD = (date(2022, 10, 1), date(2022, 12, 31))
LEGACY_SHIFT = date(2025, 10, 1) - date(2022, 10, 1)
AUDIENCE_PERIODS = [(date(2025, 1, 1), date(2025, 12, 31)), (date(2026, 1, 1), date(2026, 10, 31))]

DEMOGRAPHICS: dict[str, list[tuple[str, float]]] = {
    "Location": [
        ("Guatemala City, Guatemala", 0.38), ("Quetzaltenango, Guatemala", 0.07),
        ("Mexico City, Mexico", 0.09), ("San Salvador, El Salvador", 0.06),
        ("Tegucigalpa, Honduras", 0.04), ("Washington DC-Baltimore Area", 0.08),
        ("San José, Costa Rica", 0.04), ("Madrid, Spain", 0.03),
    ],
    "Job function": [
        ("Research", 0.19), ("Education", 0.14), ("Community and Social Services", 0.12),
        ("Finance", 0.1), ("Consulting", 0.09), ("Legal", 0.06), ("Media and Communication", 0.08),
    ],
    "Seniority": [
        ("Senior", 0.31), ("Entry", 0.22), ("Manager", 0.14), ("Director", 0.09),
        ("VP", 0.03), ("CXO", 0.02), ("Owner", 0.02), ("Training", 0.04),
    ],
    "Industry": [
        ("Think Tanks", 0.17), ("Government Administration", 0.16), ("Higher Education", 0.14),
        ("Non-profit Organizations", 0.13), ("International Affairs", 0.08),
        ("Banking", 0.05), ("Public Policy Offices", 0.07),
    ],
    "Company size": [
        ("1-10", 0.08), ("11-50", 0.14), ("51-200", 0.17), ("201-500", 0.12),
        ("501-1000", 0.08), ("1001-5000", 0.13), ("5001-10,000", 0.07), ("10,001+", 0.21),
    ],
}  # fmt: skip

CONTENT_TYPES = {"video": "Video", "document": "Document", "article": "Article", "image": "Image"}


def us_date(day: date) -> str:
    return day.strftime("%m/%d/%Y")


def download_moment(end: date) -> datetime:
    nxt = end + timedelta(days=1)
    return datetime(nxt.year, nxt.month, nxt.day, 8, 42, 17)


def epoch_ms(local: datetime) -> int:
    return int((local - UTC_OFFSET - datetime(1970, 1, 1)).total_seconds() * 1000) + 531


def _ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 6) if denominator else 0.0


def _metrics_sheet(
    truth: Truth, start: date, end: date, word: str, shift: timedelta
) -> list[list[Cell]]:
    header = ["Date"]
    for measure in (
        "Impressions",
        "Unique impressions",
        "Clicks",
        "Reactions",
        "Comments",
        word,
        "Engagement rate",
    ):
        parts = (
            ("organic",) if measure == "Unique impressions" else ("organic", "sponsored", "total")
        )
        header += [f"{measure} ({part})" for part in parts]
    rows: list[list[Cell]] = [
        [f"Aggregated metrics for all posts by date, {us_date(start)} - {us_date(end)} (UTC)"],
        header,
    ]
    for day in day_range(start, end):
        d = truth.day("linkedin", day + shift)
        org_impr, org_clicks, org_react = d["impressions"], d["link_clicks"] * 3, d["reactions"]
        org_comments, org_reposts = d["comments"], d["shares"]
        sponsored = in_campaign(day)
        sp_impr = round(org_impr * 0.8) if sponsored else 0
        sp_clicks = round(sp_impr * 0.011) if sponsored else 0
        sp_react = round(sp_impr * 0.006) if sponsored else 0
        sp_comments = round(sp_impr * 0.0008) if sponsored else 0
        sp_reposts = round(sp_impr * 0.0006) if sponsored else 0
        org_eng = org_clicks + org_react + org_comments + org_reposts
        sp_eng = sp_clicks + sp_react + sp_comments + sp_reposts
        rows.append(
            [
                us_date(day),
                org_impr, sp_impr, org_impr + sp_impr,
                round(org_impr * 0.62),
                org_clicks, sp_clicks, org_clicks + sp_clicks,
                org_react, sp_react, org_react + sp_react,
                org_comments, sp_comments, org_comments + sp_comments,
                org_reposts, sp_reposts, org_reposts + sp_reposts,
                _ratio(org_eng, org_impr), _ratio(sp_eng, sp_impr),
                _ratio(org_eng + sp_eng, org_impr + sp_impr),
            ]
        )  # fmt: skip
    return rows


def _posts_sheet(
    posts: list[Post], start: date, end: date, as_of: date, word: str
) -> list[list[Cell]]:
    header = [
        "Post title", "Post link", "Post type", "Campaign name", "Posted by", "Created date",
        "Campaign start date", "Campaign end date", "Audience", "Impressions", "Views",
        "Offsite Views", "Clicks", "Click through rate (CTR)", "Likes", "Comments", word,
        "Follows", "Engagement rate", "Content Type",
    ]  # fmt: skip
    rows: list[list[Cell]] = [
        [f"Post performance for posts created between {us_date(start)} and {us_date(end)}"],
        header,
    ]
    for index, post in enumerate(
        sorted(posts, key=lambda p: (p.published, p.post_id), reverse=True)
    ):
        m = post.lifetime(as_of)
        sponsored = in_campaign(post.published.date()) and index % 4 == 0
        video = post.kind == "video"
        engagement = m["clicks"] + m["reactions"] + m["comments"] + m["shares"] + m["follows"]
        content_type = CONTENT_TYPES.get(post.kind, "") if (video or index % 3 == 0) else ""
        rows.append(
            [
                post.text.split("\n")[0][:200],
                f"https://www.linkedin.com/feed/update/urn:li:{'ugcPost' if video else 'activity'}:{post.post_id}",
                "Sponsored" if sponsored else "Organic",
                CAMPAIGN_NAME if sponsored else "",
                "Ana Lucía Pérez" if index % 2 else "Northwind Policy Institute",
                us_date(post.published.date()),
                "09/01/2026" if sponsored else "",
                "10/31/2026" if sponsored else "",
                "All followers",
                m["impressions"],
                m["video_views"] if video else "",
                round(m["video_views"] * 0.05) if video else "",
                m["clicks"],
                _ratio(m["clicks"], m["impressions"]),
                m["reactions"],
                m["comments"],
                m["shares"],
                m["follows"],
                _ratio(engagement, m["impressions"]),
                content_type,
            ]
        )
    return rows


def _shifted(post: Post, shift: timedelta) -> Post:
    shift_ms = int(shift.total_seconds() * 1000)
    return replace(
        post,
        published=post.published - shift,
        post_id=str(int(post.post_id) - (shift_ms << 22)),
        text=post.text.replace("2026", "2023").replace("2025", "2022"),
    )


def content_exports(truth: Truth) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    periods: list[tuple[date, date, str, timedelta]] = [(*LEGACY_PERIOD, "xls", LEGACY_SHIFT)]
    periods += [(s, e, fmt, timedelta(0)) for s, e, fmt in CONTENT_PERIODS]
    for start, end, fmt, shift in periods:
        word = "Shares" if start.year < 2023 else "Reposts"
        posts = [
            _shifted(p, shift) for p in truth.posts_between("linkedin", start + shift, end + shift)
        ]
        as_of = end + timedelta(days=1)
        sheets = [
            ("Metrics", _metrics_sheet(truth, start, end, word, shift)),
            ("All posts", _posts_sheet(posts, start, end, as_of, word)),
        ]
        moment = download_moment(end)
        name = f"{VANITY}_content_{epoch_ms(moment)}"
        if fmt == "xlsx":
            files[f"{name}.xlsx"] = xlsx_bytes(sheets, moment)
        else:
            files[f"{name}.xls"] = xls_bytes(sheets)
    return files


def _demographic_sheets(total: int, label: str) -> list[tuple[str, list[list[Cell]]]]:
    sheets: list[tuple[str, list[list[Cell]]]] = []
    for dimension, shares in DEMOGRAPHICS.items():
        rows: list[list[Cell]] = [[dimension, label]]
        rows += [[name, round(total * share)] for name, share in shares]
        sheets.append((dimension, rows))
    return sheets


def followers_exports(truth: Truth) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for start, end in AUDIENCE_PERIODS:
        rows: list[list[Cell]] = [
            [f"New followers by date, {us_date(start)} - {us_date(end)} (UTC)"],
            [
                "Date",
                "Sponsored followers",
                "Organic followers",
                "Auto-invited followers",
                "Total followers",
            ],
        ]
        for day in day_range(start, end):
            d = truth.day("linkedin", day)
            sponsored = round(d["follows"] * 0.4) if in_campaign(day) else 0
            invited = 1 if day.day % 9 == 0 else 0
            rows.append(
                [us_date(day), sponsored, d["follows"], invited, d["follows"] + sponsored + invited]
            )
        total = truth.day("linkedin", end)["followers"]
        sheets = [("New followers", rows), *_demographic_sheets(total, "Total followers")]
        files[f"{VANITY}_followers_{epoch_ms(download_moment(end))}.xls"] = xls_bytes(sheets)
    return files


def visitors_exports(truth: Truth) -> dict[str, bytes]:
    rng = random.Random(f"{truth.seed}:linkedin:visitors")
    files: dict[str, bytes] = {}
    pages = ("Overview", "Life", "Jobs")
    for start, end in AUDIENCE_PERIODS:
        header = ["Date"]
        for page in (*pages, "Total"):
            for metric in ("page views", "unique visitors"):
                label = f"{page} {metric}"
                header += [f"{label} (desktop)", f"{label} (mobile)", f"{label} (total)"]
        rows: list[list[Cell]] = [
            [f"Visitor metrics, {us_date(start)} - {us_date(end)} (UTC)"],
            header,
        ]
        for day in day_range(start, end):
            visits = truth.day("linkedin", day)["profile_visits"]
            row: list[Cell] = [us_date(day)]
            totals = [0, 0, 0, 0, 0, 0]
            for weight in (0.7, 0.1, 0.2):
                views = round(visits * weight * rng.uniform(0.85, 1.15))
                desktop, mobile = round(views * 0.58), views - round(views * 0.58)
                uniq_d, uniq_m = round(desktop * 0.7), round(mobile * 0.75)
                row += [desktop, mobile, views, uniq_d, uniq_m, uniq_d + uniq_m]
                totals = [
                    a + b
                    for a, b in zip(
                        totals,
                        [desktop, mobile, views, uniq_d, uniq_m, uniq_d + uniq_m],
                        strict=True,
                    )
                ]
            rows.append(row + totals)
        total = sum(truth.day("linkedin", d)["profile_visits"] for d in day_range(start, end))
        sheets = [("Visitor metrics", rows), *_demographic_sheets(total, "Total views")]
        files[f"{VANITY}_visitors_{epoch_ms(download_moment(end) + timedelta(minutes=1))}.xls"] = (
            xls_bytes(sheets)
        )
    return files


def generate(truth: Truth) -> dict[str, dict[str, bytes]]:
    return {
        "linkedin": {
            **content_exports(truth),
            **followers_exports(truth),
            **visitors_exports(truth),
        }
    }
