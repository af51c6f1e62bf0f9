"""`socialkpi strategy versions | export | import`: the strategy versions kept in the
warehouse, from the command line (the dashboard's Strategy page does the same).

Imports only metrics/workflows/warehouse (no Streamlit, Great Expectations or report
libraries). Exit codes: 0 done, 1 input rejected (one line per problem), 2 usage.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from dashboard.cli_database import EXIT_DATABASE, open_for_cli
from dashboard.i18n import _
from warehouse import json_text

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


class _Stop(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


@contextmanager
def _engine(db: str | None, err: TextIO) -> Iterator[Any]:
    engine = open_for_cli(db, err)
    if engine is None:
        raise _Stop(EXIT_DATABASE)
    try:
        yield engine
    finally:
        engine.dispose()


def _problems(exc: Any, err: TextIO) -> int:
    for problem in exc.errors:
        print(str(problem), file=err)
    return EXIT_REJECTED


def versions_json(entries: list[Any], in_force: Any) -> dict[str, Any]:
    """`strategy versions --json`: newest first, each with its changes."""
    return {
        "in_force": {
            "kind": in_force.kind,
            "path": str(in_force.path) if in_force.path is not None else None,
            "version": in_force.version_id,
        },
        "versions": [
            {
                "id": e.record.id,
                "created_at": e.record.created_at.isoformat(timespec="seconds") + "Z",
                "author": e.record.author,
                "reason": e.record.reason,
                "source": e.record.source,
                "sha256": e.record.sha256,
                "changes": [
                    {
                        "kind": c.kind,
                        "objective": c.objective_id,
                        "kpi": c.kpi_id,
                        "field": c.field,
                        "period": c.period,
                        "old": c.old,
                        "new": c.new,
                        "text": c.describe(),
                    }
                    for c in e.changes
                ],
            }
            for e in entries
        ],
    }


def _in_force_line(source: Any) -> str:
    if source.kind == "warehouse":
        return _("In force: strategy version {version} (warehouse).").format(
            version=source.version_id
        )
    if source.kind == "sample":
        return _("In force: the sample strategy (no version saved yet).")
    return _("In force: the file {path}, which overrides the warehouse versions.").format(
        path=source.path
    )


def run_versions(
    *, as_json: bool, db: str | None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    from metrics.strategy_source import locate_strategy
    from workflows.strategy_versions import history

    out, err = out or sys.stdout, err or sys.stderr
    try:
        with _engine(db, err) as engine:
            entries = history(engine)
            source = locate_strategy(None, engine)
    except _Stop as stop:
        return stop.code
    if as_json:
        print(
            json_text.dumps(versions_json(entries, source), ensure_ascii=False, indent=2), file=out
        )
        return EXIT_OK
    print(_in_force_line(source), file=out)
    if not entries:
        print(_("No strategy version saved yet."), file=out)
    for entry in entries:
        record = entry.record
        print(
            f"{record.id:>4}  {record.created_at:%Y-%m-%d %H:%M} UTC  {record.author}: "
            f"{record.reason}",
            file=out,
        )
        for change in entry.changes:
            print(f"        {change.describe()}", file=out)
    return EXIT_OK


def run_export(
    *,
    out_path: Path,
    version: int | None,
    strategy: Path | None,
    db: str | None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Write a version's YAML (or, without --version, the strategy in force) to a file."""
    from metrics.problems import StrategyInvalid
    from metrics.strategy_source import resolve_strategy
    from workflows.strategy_versions import version_record

    out, err = out or sys.stdout, err or sys.stderr
    if not out_path.parent.is_dir():
        print(_("--out: folder {folder} does not exist").format(folder=out_path.parent), file=err)
        return EXIT_REJECTED
    try:
        with _engine(db, err) as engine:
            if version is not None:
                try:
                    text = version_record(engine, version).yaml_text
                except LookupError as exc:
                    print(f"--version: {exc}", file=err)
                    return EXIT_REJECTED
                label = _("strategy version {version}").format(version=version)
            else:
                try:
                    resolved = resolve_strategy(strategy, engine)
                except StrategyInvalid as exc:
                    return _problems(exc, err)
                text = resolved.text
                label = resolved.source.label
    except _Stop as stop:
        return stop.code
    try:
        out_path.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(
            _("--out: cannot write {path}: {reason}").format(path=out_path, reason=exc.strerror),
            file=err,
        )
        return EXIT_REJECTED
    print(_("{path}: {label} exported").format(path=out_path, label=label), file=out)
    return EXIT_OK


def run_import_version(
    file: Path,
    *,
    reason: str,
    author: str,
    db: str | None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Keep a strategy YAML file as the new version (checked first; nothing stored if not)."""
    from dashboard.roles_messages import roles_error_lines
    from metrics.problems import StrategyInvalid
    from metrics.strategy_source import locate_strategy
    from workflows.roles import RolesInvalid
    from workflows.strategy_versions import import_text

    out, err = out or sys.stdout, err or sys.stderr
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        print(_("{path}: the file does not exist").format(path=file), file=err)
        return EXIT_REJECTED
    except (OSError, UnicodeDecodeError) as exc:
        print(_("{path}: cannot read the file: {reason}").format(path=file, reason=exc), file=err)
        return EXIT_REJECTED
    try:
        with _engine(db, err) as engine:
            try:
                saved = import_text(engine, text, source=file.name, author=author, reason=reason)
            except StrategyInvalid as exc:
                return _problems(exc, err)
            except RolesInvalid as exc:
                for line in roles_error_lines(exc):
                    print(line, file=err)
                return EXIT_USAGE
            source = locate_strategy(None, engine)
    except _Stop as stop:
        return stop.code
    print(
        _("Strategy version {version} saved; changes: {count}.").format(
            version=saved.version_id, count=len(saved.changes)
        ),
        file=out,
    )
    for change in saved.changes:
        print(f"  {change.describe()}", file=out)
    if source.kind != "warehouse":
        print(_in_force_line(source), file=err)
    return EXIT_OK
