"""Hootsuite Inbox 2.0 "Resolved conversations" export (message grain, response times).

exports.md section 7 marks the full header list as UNCERTAIN: the help pages confirm the first
columns (`Conversation ID, Medium, Channel, Channel Display Name, Contact Profile ID, ...,
Created at, ...`) but the page text was cut off. The columns `First response at`, `Resolved at`,
`Tags` and `Sentiment`, and the `YYYY-MM-DD HH:MM:SS` timestamp format, are OUR ASSUMPTION of
what the export holds; the file is written in the time zone chosen at export time
(America/Guatemala here), which Hootsuite applies to every date/time field.

Medium values are Hootsuite's channel families (`facebook`, `instagram`, `twitter`); the
`Channel Display Name` is the account as the warehouse stores it.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sample_data.truth import (
    ACCOUNTS,
    END,
    START,
    Truth,
    audience_factor,
    day_range,
    in_campaign,
    in_summer_dip,
    lognormal,
    poisson,
)
from sample_data.writers import Cell, csv_text

HEADER = [
    "Conversation ID", "Medium", "Channel", "Channel Display Name", "Contact Profile ID",
    "Created at", "First response at", "Resolved at", "Tags", "Sentiment",
]  # fmt: skip
CHANNELS = [
    ("facebook", "5f1c2a9e0b7d4c3a8e6f0a11", ACCOUNTS["facebook"], 0.45),
    ("instagram", "5f1c2a9e0b7d4c3a8e6f0a12", ACCOUNTS["instagram"], 0.3),
    ("twitter", "5f1c2a9e0b7d4c3a8e6f0a13", ACCOUNTS["x"], 0.25),
]
TAGS = [
    "question", "event registration", "media request", "data request", "donation",
    "complaint", "job inquiry", "partnership",
]  # fmt: skip
SENTIMENTS = [("positive", 0.35), ("neutral", 0.5), ("negative", 0.15)]


def median_response_hours(day: date) -> float:
    """The story: slow in 2025, a response rota from February 2026, summer slip, fast campaign."""
    if day < date(2026, 2, 1):
        return 9.0
    value = 9.0 - 5.0 * min(1.0, (day - date(2026, 2, 1)).days / 120)
    if in_summer_dip(day):
        value = 6.5
    if in_campaign(day):
        value = 3.0
    return value


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def resolved_conversations(seed: int) -> bytes:
    rng = random.Random(f"{seed}:inbox")
    rows: list[list[Cell]] = []
    for day in day_range(START, END):
        volume = 1.6 * audience_factor(day) * (1.8 if in_campaign(day) else 1.0)
        for _ in range(poisson(rng, volume)):
            medium, channel, display, _ = rng.choices(CHANNELS, [c[3] for c in CHANNELS])[0]
            created = datetime(
                day.year,
                day.month,
                day.day,
                rng.randint(6, 22),
                rng.randrange(60),
                rng.randrange(60),
            )
            tag = rng.choice(TAGS)
            if in_campaign(day) and rng.random() < 0.5:
                tag = rng.choice(["event registration", "donation"])
            sentiment = rng.choices([s for s, _ in SENTIMENTS], [w for _, w in SENTIMENTS])[0]
            answered = rng.random() > 0.04
            delay = timedelta(hours=median_response_hours(day) * lognormal(rng, 0.7) * 1.28)
            first = created + delay if answered else None
            resolved = (first or created) + timedelta(hours=2.0 * lognormal(rng, 0.8) * 1.37)
            if resolved.date() > END:
                continue  # resolved after the export's end: not in this export
            tags = tag if rng.random() < 0.8 else f"{tag};follow-up"
            rows.append(
                [
                    f"{rng.getrandbits(96):024x}",
                    medium,
                    channel,
                    display,
                    f"{rng.getrandbits(64):016x}",
                    _stamp(created),
                    _stamp(first) if first else "",
                    _stamp(resolved),
                    tags,
                    sentiment,
                ]
            )
    rows.sort(key=lambda r: (str(r[7]), str(r[0])))
    return csv_text([HEADER, *rows], quoting="minimal").encode("utf-8")


def generate(truth: Truth) -> dict[str, dict[str, bytes]]:
    name = f"resolved_conversations_{START.isoformat()}_{END.isoformat()}.csv"
    return {"inbox": {name: resolved_conversations(truth.seed)}}
