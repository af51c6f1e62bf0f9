"""Strategy versions: every change of the strategy made in the app (or imported from a YAML
file) is kept in the warehouse as a new version with its author, time and reason.

A version is saved only when its text passes every strategy check (metrics), so an exported
version can always be loaded again. The newest version is the strategy in force when no
strategy file overrides it (metrics.strategy_source). Target changes are also recorded as
review target changes (warehouse.review), so the review shows them with their reason.
Every write names its author and is allowed or refused by workflows.roles first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine

from metrics.problems import StrategyInvalid, StrategyProblem
from metrics.strategy import parse_strategy
from metrics.strategy_edits import EDIT_FILE, Change, EditOp, EditRefused, EditResult, changes
from metrics.strategy_edits import apply_edit as apply_to_text
from metrics.strategy_model import StrategyFile
from metrics.strategy_source import sample_strategy_path, version_file_name
from warehouse import audit, review, strategy_store
from warehouse.review import utc_now
from warehouse.strategy_store import StrategyVersionRecord
from workflows.roles import (
    OP_ROLES,
    acting_role,
    change_role,
    check,
    op_label,
    refuse_unless,
    required_role,
)

VERSION_FILE = "strategy version"  # the `file` of the problems raised here


@dataclass(frozen=True)
class SavedVersion:
    """What an edit or an import stored."""

    version_id: int
    changes: list[Change]
    base_version_id: int | None = None  # the starting point kept before the first edit


@dataclass(frozen=True)
class VersionEntry:
    """One version of the history with what changed since the version before it."""

    record: StrategyVersionRecord
    changes: list[Change] = field(default_factory=list)
    first: bool = False
    problems: list[StrategyProblem] = field(default_factory=list)


def _refused(code: str, message: str) -> EditRefused:
    return EditRefused([StrategyProblem(VERSION_FILE, None, None, code, message)])


def _required_text(name: str, value: str) -> str:
    text = (value or "").strip()
    if not text:
        raise _refused("missing_field", f"{name} is required and was empty")
    return text


def save_version(
    engine: Engine,
    yaml_text: str,
    *,
    source: str,
    reason: str,
    author: str,
    role: str | None = None,
) -> int:
    """Check the text (raises `metrics.problems.StrategyInvalid` with every problem) and
    keep it as a new version; returns its id. Scripts and tests; the faces import through
    `import_text`, which asks the role of the changes."""
    acting = check("strategy.save", author, file=VERSION_FILE, role=role)
    parse_strategy(yaml_text, file=source)
    with engine.begin() as conn:
        current = strategy_store.latest_strategy_version(conn)
        made = strategy_store.save_strategy_version(
            conn, yaml_text=yaml_text, source=source, reason=reason, author=author
        )
        _audit_version(conn, author, acting, current, made, reason)
        return made


def _audit_version(
    conn: Connection,
    author: str,
    role: str | None,
    current: StrategyVersionRecord | None,
    made: int,
    reason: str,
    action: str = "strategy.version",
) -> None:
    audit.record(
        conn,
        who=author,
        role=role,
        action=action,
        subject=f"strategy ({reason})",
        before=None if current is None else f"version {current.id}",
        after=f"version {made}",
    )


def import_version(
    engine: Engine, path: Path, *, reason: str, author: str, role: str | None = None
) -> int:
    """Keep the strategy file at `path` as a new version."""
    return save_version(
        engine,
        path.read_text(encoding="utf-8"),
        source=path.name,
        reason=reason,
        author=author,
        role=role,
    )


def versions(engine: Engine) -> list[StrategyVersionRecord]:
    """Every kept version, newest first."""
    with engine.connect() as conn:
        return strategy_store.list_strategy_versions(conn)


def current_version(engine: Engine) -> StrategyVersionRecord | None:
    """The newest version, or None when none was ever saved."""
    with engine.connect() as conn:
        return strategy_store.latest_strategy_version(conn)


def version_record(engine: Engine, version_id: int) -> StrategyVersionRecord:
    with engine.connect() as conn:
        record = strategy_store.strategy_version(conn, version_id)
    if record is None:
        raise LookupError(f"strategy version {version_id} does not exist")
    return record


def export_version(engine: Engine, version_id: int, path: Path) -> Path:
    """Write version `version_id`'s YAML text, byte for byte, to `path`."""
    path.write_text(version_record(engine, version_id).yaml_text, encoding="utf-8")
    return path


def _base(base: tuple[str, str] | None) -> tuple[str, str]:
    """(YAML text, source name) edits start from when no version was saved yet."""
    if base is not None:
        return base
    path = sample_strategy_path()
    return path.read_text(encoding="utf-8-sig"), path.name


def _check_expected(current: StrategyVersionRecord | None, expected: int | None) -> None:
    """Refuse to overwrite a version someone else saved after the editor's page loaded."""
    if expected is None:
        return
    current_id = current.id if current is not None else 0
    if current_id != expected:
        who = f" by {current.author}" if current is not None else ""
        raise _refused(
            "stale_version",
            f"the strategy changed since you opened it (now version {current_id}{who}); "
            "reload and make your change again",
        )


def edit_text(text: str, op: EditOp, role: str, *, file: str = "strategy.yaml") -> EditResult:
    """`op` applied to the YAML `text` by someone with `role`, refused (EditRefused,
    `not_allowed`) before anything is read when the operation needs a higher role, and after
    the edit when what it changes does (metrics.strategy_edits.apply_edit does the edit)."""
    refuse_unless(role, OP_ROLES[type(op)], op_label(op), file=EDIT_FILE)
    result = apply_to_text(text, op, file=file)
    refuse_unless(role, required_role(result.changes), "this edit", file=EDIT_FILE)
    return result


