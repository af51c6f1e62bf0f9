"""Readers and writers of the monthly review records (tables in warehouse/review_schema.py).

Writers take a `Connection` inside the caller's transaction; readers return frozen
dataclasses. Periods are stored as their string form ("2026-10", "2026-Q4"); actions carry
dates so that open actions follow the team into later periods of any kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Connection, and_, func, insert, or_, select, update

from warehouse.audit_schema import audit_log
from warehouse.review_schema import (
    ACTION_STATUSES,
    COMMENT_KINDS,
    period_closes,
    review_actions,
    review_annotations,
    review_comments,
    review_stories,
    target_changes,
)

_REVIEWED = (
    audit_log,
    review_comments,
    review_annotations,
    review_actions,
    review_stories,
    target_changes,
    period_closes,
)


def review_version(conn: Connection) -> str:
    """Changes whenever a review record is added, an action changes status, a period is
    closed or re-opened, or the audit log grows (every write of workflows/ adds its entry):
    the dashboard keys its cached review pack on it, as it keys figures on
    `queries.data_version`. One statement of cheap counts."""
    counts = [select(func.count(t.c.id)).scalar_subquery() for t in _REVIEWED]
    newest = [select(func.max(t.c.id)).scalar_subquery() for t in _REVIEWED]
    statuses = [
        select(func.count(review_actions.c.id)).where(review_actions.c.status == status)
        for status in ACTION_STATUSES
    ]
    reopened = select(func.count(period_closes.c.reopened_at))
    row = conn.execute(
        select(*counts, *newest, *(q.scalar_subquery() for q in (*statuses, reopened)))
    ).one()
    return ":".join(str(v or 0) for v in row)


class ReviewError(ValueError):
    """A review record cannot be written; `code` is stable, the message is plain English."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _required(name: str, value: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ReviewError("missing_field", f"{name} is required and was empty")
    return text


@dataclass(frozen=True)
class CommentRecord:
    id: int
    period: str
    objective_id: str | None
    kpi_id: str | None
    kind: str
    author: str
    body: str
    created_at: datetime
    parent_id: int | None


@dataclass(frozen=True)
class AnnotationRecord:
    id: int
    kpi_id: str | None
    on_date: date
    label: str
    author: str
    created_at: datetime


@dataclass(frozen=True)
class ActionRecord:
    id: int
    title: str
    owner: str
    due_date: date | None
    status: str
    objective_id: str | None
    kpi_id: str | None
    opened_on: date
    closed_on: date | None
    author: str
    created_at: datetime


@dataclass(frozen=True)
class StoryRecord:
    id: int
    period: str
    title: str
    body: str
    objective_id: str | None
    kpi_id: str | None
    link: str | None
    author: str
    created_at: datetime


@dataclass(frozen=True)
class TargetChangeRecord:
    id: int
    kpi_id: str
    target_period: str
    old_value: float | None
    new_value: float | None
    reason: str
    author: str
    created_at: datetime


@dataclass(frozen=True)
class PeriodCloseRecord:
    id: int
    strategy_key: str
    period: str
    snapshot: str
    closed_by: str
    closed_at: datetime
    reopened_by: str | None
    reopened_at: datetime | None
    reopen_reason: str | None

    @property
    def is_closed(self) -> bool:
        return self.reopened_at is None


# --- commentary -------------------------------------------------------------------------


def add_comment(
    conn: Connection,
    *,
    period: str,
    author: str,
    body: str,
    kpi_id: str | None = None,
    objective_id: str | None = None,
    parent_id: int | None = None,
    kind: str = "comment",
    at: datetime | None = None,
) -> int:
    """A comment (or a recorded decision) on a KPI or objective for a period; a reply names
    its `parent_id`, which must be a comment of the same period."""
    if kind not in COMMENT_KINDS:
        raise ReviewError("invalid_value", f"kind {kind!r} is not one of {COMMENT_KINDS}")
    if parent_id is not None:
        parent = conn.execute(
            select(review_comments.c.period).where(review_comments.c.id == parent_id)
        ).first()
        if parent is None:
            raise ReviewError("unknown_parent", f"comment {parent_id} does not exist")
        if parent.period != period:
            raise ReviewError(
                "parent_other_period",
                f"comment {parent_id} belongs to {parent.period}, not {period}",
            )
    result = conn.execute(
        insert(review_comments).values(
            period=period,
            objective_id=objective_id,
            kpi_id=kpi_id,
            kind=kind,
            author=_required("author", author),
            body=_required("comment", body),
            created_at=at or utc_now(),
            parent_id=parent_id,
        )
    )
    return int(result.inserted_primary_key[0])


