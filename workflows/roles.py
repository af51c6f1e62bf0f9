"""Who may do what: the roles read from $SOCIALKPI_ROLES and the one check every write of
workflows/ makes before it stores anything.

There is no login in this offline app (docs/strategy.md): a write names who is acting, and
that name's role comes from `SOCIALKPI_ROLES` ("Ana=admin, Joost=editor, *=viewer"); when it
is not set, everybody who gives a name is an admin. `viewer` may not edit the strategy;
`editor` may change targets, baselines and the metadata of KPIs and objectives; `admin` may
also add and retire objectives and KPIs, change a KPI's definition and the file's settings.

The one place a write is allowed or refused: `check(write, actor)` for writes whose role
does not depend on what they change (`WRITE_ROLES`), `refuse_unless(role, needed, ...)` for
strategy edits and imports, whose role is that of their changes (`OP_ROLES`,
`change_role`, `required_role`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from metrics.problems import StrategyProblem
from metrics.strategy_edits import (
    AddKpi,
    AddObjective,
    Change,
    EditKpi,
    EditObjective,
    EditOp,
    EditRefused,
    RetireKpi,
    RetireObjective,
    SetTargets,
)

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "editor", "admin")
ENV_ROLES = "SOCIALKPI_ROLES"
DEFAULT_ROLE: Role = "admin"


# --- reading SOCIALKPI_ROLES ------------------------------------------------------------


RoleEntryProblem = Literal["missing_equals", "empty_name", "empty_role", "unknown_role"]


@dataclass(frozen=True)
class BadRoleEntry:
    """One entry of SOCIALKPI_ROLES that cannot be read, and why.

    `problem`: `missing_equals` (no `=`: write name=role), `empty_name` (nothing before the
    `=`), `empty_role` (nothing after it), `unknown_role` (`role`, as written, is none of
    ROLES). The faces word the message in the reader's language from these fields.
    """

    entry: str  # the entry as written, without surrounding spaces
    problem: RoleEntryProblem
    role: str | None = None  # what stands after the `=`, when there is one


class RolesInvalid(ValueError):
    """SOCIALKPI_ROLES cannot be read: `entries` names every bad entry and why, `expected`
    the roles an entry may give. `str()` is a plain English message (logs, scripts); the
    dashboard and the CLI word their own from the fields."""

    def __init__(self, entries: Sequence[BadRoleEntry]) -> None:
        self.entries: tuple[BadRoleEntry, ...] = tuple(entries)
        self.expected: tuple[Role, ...] = ROLES
        super().__init__(
            f"{ENV_ROLES}: cannot read {', '.join(_entry_english(e) for e in self.entries)}; "
            f"write name=role entries separated by commas, role one of {', '.join(ROLES)} "
            "(e.g. 'Ana=admin, Joost=editor, *=viewer')"
        )


def _entry_english(bad: BadRoleEntry) -> str:
    why = {
        "missing_equals": "no '='",
        "empty_name": "no name before '='",
        "empty_role": "no role after '='",
        "unknown_role": f"unknown role {bad.role!r}",
    }[bad.problem]
    return f"{bad.entry!r} ({why})"


def _read_role_entry(entry: str) -> tuple[str, Role] | BadRoleEntry:
    """`"Joost = Editor"` → ("joost", "editor"), or what is wrong with the entry."""
    name, sep, written = entry.partition("=")
    role = written.strip()
    if not sep:
        return BadRoleEntry(entry, "missing_equals")
    if not name.strip():
        return BadRoleEntry(entry, "empty_name", role or None)
    if not role:
        return BadRoleEntry(entry, "empty_role")
    for known in ROLES:
        if role.lower() == known:
            return name.strip().casefold(), known
    return BadRoleEntry(entry, "unknown_role", role)


def parse_roles(text: str) -> dict[str, Role]:
    """`"Ana Pérez=admin, Joost=editor; *=viewer"` → {"ana pérez": "admin", ...}.

    Entries are separated by commas, semicolons or new lines; names are matched without
    regard to case or surrounding spaces; `*` is everybody not named. Raises RolesInvalid
    naming every entry that cannot be read.
    """
    roles: dict[str, Role] = {}
    bad: list[BadRoleEntry] = []
    for raw in text.replace(";", ",").replace("\n", ",").split(","):
        if not raw.strip():
            continue
        read = _read_role_entry(raw.strip())
        if isinstance(read, BadRoleEntry):
            bad.append(read)
        else:
            roles[read[0]] = read[1]
    if bad:
        raise RolesInvalid(bad)
    return roles


def role_of(author: str, roles_text: str | None) -> Role:
    """The role of `author` under a roles configuration (None or blank: everybody admin)."""
    if roles_text is None or not roles_text.strip():
        return DEFAULT_ROLE
    roles = parse_roles(roles_text)
    return roles.get(author.strip().casefold(), roles.get("*", "viewer"))


def configured_role(author: str, environ: Mapping[str, str] | None = None) -> Role:
    """The role of `author` under $SOCIALKPI_ROLES (read when called)."""
    env = os.environ if environ is None else environ
    return role_of(author, env.get(ENV_ROLES))


def identity_role(
    email: str, groups: Sequence[str] = (), environ: Mapping[str, str] | None = None
) -> Role:
    """The role of a signed-in identity: the highest of its e-mail's entry and of its groups'
    entries (`group:<name>=role`) in $SOCIALKPI_ROLES, else the `*` entry, else viewer.
    Behind a login an unset SOCIALKPI_ROLES makes nobody an admin: everybody is a viewer
    until the roles are configured."""
    env = os.environ if environ is None else environ
    text = env.get(ENV_ROLES, "")
    roles = parse_roles(text) if text.strip() else {}
    keys = [email.strip().casefold()] + [f"group:{g.strip().casefold()}" for g in groups]
    found = [roles[k] for k in keys if k in roles]
    if not found:
        return roles.get("*", "viewer")
    return max(found, key=ROLES.index)


def roles_configured(environ: Mapping[str, str] | None = None) -> bool:
    """Whether $SOCIALKPI_ROLES names anybody (else everybody is an admin)."""
    env = os.environ if environ is None else environ
    return bool(env.get(ENV_ROLES, "").strip())


def acting_role(actor: str, role: str | None = None) -> str:
    """The role `actor` acts with: `role` when the caller already knows it, else the one
    $SOCIALKPI_ROLES gives (raises RolesInvalid when it cannot be read)."""
    return role if role is not None else configured_role(actor)


def _rank(role: str) -> int:
    return ROLES.index(role) if role in ROLES else -1


def allows(role: str, needed: Role) -> bool:
    return _rank(role) >= _rank(needed)


def role_label(role: str) -> str:
    return role if role in ROLES else f"{role!r} (not a role)"


# --- what a strategy edit needs ---------------------------------------------------------

EDITOR_KINDS = frozenset({"target", "platform_target", "baseline", "kpi_field", "objective_field"})

OP_ROLES: dict[type, Role] = {
    SetTargets: "editor",
    EditKpi: "editor",
    EditObjective: "editor",
    AddObjective: "admin",
    AddKpi: "admin",
    RetireKpi: "admin",
    RetireObjective: "admin",
}


def change_role(change: Change) -> Role:
    """The least role allowed to make this change of the strategy."""
    return "editor" if change.kind in EDITOR_KINDS else "admin"


def required_role(found: list[Change]) -> Role:
    """The least role allowed to make every change of the list."""
    return "admin" if any(change_role(c) == "admin" for c in found) else "editor"


def op_label(op: EditOp) -> str:
    labels = {
        SetTargets: "changing targets",
        EditKpi: "changing KPI metadata",
        EditObjective: "changing objective metadata",
        AddObjective: "adding an objective",
        AddKpi: "adding a KPI",
        RetireKpi: "retiring or reinstating a KPI",
        RetireObjective: "retiring or reinstating an objective",
    }
    return labels[type(op)]


# --- the check --------------------------------------------------------------------------


@dataclass(frozen=True)
class Write:
    """A write whose role does not depend on what it changes: how a refusal names it, and
    the least role it needs (None: anybody who gives a name; no role is even read, so an
    unreadable $SOCIALKPI_ROLES stops none of these writes)."""

    label: str
    needed: Role | None


# Viewers read and download; editors upload, comment, record actions, change targets and
# record maturity self-assessments;
# admins edit the strategy, close and re-open months (issue 14). Strategy edits need the
# role of what they change (OP_ROLES, required_role), checked with `refuse_unless` in
# workflows/strategy_versions.py.
WRITES: dict[str, Write] = {
    "strategy.save": Write("keeping a strategy version", "editor"),  # then its changes' role
    "strategy.import": Write("importing a strategy file", "editor"),  # then its changes' role
    "upload": Write("uploading exports", "editor"),
    "review.comment": Write("adding a comment", "editor"),
    "review.action": Write("adding an action", "editor"),
    "review.action_status": Write("changing an action's status", "editor"),
    "review.story": Write("adding a success story", "editor"),
    "review.event": Write("adding an event", "editor"),
    "review.target_change": Write("recording a target change", "editor"),
    "review.close": Write("closing a period", "admin"),
    "review.reopen": Write("re-opening a period", "admin"),
    "backup.restore": Write("restoring a backup", "admin"),
    "maturity.assess": Write("recording a maturity self-assessment", "editor"),
    # The e-mailed report's record: sent after a close (which needs admin) or by the
    # operator's `socialkpi report --send` on the command line, so no person's role applies.
    "report.delivery": Write("sending the report by e-mail", None),
}


def refuse_unless(role: str, needed: Role, doing: str, *, file: str, why: str = "") -> None:
    """Raise EditRefused (code `not_allowed`) unless `role` is at least `needed`:
    "<doing> needs the <needed> role<why>; you are <role>"."""
    if not allows(role, needed):
        message = f"{doing} needs the {needed} role{why}; you are {role_label(role)}"
        params = {"doing": doing, "needed": needed, "role": role, "why": why}
        raise EditRefused(
            [StrategyProblem(file, None, None, "not_allowed", message, params=params)]
        )


def check(write: str, actor: str, *, file: str, role: str | None = None) -> str | None:
    """Allow or refuse one of WRITES by `actor`; returns the role acted with, or None when
    the write needs none (then no role is read)."""
    needed = WRITES[write].needed
    if needed is None:
        return None
    acting = acting_role(actor, role)
    refuse_unless(acting, needed, WRITES[write].label, file=file)
    return acting
