"""The monthly review workflows: each action stores its record in one transaction of its
own, on SQLite and PostgreSQL; a refused action stores nothing; each write checks its role
and writes its audit log entry in the same transaction (issue 14)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from metrics.strategy_edits import EditRefused
from warehouse import review
from warehouse.audit import entries
from warehouse.review import ReviewError
from workflows import review as workflow


def test_each_action_is_stored_with_its_author(engine: Engine) -> None:
    first = workflow.add_comment(
        engine, period="2026-10", author="Ana", body="Rates fell.", kpi_id="engagement_rate"
    )
    workflow.add_comment(
        engine,
        period="2026-10",
        author="Joost",
        body="Keep the target.",
        kind="decision",
        objective_id="engagement",
        parent_id=first,
    )
    action = workflow.add_action(
        engine,
        title="Test repair videos",
        owner="Video producer",
        author="Ana",
        opened_on=date(2026, 10, 20),
        due_date=date(2026, 11, 15),
        kpi_id="engagement_rate",
    )
    workflow.set_action_status(engine, action, "done", actor="Joost", on=date(2026, 10, 28))
    workflow.add_story(
        engine,
        period="2026-10",
        title="Heating guide",
        body="Shared by the city.",
        author="Ana",
        objective_id="engagement",
        link=" ",
    )
    workflow.add_event(
        engine, on_date=date(2026, 10, 5), label="Rent campaign", author="Ana", kpi_id=None
    )
    workflow.record_target_change(
        engine,
        kpi_id="engagement_rate",
        target_period="2026-10",
        old_value=0.05,
        new_value=0.045,
        reason="Campaign budget halved",
        author="Joost",
    )
    threads = workflow.comments(engine, "2026-10")
    assert [(c.author, c.kind, c.parent_id) for c in threads] == [
        ("Ana", "comment", None),
        ("Joost", "decision", first),
    ]
    assert [
        (t.kpi_id, t.target_period, t.old_value, t.new_value, t.reason, t.author)
        for t in workflow.target_changes(engine)
    ] == [("engagement_rate", "2026-10", 0.05, 0.045, "Campaign budget halved", "Joost")]
    with engine.connect() as conn:
        actions = review.actions_for_period(conn, date(2026, 10, 1), date(2026, 10, 31))
        stories = review.list_stories(conn, "2026-10")
        events = review.list_annotations(conn, date(2026, 10, 1), date(2026, 10, 31))
    assert [(a.title, a.status, a.closed_on, a.author) for a in actions] == [
        ("Test repair videos", "done", date(2026, 10, 28), "Ana")
    ]
    assert [(s.title, s.link, s.author) for s in stories] == [("Heating guide", None, "Ana")]
    assert [(e.on_date, e.label, e.kpi_id) for e in events] == [
        (date(2026, 10, 5), "Rent campaign", None)
    ]


def test_a_refused_action_stores_nothing(engine: Engine) -> None:
    with pytest.raises(ReviewError) as empty:
        workflow.add_comment(engine, period="2026-10", author="Ana", body="   ")
    assert empty.value.code == "missing_field"
    other = workflow.add_comment(engine, period="2026-09", author="Ana", body="September.")
    with pytest.raises(ReviewError) as elsewhere:
        workflow.add_comment(engine, period="2026-10", author="Ana", body="x", parent_id=other)
    assert elsewhere.value.code == "parent_other_period"
    with pytest.raises(ReviewError, match="owner is required"):
        workflow.add_action(
            engine, title="Plan", owner=" ", author="Ana", opened_on=date(2026, 10, 1)
        )
    with pytest.raises(ReviewError, match="action 999 does not exist"):
        workflow.set_action_status(engine, 999, "done", actor="Ana", on=date(2026, 10, 2))
    assert workflow.comments(engine, "2026-10") == []
    with engine.connect() as conn:
        assert review.actions_for_period(conn, date(2026, 1, 1), date(2026, 12, 31)) == []


def test_close_keeps_the_snapshot_and_reopen_keeps_the_close_on_record(engine: Engine) -> None:
    close_id = workflow.close_month(
        engine, "2026-10", snapshot='{"version": 1}', closed_by="Ana", strategy_id="main"
    )
    with pytest.raises(ReviewError) as twice:
        workflow.close_month(
            engine, "2026-10", snapshot="{}", closed_by="Joost", strategy_id="main"
        )
    assert (twice.value.code, twice.value.message) == (
        "already_closed",
        "2026-10 is already closed for main",
    )
    # the whole file ("all") is closed on its own
    workflow.close_month(engine, "2026-10", snapshot="{}", closed_by="Joost")
    with pytest.raises(ReviewError) as not_closed:
        workflow.reopen_month(engine, "2026-Q4", reopened_by="Joost", reason="x")
    assert not_closed.value.code == "not_closed"
    with engine.connect() as conn:
        whole = review.current_close(conn, "all", "2026-10")
        own = review.current_close(conn, "main", "2026-10")
    assert whole is not None and whole.closed_by == "Joost"
    assert own is not None and (own.id, own.snapshot, own.closed_by) == (
        close_id,
        '{"version": 1}',
        "Ana",
    )
    workflow.reopen_month(
        engine, "2026-10", reopened_by="Joost", reason="Re-export arrived", strategy_id="main"
    )
    with engine.connect() as conn:
        assert review.current_close(conn, "main", "2026-10") is None
        history = review.close_history(conn, "main", "2026-10")
    assert [(c.closed_by, c.reopened_by, c.reopen_reason) for c in history] == [
        ("Ana", "Joost", "Re-export arrived")
    ]


def test_review_writes_check_the_role_and_write_the_audit_log(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: a viewer cannot comment, an editor cannot close a period, and each write
    that happens has its audit entry (who, role, what, from what to what); a refused one has
    none."""
    monkeypatch.setenv("SOCIALKPI_ROLES", "Ana=admin, Joost=editor, *=viewer")
    with pytest.raises(EditRefused) as refused:
        workflow.add_comment(engine, period="2026-10", author="Mallory", body="Sneaky.")
    assert (
        refused.value.errors[0].message == "adding a comment needs the editor role; you are viewer"
    )
    workflow.add_comment(engine, period="2026-10", author="Joost", body="Rates fell.")
    with pytest.raises(EditRefused):
        workflow.close_month(engine, "2026-10", snapshot="{}", closed_by="Joost")
    workflow.close_month(engine, "2026-10", snapshot="{}", closed_by="Ana")
    # the login's role is used as given, whatever SOCIALKPI_ROLES says of the typed name
    with pytest.raises(EditRefused):
        workflow.reopen_month(engine, "2026-10", reopened_by="Ana", reason="Typo", role="viewer")
    workflow.reopen_month(engine, "2026-10", reopened_by="Ana", reason="Typo")
    assert [c.body for c in workflow.comments(engine, "2026-10")] == ["Rates fell."]
    with engine.connect() as conn:
        log = [(e.who, e.role, e.action, e.subject, e.before, e.after) for e in entries(conn)]
    assert log == [
        ("Ana", "admin", "review.reopen", "all · 2026-10", "closed", "open (Typo)"),
        ("Ana", "admin", "review.close", "all · 2026-10", "open", "closed"),
        ("Joost", "editor", "review.comment", "2026-10", None, "Rates fell."),
    ]


def test_a_write_that_fails_leaves_no_audit_entry(engine: Engine) -> None:
    workflow.close_month(engine, "2026-10", snapshot="{}", closed_by="Ana")
    with pytest.raises(ReviewError):
        workflow.close_month(engine, "2026-10", snapshot="{}", closed_by="Ana")
    with engine.connect() as conn:
        assert [e.action for e in entries(conn)] == ["review.close"]
