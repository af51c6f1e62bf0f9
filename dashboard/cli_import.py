"""`socialkpi import` / `socialkpi validate`: a summary per file, one line per problem."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

from dashboard.cli_database import EXIT_DATABASE, open_for_cli
from dashboard.i18n import _
from warehouse import json_text

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
LARGE_FILE_BYTES = 20 * 1024 * 1024


def _strategy_text(strategy: Path | None, engine: Any) -> str | None:
    """The YAML text of the strategy in force (metrics.strategy_source's order, the
    warehouse's current version included), or None when there is none to read."""
    from metrics.strategy_source import locate_strategy

    source = locate_strategy(strategy, engine)
    if source.kind == "warehouse" and source.version_id is not None:
        from warehouse.strategy_store import strategy_version

        with engine.connect() as conn:
            record = strategy_version(conn, source.version_id)
        return record.yaml_text if record is not None else None
    if source.path is None or not source.path.is_file():
        return None
    try:
        return source.path.read_text(encoding="utf-8-sig")
    except OSError:
        return None


def _timezone(strategy: Path | None, engine: Any) -> str:
    """The organisation's time zone, from the strategy in force; UTC when it names none.

    Only the `timezone` key is read: an import does not depend on the rest of the strategy
    checking out."""
    import yaml

    text = _strategy_text(strategy, engine)
    try:
        data = yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return "UTC"
    zone = data.get("timezone") if isinstance(data, dict) else None
    return str(zone) if zone else "UTC"


class BytesBar:
    """The rich progress bar of a long import: the bytes of the files done, plus the current
    file's size times its fraction from the pipeline's `progress(path, rows_done,
    rows_total)` (an estimate until the file's final call, where it equals the rows read).
    It only moves forward and ends at the files' total size."""

    def __init__(self, bar: Any, files: list[Path]) -> None:
        self.bar = bar
        self.sizes = {str(f): f.stat().st_size for f in files}
        self.done_bytes = 0
        self.completed = 0.0
        self.task = bar.add_task(_("Importing"), total=max(1, sum(self.sizes.values())))

    def _set(self, completed: float, description: str | None = None) -> None:
        self.completed = max(self.completed, completed)
        extra = {"description": description} if description is not None else {}
        self.bar.update(self.task, completed=self.completed, **extra)

    def file_progress(self, path: Path, done: int, total: int | None) -> None:
        fraction = min(done / total, 1.0) if total else 0.0
        self._set(
            self.done_bytes + fraction * self.sizes.get(str(path), 0),
            _("{name}: {done} rows").format(name=path.name, done=f"{done:,}"),
        )

    def file_done(self, path: Path) -> None:
        self.done_bytes += self.sizes.get(str(path), 0)
        self._set(self.done_bytes)


MAX_LINES_PER_FILE = 20


def _human(results: list[dict[str, Any]], store: bool) -> str:
    """One summary line per file, then where its account, platform and year came from when
    that is worth knowing (an assumed account above all: what to do to change it), then its
    warnings and notes (in the reader's language)."""
    from dashboard.import_messages import import_text
    from dashboard.import_provenance import assumption_text, provenance_lines

    lines = []
    for r in results:
        counts = (
            _("{read} rows read, {loaded} loaded, {quarantined} quarantined")
            if store
            else _("{read} rows read, {loaded} valid, {quarantined} quarantined")
        ).format(read=r["rows_read"], loaded=r["rows_loaded"], quarantined=r["rows_rejected"])
        if r.get("warnings_count"):
            counts += ", " + _("{n} warning(s)").format(n=r["warnings_count"])
        head = (
            f"{r['status'].upper():9} {Path(r['path']).name}: {r['format'] or _('unknown format')}"
            f" · {r['platform'] or '-'} · {r['account'] or '-'} · {counts}"
        )
        lines.append(head)
        if r["status"] in ("loaded", "partial"):
            lines.extend(f"          {line}" for line in provenance_lines(r))
        if r["status"] in ("loaded", "partial") and r.get("account_assumed"):
            lines.append(f"          {assumption_text(r, here=False)}")
            lines.append(
                "          "
                + _(
                    "To file it under another account: socialkpi import {file} --account NAME"
                ).format(file=shlex.quote(str(r["path"])))
            )
        shown = 0
        for warning in r.get("warnings") or []:
            if shown == MAX_LINES_PER_FILE:
                break
            lines.append("          " + _("warning: {text}").format(text=import_text(warning)))
            shown += 1
        hidden = int(r.get("warnings_count") or 0) - shown
        if hidden > 0:
            lines.append(
                "          "
                + _("… and {n} more warning(s): see the Data page or --json").format(n=hidden)
            )
        for note in r.get("notes") or []:
            lines.append("          " + _("note: {text}").format(text=import_text(note)))
    return "\n".join(lines)


def run_import(
    files: list[Path],
    *,
    account: str | None,
    platform: str | None = None,
    as_json: bool,
    db: str | None,
    strategy: Path | None,
    store: bool,
) -> int:
    """Import (store=True) or validate files; returns the exit code of DESIGN.md."""
    missing = [f for f in files if not Path(f).is_file()]
    if not files or missing:
        for path in missing:
            print(_("error: {path}: no such file").format(path=path), file=sys.stderr)
        if not files:
            print(_("error: name at least one export file"), file=sys.stderr)
        return EXIT_USAGE
    from warehouse.schema import PLATFORMS

    if platform is not None and platform not in PLATFORMS:
        print(
            _("error: --platform must be one of {names}").format(names=", ".join(PLATFORMS)),
            file=sys.stderr,
        )
        return EXIT_USAGE
    from dashboard.import_messages import import_text
    from dashboard.import_provenance import command_hint
    from data_contracts.pipeline import import_files

    engine = open_for_cli(db, sys.stderr)
    if engine is None:
        return EXIT_DATABASE
    timezone = _timezone(strategy, engine)
    total_bytes = sum(Path(f).stat().st_size for f in files)
    bar: BytesBar | None = None
    if not as_json and total_bytes > LARGE_FILE_BYTES and sys.stderr.isatty():
        from rich.progress import Progress

        bar = BytesBar(Progress(transient=True), [Path(f) for f in files])
        bar.bar.start()
    try:
        results = import_files(
            engine,
            [Path(f) for f in files],
            account=account,
            platform=platform,
            timezone=timezone,
            store=store,
            progress=bar.file_progress if bar is not None else None,
            on_file_done=bar.file_done if bar is not None else None,
        )
    finally:
        if bar is not None:
            bar.bar.stop()
        engine.dispose()
    payload = [r.as_dict() for r in results]
    if as_json:
        print(json_text.dumps({"files": payload}, ensure_ascii=False, default=str))
    else:
        print(_human(payload, store))
    from data_contracts.problems import one_line

    for r in payload:
        for problem in r["problems"]:
            # the pipeline says when the file needs an account: then the problem is the question
            hint = command_hint(problem) if r["needs_account"] else None
            text = f"{import_text(problem)} {hint}" if hint else import_text(problem)
            # one line per problem, whatever the file name holds (a line break, a control)
            print(f"{problem['code']}: {one_line(text)}", file=sys.stderr)
    return EXIT_REJECTED if any(r["status"] == "rejected" for r in payload) else EXIT_OK
