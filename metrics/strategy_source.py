"""Which strategy is in force, in one place for the CLI, the dashboard and the reports:

1. `--strategy FILE` (the `explicit` argument),
2. else `$SOCIALKPI_STRATEGY`,
3. else `./strategy.yaml` in the working folder,
4. else the newest strategy version kept in the warehouse, when one has been saved
   (edits made in the dashboard, `socialkpi strategy import`),
5. else the sample strategy shipped in the `sample_data` package.

`locate_strategy` only looks (a stat, one indexed lookup) and gives a hashable `key` that
changes when the file is edited or a new version is saved; `resolve_strategy` also loads and
checks it.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from metrics.strategy_model import StrategyFile

ENV_STRATEGY = "SOCIALKPI_STRATEGY"
LOCAL_STRATEGY = "strategy.yaml"
WAREHOUSE_KEY_PREFIX = "warehouse:"

SourceKind = Literal["option", "environment", "local", "warehouse", "sample"]


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


def _file_override(explicit: Path | str | None) -> tuple[SourceKind, Path] | None:
    if explicit is not None and str(explicit) != "":
        return "option", Path(explicit)
    from_env = os.environ.get(ENV_STRATEGY, "").strip()
    if from_env:
        return "environment", Path(from_env)
    local = Path.cwd() / LOCAL_STRATEGY
    if local.is_file():
        return "local", local
    return None


def resolve_strategy_path(explicit: Path | str | None = None) -> Path:
    """The strategy *file* that would be used: a file override, else the sample (the
    warehouse is not consulted; `locate_strategy` is the full order)."""
    override = _file_override(explicit)
    return override[1] if override is not None else sample_strategy_path()


@dataclass(frozen=True)
class StrategySource:
    """Where the strategy in force comes from (see the module docstring for the order)."""

    kind: SourceKind
    path: Path | None = None
    version_id: int | None = None
    sha256: str | None = None

    @property
    def key(self) -> tuple[str, int]:
        """Hashable and cheap: (path, modified_ns) of a file, ("warehouse:<sha256>", id)
        of a warehouse version. Changes when the file is edited or a version is saved."""
        if self.kind == "warehouse":
            return (WAREHOUSE_KEY_PREFIX + (self.sha256 or ""), int(self.version_id or 0))
        assert self.path is not None
        try:
            modified = self.path.stat().st_mtime_ns
        except OSError:
            modified = -1
        return (str(self.path), modified)

    @property
    def base_dir(self) -> Path:
        """Where relative paths written in the strategy (the report logo) are taken from:
        the file's folder, or the working folder for a warehouse version."""
        if self.path is not None:
            return self.path.resolve().parent
        return Path.cwd()

    @property
    def label(self) -> str:
        if self.kind == "warehouse":
            return f"strategy version {self.version_id} (warehouse)"
        return str(self.path)


def locate_strategy(
    explicit: Path | str | None = None, engine: Engine | None = None
) -> StrategySource:
    """Where the strategy in force comes from. Without an engine the warehouse is skipped."""
    override = _file_override(explicit)
    if override is not None:
        return StrategySource(kind=override[0], path=override[1])
    if engine is not None:
        from warehouse.strategy_store import latest_strategy_version_stamp

        with engine.connect() as conn:
            stamp = latest_strategy_version_stamp(conn)
        if stamp is not None:
            return StrategySource(kind="warehouse", version_id=stamp[0], sha256=stamp[1])
    return StrategySource(kind="sample", path=sample_strategy_path())


def version_file_name(version_id: int) -> str:
    """How a warehouse version is named in problems and as the strategy's `source`."""
    return f"strategy version {version_id}"


def load_source(source: StrategySource, engine: Engine | None = None) -> tuple[StrategyFile, str]:
    """The checked strategy of `source` and its YAML text; raises StrategyInvalid."""
    from metrics.strategy import load_strategy, parse_strategy

    if source.kind != "warehouse":
        assert source.path is not None
        strategy = load_strategy(source.path)
        return strategy, source.path.read_text(encoding="utf-8-sig")
    if engine is None or source.version_id is None:
        raise ValueError("a warehouse strategy version needs the engine to be read")
    from warehouse.strategy_store import strategy_version

    with engine.connect() as conn:
        record = strategy_version(conn, source.version_id)
    if record is None:
        raise LookupError(f"strategy version {source.version_id} does not exist")
    return parse_strategy(record.yaml_text, file=version_file_name(record.id)), record.yaml_text


@dataclass(frozen=True)
class ResolvedStrategy:
    source: StrategySource
    strategy: StrategyFile
    text: str


def resolve_strategy(
    explicit: Path | str | None = None, engine: Engine | None = None
) -> ResolvedStrategy:
    """The strategy in force, loaded and checked (raises StrategyInvalid)."""
    source = locate_strategy(explicit, engine)
    strategy, text = load_source(source, engine)
    return ResolvedStrategy(source, strategy, text)
