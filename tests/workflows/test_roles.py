"""Roles: SOCIALKPI_ROLES read into names and roles, the role each strategy change needs,
and the one check a write makes before it stores anything."""

from __future__ import annotations

import pytest

from metrics.strategy import parse_strategy
from metrics.strategy_edits import AddKpi, EditRefused, SetTargets, changes
from workflows.roles import (
    WRITES,
    BadRoleEntry,
    RolesInvalid,
    change_role,
    check,
    configured_role,
    identity_role,
    parse_roles,
    role_of,
    roles_configured,
)
from workflows.strategy_versions import edit_text

TEXT = """\
organisation: Test Institute
timezone: UTC
language: en
objectives:
  - id: reach
    name: Grow our audience
    kpis:
      - id: posts_published
        name: Posts published
        metric: {type: count, grain: post}
        targets: {2026-10: 12}
      - id: followers
        name: Followers
        metric: {type: last, measure: followers}
        targets: {2026-10: 5000}
"""


def test_roles_configuration() -> None:
    config = "Ana Pérez=admin; joost = editor, *=viewer"
    assert parse_roles(config) == {"ana pérez": "admin", "joost": "editor", "*": "viewer"}
    assert role_of("  ana pérez ", config) == "admin"
    assert role_of("Joost", config) == "editor"
    assert role_of("Somebody", config) == "viewer"
    assert role_of("Somebody", "Ana=admin") == "viewer"
    assert role_of("Somebody", None) == "admin"
    assert role_of("Somebody", "  ") == "admin"
    assert configured_role("Joost", {"SOCIALKPI_ROLES": "Joost=editor"}) == "editor"
    assert roles_configured({"SOCIALKPI_ROLES": "Joost=editor"})
    assert not roles_configured({"SOCIALKPI_ROLES": " "}) and not roles_configured({})
    with pytest.raises(RolesInvalid) as exc:
        parse_roles("Ana=boss, Joost")
    assert "'Ana=boss' (unknown role 'boss'), 'Joost' (no '=')" in str(exc.value)


def test_unreadable_roles_name_each_entry_and_why() -> None:
    with pytest.raises(RolesInvalid) as exc:
        parse_roles("Ana=Admin; Bea = boss, Joost\n =editor, Kim=, *=viewer")
    assert exc.value.entries == (
        BadRoleEntry("Bea = boss", "unknown_role", "boss"),
        BadRoleEntry("Joost", "missing_equals"),
        BadRoleEntry("=editor", "empty_name", "editor"),
        BadRoleEntry("Kim=", "empty_role"),
    )
    assert exc.value.expected == ("viewer", "editor", "admin")
    assert parse_roles("Ana=Admin, *=VIEWER") == {"ana": "admin", "*": "viewer"}


def test_viewer_cannot_edit_anything() -> None:
    with pytest.raises(EditRefused, match="changing targets needs the editor role; you are viewer"):
        edit_text(TEXT, SetTargets("followers", {"2026-10": 6000}), "viewer")


def test_adding_a_kpi_is_for_admins() -> None:
    new_kpi = {
        "id": "shares_total",
        "name": "Shares",
        "metric": {"type": "sum", "measure": "shares"},
    }
    with pytest.raises(EditRefused, match="adding a KPI needs the admin role; you are editor"):
        edit_text(TEXT, AddKpi("reach", new_kpi), "editor")
    added = edit_text(TEXT, AddKpi("reach", new_kpi), "admin")
    assert [c.kpi_id for c in added.changes] == ["shares_total"]


def test_an_editor_may_change_targets_but_not_definitions() -> None:
    result = edit_text(TEXT, SetTargets("followers", {"2026-10": 5200}), "editor")
    assert [(c.kind, c.old, c.new) for c in result.changes] == [("target", 5000, 5200)]
    before = parse_strategy(TEXT)
    after = parse_strategy(
        TEXT.replace("{type: count, grain: post}", "{type: count, grain: message}").replace(
            "timezone: UTC", "timezone: Europe/Amsterdam"
        )
    )
    assert [(c.kind, c.field, change_role(c)) for c in changes(before, after)] == [
        ("settings", "timezone", "admin"),
        ("kpi_definition", "metric", "admin"),
    ]
    assert [change_role(c) for c in result.changes] == ["editor"]


