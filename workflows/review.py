"""The monthly review, one call per action: a comment or decision, an action and its status,
a success story, a dated event, a target change, closing and re-opening a period.

Each write names who is acting (and, behind a login, the role the login gives them), asks
`workflows.roles.check` whether they may (`roles.WRITES`: editors comment, record actions,
stories, events and target changes; admins close and re-open periods), and stores its
records, with their audit log entry, in one transaction of its own (the writers of `warehouse.review` raise `ReviewError` for a missing
author or text, and nothing is stored then). The reads the review page needs besides the
review pack are here too, so that the page opens no connection.

What a close freezes is the report's business: `reports.review_pack.freeze_figures` makes
the snapshot text, `close_month` keeps it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from metrics.periods import Period
from warehouse import audit, review
from warehouse.review import CommentRecord, TargetChangeRecord, strategy_key
from workflows.roles import check

REVIEW_FILE = "monthly review"  # the `file` of a refusal's problem


# --- commentary, actions, stories, events -------------------------------------------------


def add_comment(
    engine: Engine,
    *,
    period: str | Period,
    author: str,
    body: str,
    kind: str = "comment",
    kpi_id: str | None = None,
    objective_id: str | None = None,
    parent_id: int | None = None,
    role: str | None = None,
) -> int:
    """A comment or a decision (`kind`) on a KPI or an objective; a reply names its
    `parent_id`, a comment of the same period. Returns its id."""
    acting = check("review.comment", author, file=REVIEW_FILE, role=role)
    with engine.begin() as conn:
        made = review.add_comment(
            conn,
            period=str(period),
            author=author,
            body=body,
            kind=kind,
            kpi_id=kpi_id,
            objective_id=objective_id,
            parent_id=parent_id,
        )
        about = " · ".join(str(x) for x in (period, objective_id, kpi_id) if x)
        audit.record(
            conn, who=author, role=acting, action=f"review.{kind}", subject=about, after=body
        )
        return made


def add_action(
    engine: Engine,
    *,
    title: str,
    owner: str,
    author: str,
    opened_on: date,
    due_date: date | None = None,
    kpi_id: str | None = None,
    objective_id: str | None = None,
    role: str | None = None,
) -> int:
    """An open action with its owner; it follows the team into later periods until it is
    done or dropped. Returns its id."""
    acting = check("review.action", author, file=REVIEW_FILE, role=role)
    with engine.begin() as conn:
        made = review.add_action(
            conn,
            title=title,
            owner=owner,
            author=author,
            opened_on=opened_on,
            due_date=due_date,
            kpi_id=kpi_id,
            objective_id=objective_id,
        )
        audit.record(
            conn,
            who=author,
            role=acting,
            action="review.action",
            subject=f"action {made}: {title}",
            after=f"open, owner {owner}" + (f", due {due_date}" if due_date else ""),
        )
        return made


def set_action_status(
    engine: Engine,
    action_id: int,
    status: str,
    *,
    actor: str,
    on: date,
    role: str | None = None,
) -> None:
    """Mark an action done or dropped on a date (or open again). `actor` is who does it: the
    action keeps its author; the audit log names the actor."""
    acting = check("review.action_status", actor, file=REVIEW_FILE, role=role)
    with engine.begin() as conn:
        review.set_action_status(conn, action_id, status, on=on)
        audit.record(
            conn,
            who=actor,
            role=acting,
            action="review.action_status",
            subject=f"action {action_id}",
            after=f"{status} on {on}",
        )


def add_story(
    engine: Engine,
    *,
    period: str | Period,
    title: str,
    body: str,
    author: str,
    objective_id: str | None = None,
    kpi_id: str | None = None,
    link: str | None = None,
    role: str | None = None,
) -> int:
    """A success story of the period. Returns its id."""
    acting = check("review.story", author, file=REVIEW_FILE, role=role)
    with engine.begin() as conn:
        audit.record(
            conn, who=author, role=acting, action="review.story", subject=str(period), after=title
        )
        return review.add_story(
            conn,
            period=str(period),
            title=title,
            body=body,
            author=author,
            objective_id=objective_id,
            kpi_id=kpi_id,
            link=link,
        )


def add_event(
    engine: Engine,
    *,
    on_date: date,
    label: str,
    author: str,
    kpi_id: str | None = None,
    role: str | None = None,
) -> int:
    """A dated event drawn on the charts of one KPI (or of every KPI). Returns its id."""
    acting = check("review.event", author, file=REVIEW_FILE, role=role)
    with engine.begin() as conn:
        audit.record(
            conn,
            who=author,
            role=acting,
            action="review.event",
            subject=f"{on_date}" + (f" · {kpi_id}" if kpi_id else ""),
            after=label,
        )
        return review.add_annotation(
            conn, on_date=on_date, label=label, author=author, kpi_id=kpi_id
        )


def record_target_change(
    engine: Engine,
    *,
    kpi_id: str,
    target_period: str,
    old_value: float | None,
    new_value: float | None,
    reason: str,
    author: str,
    role: str | None = None,
) -> int:
    """Why a target changes, when the strategy file (not the app) holds the target; a target
    changed in the app is a strategy version (workflows.strategy_versions), which records
    this too. Returns its id."""
    acting = check("review.target_change", author, file=REVIEW_FILE, role=role)
    with engine.begin() as conn:
        audit.record(
            conn,
            who=author,
            role=acting,
            action="review.target_change",
            subject=f"{kpi_id} · {target_period}",
            before=old_value,
            after=new_value,
        )
        return review.record_target_change(
            conn,
            kpi_id=kpi_id,
            target_period=target_period,
            old_value=old_value,
            new_value=new_value,
            reason=reason,
            author=author,
        )


# --- closing and re-opening a period ------------------------------------------------------


def close_month(
    engine: Engine,
    period: str | Period,
    *,
    snapshot: str,
    closed_by: str,
    strategy_id: str | None = None,
    role: str | None = None,
) -> int:
    """Close the period of one strategy (or of the whole file: `strategy_id` None), keeping
    `snapshot`, its figures frozen now (`reports.review_pack.freeze_figures`). Refused with
    `ReviewError("already_closed")` when it is closed. Returns the close id."""
    acting = check("review.close", closed_by, file=REVIEW_FILE, role=role)
    with engine.begin() as conn:
        audit.record(
            conn,
            who=closed_by,
            role=acting,
            action="review.close",
            subject=f"{strategy_key(strategy_id)} · {Period.parse(period)}",
            before="open",
            after="closed",
        )
        return review.close_period(
            conn,
            strategy_key=strategy_key(strategy_id),
            period=str(Period.parse(period)),
            snapshot=snapshot,
            closed_by=closed_by,
        )


def reopen_month(
    engine: Engine,
    period: str | Period,
    *,
    reopened_by: str,
    reason: str,
    strategy_id: str | None = None,
    role: str | None = None,
) -> None:
    """Re-open a closed period; the close stays on record with who re-opened it and why.
    Refused with `ReviewError("not_closed")` when it is not closed."""
    acting = check("review.reopen", reopened_by, file=REVIEW_FILE, role=role)
    with engine.begin() as conn:
        audit.record(
            conn,
            who=reopened_by,
            role=acting,
            action="review.reopen",
            subject=f"{strategy_key(strategy_id)} · {Period.parse(period)}",
            before="closed",
            after=f"open ({reason})",
        )
        review.reopen_period(
            conn,
            strategy_key=strategy_key(strategy_id),
            period=str(Period.parse(period)),
            reopened_by=reopened_by,
            reason=reason,
        )


# --- reads of the review page -------------------------------------------------------------


def comments(engine: Engine, period: str | Period) -> list[CommentRecord]:
    """The period's comments and decisions, oldest first (threads: follow `parent_id`)."""
    with engine.connect() as conn:
        return review.list_comments(conn, str(period))


def target_changes(engine: Engine) -> list[TargetChangeRecord]:
    """Every recorded target change, oldest first."""
    with engine.connect() as conn:
        return review.list_target_changes(conn)
