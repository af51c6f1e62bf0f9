"""Benchmark of the metric engine: every KPI of a strategy that uses every metric type,
× 36 months, on a generated warehouse (1,000,000 posts and 500,000 account-days by
default), against one hand-written GROUP BY query per measure in the same run.

    python bench/bench_metrics.py                       # full size, SQLite
    python bench/bench_metrics.py --posts 20000 --account-days 10000   # smoke run
    SOCIALKPI_TEST_POSTGRES_URL=postgresql+psycopg://... python bench/bench_metrics.py

The PostgreSQL run uses the database in the URL: it drops and recreates the warehouse tables.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine, event, text

from metrics.periods import Period
from metrics.scorecard import compute_scorecard, compute_series
from metrics.strategy import StrategyFile, parse_strategy
from warehouse.engine import make_engine
from warehouse.rollups import rebuild_rollups
from warehouse.schema import PLATFORMS, metadata

START = date(2023, 11, 1)
MONTHS = 36
DAY_MEASURES = ("followers", "impressions", "engagements", "reach")
BATCH = 100_000

STRATEGY = """\
organisation: Bench Institute
strategies: [{id: main, name: Main}, {id: listening, name: Listening}]
objectives:
  - id: engagement
    strategy: main
    name: Engagement
    kpis:
      - {id: engagement_rate, name: Engagement rate, unit: percent,
         metric: {type: ratio, numerator: engagements, denominator: impressions},
         targets: {2026: 0.05}}
      - {id: engagement_growth, name: Engagement growth, metric: {type: growth, of: engagement_rate}}
      - {id: impressions, name: Impressions, metric: {type: sum, measure: impressions},
         cumulative: true, targets: {2026: 1000000}}
      - {id: posts_published, name: Posts, metric: {type: count}}
      - {id: reactions_total, name: Reactions, metric: {type: sum, measure: reactions}}
      - {id: reactions_per_post, name: Reactions per post,
         metric: {type: derived, expr: reactions_total / posts_published}}
      - {id: mean_engagements, name: Engagements per post, metric: {type: mean, measure: engagements}}
      - {id: facebook_rate, name: Facebook rate, platforms: [facebook],
         metric: {type: ratio, numerator: engagements, denominator: impressions}}
  - id: audience
    strategy: main
    name: Audience
    kpis:
      - {id: followers, name: Followers, level: outcome, metric: {type: last, measure: followers}}
      - {id: followers_gained, name: Followers gained, metric: {type: change, measure: followers}}
      - {id: daily_reach, name: Daily reach, metric: {type: mean, measure: reach, grain: day}}
      - {id: account_rate, name: Account engagement rate,
         metric: {type: ratio, numerator: engagements, denominator: impressions, grain: day}}
      - {id: day_impressions, name: Account impressions,
         metric: {type: sum, measure: impressions, grain: day}}
  - id: response
    strategy: listening
    name: Response
    kpis:
      - {id: median_response, name: Median response, direction: down,
         metric: {type: median, measure: first_response_hours, grain: message}}
      - {id: p90_response, name: P90 response, direction: down,
         metric: {type: percentile, measure: first_response_hours, q: 0.9, grain: message}}
      - {id: messages_received, name: Messages, metric: {type: count, grain: message}}
