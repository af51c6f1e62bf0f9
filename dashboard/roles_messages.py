"""SOCIALKPI_ROLES problems in the reader's language, for the Strategy page and the CLI alike.

`workflows.roles.RolesInvalid` carries what is wrong (each bad entry, why, the roles
expected) but no translated text, since workflows/ does not import the translation layer; this
module words it. No Streamlit here: the command line imports it too.
"""

from __future__ import annotations

from dashboard.i18n import _
from workflows.roles import ENV_ROLES, BadRoleEntry, RolesInvalid

_MARKDOWN = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#"})


def _choices(exc: RolesInvalid) -> str:
    # The role names are what the variable must contain, so they stay as typed, untranslated.
    return ", ".join(exc.expected)


def roles_entry_text(bad: BadRoleEntry, exc: RolesInvalid, *, markdown: bool = False) -> str:
    """Why one entry cannot be read, naming the entry as written (escaped for Markdown when
    `markdown`: an entry such as `*=boss` must show its asterisk)."""
    if bad.problem == "missing_equals":
        text = _("“{entry}” has no “=”: write name=role, e.g. “{entry}=editor”")
    elif bad.problem == "empty_name":
        text = _("“{entry}” has no name before the “=”")
    elif bad.problem == "empty_role":
        text = _("“{entry}” gives no role after the “=” (roles: {roles})")
    else:
        text = _("“{entry}”: “{role}” is not a role (roles: {roles})")
    entry, role = bad.entry, bad.role or ""
    if markdown:
        entry, role = entry.translate(_MARKDOWN), role.translate(_MARKDOWN)
    return text.format(entry=entry, role=role, roles=_choices(exc))


def roles_error_lines(exc: RolesInvalid) -> list[str]:
    """One self-contained line per bad entry: `SOCIALKPI_ROLES: “Ana=boss”: “boss” is not a
    role (roles: viewer, editor, admin)` (the CLI prints them one per line on stderr)."""
    return [f"{ENV_ROLES}: {roles_entry_text(bad, exc)}" for bad in exc.entries]


def roles_error_markdown(exc: RolesInvalid) -> str:
    """The page's message: what is wrong with the variable, then one bullet per bad entry."""
    head = _(
        "{variable} cannot be read, so nobody can edit until it is fixed (entries name=role, "
        "separated by commas, e.g. “Ana=admin, Joost=editor, *=viewer”):"
    ).format(variable=ENV_ROLES)
    return "\n".join(
        [head, *(f"- {roles_entry_text(bad, exc, markdown=True)}" for bad in exc.entries)]
    )
