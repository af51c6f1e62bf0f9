"""Fixtures for metric tests: an empty warehouse (SQLite, or PostgreSQL when
SOCIALKPI_TEST_POSTGRES_URL is set) and a loader of fact rows written as plain dicts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert

from warehouse.engine import make_engine
from warehouse.schema import (
    blobs,
    day_values,
    import_coverage,
    imports,
    messages,
    metadata,
    posts,
)


@pytest.fixture
def warehouse(database_url: str) -> Iterator[Engine]:
    """An empty warehouse (schema created directly: faster than migrating for every case),
    on SQLite and, when SOCIALKPI_TEST_POSTGRES_URL is set, on a fresh PostgreSQL database."""
    engine = make_engine(database_url)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_warehouse(tmp_path: Any) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path}/warehouse.sqlite")
    metadata.create_all(engine)
    yield engine
    engine.dispose()


class StatementCounter:
    def __init__(self, engine: Engine) -> None:
        self.statements: list[str] = []
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.lstrip().upper().startswith("PRAGMA"):
            self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _stamp(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value))


def _complete(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every row with the same keys (a missing measure is NULL: not reported)."""
    keys = {k for row in rows for k in row}
    return [{k: row.get(k) for k in keys} for row in rows]


def load_facts(
    engine: Engine, facts: dict[str, list[dict[str, Any]]], file_name: str = "f.csv"
) -> int:
    """Insert fact rows under one import; day_values rows may be long (measure/value) or wide.
    `coverage` rows ({grain, platform, account, first_day, last_day, measures: [...]}) record
    what the import covers, as the import pipeline does (warehouse.store.record_coverage)."""
    with engine.begin() as conn:
        digest = f"{abs(hash(file_name)):064d}"[:64]
        conn.execute(insert(blobs).values(sha256=digest, content=b"x", size_bytes=1))
        import_id = conn.execute(
            insert(imports)
            .values(
                file_name=file_name,
                sha256=digest,
                format="test",
                status="loaded",
                imported_at=datetime(2026, 11, 1, 9, 0),
            )
            .returning(imports.c.id)
        ).scalar_one()
        rows = [
            {**r, "published_at": _stamp(r.get("published_at")), "import_id": import_id}
            for r in facts.get("posts", [])
        ]
        for i, row in enumerate(rows):
            row.setdefault("post_id", f"p{i}")
        if rows:
            conn.execute(insert(posts), _complete(rows))
        long_rows = []
        for r in facts.get("day_values", []):
            keys = {"platform": r["platform"], "account": r["account"], "date": _day(r["date"])}
            if "measure" in r:
                long_rows.append({**keys, "measure": r["measure"], "value": r.get("value")})
            else:
                for name, value in r.items():
                    if name not in ("platform", "account", "date"):
                        long_rows.append({**keys, "measure": name, "value": value})
        if long_rows:
            conn.execute(insert(day_values), [{**r, "import_id": import_id} for r in long_rows])
        message_rows = [
            {
                **r,
                "received_at": _stamp(r.get("received_at")),
                "first_response_at": _stamp(r.get("first_response_at")),
                "import_id": import_id,
            }
            for r in facts.get("messages", [])
        ]
        for i, row in enumerate(message_rows):
            row.setdefault("message_id", f"m{i}")
        if message_rows:
            conn.execute(insert(messages), _complete(message_rows))
        coverage = [
            {
                "import_id": import_id,
                "grain": c["grain"],
                "platform": c["platform"],
                "account": c["account"],
                "first_day": _day(c["first_day"]),
                "last_day": _day(c["last_day"]),
                "measures": ",".join(c.get("measures", [])),
            }
            for c in facts.get("coverage", [])
        ]
        if coverage:
            conn.execute(insert(import_coverage), coverage)
    return int(import_id)


@pytest.fixture
def facts() -> Any:
    """`facts(engine, {"posts": [...], "day_values": [...], "messages": [...]})` → import id."""
    return load_facts


@pytest.fixture
def statement_counter() -> Any:
    """`statement_counter(engine)` → a counter of the statements executed from then on."""
    return StatementCounter


ACCOUNTS = (
    ("facebook", "Northwind Policy Institute"),
    ("instagram", "northwindpolicy"),
    ("x", "northwindpolicy"),
    ("linkedin", "northwind-policy-institute"),
)


def synthetic_facts(months: int = 26, seed: int = 7) -> dict[str, list[dict[str, Any]]]:
    """Seeded facts from 2024-11 on: posts, account-days with gaps, messages."""
    import random

    rng = random.Random(seed)
    start = date(2024, 11, 1)
    days = [date.fromordinal(start.toordinal() + i) for i in range(int(months * 30.5))]
    posts_rows: list[dict[str, Any]] = []
    day_rows: list[dict[str, Any]] = []
    message_rows: list[dict[str, Any]] = []
    for platform, account in ACCOUNTS:
        followers = rng.randint(1000, 5000)
        for day in days:
            if rng.random() < 0.15:  # this account did not export this day
                continue
            followers += rng.randint(-3, 12)
            impressions = rng.randint(100, 2000)
            day_rows.append(
                {
                    "platform": platform,
                    "account": account,
                    "date": day,
                    "followers": float(followers),
                    "impressions": float(impressions),
                    "engagements": float(rng.randint(0, impressions // 10)),
                    "reach": None if platform == "x" else float(impressions * 0.7),
                    "profile_visits": float(rng.randint(0, 30)),
                }
            )
            for n in range(rng.choice((0, 0, 1, 2))):
                impressions = rng.randint(50, 5000)
                posts_rows.append(
                    {
                        "platform": platform,
                        "account": account,
                        "post_id": f"{platform}-{day.isoformat()}-{n}",
                        "published_at": datetime(day.year, day.month, day.day, 8 + 3 * n, 15),
                        "post_type": rng.choice(("photo", "video", "link")),
                        "permalink": f"https://example.org/{platform}/{day.isoformat()}/{n}",
                        "impressions": None if rng.random() < 0.05 else float(impressions),
                        "engagements": float(rng.randint(0, impressions // 8)),
                        "reactions": float(rng.randint(0, impressions // 20)),
                    }
                )
            if rng.random() < 0.3:
                message_rows.append(
                    {
                        "platform": platform,
                        "account": account,
                        "message_id": f"{platform}-{day.isoformat()}",
                        "received_at": datetime(day.year, day.month, day.day, 10, 0),
                        "first_response_hours": round(rng.expovariate(1 / 5), 2),
                    }
                )
    return {"posts": posts_rows, "day_values": day_rows, "messages": message_rows}


@pytest.fixture(scope="module")
def synthetic() -> dict[str, list[dict[str, Any]]]:
    return synthetic_facts()