"""


# -- data ------------------------------------------------------------------------------------
def generate(posts: int, account_days: int, messages: int, seed: int = 1) -> dict[str, Any]:
    """Columns (numpy/lists) of the three fact tables over MONTHS months from START."""
    rng = np.random.default_rng(seed)
    days = (Period.parse(f"{START:%Y-%m}").shift(MONTHS).start - START).days
    accounts = max(1, -(-account_days // days))
    account_names = [f"account-{i:05d}" for i in range(accounts)]
    account_platform = [PLATFORMS[i % len(PLATFORMS)] for i in range(accounts)]

    def stamps(n: int) -> list[datetime]:
        seconds = np.sort(rng.integers(0, days * 86_400, n))
        base = datetime(START.year, START.month, START.day)
        return [base + timedelta(seconds=int(s)) for s in seconds]

    post_account = rng.integers(0, accounts, posts)
    impressions = rng.integers(50, 20_000, posts).astype(float)
    impressions[rng.random(posts) < 0.05] = np.nan
    post_cols = {
        "platform": [account_platform[a] for a in post_account],
        "account": [account_names[a] for a in post_account],
        "post_id": [f"p{i}" for i in range(posts)],
        "published_at": stamps(posts),
        "post_type": rng.choice(["photo", "video", "link", "text"], posts).tolist(),
        "impressions": impressions.tolist(),
        "engagements": rng.integers(0, 900, posts).astype(float).tolist(),
        "reactions": rng.integers(0, 400, posts).astype(float).tolist(),
    }
    day_rows: list[tuple[Any, ...]] = []
    made = 0
    for a in range(accounts):
        followers = float(rng.integers(100, 100_000))
        growth = rng.integers(-5, 40, days)
        imp = rng.integers(0, 50_000, days)
        eng = rng.integers(0, 2_000, days)
        for d in range(days):
            if made >= account_days:
                break
            day = START + timedelta(days=d)
            followers += float(growth[d])
            platform, account = account_platform[a], account_names[a]
            reach = None if platform == "x" else float(imp[d]) * 0.6
            for measure, value in zip(
                DAY_MEASURES, (followers, float(imp[d]), float(eng[d]), reach), strict=True
            ):
                day_rows.append((platform, account, day, measure, value))
            made += 1
    message_account = rng.integers(0, accounts, messages)
    message_cols = {
        "platform": [account_platform[a] for a in message_account],
        "account": [account_names[a] for a in message_account],
        "message_id": [f"m{i}" for i in range(messages)],
        "received_at": stamps(messages),
        "first_response_hours": np.round(rng.exponential(6.0, messages), 2).tolist(),
    }
    return {"posts": post_cols, "day_values": day_rows, "messages": message_cols}


def _rows(columns: dict[str, list[Any]]) -> Iterator[tuple[Any, ...]]:
    return zip(*columns.values(), strict=True)


def _nan_to_none(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(None if isinstance(v, float) and v != v else v for v in row)


def load(engine: Engine, data: dict[str, Any]) -> float:
    """Bulk load: executemany in big batches on SQLite, COPY on PostgreSQL; returns seconds."""
    metadata.drop_all(engine)
    metadata.create_all(engine)
    began = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO blobs (sha256, content, size_bytes) VALUES (:s, :c, 1)"),
            {"s": "0" * 64, "c": b"x"},
        )
        conn.execute(
            text(
                "INSERT INTO imports (id, file_name, sha256, status, rows_read, rows_loaded, "
                "rows_rejected, imported_at) VALUES (1, 'bench.csv', :s, 'loaded', 0, 0, 0, :t)"
            ),
            {"s": "0" * 64, "t": datetime(2026, 11, 1)},
        )
    tables = {
        "posts": (list(data["posts"]), (_nan_to_none(r) for r in _rows(data["posts"]))),
        "day_values": (
            ["platform", "account", "date", "measure", "value"],
            iter(data["day_values"]),
        ),
        "messages": (list(data["messages"]), _rows(data["messages"])),
    }
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for table, (columns, rows) in tables.items():
            names = ", ".join([*columns, "import_id"])
            if engine.dialect.name == "postgresql":
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                    for row in rows:
                        copy.write_row((*row, 1))
                continue
            marks = ", ".join("?" for _ in range(len(columns) + 1))
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
            batch: list[tuple[Any, ...]] = []
            for row in rows:
                batch.append((*(_sqlite_value(v) for v in row), 1))
                if len(batch) >= BATCH:
                    cursor.executemany(sql, batch)
                    batch.clear()
            if batch:
                cursor.executemany(sql, batch)
        raw.commit()
    finally:
        raw.close()
    with engine.begin() as conn:
        rebuild_rollups(conn)  # the facts bypassed the pipeline, which keeps the rollups
        conn.execute(text("ANALYZE"))
    return time.perf_counter() - began


def _sqlite_value(value: Any) -> Any:
    """The text SQLAlchemy's SQLite DateTime/Date types store, so range filters compare right."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


# -- the two ways of computing -----------------------------------------------------------------
class Counter:
    def __init__(self, engine: Engine) -> None:
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *args: Any) -> None:
        statement = str(args[2])
        if not statement.lstrip().upper().startswith("PRAGMA"):
            self.count += 1