def _record_targets(
    conn: Connection, found: list[Change], *, reason: str, author: str, at: datetime
) -> None:
    for change in found:
        if change.kind == "target" and change.kpi_id and change.period:
            review.record_target_change(
                conn,
                kpi_id=change.kpi_id,
                target_period=change.period,
                old_value=change.old,
                new_value=change.new,
                reason=reason,
                author=author,
                at=at,
            )


def apply_edit(
    engine: Engine,
    op: EditOp,
    *,
    author: str,
    reason: str,
    role: str | None = None,
    base: tuple[str, str] | None = None,
    expected_version: int | None = None,
) -> SavedVersion:
    """Apply one edit to the current version and keep the result as a new version.

    `role` defaults to the author's role under $SOCIALKPI_ROLES. Before the first version
    exists the edit starts from `base` (YAML text, source name; default: the sample
    strategy), which is kept first as the starting point. `expected_version` (the version the
    editor saw; 0 for none) refuses the edit when someone saved another one since.
    Raises EditRefused / StrategyInvalid with every problem; nothing is stored then.
    """
    author = _required_text("author", author)
    reason = _required_text("reason", reason)
    role = acting_role(author, role)
    at = utc_now()
    with engine.begin() as conn:
        current = strategy_store.latest_strategy_version(conn)
        _check_expected(current, expected_version)
        if current is not None:
            text, source = current.yaml_text, current.source
        else:
            text, source = _base(base)
        result = edit_text(text, op, role, file=source)
        base_id = None
        if current is None:
            base_id = strategy_store.save_strategy_version(
                conn,
                yaml_text=text,
                source=source,
                reason=f"Starting point of the first edit in the app ({source})",
                author=author,
                at=at,
            )
        version_id = strategy_store.save_strategy_version(
            conn, yaml_text=result.text, source=source, reason=reason, author=author, at=at
        )
        _record_targets(conn, result.changes, reason=reason, author=author, at=at)
        _audit_version(conn, author, role, current, version_id, reason, "strategy.edit")
    return SavedVersion(version_id, result.changes, base_id)


def import_text(
    engine: Engine,
    yaml_text: str,
    *,
    source: str,
    author: str,
    reason: str,
    role: str | None = None,
    base: tuple[str, str] | None = None,
) -> SavedVersion:
    """Keep a whole strategy YAML (an uploaded or exported file) as the new version.

    Checked first (StrategyInvalid with every problem; nothing stored). The role needed is
    that of its changes against the current version (or `base` before the first version):
    an editor may import a file that only changes targets and metadata.
    """
    author = _required_text("author", author)
    reason = _required_text("reason", reason)
    role = acting_role(author, role)
    check("strategy.import", author, role=role, file=VERSION_FILE)  # before the file is parsed
    after = parse_strategy(yaml_text, file=source)
    at = utc_now()
    with engine.begin() as conn:
        current = strategy_store.latest_strategy_version(conn)
        if current is not None:
            if current.yaml_text == yaml_text:
                raise _refused(
                    "no_change", f"the file is identical to the current version {current.id}"
                )
            before_text, before_source = current.yaml_text, version_file_name(current.id)
        else:
            before_text, before_source = _base(base)
        before = _parse_or_none(before_text, before_source)
        found = changes(before, after)
        needed = required_role(found) if before is not None else "admin"
        if not found and current is not None:
            raise _refused(
                "no_change",
                f"the file changes nothing in the strategy of version {current.id} "
                "(only layout or comments differ)",
            )
        refuse_unless(
            role, needed, "importing this file", why=f" (it {_summary(found)})", file=VERSION_FILE
        )
        version_id = strategy_store.save_strategy_version(
            conn, yaml_text=yaml_text, source=source, reason=reason, author=author, at=at
        )
        _record_targets(conn, found, reason=reason, author=author, at=at)
        _audit_version(conn, author, role, current, version_id, reason, "strategy.import")
    return SavedVersion(version_id, found)


def _summary(found: list[Change]) -> str:
    admin = [c.describe() for c in found if change_role(c) == "admin"]
    return "; ".join(admin[:3]) + ("…" if len(admin) > 3 else "") if admin else "changes it"


def _parse_or_none(text: str, source: str) -> StrategyFile | None:
    try:
        return parse_strategy(text, file=source)
    except StrategyInvalid:
        return None


def history(engine: Engine) -> list[VersionEntry]:
    """Every version, newest first, each with its changes against the version before it."""
    records = versions(engine)
    parsed: dict[int, StrategyFile | None] = {}
    problems: dict[int, list[StrategyProblem]] = {}
    for record in records:
        try:
            parsed[record.id] = parse_strategy(record.yaml_text, file=version_file_name(record.id))
        except StrategyInvalid as exc:
            parsed[record.id] = None
            problems[record.id] = exc.errors
    entries: list[VersionEntry] = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        after = parsed[record.id]
        before = parsed[previous.id] if previous is not None else None
        # The first version, and a version next to one that no longer checks out (the rules
        # were tightened since), list no changes.
        found = changes(before, after) if after is not None and before is not None else []
        entries.append(VersionEntry(record, found, previous is None, problems.get(record.id, [])))
    return entries
