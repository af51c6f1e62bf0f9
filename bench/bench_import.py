"""Benchmark of the import pipeline: a generated Meta Business Suite post export of
1,000,000 rows imported by socialkpi (detect, parse, validate with Great Expectations,
store facts and the original bytes) into a fresh SQLite file — and PostgreSQL when
SOCIALKPI_TEST_POSTGRES_URL is set — against plain `pandas.read_csv` of the same file,
in the same run. Each measurement runs in a subprocess of its own, so its peak RSS
(resource.getrusage) is its own.

    python bench/bench_import.py                 # 1,000,000 rows
    python bench/bench_import.py --rows 50000    # quick run
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
HEADER = [
    "Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)", "Publish time",
    "Caption type", "Permalink", "Is crosspost", "Is share", "Post type", "Languages",
    "Custom labels", "Funded content status", "Data comment", "Date", "Views", "Reach",
    "Reactions, Comments and Shares", "Reactions", "Comments", "Shares", "Total clicks",
    "Matched Audience Targeting Consumption (Photo Click)", "Other Clicks", "Link Clicks",
    "Matched Audience Targeting Consumption (Video Click)",
    "Negative feedback from users: Hide all", "Seconds viewed", "Average Seconds viewed",
    "Estimated earnings (USD)", "Ad CPM (USD)", "Ad impressions",
]  # fmt: skip
PAGE = "Bench Policy Institute"
FILE_NAME = f"{PAGE} Jan-01-2025_Dec-31-2026.csv"
CAPTIONS = np.array(
    [
        'New report: The "missing middle" in fiscal policy',
        "What the new budget means for education\nRead more: https://example.org/r/1",
        "5 charts on climate adaptation 🌍 #Policy, #Data",
        "Join us on Thursday — live Q&A with our fellows",
        "Evidence from 12 districts: who pays for digital government?",
    ],
    dtype=object,
)
POST_TYPES = np.array(["Photos", "Links", "Videos", "Reels", "Text"], dtype=object)
CHUNK = 100_000


def generate(path: Path, rows: int, seed: int = 20261101) -> float:
    """Write the export (UTF-8 BOM, Meta's quoting) chunk by chunk; returns seconds."""
    began = time.perf_counter()
    rng = np.random.default_rng(seed)
    start = datetime(2025, 1, 1).timestamp()
    span = datetime(2026, 12, 31, 23, 59).timestamp() - start
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write(",".join(f'"{h}"' if (" " in h or "," in h) else h for h in HEADER) + "\n")
        for first in range(0, rows, CHUNK):
            n = min(CHUNK, rows - first)
            ids = 1_000_000_000_000_000 + np.arange(first, first + n, dtype=np.int64) * 7919
            views = rng.lognormal(7.5, 1.0, n).astype(np.int64) + 10
            reach = (views * rng.uniform(0.5, 0.95, n)).astype(np.int64)
            reactions = rng.poisson(20, n)
            comments = rng.poisson(3, n)
            shares = rng.poisson(4, n)
            clicks = rng.poisson(30, n)
            links = rng.binomial(clicks, 0.4)
            stamps = pd.to_datetime(start + rng.uniform(0, span, n), unit="s")
            frame = pd.DataFrame(
                {
                    "Post ID": ids.astype(str),
                    "Page ID": "104857600123456",
                    "Page name": PAGE,
                    "Title": CAPTIONS[rng.integers(0, len(CAPTIONS), n)],
                    "Description": "",
                    "Duration (sec)": 0,
                    "Publish time": stamps.strftime("%m/%d/%Y %H:%M"),
                    "Caption type": "N/A",
                    "Permalink": "https://www.facebook.com/bench/posts/pfbid" + ids.astype(str),
                    "Is crosspost": 0,
                    "Is share": 0,
                    "Post type": POST_TYPES[rng.integers(0, len(POST_TYPES), n)],
                    "Languages": "",
                    "Custom labels": "",
                    "Funded content status": "",
                    "Data comment": "",
                    "Date": "Lifetime",
                    "Views": views,
                    "Reach": reach,
                    "Reactions, Comments and Shares": reactions + comments + shares,
                    "Reactions": reactions,
                    "Comments": comments,
                    "Shares": shares,
                    "Total clicks": clicks,
                    "Matched Audience Targeting Consumption (Photo Click)": clicks - links,
                    "Other Clicks": 0,
                    "Link Clicks": links,
                    "Matched Audience Targeting Consumption (Video Click)": 0,
                    "Negative feedback from users: Hide all": 0,
                    "Seconds viewed": 0,
                    "Average Seconds viewed": 0,
                    "Estimated earnings (USD)": "",
                    "Ad CPM (USD)": "",
                    "Ad impressions": "",
                }
            )
            frame.to_csv(out, header=False, index=False, lineterminator="\n")
    return time.perf_counter() - began


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def child(kind: str, path: Path, url: str | None) -> dict[str, object]:
    """One measurement, run in its own process."""
    if kind == "pandas":
        began = time.perf_counter()
        frame = pd.read_csv(path)
        seconds = time.perf_counter() - began
        return {"seconds": seconds, "rows": len(frame), "peak_rss_mb": _peak_rss_mb()}
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    from data_contracts.pipeline import import_files
    from warehouse.engine import open_database

    assert url is not None
    engine = open_database(url)
    from data_contracts.gx_runner import _batch_definition

    _batch_definition()  # Great Expectations' one-off start-up (~7 s) is not import work

    baseline_rss = _peak_rss_mb()
    began = time.perf_counter()
    [result] = import_files(engine, [path])
    seconds = time.perf_counter() - began
    engine.dispose()
    return {
        "seconds": seconds,
        "rows": result.rows_loaded,
        "status": result.status,
        "problems": result.problems[:3],
        "peak_rss_mb": _peak_rss_mb(),
        "rss_before_import_mb": baseline_rss,
    }


def measure(kind: str, path: Path, url: str | None = None) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", kind, "--file", str(path)]
    if url:
        command += ["--url", url]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _postgres_url() -> str | None:
    base = os.environ.get("SOCIALKPI_TEST_POSTGRES_URL")
    if not base:
        return None
    sys.path.insert(0, str(REPO))
    from tests.conftest import create_postgres_database

    return create_postgres_database()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261101)
    parser.add_argument("--child", choices=["pandas", "import"])
    parser.add_argument("--file", type=Path)
    parser.add_argument("--url")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.file, args.url), default=str))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / FILE_NAME
        made = generate(path, args.rows, args.seed)
        size_mb = path.stat().st_size / 1024**2
        print(f"generated {args.rows:,} rows, {size_mb:,.1f} MB in {made:.1f} s")
        base = measure("pandas", path)
        print(
            f"pandas.read_csv          {base['seconds']:8.1f} s   peak RSS {base['peak_rss_mb']:7.0f} MB"
        )
        runs = [("socialkpi → SQLite", f"sqlite:///{Path(folder) / 'bench.sqlite'}")]
        pg = _postgres_url()
        if pg:
            runs.append(("socialkpi → PostgreSQL", pg))
        else:
            print("(PostgreSQL skipped: set SOCIALKPI_TEST_POSTGRES_URL)")
        try:
            for label, url in runs:
                got = measure("import", path, url)
                if got["rows"] != args.rows:
                    raise SystemExit(f"{label}: {got['rows']} rows loaded, {got['problems']}")
                print(
                    f"{label:24} {got['seconds']:8.1f} s   peak RSS {got['peak_rss_mb']:7.0f} MB"
                    f"   ({got['rows']:,} rows, {args.rows / got['seconds']:,.0f} rows/s;"
                    f" x{got['seconds'] / base['seconds']:.1f} the time,"
                    f" x{got['peak_rss_mb'] / base['peak_rss_mb']:.2f} the memory of pandas;"
                    f" {got['rss_before_import_mb']:.0f} MB before the import)"
                )
        finally:
            if pg:
                from tests.conftest import drop_postgres_database

                try:
                    drop_postgres_database(pg)
                except Exception as exc:  # the figures above stand; say what was left behind
                    print(f"(could not drop the benchmark database {pg.rsplit('/', 1)[-1]}: {exc})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
