"""YouTube Studio (Advanced mode → Export) downloads for the channel.

Quirks reproduced (exports.md section 5):
- ZIPs named `Content <start>_<end> Northwind Policy Institute.zip` holding `Table data.csv`,
  `Chart data.csv` and `Totals.csv`; metrics are for the period, per video;
- `Table data.csv`: a `Total` row first, rows sorted by views, `"Mon D, YYYY"` publish dates,
  videos published years before the period, a blank publish time for an unlisted video (and a
  blank click-through rate where impressions are 0), negative subscribers, percents without
  `%`, watch time with up to 4 decimals, a leading space on ids that start with `-` followed by
  a letter or `-` (but not on `-` followed by a digit); 2026 exports carry extra columns;
- a Spanish-UI download left unzipped: folder `Contenido <start>_<end> Northwind Policy
  Institute/Datos de la tabla.csv` with Spanish headers and dates like `27 sept 2024`;
- `Subscribers.csv` (`Date,Subscribers`, the channel's running total on each day, as YouTube
  Studio writes it).
"""

from __future__ import annotations

import math
import random
import string
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sample_data.truth import (
    ACCOUNTS,
    END,
    START,
    TOPICS,
    Truth,
    audience_factor,
    day_range,
    engagement_factor,
    lognormal,
)
from sample_data.writers import Cell, csv_text, zip_bytes

CHANNEL = ACCOUNTS["youtube"]
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_ES = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic")

ZIP_PERIODS = [
    (date(2025, 1, 1), date(2025, 6, 30)),
    (date(2025, 7, 1), date(2025, 12, 31)),
    (date(2026, 4, 1), date(2026, 7, 31)),
    (date(2026, 8, 1), date(2026, 10, 31)),
]
SPANISH_PERIOD = (date(2026, 1, 1), date(2026, 3, 31))
FORCED_IDS = ["-HqGH4TtqYM", "--p73ZJqqto", "-2B7awALB8c", "-kPz0Lr9cQw"]


@dataclass(frozen=True)
class Video:
    video_id: str
    title: str
    published: date
    duration: int
    peak: float
    tail: float
    ctr: float
    unlisted: bool = False
    sheds_subscribers: bool = False


def us_date(day: date) -> str:
    return f"{MONTHS_EN[day.month - 1]} {day.day}, {day.year}"


def es_date(day: date) -> str:
    return f"{day.day} {MONTHS_ES[day.month - 1]} {day.year}"


def _video_id(rng: random.Random) -> str:
    alphabet = string.ascii_letters + string.digits
    return rng.choice(alphabet) + "".join(rng.choice(alphabet + "-_") for _ in range(10))


def build_videos(seed: int) -> list[Video]:
    rng = random.Random(f"{seed}:youtube:videos")
    videos: list[Video] = []
    published = date(2019, 3, 4)
    while published <= END:
        step = rng.randint(40, 90) if published < START else rng.randint(8, 20)
        _, topic, _ = rng.choice(TOPICS)
        title = rng.choice(
            [
                f"Explainer: {topic} in 5 minutes",
                f"Panel | The future of {topic}, live from Guatemala City",
                f'"What works" in {topic}: evidence, costs, trade-offs',
                f"Interview: rethinking {topic}",
                f"Webinar – {topic} data launch",
            ]
        )
        videos.append(
            Video(
                video_id=_video_id(rng),
                title=title,
                published=published,
                duration=rng.randint(180, 3600),
                peak=180 * lognormal(rng, 0.6),
                tail=6 * lognormal(rng, 0.5),
                ctr=rng.uniform(2.5, 7.5),
                sheds_subscribers=published.year < 2022 and rng.random() < 0.4,
            )
        )
        published += timedelta(days=step)
    for index, forced in enumerate(FORCED_IDS):
        slot = 3 + index * 7
        videos[slot] = Video(**{**videos[slot].__dict__, "video_id": forced})
    unlisted_slot = next(i for i, v in enumerate(videos) if v.published >= date(2026, 8, 1))
    videos[unlisted_slot] = Video(
        **{
            **videos[unlisted_slot].__dict__,
            "unlisted": True,
            "title": "Board retreat recording (internal)",
        }
    )
    return videos


def daily_views(video: Video, day: date) -> int:
    age = (day - video.published).days
    if age < 0:
        return 0
    if video.unlisted:
        return 4 if age < 60 else 0
    curve = video.peak * math.exp(-age / 12) + video.tail / (1 + age / 400)
    return round(curve * audience_factor(day) * engagement_factor(day) ** 0.5)


def content_id(video: Video) -> str:
    """The id as written in Table data.csv: a leading space protects `-<letter or ->` ids."""
    vid = video.video_id
    if vid.startswith("-") and (vid[1].isalpha() or vid[1] == "-"):
        return " " + vid
    return vid


def _period_rows(videos: list[Video], start: date, end: date) -> list[dict[str, float | int | str]]:
    rows = []
    days = day_range(start, end)
    for video in videos:
        views = sum(daily_views(video, d) for d in days)
        if views == 0:
            continue
        watch_hours = views * video.duration * 0.38 / 3600
        impressions = 0 if video.unlisted else round(views * 100 / video.ctr)
        subscribers = round(views * 0.006)
        if video.sheds_subscribers:
            subscribers = -(1 + (len(video.title) % 3))
        avg_seconds = round(video.duration * 0.38)
        rows.append(
            {
                "id": content_id(video),
                "title": video.title,
                "published": "" if video.unlisted else video.published.isoformat(),
                "duration": video.duration,
                "avg_duration": f"{avg_seconds // 3600}:{avg_seconds // 60 % 60:02d}:{avg_seconds % 60:02d}",
                "avg_percent": 38.0 + (video.duration % 7),
                "views": views,
                "watch_hours": watch_hours,
                "subscribers": subscribers,
                "impressions": impressions,
                "ctr": video.ctr if impressions else "",
            }
        )
    rows.sort(key=lambda r: (-int(r["views"]), str(r["id"])))
    return rows


