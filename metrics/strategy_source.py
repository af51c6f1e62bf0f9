"""Which strategy file to use: --strategy, else $SOCIALKPI_STRATEGY, else ./strategy.yaml,
else the sample strategy shipped in the `sample_data` package."""

from __future__ import annotations

import contextlib
import os
from importlib import resources
from pathlib import Path

ENV_STRATEGY = "SOCIALKPI_STRATEGY"
LOCAL_STRATEGY = "strategy.yaml"


def sample_strategy_path() -> Path:
    """The packaged example strategy (sample_data/strategy.yaml).

    Found through importlib.resources; when a folder named `sample_data` elsewhere on
    sys.path shadows the package (tests/sample_data under pytest), the copy installed
    beside this package is used.
    """
    candidates: list[Path] = []
    with contextlib.suppress(ModuleNotFoundError, TypeError):
        candidates.append(Path(str(resources.files("sample_data").joinpath("strategy.yaml"))))
    candidates.append(Path(__file__).resolve().parent.parent / "sample_data" / "strategy.yaml")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return candidates[-1]


def resolve_strategy_path(explicit: Path | str | None = None) -> Path:
    """The first that is given: explicit path, environment, ./strategy.yaml, the sample."""
    if explicit is not None and str(explicit) != "":
        return Path(explicit)
    from_env = os.environ.get(ENV_STRATEGY, "").strip()
    if from_env:
        return Path(from_env)
    local = Path.cwd() / LOCAL_STRATEGY
    if local.is_file():
        return local
    return sample_strategy_path()