def list_comments(conn: Connection, period: str) -> list[CommentRecord]:
    """Comments and decisions of a period, oldest first (threads: follow `parent_id`)."""
    rows = conn.execute(
        select(review_comments)
        .where(review_comments.c.period == period)
        .order_by(review_comments.c.created_at, review_comments.c.id)
    ).mappings()
    return [CommentRecord(**dict(r)) for r in rows]


def thread_order(comments: list[CommentRecord]) -> list[tuple[int, CommentRecord]]:
    """(depth, comment) in reading order: each comment followed by its replies."""
    children: dict[int | None, list[CommentRecord]] = {}
    ids = {c.id for c in comments}
    for c in comments:
        parent = c.parent_id if c.parent_id in ids else None
        children.setdefault(parent, []).append(c)
    ordered: list[tuple[int, CommentRecord]] = []

    def walk(parent: int | None, depth: int) -> None:
        for child in children.get(parent, []):
            ordered.append((depth, child))
            walk(child.id, depth + 1)

    walk(None, 0)
    return ordered


# --- chart annotations ------------------------------------------------------------------


def add_annotation(
    conn: Connection,
    *,
    on_date: date,
    label: str,
    author: str,
    kpi_id: str | None = None,
    at: datetime | None = None,
) -> int:
    """A dated event shown on charts (of one KPI, or of every KPI when kpi_id is None)."""
    result = conn.execute(
        insert(review_annotations).values(
            kpi_id=kpi_id,
            on_date=on_date,
            label=_required("label", label),
            author=_required("author", author),
            created_at=at or utc_now(),
        )
    )
    return int(result.inserted_primary_key[0])


def list_annotations(conn: Connection, start: date, end: date) -> list[AnnotationRecord]:
    rows = conn.execute(
        select(review_annotations)
        .where(review_annotations.c.on_date.between(start, end))
        .order_by(review_annotations.c.on_date, review_annotations.c.id)
    ).mappings()
    return [AnnotationRecord(**dict(r)) for r in rows]


# --- action items -----------------------------------------------------------------------


def add_action(
    conn: Connection,
    *,
    title: str,
    owner: str,
    author: str,
    opened_on: date,
    due_date: date | None = None,
    objective_id: str | None = None,
    kpi_id: str | None = None,
    at: datetime | None = None,
) -> int:
    result = conn.execute(
        insert(review_actions).values(
            title=_required("title", title),
            owner=_required("owner", owner),
            due_date=due_date,
            status="open",
            objective_id=objective_id,
            kpi_id=kpi_id,
            opened_on=opened_on,
            closed_on=None,
            author=_required("author", author),
            created_at=at or utc_now(),
        )
    )
    return int(result.inserted_primary_key[0])


def set_action_status(conn: Connection, action_id: int, status: str, *, on: date) -> None:
    """Mark an action done or dropped on a date (or open again: status "open")."""
    if status not in ACTION_STATUSES:
        raise ReviewError("invalid_value", f"status {status!r} is not one of {ACTION_STATUSES}")
    result = conn.execute(
        update(review_actions)
        .where(review_actions.c.id == action_id)
        .values(status=status, closed_on=None if status == "open" else on)
    )
    if result.rowcount == 0:
        raise ReviewError("unknown_action", f"action {action_id} does not exist")


def actions_for_period(conn: Connection, start: date, end: date) -> list[ActionRecord]:
    """Actions the review of [start, end] looks at: opened by `end` and either still open
    (carried over from earlier periods) or closed within the period."""
    rows = conn.execute(
        select(review_actions)
        .where(
            and_(
                review_actions.c.opened_on <= end,
                or_(
                    review_actions.c.status == "open",
                    review_actions.c.closed_on >= start,
                ),
            )
        )
        .order_by(
            review_actions.c.due_date.is_(None), review_actions.c.due_date, review_actions.c.id
        )
    ).mappings()
    return [ActionRecord(**dict(r)) for r in rows]


# --- success stories --------------------------------------------------------------------


