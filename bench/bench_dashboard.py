"""Benchmark of the dashboard: time to render the Overview page (Streamlit AppTest, the
same script run a browser would trigger) on a generated 1,000,000-post warehouse, against
the same render on a sample-sized warehouse, in the same run.

    python bench/bench_dashboard.py                           # 1,000,000 posts vs 3,000
    python bench/bench_dashboard.py --posts 50000             # smoke run
    SOCIALKPI_TEST_POSTGRES_URL=postgresql+psycopg://... python bench/bench_dashboard.py
                                                              # SQLite, then PostgreSQL

Each size is rendered cold (caches cleared: every KPI computed in SQL), then rerun in the
same session (the st.cache_data loaders answer, keyed on the warehouse's data version). The data generator and
the strategy (every metric type) are the metric benchmark's (bench/bench_metrics.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_metrics import STRATEGY, generate, load

from warehouse.engine import open_database

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
SAMPLE_POSTS, SAMPLE_DAYS, SAMPLE_MESSAGES = 3_000, 4_000, 500


def sqlite_url(folder: Path) -> Callable[[str], str]:
    return lambda name: f"sqlite:///{folder / f'{name}.sqlite'}"


def postgres_url(_name: str) -> str:
    """A brand-new database on the server of SOCIALKPI_TEST_POSTGRES_URL (the tests' own
    helper: created empty, dropped at the end with its connections)."""
    from tests.conftest import create_postgres_database

    return create_postgres_database()


def drop_postgres(url: str) -> None:
    import streamlit as st

    from tests.conftest import drop_postgres_database

    st.cache_resource.clear()  # the app's engine holds connections to the database
    drop_postgres_database(url)


def build(
    new_url: Callable[[str], str], name: str, posts: int, days: int, messages: int
) -> tuple[str, float]:
    url = new_url(name)
    open_database(url).dispose()  # Alembic-managed schema, as the app expects
    engine = open_database(url)
    seconds = load(engine, generate(posts, days, messages))
    if engine.dialect.name == "postgresql":
        # what autovacuum does a little after a bulk load (the pipeline's imports land in
        # pieces it vacuums and analyzes as they come): planner statistics, and the
        # visibility map that lets index-only scans skip the table; right after a COPY of
        # millions of rows neither exists yet
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
    return url, seconds


def render(url: str, strategy: Path, *, cold: bool) -> tuple[float, float]:
    """Seconds of a first render (caches cleared when `cold`) and of a rerun in the session."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["SOCIALKPI_DATABASE_URL"] = url
    os.environ["SOCIALKPI_STRATEGY"] = str(strategy)
    if cold:
        st.cache_data.clear()
        st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=600)
    began = time.perf_counter()
    at.run()
    first = time.perf_counter() - began
    began = time.perf_counter()
    at.run()
    rerun = time.perf_counter() - began
    if at.exception:
        raise SystemExit(f"the Overview failed: {[e.value for e in at.exception]}")
    shown = [link.label for link in at.get("page_link")]
    if "Engagement rate" not in shown:
        raise SystemExit("the Overview rendered without the scorecard")
    return first, rerun


def measure(url: str, strategy: Path, repeat: int) -> tuple[float, float]:
    render(url, strategy, cold=True)  # first import of pages and libraries, not counted
    runs = [render(url, strategy, cold=True) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def run_one(
    label: str, new_url: Callable[[str], str], strategy: Path, args: argparse.Namespace
) -> list[str]:
    """Build both warehouses on one back end, render each, return the URLs built."""
    small_url, small_load = build(new_url, "sample", SAMPLE_POSTS, SAMPLE_DAYS, SAMPLE_MESSAGES)
    big_url, big_load = build(new_url, "big", args.posts, args.account_days, args.messages)
    print(
        f"[{label}] sample {SAMPLE_POSTS:,} posts (loaded in {small_load:.1f} s), "
        f"large {args.posts:,} posts / {args.account_days:,} account-days / "
        f"{args.messages:,} messages (loaded in {big_load:.1f} s); median of {args.repeat}",
        flush=True,
    )
    small_cold, small_warm = measure(small_url, strategy, args.repeat)
    big_cold, big_warm = measure(big_url, strategy, args.repeat)
    print(f"[{label}] {'Overview render':<22}{'sample':>10}{'large':>10}{'ratio':>8}")
    for row, small, big in (
        ("cold (no cache)", small_cold, big_cold),
        ("rerun (cached)", small_warm, big_warm),
    ):
        print(f"[{label}] {row:<22}{small:>9.2f}s{big:>9.2f}s{big / small:>7.1f}x", flush=True)
    return [small_url, big_url]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--account-days", type=int, default=500_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        strategy = folder / "strategy.yaml"
        strategy.write_text(STRATEGY, encoding="utf-8")
        if not args.no_sqlite:
            run_one("sqlite", sqlite_url(folder), strategy, args)
        if os.environ.get("SOCIALKPI_TEST_POSTGRES_URL"):
            for url in run_one("postgresql", postgres_url, strategy, args):
                drop_postgres(url)
        else:
            print("[postgresql] skipped: set SOCIALKPI_TEST_POSTGRES_URL to run it")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