def _hours(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def _publish(iso: str, language: str) -> str:
    if not iso:
        return ""
    day = date.fromisoformat(iso)
    return es_date(day) if language == "es" else us_date(day)


def table_data(
    videos: list[Video], start: date, end: date, *, rich: bool, language: str = "en"
) -> bytes:
    rows = _period_rows(videos, start, end)
    if language == "es":
        header = [
            "Contenido", "Título del vídeo", "Hora de publicación del vídeo", "Duración",
            "Visualizaciones", "Tiempo de visualización (horas)", "Suscriptores", "Impresiones",
            "Porcentaje de clics de las impresiones (%)",
        ]  # fmt: skip
    elif rich:
        header = [
            "Content", "Video title", "Video publish time", "Duration", "Average view duration",
            "Average percentage viewed (%)", "Views", "Watch time (hours)", "Subscribers",
            "Impressions", "Impressions click-through rate (%)",
        ]  # fmt: skip
    else:
        header = [
            "Content", "Video title", "Video publish time", "Duration", "Views",
            "Watch time (hours)", "Subscribers", "Impressions", "Impressions click-through rate (%)",
        ]  # fmt: skip
    total_views = sum(int(r["views"]) for r in rows)
    total_impr = sum(int(r["impressions"]) for r in rows)
    total_clicks = sum(
        int(r["impressions"]) * float(r["ctr"]) / 100 for r in rows if r["ctr"] != ""
    )
    total = {
        "id": "Total",
        "title": "",
        "published": "",
        "duration": "",
        "avg_duration": "",
        "avg_percent": "",
        "views": total_views,
        "watch_hours": sum(float(r["watch_hours"]) for r in rows),
        "subscribers": sum(int(r["subscribers"]) for r in rows),
        "impressions": total_impr,
        "ctr": round(100 * total_clicks / total_impr, 2) if total_impr else "",
    }
    out: list[list[Cell]] = [header]
    for r in [total, *rows]:
        line: list[Cell] = [
            r["id"],
            r["title"],
            _publish(str(r["published"]), language),
            r["duration"],
        ]
        if rich and language == "en":
            avg_percent = r["avg_percent"]
            line += [r["avg_duration"], f"{avg_percent:.2f}" if avg_percent != "" else ""]
        ctr = r["ctr"]
        line += [
            r["views"],
            _hours(float(r["watch_hours"])),
            r["subscribers"],
            r["impressions"],
            f"{float(ctr):.2f}" if ctr != "" else "",
        ]
        out.append(line)
    return csv_text(out, quoting="minimal").encode("utf-8")


def chart_data(videos: list[Video], start: date, end: date) -> bytes:
    top = _period_rows(videos, start, end)[:5]
    by_id = {content_id(v): v for v in videos}
    out: list[list[Cell]] = [
        ["Date", "Content", "Video title", "Video publish time", "Duration", "Views"]
    ]
    for day in day_range(start, end):
        for row in top:
            video = by_id[str(row["id"])]
            out.append(
                [
                    day.isoformat(),
                    row["id"],
                    video.title,
                    "" if video.unlisted else us_date(video.published),
                    video.duration,
                    daily_views(video, day),
                ]
            )
    return csv_text(out, quoting="minimal").encode("utf-8")


def totals(videos: list[Video], start: date, end: date) -> bytes:
    out: list[list[Cell]] = [["Date", "Views"]]
    for day in day_range(start, end):
        out.append([day.isoformat(), sum(daily_views(v, day) for v in videos)])
    return csv_text(out, quoting="minimal").encode("utf-8")


def export_moment(end: date) -> datetime:
    nxt = end + timedelta(days=1)
    return datetime(nxt.year, nxt.month, nxt.day, 11, 5, 0)


def generate(truth: Truth) -> dict[str, dict[str, bytes]]:
    videos = build_videos(truth.seed)
    files: dict[str, bytes] = {}
    for start, end in ZIP_PERIODS:
        entries = [
            ("Table data.csv", table_data(videos, start, end, rich=start.year >= 2026)),
            ("Chart data.csv", chart_data(videos, start, end)),
            ("Totals.csv", totals(videos, start, end)),
        ]
        files[f"Content {start.isoformat()}_{end.isoformat()} {CHANNEL}.zip"] = zip_bytes(
            entries, export_moment(end)
        )
    start, end = SPANISH_PERIOD
    folder = f"Contenido {start.isoformat()}_{end.isoformat()} {CHANNEL}"
    files[f"{folder}/Datos de la tabla.csv"] = table_data(
        videos, start, end, rich=False, language="es"
    )
    subscribers: list[list[Cell]] = [["Date", "Subscribers"]]
    for day in day_range(START, END):
        d = truth.day("youtube", day)
        subscribers.append([day.isoformat(), d["followers"]])
    folder = f"Subscribers {START.isoformat()}_{END.isoformat()} {CHANNEL}"
    files[f"{folder}/Subscribers.csv"] = csv_text(subscribers, quoting="minimal").encode("utf-8")
    return {"youtube": files}
