"""Regenerate the sample exports: `python -m sample_data.generate [--out DIR] [--seed N]`.

Writes `<out>/exports/<platform>/...` (and `<out>/broken/...`) from one seeded truth model.
The same seed always writes the same bytes: no wall-clock time, fixed ZIP/XLSX timestamps,
stable ordering. Existing `exports/` and `broken/` folders under `<out>` are replaced.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from sample_data import (
    gen_broken,
    gen_competitors,
    gen_inbox,
    gen_linkedin,
    gen_meta,
    gen_tiktok,
    gen_x,
    gen_youtube,
)
from sample_data.truth import DEFAULT_SEED, Truth, build_truth

SAMPLE_DIR = Path(__file__).resolve().parent

Generator = Callable[[Truth], dict[str, dict[str, bytes]]]
GENERATORS: list[Generator] = [
    gen_meta.generate,
    gen_x.generate,
    gen_tiktok.generate,
    gen_linkedin.generate,
    gen_youtube.generate,
    gen_inbox.generate,
    gen_competitors.generate,
]


def build_exports(seed: int = DEFAULT_SEED) -> dict[str, bytes]:
    """Every sample file, keyed by its path relative to the output folder."""
    truth = build_truth(seed)
    files: dict[str, bytes] = {}
    for generator in GENERATORS:
        for platform, platform_files in generator(truth).items():
            for name, content in platform_files.items():
                files[f"exports/{platform}/{name}"] = content
    files.update(gen_broken.generate(truth))
    return dict(sorted(files.items()))


def write_tree(files: dict[str, bytes], out: Path) -> None:
    for top in ("exports", "broken"):
        if any(path.startswith(f"{top}/") for path in files) and (out / top).exists():
            shutil.rmtree(out / top)
    for rel, content in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sample_data.generate", description=__doc__)
    parser.add_argument(
        "--out", type=Path, default=SAMPLE_DIR, help="output folder (default: sample_data/)"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default: {DEFAULT_SEED})"
    )
    args = parser.parse_args(argv)
    files = build_exports(args.seed)
    write_tree(files, args.out)
    print(f"wrote {len(files)} files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
