"""Rollups of the facts: `post_day_rollup`, `post_month_rollup` and `post_month_all_types`
(posts) and `day_month_rollup` and `day_month_last` (account-day values), see
`warehouse.schema`, kept equal to what grouping the fact tables would give, so the metric
engine sums thousands of rows instead of millions.

Writers of facts call `refresh_rollups(conn, import_id)` after an import's facts are stored,
in the same transaction (the import pipeline does, once per stored file); bulk loaders that
insert facts directly call `rebuild_rollups(conn)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Date,
    Integer,
    Select,
    Table,
    and_,
    case,
    cast,
    delete,
    extract,
    false,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.dialects import sqlite

from warehouse.schema import (
    DAY_MEASURES,
    POST_MEASURES,
    POST_ROLLUPS,
    day_month_last,
    day_month_rollup,
    day_values,
    post_day_rollup,
    post_month_all_types,
    post_month_rollup,
    posts,
)

ROLLUP_MEASURE_COLUMNS: tuple[str, ...] = tuple(
    name for m in POST_MEASURES for name in (f"{m}_sum", f"{m}_count")
)


def day_of(column: Any, dialect: str) -> ColumnElement[Any]:
    """The calendar day of a naive timestamp column (SQLite stores ISO text: a prefix)."""
    if dialect == "postgresql":
        return cast(column, Date)
    return func.substr(column, 1, 10)


def month_of(column: Any, dialect: str) -> ColumnElement[Any]:
    """The first day of the month of a timestamp or date column."""
    if dialect == "postgresql":
        return cast(func.date_trunc(literal_column("'month'"), column), Date)
    return func.substr(column, 1, 7).concat(literal_column("'-01'"))


def day_bit(column: Any) -> ColumnElement[int]:
    """1 << (day of month - 1) of a date column: OR-ing these over an account's days with
    a value gives its day mask; summed over distinct days it is the same number."""
    day = cast(extract("day", column), Integer)
    return cast(literal_column("1"), BigInteger).op("<<")((day - literal_column("1")).self_group())


def reported_mask() -> ColumnElement[int]:
    """Bit i set when POST_MEASURES[i] is reported (not NULL) on the post."""
    # constants inline (no bound parameters), so PostgreSQL sees the same GROUP BY expression
    zero = literal_column("0")
    terms: Any = zero
    for i, m in enumerate(POST_MEASURES):
        terms = terms + case((posts.c[m].is_not(None), literal_column(str(1 << i))), else_=zero)
    return terms


def _posts_grouped(dialect: str, where: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """Day rollup rows of the posts matching `where`."""
    day = day_of(posts.c.published_at, dialect).label("day")
    mask = reported_mask().label("reported")
    measures: list[ColumnElement[Any]] = []
    for m in POST_MEASURES:
        measures += [func.sum(posts.c[m]), func.count(posts.c[m])]
    return (
        select(
            posts.c.platform,
            posts.c.account,
            day,
            posts.c.post_type,
            mask,
            func.count(),
            *measures,
            func.max(posts.c.import_id),
        )
        .where(*where)
        .group_by(posts.c.platform, posts.c.account, day, posts.c.post_type, mask)
    )


def _days_grouped(dialect: str, where: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """Month rollup rows summed from the day rollup rows matching `where`."""
    t = post_day_rollup
    month = month_of(t.c.day, dialect).label("month")
    return (
        select(
            t.c.platform,
            t.c.account,
            month,
            t.c.post_type,
            t.c.reported,
            func.sum(t.c.posts),
            *[func.sum(t.c[name]) for name in ROLLUP_MEASURE_COLUMNS],
            func.max(t.c.last_import_id),
        )
        .where(*where)
        .group_by(t.c.platform, t.c.account, month, t.c.post_type, t.c.reported)
    )


def _months_all_types(where: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """post_month_all_types rows summed from the month rollup rows matching `where`."""
    t = post_month_rollup
    keys = [t.c.platform, t.c.account, t.c.month, t.c.reported]
    return (
        select(
            *keys,
            func.sum(t.c.posts),
            *[func.sum(t.c[name]) for name in ROLLUP_MEASURE_COLUMNS],
            func.max(t.c.last_import_id),
        )
        .where(*where)
        .group_by(*keys)
    )


def _columns(table: Table) -> list[str]:
    """A post rollup's columns in the order its grouping selects give them."""
    return [column.name for column in table.columns]