def add_story(
    conn: Connection,
    *,
    period: str,
    title: str,
    body: str,
    author: str,
    objective_id: str | None = None,
    kpi_id: str | None = None,
    link: str | None = None,
    at: datetime | None = None,
) -> int:
    result = conn.execute(
        insert(review_stories).values(
            period=period,
            title=_required("title", title),
            body=_required("story", body),
            objective_id=objective_id,
            kpi_id=kpi_id,
            link=(link or "").strip() or None,
            author=_required("author", author),
            created_at=at or utc_now(),
        )
    )
    return int(result.inserted_primary_key[0])


def list_stories(conn: Connection, period: str) -> list[StoryRecord]:
    rows = conn.execute(
        select(review_stories)
        .where(review_stories.c.period == period)
        .order_by(review_stories.c.created_at, review_stories.c.id)
    ).mappings()
    return [StoryRecord(**dict(r)) for r in rows]


# --- target changes ---------------------------------------------------------------------


def record_target_change(
    conn: Connection,
    *,
    kpi_id: str,
    target_period: str,
    old_value: float | None,
    new_value: float | None,
    reason: str,
    author: str,
    at: datetime | None = None,
) -> int:
    """The reason a target was refined (the strategy file itself holds the new value)."""
    result = conn.execute(
        insert(target_changes).values(
            kpi_id=kpi_id,
            target_period=target_period,
            old_value=old_value,
            new_value=new_value,
            reason=_required("reason", reason),
            author=_required("author", author),
            created_at=at or utc_now(),
        )
    )
    return int(result.inserted_primary_key[0])


def list_target_changes(conn: Connection) -> list[TargetChangeRecord]:
    rows = conn.execute(
        select(target_changes).order_by(target_changes.c.created_at, target_changes.c.id)
    ).mappings()
    return [TargetChangeRecord(**dict(r)) for r in rows]


# --- month close ------------------------------------------------------------------------


def strategy_key(strategy_id: str | None) -> str:
    """The key a close is stored under: the strategy's id, or "all" when the close (and the
    report it freezes) spans every strategy of the file."""
    return strategy_id or "all"


def current_close(conn: Connection, strategy_key: str, period: str) -> PeriodCloseRecord | None:
    """The close in force for a period (None when never closed or re-opened since)."""
    row = (
        conn.execute(
            select(period_closes)
            .where(
                period_closes.c.strategy_key == strategy_key,
                period_closes.c.period == period,
                period_closes.c.reopened_at.is_(None),
            )
            .order_by(period_closes.c.id.desc())
        )
        .mappings()
        .first()
    )
    return None if row is None else PeriodCloseRecord(**dict(row))


def close_history(conn: Connection, strategy_key: str, period: str) -> list[PeriodCloseRecord]:
    rows = conn.execute(
        select(period_closes)
        .where(period_closes.c.strategy_key == strategy_key, period_closes.c.period == period)
        .order_by(period_closes.c.id)
    ).mappings()
    return [PeriodCloseRecord(**dict(r)) for r in rows]


def close_period(
    conn: Connection,
    *,
    strategy_key: str,
    period: str,
    snapshot: str,
    closed_by: str,
    at: datetime | None = None,
) -> int:
    """Freeze the reviewed figures of a period (`snapshot`: JSON text made by reports)."""
    if current_close(conn, strategy_key, period) is not None:
        raise ReviewError("already_closed", f"{period} is already closed for {strategy_key}")
    result = conn.execute(
        insert(period_closes).values(
            strategy_key=strategy_key,
            period=period,
            snapshot=snapshot,
            closed_by=_required("closed by", closed_by),
            closed_at=at or utc_now(),
        )
    )
    return int(result.inserted_primary_key[0])


def reopen_period(
    conn: Connection,
    *,
    strategy_key: str,
    period: str,
    reopened_by: str,
    reason: str,
    at: datetime | None = None,
) -> None:
    """Re-open a closed period; the close stays on record with who re-opened it and why."""
    close = current_close(conn, strategy_key, period)
    if close is None:
        raise ReviewError("not_closed", f"{period} is not closed for {strategy_key}")
    conn.execute(
        update(period_closes)
        .where(period_closes.c.id == close.id)
        .values(
            reopened_by=_required("re-opened by", reopened_by),
            reopened_at=at or utc_now(),
            reopen_reason=_required("reason", reason),
        )
    )
