"""TikTok Studio downloads: Overview, Followers and Content ZIPs.

Quirks reproduced (exports.md section 6a):
- the handle appears only in the ZIP name; ZIP entries are stored (not compressed) and stamped
  with the export day (the day after the period's last day), which is what lets an importer
  infer the year of ZIPs whose name holds no date;
- `Overview_<first day>_<epoch seconds of the period end>_<handle>.zip`; the epoch is the last
  second (23:59:59) of the period's last day in America/Guatemala;
- CSVs: UTF-8 BOM, every field quoted, no trailing newline, ascending dates without a year
  (`"January 5"`), one 365-day Overview that runs from March 1 2025 to February 28 2026, one
  Spanish-UI Overview with English headers and dates like `"8 de marzo"`;
- daily `Comments` is negative on a few days (comments deleted);
- FollowerHistory holds the literal `undefined` on its first days (before TikTok kept history).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sample_data.truth import ACCOUNTS, UTC_OFFSET, Truth, day_range
from sample_data.writers import Cell, csv_text, utf8_bom, zip_bytes

HANDLE = ACCOUNTS["tiktok"]
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
MONTHS_ES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
)  # fmt: skip

# (first day, last day, UI language)
OVERVIEW_PERIODS = [
    (date(2025, 1, 1), date(2025, 2, 28), "en"),
    (date(2025, 3, 1), date(2026, 2, 28), "en"),
    (date(2026, 3, 1), date(2026, 6, 30), "es"),
    (date(2026, 7, 1), date(2026, 10, 31), "en"),
]
SNAPSHOT_START = date(2025, 11, 1)
SNAPSHOT_END = date(2026, 10, 31)
UNDEFINED_DAYS = 14


def tiktok_date(day: date, language: str = "en") -> str:
    if language == "es":
        return f"{day.day} de {MONTHS_ES[day.month - 1]}"
    return f"{MONTHS_EN[day.month - 1]} {day.day}"


def export_moment(end: date) -> datetime:
    nxt = end + timedelta(days=1)
    return datetime(nxt.year, nxt.month, nxt.day, 10, 15)


def period_end_epoch(end: date) -> int:
    local_last_second = datetime(end.year, end.month, end.day, 23, 59, 59)
    return int((local_last_second - UTC_OFFSET - datetime(1970, 1, 1)).total_seconds())


def tiktok_csv(rows: list[list[Cell]]) -> bytes:
    return utf8_bom(csv_text(rows, quoting="all", trailing_newline=False))


def _overview(truth: Truth, start: date, end: date, language: str, rng: random.Random) -> bytes:
    rows: list[list[Cell]] = [
        ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]
    ]
    for day in day_range(start, end):
        d = truth.day("tiktok", day)
        comments = d["comments"]
        if rng.random() < 0.03:
            comments = -rng.randint(1, 7)
        rows.append(
            [
                tiktok_date(day, language),
                d["impressions"],
                d["profile_visits"],
                d["reactions"],
                comments,
                d["shares"],
            ]
        )
    return tiktok_csv(rows)


def overview_exports(truth: Truth) -> dict[str, bytes]:
    rng = random.Random(f"{truth.seed}:tiktok:overview")
    files: dict[str, bytes] = {}
    for start, end, language in OVERVIEW_PERIODS:
        name = f"Overview_{start.isoformat()}_{period_end_epoch(end)}_{HANDLE}.zip"
        content = _overview(truth, start, end, language, rng)
        files[name] = zip_bytes([("Overview.csv", content)], export_moment(end), compress=False)
    return files


def followers_export(truth: Truth) -> dict[str, bytes]:
    history: list[list[Cell]] = [["Date", "Followers", "Difference in followers from previous day"]]
    for index, day in enumerate(day_range(SNAPSHOT_START, SNAPSHOT_END)):
        d = truth.day("tiktok", day)
        if index < UNDEFINED_DAYS:
            history.append([tiktok_date(day), "undefined", "undefined"])
        else:
            history.append([tiktok_date(day), d["followers"], d["follows"] - d["unfollows"]])
    gender: list[list[Cell]] = [
        ["Gender", "Distribution"],
        ["Female", "0.54"],
        ["Male", "0.43"],
        ["Other", "0.03"],
    ]
    territories: list[list[Cell]] = [
        ["Top territories", "Distribution"],
        ["GT", "0.462"],
        ["MX", "0.141"],
        ["US", "0.117"],
        ["SV", "0.072"],
        ["HN", "0.051"],
        ["Others", "0.157"],
    ]
    rng = random.Random(f"{truth.seed}:tiktok:activity")
    activity: list[list[Cell]] = [["Date", "Hour", "Active followers"]]
    last_days = day_range(SNAPSHOT_END - timedelta(days=6), SNAPSHOT_END)
    for day in last_days:
        for hour in range(24):
            if day == SNAPSHOT_END and hour == 23:
                continue  # the export stops at the last complete hour: 7 x 24 - 1 rows
            base = 0.15 + 0.85 * max(0.0, 1 - abs(hour - 19) / 9)
            activity.append([tiktok_date(day), hour, round(1100 * base * rng.uniform(0.9, 1.1))])
    entries = [
        ("FollowerHistory.csv", tiktok_csv(history)),
        ("FollowerGender.csv", tiktok_csv(gender)),
        ("FollowerTopTerritories.csv", tiktok_csv(territories)),
        ("FollowerActivity.csv", tiktok_csv(activity)),
    ]
    return {
        f"Followers_{HANDLE}.zip": zip_bytes(entries, export_moment(SNAPSHOT_END), compress=False)
    }


def content_export(truth: Truth) -> dict[str, bytes]:
    rows: list[list[Cell]] = [
        [
            "Time",
            "Video title",
            "Video link",
            "Post time",
            "Total likes",
            "Total comments",
            "Total shares",
            "Total views",
        ]
    ]
    as_of = SNAPSHOT_END + timedelta(days=1)
    for post in truth.posts_between("tiktok", SNAPSHOT_START, SNAPSHOT_END):
        m = post.lifetime(as_of)
        title = post.text.split("\n")[0].split(" https://")[0][:90]
        rows.append(
            [
                tiktok_date(SNAPSHOT_START),
                title,
                f"https://www.tiktok.com/@{HANDLE}/video/{post.post_id}",
                tiktok_date(post.published.date()),
                m["reactions"],
                m["comments"],
                m["shares"],
                m["video_views"],
            ]
        )
    return {
        f"Content_{HANDLE}.zip": zip_bytes(
            [("Content.csv", tiktok_csv(rows))], export_moment(SNAPSHOT_END), compress=False
        )
    }


def generate(truth: Truth) -> dict[str, dict[str, bytes]]:
    return {
        "tiktok": {**overview_exports(truth), **followers_export(truth), **content_export(truth)}
    }
