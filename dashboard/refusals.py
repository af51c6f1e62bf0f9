"""A refused write in the reader's language: "adding a comment needs the editor role; you
are viewer" (workflows/roles.py words it in English, with its parts as params)."""

from __future__ import annotations

from typing import Any

from dashboard.i18n import N_, _, translate_problem

ROLE_NAMES = {"viewer": N_("viewer"), "editor": N_("editor"), "admin": N_("admin")}
# every `doing` of workflows.roles (WRITES labels, op_label, the strategy imports)
DOING = {
    "keeping a strategy version": N_("keeping a strategy version"),
    "importing a strategy file": N_("importing a strategy file"),
    "uploading exports": N_("uploading exports"),
    "adding a comment": N_("adding a comment"),
    "adding an action": N_("adding an action"),
    "changing an action's status": N_("changing an action's status"),
    "adding a success story": N_("adding a success story"),
    "adding an event": N_("adding an event"),
    "recording a target change": N_("recording a target change"),
    "closing a period": N_("closing a period"),
    "re-opening a period": N_("re-opening a period"),
    "restoring a backup": N_("restoring a backup"),
    "recording a maturity self-assessment": N_("recording a maturity self-assessment"),
    "sending the report by e-mail": N_("sending the report by e-mail"),
    "changing targets": N_("changing targets"),
    "changing KPI metadata": N_("changing KPI metadata"),
    "changing objective metadata": N_("changing objective metadata"),
    "adding an objective": N_("adding an objective"),
    "adding a KPI": N_("adding a KPI"),
    "retiring or reinstating a KPI": N_("retiring or reinstating a KPI"),
    "retiring or reinstating an objective": N_("retiring or reinstating an objective"),
    "this edit": N_("this edit"),
    "importing this file": N_("importing this file"),
}


def refusal_text(code: str | None, message: str, params: dict[str, Any] | None) -> str:
    """The problem of a refused write (code `not_allowed`) in the reader's words; any other
    problem as `translate_problem` words it."""
    params = dict(params or {})
    doing = DOING.get(str(params.get("doing")))
    needed = ROLE_NAMES.get(str(params.get("needed")))
    if code != "not_allowed" or doing is None or needed is None:
        return translate_problem(code, message, params)
    role = params.get("role")
    shown = _(ROLE_NAMES[role]) if role in ROLE_NAMES else repr(role)
    text = _("{doing} needs the {needed} role; you are {role}").format(
        doing=_(doing), needed=_(needed), role=shown
    )
    why = str(params.get("why") or "")
    return f"{text}{why}" if not why else f"{text} {why.strip()}"