def hand_written(engine: Engine, first: date, end: date) -> dict[str, list[Any]]:
    """One plain GROUP BY month query per measure: what a person would write by hand."""
    pg = engine.dialect.name == "postgresql"

    def month(col: str) -> str:
        return f"to_char({col}, 'YYYY-MM')" if pg else f"strftime('%Y-%m', {col})"

    lo, hi = f"'{first.isoformat()}'", f"'{end.isoformat()}'"
    queries = {
        "posts_published": f"SELECT {month('published_at')}, COUNT(*) FROM posts "
        f"WHERE published_at >= {lo} AND published_at < {hi} GROUP BY 1",
        "impressions": f"SELECT {month('published_at')}, SUM(impressions) FROM posts "
        f"WHERE published_at >= {lo} AND published_at < {hi} GROUP BY 1",
        "engagements": f"SELECT {month('published_at')}, SUM(engagements) FROM posts "
        f"WHERE published_at >= {lo} AND published_at < {hi} GROUP BY 1",
        "reactions": f"SELECT {month('published_at')}, SUM(reactions) FROM posts "
        f"WHERE published_at >= {lo} AND published_at < {hi} GROUP BY 1",
        "messages": f"SELECT {month('received_at')}, COUNT(*), AVG(first_response_hours) "
        f"FROM messages WHERE received_at >= {lo} AND received_at < {hi} GROUP BY 1",
    }
    for measure in DAY_MEASURES:
        queries[f"day_{measure}"] = (
            f"SELECT {month('date')}, SUM(value) FROM day_values WHERE measure = '{measure}' "
            f"AND date >= {lo} AND date < {hi} GROUP BY 1"
        )
    out: dict[str, list[Any]] = {}
    with engine.connect() as conn:
        for name, sql in queries.items():
            out[name] = [tuple(r) for r in conn.execute(text(sql)).all()]
    return out


def run_one(label: str, engine: Engine, args: argparse.Namespace, strategy: StrategyFile) -> None:
    data = generate(args.posts, args.account_days, args.messages)
    seconds = load(engine, data)
    facts = args.posts + len(data["day_values"]) + args.messages
    print(
        f"[{label}] loaded {facts:,} fact rows in {seconds:.1f} s ({facts / seconds:,.0f} rows/s)"
    )
    periods = Period.range(
        Period.parse(f"{START:%Y-%m}"), Period.parse(f"{START:%Y-%m}").shift(MONTHS - 1)
    )
    first, end = periods[0].start, periods[-1].end + timedelta(days=1)

    timings: dict[str, float] = {}
    counter = Counter(engine)
    began = time.perf_counter()
    series = compute_series(engine, strategy, periods)
    timings["engine"] = time.perf_counter() - began
    engine_statements = counter.count

    began = time.perf_counter()
    baseline = hand_written(engine, first, end)
    timings["hand"] = time.perf_counter() - began

    counter.count = 0
    began = time.perf_counter()
    compute_scorecard(engine, strategy, periods[-1])
    timings["scorecard"] = time.perf_counter() - began
    scorecard_statements = counter.count

    # the two ways agree
    posts = dict(baseline["posts_published"])
    engine_posts = series[series.kpi_id == "posts_published"].set_index("period")["value"]
    mismatches = [p for p in engine_posts.index if float(posts.get(p, 0)) != (engine_posts[p] or 0)]
    kpis = len(strategy.kpis())
    print(
        f"[{label}] engine: {kpis} KPIs x {len(periods)} months = {len(series)} values in "
        f"{timings['engine']:.2f} s with {engine_statements} statements"
    )
    print(
        f"[{label}] hand-written: {len(baseline)} GROUP BY queries (one per measure) in "
        f"{timings['hand']:.2f} s"
    )
    print(f"[{label}] ratio engine / hand-written: {timings['engine'] / timings['hand']:.2f}")
    print(
        f"[{label}] one month's scorecard (value, previous, last year, baseline): "
        f"{timings['scorecard']:.2f} s with {scorecard_statements} statements"
    )
    print(f"[{label}] posts per month agree with the hand-written query: {not mismatches}")
    if mismatches:
        raise SystemExit(f"engine and hand-written SQL disagree for {mismatches[:5]}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--account-days", type=int, default=500_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--sqlite", type=Path, default=None, help="SQLite file (default: temp)")
    parser.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL")
    args = parser.parse_args(argv)
    strategy = parse_strategy(STRATEGY, file="bench-strategy.yaml")
    print(
        f"bench_metrics: {args.posts:,} posts, {args.account_days:,} account-days "
        f"({len(DAY_MEASURES)} measures each), {args.messages:,} messages, {MONTHS} months"
    )
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            path = args.sqlite or Path(folder) / "bench.sqlite"
            engine = make_engine(f"sqlite:///{path}")
            run_one("sqlite", engine, args, strategy)
            engine.dispose()
    url = os.environ.get("SOCIALKPI_TEST_POSTGRES_URL")
    if url:
        engine = make_engine(url)
        run_one("postgresql", engine, args, strategy)
        metadata.drop_all(engine)
        engine.dispose()
    else:
        print("[postgresql] skipped: set SOCIALKPI_TEST_POSTGRES_URL to run it")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
