"""Strategy versions: keep a checked copy of the strategy YAML in the warehouse each time
the team refines it, and export any version back to a file.

A version is saved only when its text passes every strategy check (metrics), so an exported
version can always be loaded again.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from metrics.strategy import parse_strategy
from warehouse import review
from warehouse.review import StrategyVersionRecord


def save_version(engine: Engine, yaml_text: str, *, source: str, reason: str, author: str) -> int:
    """Check the text (raises `metrics.problems.StrategyInvalid` with every problem) and
    keep it as a new version; returns its id."""
    parse_strategy(yaml_text, file=source)
    with engine.begin() as conn:
        return review.save_strategy_version(
            conn, yaml_text=yaml_text, source=source, reason=reason, author=author
        )


def import_version(engine: Engine, path: Path, *, reason: str, author: str) -> int:
    """Keep the strategy file at `path` as a new version."""
    return save_version(
        engine, path.read_text(encoding="utf-8"), source=path.name, reason=reason, author=author
    )


def versions(engine: Engine) -> list[StrategyVersionRecord]:
    """Every kept version, newest first."""
    with engine.connect() as conn:
        return review.list_strategy_versions(conn)


def export_version(engine: Engine, version_id: int, path: Path) -> Path:
    """Write version `version_id`'s YAML text, byte for byte, to `path`."""
    with engine.connect() as conn:
        record = review.strategy_version(conn, version_id)
    if record is None:
        raise LookupError(f"strategy version {version_id} does not exist")
    path.write_text(record.yaml_text, encoding="utf-8")
    return path