def test_an_editor_may_change_platform_targets() -> None:
    text = TEXT.replace(
        "        targets: {2026-10: 12}\n",
        "        targets: {2026-10: 12}\n        platform_targets: {x: {2026-10: 4}}\n",
    )
    before = parse_strategy(text)
    after = parse_strategy(text.replace("x: {2026-10: 4}", "x: {2026-10: 5, 2026: 50}"))
    found = changes(before, after)
    assert [(c.kind, c.field, c.period, change_role(c)) for c in found] == [
        ("platform_target", "x", "2026", "editor"),
        ("platform_target", "x", "2026-10", "editor"),
    ]
    edited = edit_text(text, SetTargets("posts_published", {"2026-10": 14}), "editor")
    assert edited.strategy.kpi("posts_published").platform_targets == {"x": {"2026-10": 4}}


def test_every_write_needs_a_role(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14: viewers read and download; editors upload, comment, record actions and
    change targets; admins close and re-open periods. An unreadable SOCIALKPI_ROLES stops
    every write, since none can be allowed without reading it."""
    assert {name: write.needed for name, write in WRITES.items()} == {
        "strategy.save": "editor",
        "strategy.import": "editor",
        "upload": "editor",
        "review.comment": "editor",
        "review.action": "editor",
        "review.action_status": "editor",
        "review.story": "editor",
        "review.event": "editor",
        "review.target_change": "editor",
        "review.close": "admin",
        "review.reopen": "admin",
        "backup.restore": "admin",
        "maturity.assess": "editor",
        # after a close (admin) or from the operator's command line: nobody's role applies
        "report.delivery": None,
    }
    monkeypatch.setenv("SOCIALKPI_ROLES", "Ana=boss")
    for name in WRITES:
        if name == "report.delivery":
            assert check(name, "Mallory", file="test") is None  # no role is even read
            continue
        with pytest.raises(RolesInvalid):
            check(name, "Mallory", file="test")
    monkeypatch.setenv("SOCIALKPI_ROLES", "Joost=editor, *=viewer")
    assert check("review.comment", "joost", file="test") == "editor"
    with pytest.raises(EditRefused) as refused:
        check("review.close", "Joost", file="monthly review")
    assert (
        refused.value.errors[0].message == "closing a period needs the admin role; you are editor"
    )
    # a role given by the login is used as given: the typed name plays no part
    assert check("review.close", "Joost", file="test", role="admin") == "admin"
    with pytest.raises(EditRefused):
        check("upload", "Ana Admin", file="test", role="viewer")


def test_a_signed_in_identity_gets_its_role_from_its_email_or_groups() -> None:
    env = {"SOCIALKPI_ROLES": "ana@ngo.org=admin, group:comms=editor, *=viewer"}
    assert identity_role("Ana@NGO.org", [], env) == "admin"
    assert identity_role("joost@ngo.org", ["comms"], env) == "editor"
    assert identity_role("joost@ngo.org", ["Comms", "other"], env) == "editor"
    assert identity_role("ana@ngo.org", ["comms"], env) == "admin"  # the highest of them
    assert identity_role("eve@elsewhere.com", [], env) == "viewer"
    # behind a login nobody is an admin until the roles say so
    assert identity_role("ana@ngo.org", [], {}) == "viewer"
    assert identity_role("ana", [], {"SOCIALKPI_ROLES": "ana@ngo.org=admin"}) == "viewer"


def test_the_strategy_import_needs_the_editor_role(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALKPI_ROLES", "Ana=editor, *=viewer")
    assert check("strategy.import", "ana", file="test") == "editor"
    with pytest.raises(EditRefused) as refused:
        check("strategy.import", "Mallory", file="strategy version")
    assert [(p.file, p.code, p.message) for p in refused.value.errors] == [
        (
            "strategy version",
            "not_allowed",
            "importing a strategy file needs the editor role; you are viewer",
        )
    ]
