"""Which strategy file to use: --strategy, else $SOCIALKPI_STRATEGY, else ./strategy.yaml,
else the sample strategy shipped in the `sample_data` package."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

ENV_STRATEGY = "SOCIALKPI_STRATEGY"
LOCAL_STRATEGY = "strategy.yaml"


def sample_strategy_path() -> Path:
    """The packaged example strategy (sample_data/strategy.yaml)."""
    return Path(str(resources.files("sample_data").joinpath("strategy.yaml")))


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