def _fill(conn: Connection, table: Table, source: Select[Any]) -> None:
    conn.execute(insert(table).from_select(_columns(table), source))


def rebuild_post_rollup(conn: Connection) -> None:
    """Recompute the post rollups from every post (for loaders that bypass the pipeline)."""
    dialect = conn.dialect.name
    for table, _ in POST_ROLLUPS:
        conn.execute(delete(table))
    _fill(conn, post_day_rollup, _posts_grouped(dialect, []))
    _fill(conn, post_month_rollup, _days_grouped(dialect, []))
    _fill(conn, post_month_all_types, _months_all_types([]))


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _spans(days: Iterable[date]) -> list[tuple[date, date]]:
    """Sorted days joined into inclusive runs of consecutive days."""
    out: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if out and day == out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], day)
        else:
            out.append((day, day))
    return out


def _any(clauses: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    if not clauses:
        return false()
    return clauses[0] if len(clauses) == 1 else or_(*clauses)


def _keys_clause(column: Any, spans: list[tuple[date, date]], with_null: bool) -> Any:
    clauses = [and_(column >= start, column <= end) for start, end in spans]
    if with_null:
        clauses.append(column.is_(None))
    return _any(clauses)


def _published_clause(spans: list[tuple[date, date]], with_null: bool) -> Any:
    column = posts.c.published_at
    clauses: list[ColumnElement[bool]] = [
        and_(
            column >= datetime.combine(start, time.min),
            column < datetime.combine(end + timedelta(days=1), time.min),
        )
        for start, end in spans
    ]
    if with_null:
        clauses.append(column.is_(None))
    return _any(clauses)


def _by_import(stmt: Select[Any], table: str, index: str, dialect: str) -> Any:
    """`stmt` (rows of one import) made to use the import_id index on SQLite: statistics
    gathered while one import held most rows make SQLite scan the whole table instead."""
    if dialect != "sqlite":
        return stmt
    sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    return text(sql.replace(f"FROM {table} ", f"FROM {table} INDEXED BY {index} ", 1))


def _touched(
    conn: Connection, table: Table, key: ColumnElement[Any], import_id: int, index: str
) -> dict[tuple[str, str], list[Any]]:
    """(platform, account) -> the distinct `key` values (days or months) of the rows of
    `table` that `import_id` supplied, found through the table's import_id index."""
    touched: dict[tuple[str, str], list[Any]] = {}
    stmt = (
        select(table.c.platform, table.c.account, key)
        .where(table.c.import_id == import_id)
        .distinct()
    )
    for platform, account, value in conn.execute(
        _by_import(stmt, table.name, index, conn.dialect.name)
    ):
        touched.setdefault((platform, account), []).append(value)
    return touched


def refresh_post_rollup(conn: Connection, import_id: int) -> None:
    """Recompute the rollup rows of every (platform, account, day) that holds a post now
    supplied by `import_id`, then the months of those days; call it after the import's posts
    are stored, inside the same transaction.

    A post the import moved to another day or type is counted again under its new key; its
    old day is found by comparing the account's post count with the rollup's total, and when
    they differ the account's rollup rows are recomputed entirely."""
    dialect = conn.dialect.name
    day = day_of(posts.c.published_at, dialect)
    touched = _touched(conn, posts, day, import_id, "ix_posts_import_id")
    for (platform, account), whens in sorted(touched.items()):
        pair_posts = [posts.c.platform == platform, posts.c.account == account]
        spans = _spans(_as_date(w) for w in whens if w is not None)
        with_null = any(w is None for w in whens)
        _replace_days(conn, platform, account, spans, with_null)
        stored = conn.execute(select(func.count()).where(*pair_posts)).scalar_one()
        rolled = conn.execute(
            select(func.coalesce(func.sum(post_day_rollup.c.posts), 0)).where(
                post_day_rollup.c.platform == platform, post_day_rollup.c.account == account
            )
        ).scalar_one()
        if int(stored) != int(rolled):  # a post left a day this import does not cover
            _replace_days(conn, platform, account, None, True)
            _replace_months(conn, platform, account, None, True)
        else:
            _replace_months(conn, platform, account, spans, with_null)


def _replace_days(
    conn: Connection,
    platform: str,
    account: str,
    spans: list[tuple[date, date]] | None,
    with_null: bool,
) -> None:
    """Delete and recompute the day rows of one account (for `spans` of days, and the
    undated posts when `with_null`; every day when `spans` is None)."""
    t = post_day_rollup
    pair_rows = [t.c.platform == platform, t.c.account == account]
    pair_posts = [posts.c.platform == platform, posts.c.account == account]
    if spans is None:
        conn.execute(delete(t).where(*pair_rows))
        _fill(conn, t, _posts_grouped(conn.dialect.name, pair_posts))
        return
    conn.execute(delete(t).where(*pair_rows, _keys_clause(t.c.day, spans, with_null)))
    source = _posts_grouped(conn.dialect.name, [*pair_posts, _published_clause(spans, with_null)])
    _fill(conn, t, source)


def _replace_months(
    conn: Connection,
    platform: str,
    account: str,
    spans: list[tuple[date, date]] | None,
    with_null: bool,
) -> None:
    """Recompute the month rows of one account from its day rows, and its all-types month
    rows from those: the months of `spans` (and the undated posts' row when `with_null`;
    every month when `spans` is None)."""
    d = post_day_rollup
    months = None if spans is None else _spans_of_months(spans)
    for t, source, grouped in (
        (post_month_rollup, d, partial(_days_grouped, conn.dialect.name)),
        (post_month_all_types, post_month_rollup, _months_all_types),
    ):
        pair_rows = [t.c.platform == platform, t.c.account == account]
        pair_source = [source.c.platform == platform, source.c.account == account]
        if months is None:
            conn.execute(delete(t).where(*pair_rows))
            _fill(conn, t, grouped(pair_source))
            continue
        when = source.c.day if source is d else source.c.month
        conn.execute(delete(t).where(*pair_rows, _keys_clause(t.c.month, months, with_null)))
        _fill(conn, t, grouped([*pair_source, _keys_clause(when, months, with_null)]))


def _spans_of_months(spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """The whole months the spans touch, as inclusive day ranges."""
    out: list[tuple[date, date]] = []
    for start, end in spans:
        first = start.replace(day=1)
        after = (end.replace(day=1) + timedelta(days=32)).replace(day=1)
        last = after - timedelta(days=1)
        if out and first <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def rollup_is_current(conn: Connection) -> bool:
    """Whether every rollup includes the newest import that supplied its facts (the engine's
    guard: otherwise it reads the fact table)."""
    newest_post = select(func.max(posts.c.import_id)).scalar_subquery()
    newest_day = select(func.max(day_values.c.import_id)).scalar_subquery()
    pairs = [(t, newest_post) for t, _ in POST_ROLLUPS] + [(day_month_rollup, newest_day)]
    row = conn.execute(
        select(
            *[
                func.coalesce(select(func.max(t.c.last_import_id)).scalar_subquery(), 0)
                == func.coalesce(newest, 0)
                for t, newest in pairs
            ]
        )
    ).one()
    return all(bool(flag) for flag in row)


def _day_rows_grouped(dialect: str, where: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """Month rollup rows of the account-day values matching `where`: the long table pivoted
    to one row per account-day, then grouped by month and reported measures."""
    d = day_values
    wide = (
        select(
            d.c.platform,
            d.c.account,
            d.c.date,
            *[
                func.max(case((d.c.measure == literal_column(f"'{m}'"), d.c.value))).label(m)
                for m in DAY_MEASURES
            ],
            func.max(d.c.import_id).label("import_id"),
        )
        .where(*where)
        .group_by(d.c.platform, d.c.account, d.c.date)
        .subquery("wide")
    )
    zero = literal_column("0")
    mask: Any = zero
    for i, m in enumerate(DAY_MEASURES):
        mask = mask + case((wide.c[m].is_not(None), literal_column(str(1 << i))), else_=zero)
    month = month_of(wide.c.date, dialect).label("month")
    reported = mask.label("reported")
    measures: list[ColumnElement[Any]] = []
    for m in DAY_MEASURES:
        measures += [func.sum(wide.c[m]), func.count(wide.c[m])]
    return select(
        wide.c.platform,
        wide.c.account,
        month,
        reported,
        func.count(),
        *measures,
        func.max(wide.c.import_id),
    ).group_by(wide.c.platform, wide.c.account, month, reported)


DAY_ROLLUP_COLUMNS: tuple[str, ...] = (
    "platform",
    "account",
    "month",
    "reported",
    "days",
    *(name for m in DAY_MEASURES for name in (f"{m}_sum", f"{m}_count")),
    "last_import_id",
)


def last_values(bucket: ColumnElement[Any], where: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """Per platform × account × bucket × measure, the value on the account's last day with a
    value in the bucket (the latest date per group, joined back on the table's key) and the
    day mask of its days with a value (see `day_bit`; meaningful for month buckets). Columns
    in this order: platform, account, bucket, measure, date, value, day_mask. The one
    last-value query: the rollup stores it by month, the metric engine runs it on the facts
    when the rollup is behind or the buckets are days."""
    d = day_values
    latest = (
        select(
            d.c.platform,
            d.c.account,
            bucket.label("bucket"),
            d.c.measure,
            func.max(d.c.date).label("last"),
            cast(func.sum(day_bit(d.c.date)), BigInteger).label("day_mask"),
        )
        .where(d.c.value.is_not(None), *where)
        .group_by(d.c.platform, d.c.account, bucket, d.c.measure)
        .subquery("latest")
    )
    return select(
        latest.c.platform,
        latest.c.account,
        latest.c.bucket,
        latest.c.measure,
        d.c.date,
        d.c.value,
        latest.c.day_mask,
    ).join_from(
        latest,
        d,
        and_(
            d.c.platform == latest.c.platform,
            d.c.account == latest.c.account,
            d.c.measure == latest.c.measure,
            d.c.date == latest.c.last,
        ),
    )


def _last_rows(dialect: str, where: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """day_month_last rows of the account-day values matching `where`."""
    return last_values(month_of(day_values.c.date, dialect), where)


LAST_COLUMNS = ["platform", "account", "month", "measure", "date", "value", "day_mask"]


def rebuild_day_rollup(conn: Connection) -> None:
    """Recompute the account-day rollups from every stored value."""
    dialect = conn.dialect.name
    conn.execute(delete(day_month_rollup))
    conn.execute(
        insert(day_month_rollup).from_select(
            list(DAY_ROLLUP_COLUMNS), _day_rows_grouped(dialect, [])
        )
    )
    conn.execute(delete(day_month_last))
    conn.execute(insert(day_month_last).from_select(LAST_COLUMNS, _last_rows(dialect, [])))


def refresh_day_rollup(conn: Connection, import_id: int) -> None:
    """Recompute the rollup months (sums and last values) of every account that holds values
    now supplied by `import_id` (an account-day value never changes key, so those months are
    all)."""
    dialect = conn.dialect.name
    month = month_of(day_values.c.date, dialect)
    touched = _touched(conn, day_values, month, import_id, "ix_day_values_import_id")
    for (platform, account), firsts in sorted(touched.items()):
        months = _spans_of_months([(first, first) for first in sorted(map(_as_date, firsts))])
        where = [
            day_values.c.platform == platform,
            day_values.c.account == account,
            _keys_clause(day_values.c.date, months, False),
        ]
        for table, columns, grouped in (
            (day_month_rollup, list(DAY_ROLLUP_COLUMNS), _day_rows_grouped),
            (day_month_last, list(LAST_COLUMNS), _last_rows),
        ):
            conn.execute(
                delete(table).where(
                    table.c.platform == platform,
                    table.c.account == account,
                    _keys_clause(table.c.month, months, False),
                )
            )
            conn.execute(insert(table).from_select(columns, grouped(dialect, where)))


def refresh_account_rollups(conn: Connection, platform: str, account: str) -> None:
    """Recompute every rollup row of one account (after its facts were taken back or
    restored, which `refresh_rollups` cannot follow: the rows of a removed import are gone)."""
    _replace_days(conn, platform, account, None, True)
    _replace_months(conn, platform, account, None, True)
    dialect = conn.dialect.name
    where = [day_values.c.platform == platform, day_values.c.account == account]
    for table, columns, grouped in (
        (day_month_rollup, list(DAY_ROLLUP_COLUMNS), _day_rows_grouped),
        (day_month_last, list(LAST_COLUMNS), _last_rows),
    ):
        conn.execute(delete(table).where(table.c.platform == platform, table.c.account == account))
        conn.execute(insert(table).from_select(columns, grouped(dialect, where)))


def refresh_rollups(conn: Connection, import_id: int) -> None:
    """Bring every rollup up to date with one stored import (the pipeline's hook)."""
    refresh_post_rollup(conn, import_id)
    refresh_day_rollup(conn, import_id)


def rebuild_rollups(conn: Connection) -> None:
    """Recompute every rollup (for loaders that bypass the pipeline)."""
    rebuild_post_rollup(conn)
    rebuild_day_rollup(conn)
