"""SQL for the metric engine (SQLAlchemy Core). Every builder covers a whole date range and
groups by period bucket (month, or day when weeks are involved) and account, so a scorecard
or a 36-month series is a handful of statements whatever the number of KPIs and periods.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    false,
    func,
    literal,
    or_,
    select,
    union_all,
)

from warehouse.rollups import day_of, last_values
from warehouse.schema import (
    DAY_MEASURES,
    POST_MEASURES,
    day_month_last,
    day_month_rollup,
    day_values,
    import_coverage,
    messages,
    post_day_rollup,
    post_month_all_types,
    post_month_rollup,
    posts,
)

BucketUnit = Literal["month", "day"]


@dataclass(frozen=True)
class Scope:
    """Which rows a value covers. None means no restriction on that attribute."""

    platforms: frozenset[str] | None = None
    accounts: frozenset[str] | None = None
    pairs: frozenset[tuple[str, str]] | None = None  # (platform, account)
    post_type: str | None = None

    def narrow(self, other: Scope) -> Scope:
        def meet(a: frozenset[Any] | None, b: frozenset[Any] | None) -> frozenset[Any] | None:
            if a is None:
                return b
            if b is None:
                return a
            return a & b

        post_type = self.post_type or other.post_type
        if self.post_type and other.post_type and self.post_type != other.post_type:
            post_type = "\x00none"
        return Scope(
            meet(self.platforms, other.platforms),
            meet(self.accounts, other.accounts),
            meet(self.pairs, other.pairs),
            post_type,
        )


def bucket_of(column: Any, unit: BucketUnit, dialect: str) -> ColumnElement[str]:
    """Text bucket of a date/timestamp column: 'YYYY-MM' or 'YYYY-MM-DD'."""
    if dialect == "postgresql":
        return func.to_char(column, "YYYY-MM" if unit == "month" else "YYYY-MM-DD")
    # SQLite keeps dates and timestamps as ISO text (SQLAlchemy's storage format), so the
    # bucket is a prefix: cheaper than strftime on millions of rows.
    return func.substr(column, 1, 7 if unit == "month" else 10)


def bucket_date(text: str) -> date:
    return date.fromisoformat(text + "-01" if len(text) == 7 else text[:10])


def _ts_range(column: Any, start: date, end: date) -> ColumnElement[bool]:
    return and_(
        column >= datetime.combine(start, time.min),
        column < datetime.combine(end + timedelta(days=1), time.min),
    )


def _date_range(column: Any, start: date, end: date) -> ColumnElement[bool]:
    return and_(column >= start, column <= end)


def scope_filter(table: Any, scope: Scope) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if scope.platforms is not None:
        clauses.append(table.c.platform.in_(sorted(scope.platforms)))
    if scope.accounts is not None:
        clauses.append(table.c.account.in_(sorted(scope.accounts)))
    if scope.pairs is not None:
        clauses.append(
            or_(
                *[
                    and_(table.c.platform == p, table.c.account == a)
                    for p, a in sorted(scope.pairs)
                ],
                literal(False),
            )
        )
    if scope.post_type is not None and "post_type" in table.c:
        clauses.append(table.c.post_type == scope.post_type)
    return clauses


Ranges = Sequence[tuple[date, date]]


def _any_of(clauses: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    """OR of the clauses, without a constant term (it would stop SQLite's multi-index OR)."""
    if not clauses:
        return false()
    return clauses[0] if len(clauses) == 1 else or_(*clauses)


def _ts_ranges(column: Any, ranges: Ranges) -> ColumnElement[bool]:
    return _any_of([_ts_range(column, s, e) for s, e in ranges])


def _date_ranges(column: Any, ranges: Ranges) -> ColumnElement[bool]:
    return _any_of([_date_range(column, s, e) for s, e in ranges])


FAR = date(9999, 12, 31)


def _ranges_unless(
    column: Any, ranges: Ranges, is_ts: bool, skip: ColumnElement[bool] | None
) -> ColumnElement[bool]:
    """`ranges` on `column`; when `skip` holds every range starts after it ends, so the index
    search reads nothing (a filter on `skip` alone would be tested row by row)."""
    if skip is None:
        return _ts_ranges(column, ranges) if is_ts else _date_ranges(column, ranges)
    clauses: list[ColumnElement[bool]] = []
    for start, end in ranges:
        if is_ts:
            low: Any = datetime.combine(start, time.min)
            far: Any = datetime.combine(FAR, time.min)
            below = column < datetime.combine(end + timedelta(days=1), time.min)
        else:
            low, far, below = start, FAR, column <= end
        begin = case((skip, literal(far, type_=column.type)), else_=literal(low, type_=column.type))
        clauses.append(and_(column >= begin, below))
    return _any_of(clauses)


# --- the grouped columns every aggregate statement returns ---------------------------------
# One description, read two ways: from fact rows (a post, a message, an account-day) or from
# rollup rows that already hold per-group sums and counts. The engine reads the columns by
# these names only (`ROWS`, `sum_name`, `count_name`, `ratio_name`).
ROWS = "n_rows"
RatioPart = Literal["rn", "rk", "rd", "rc"]
# rn: the numerator summed over the rows whose denominator is reported; rk: how many of those
# rows report the numerator; rd: the denominator summed over them; rc: rows reporting it.
RATIO_PARTS: tuple[RatioPart, ...] = ("rn", "rk", "rd", "rc")


def sum_name(measure: str) -> str:
    return f"s__{measure}"


def count_name(measure: str) -> str:
    return f"n__{measure}"


def ratio_name(part: RatioPart, numerator: str, denominator: str) -> str:
    return f"{part}__{numerator}__{denominator}"


@dataclass(frozen=True)
class _Reading:
    """How the aggregate columns read a source: facts (one row per fact, measures as
    columns) or a rollup (`<measure>_sum` and `<measure>_count` per group, `rows` counted)."""

    source: Any
    rollup_rows: str | None = None  # the rollup's row-count column; None for facts

    def rows(self) -> ColumnElement[Any]:
        if self.rollup_rows is None:
            return func.count()
        return func.sum(self.source.c[self.rollup_rows])

    def _column(self, measure: str, kind: str) -> Any:
        if self.rollup_rows is None:
            return self.source.c[measure]
        return self.source.c[f"{measure}_{kind}"]

    def summed(self, measure: str, when: ColumnElement[bool] | None = None) -> Any:
        value = self._column(measure, "sum")
        return func.sum(value if when is None else case((when, value)))

    def counted(self, measure: str, when: ColumnElement[bool] | None = None) -> Any:
        value = self._column(measure, "count")
        chosen = value if when is None else case((when, value))
        return func.count(chosen) if self.rollup_rows is None else func.sum(chosen)

    def reported(self, measure: str) -> ColumnElement[bool]:
        if self.rollup_rows is None:
            return self.source.c[measure].is_not(None)
        return self.source.c[f"{measure}_count"] > 0


def aggregate_columns(
    reading: _Reading, measures: Iterable[str], pairs: Iterable[tuple[str, str]]
) -> list[ColumnElement[Any]]:
    """Row count, each measure's sum and count, each ratio's parts: the same columns and
    values whether read from facts or from a rollup (the comparison tests prove it)."""
    cols: list[ColumnElement[Any]] = [reading.rows().label(ROWS)]
    for m in sorted(set(measures)):
        cols.append(reading.summed(m).label(sum_name(m)))
        cols.append(reading.counted(m).label(count_name(m)))
    for num, den in sorted(set(pairs)):
        reported = reading.reported(den)
        parts = {
            "rn": reading.summed(num, reported),
            "rk": reading.counted(num, reported),
            "rd": reading.summed(den, reported),
            "rc": reading.counted(den),
        }
        cols += [parts[p].label(ratio_name(p, num, den)) for p in RATIO_PARTS]
    return cols


def post_aggregate(
    ranges: Ranges,
    unit: BucketUnit,
    dialect: str,
    scope: Scope,
    measures: Iterable[str],
    pairs: Iterable[tuple[str, str]],
    by_post_type: bool = False,
    skip: ColumnElement[bool] | None = None,
) -> Select[Any]:
    """Posts per bucket × platform × account (× post type when asked): count, sums and
    counts, ratio parts. `skip`: a condition under which the statement reads nothing."""
    bucket = bucket_of(posts.c.published_at, unit, dialect).label("bucket")
    keys = [bucket, posts.c.platform, posts.c.account]
    if by_post_type:
        keys.append(posts.c.post_type)
    return (
        select(*keys, *aggregate_columns(_Reading(posts), measures, pairs))
        .where(
            _ranges_unless(posts.c.published_at, ranges, True, skip),
            *scope_filter(posts, scope),
        )
        .group_by(*keys)
    )


def post_rollup_aggregate(
    ranges: Ranges,
    unit: BucketUnit,
    dialect: str,
    scope: Scope,
    measures: Iterable[str],
    pairs: Iterable[tuple[str, str]],
    by_post_type: bool = False,
) -> Select[Any]:
    """`post_aggregate` from the post rollup (months for month buckets, else days): the same
    columns and values. Rollup rows group posts that report the same measures, so a ratio's
    parts are the sums of the rows whose denominator is reported (count > 0)."""
    table = post_rollup_for(unit, by_post_type or scope.post_type is not None)
    when = table.c.month if unit == "month" else table.c.day
    bucket = bucket_of(when, unit, dialect).label("bucket")
    keys = [bucket, table.c.platform, table.c.account]
    if by_post_type:
        keys.append(table.c.post_type)
    cols = aggregate_columns(_Reading(table, "posts"), measures, pairs)
    return (
        select(*keys, *cols)
        .where(_date_ranges(when, ranges), *scope_filter(table, scope))
        .group_by(*keys)
    )


def post_rollup_for(unit: BucketUnit, typed: bool) -> Any:
    """The post rollup a statement reads: days for day buckets; for months, the all-types
    rollup unless the post type is asked for (a third or less of the rows)."""
    if unit != "month":
        return post_day_rollup
    return post_month_rollup if typed else post_month_all_types


def _current(rollup: Any, facts: Any) -> ColumnElement[bool]:
    """True when `rollup` includes the newest import that supplied rows of `facts` (two
    index lookups, evaluated once per statement)."""
    newest_fact = select(func.max(facts.c.import_id)).scalar_subquery()
    newest_rolled = select(func.max(rollup.c.last_import_id)).scalar_subquery()
    return func.coalesce(newest_rolled, 0) == func.coalesce(newest_fact, 0)


def post_facts(
    ranges: Ranges,
    unit: BucketUnit,
    dialect: str,
    scope: Scope,
    measures: Iterable[str],
    pairs: Iterable[tuple[str, str]],
    by_post_type: bool = False,
) -> Any:
    """The post aggregate in one statement: from the rollup when it is current, else (a
    writer of posts did not refresh it) from `posts`; the database evaluates the guard once
    and runs only one branch."""
    measures, pairs = list(measures), list(pairs)
    args = (ranges, unit, dialect, scope, measures, pairs, by_post_type)
    current = _current(post_rollup_for(unit, by_post_type or scope.post_type is not None), posts)
    return union_all(
        post_rollup_aggregate(*args).where(current),
        post_aggregate(*args, skip=current),
    )


def message_aggregate(
    ranges: Ranges,
    unit: BucketUnit,
    dialect: str,
    scope: Scope,
    measures: Iterable[str],
    pairs: Iterable[tuple[str, str]],
) -> Select[Any]:
    bucket = bucket_of(messages.c.received_at, unit, dialect).label("bucket")
    keys = [bucket, messages.c.platform, messages.c.account]
    return (
        select(*keys, *aggregate_columns(_Reading(messages), measures, pairs))
        .where(_ts_ranges(messages.c.received_at, ranges), *scope_filter(messages, scope))
        .group_by(*keys)
    )


def day_aggregate(
    ranges: Ranges,
    unit: BucketUnit,
    dialect: str,
    scope: Scope,
    measures: Iterable[str],
    pairs: Iterable[tuple[str, str]],
    skip: ColumnElement[bool] | None = None,
) -> Select[Any]:
    """Account-days pivoted from the long table, then summed per bucket × account. `skip`:
    a condition under which the statement reads nothing."""
    measures = set(measures)
    wanted = sorted(measures | {m for pair in pairs for m in pair})
    wide = (
        select(
            day_values.c.platform,
            day_values.c.account,
            day_values.c.date,
            *[
                func.max(case((day_values.c.measure == m, day_values.c.value))).label(m)
                for m in wanted
            ],
        )
        .where(
            day_values.c.measure.in_(wanted),
            _ranges_unless(day_values.c.date, ranges, False, skip),
            *scope_filter(day_values, scope),
        )
        .group_by(day_values.c.platform, day_values.c.account, day_values.c.date)
        .subquery("wide")
    )
    bucket = bucket_of(wide.c.date, unit, dialect).label("bucket")
    keys = [bucket, wide.c.platform, wide.c.account]
    return select(*keys, *aggregate_columns(_Reading(wide), measures, pairs)).group_by(*keys)


def day_rollup_aggregate(
    ranges: Ranges,
    dialect: str,
    scope: Scope,
    measures: Iterable[str],
    pairs: Iterable[tuple[str, str]],
) -> Select[Any]:
    """`day_aggregate` by month from the account-day rollup: the same columns and values."""
    t = day_month_rollup
    bucket = bucket_of(t.c.month, "month", dialect).label("bucket")
    keys = [bucket, t.c.platform, t.c.account]
    cols = aggregate_columns(_Reading(t, "days"), measures, pairs)
    return (
        select(*keys, *cols)
        .where(_date_ranges(t.c.month, ranges), *scope_filter(t, scope))
        .group_by(*keys)
    )


def day_facts(
    ranges: Ranges,
    dialect: str,
    scope: Scope,
    measures: Iterable[str],
    pairs: Iterable[tuple[str, str]],
) -> Any:
    """Month-bucketed day sums and ratio parts in one statement: from the account-day rollup
    when it includes the newest import of account-day values, else pivoting `day_values`."""
    measures, pairs = list(measures), list(pairs)
    current = _current(day_month_rollup, day_values)
    return union_all(
        day_rollup_aggregate(ranges, dialect, scope, measures, pairs).where(current),
        day_aggregate(ranges, "month", dialect, scope, measures, pairs, skip=current),
    )


def day_sums(
    ranges: Ranges, unit: BucketUnit, dialect: str, scope: Scope, measures: Iterable[str]
) -> Select[Any]:
    """Sums and counts of day measures per bucket × account × measure, straight from the
    long table (no pivot: that is only needed for ratios, see day_aggregate)."""
    bucket = bucket_of(day_values.c.date, unit, dialect).label("bucket")
    keys = [bucket, day_values.c.platform, day_values.c.account, day_values.c.measure]
    return (
        select(
            *keys,
            func.sum(day_values.c.value).label("s"),
            func.count(day_values.c.value).label("n"),
        )
        .where(
            day_values.c.measure.in_(sorted(set(measures))),
            _date_ranges(day_values.c.date, ranges),
            *scope_filter(day_values, scope),
        )
        .group_by(*keys)
    )


def day_dates(
    ranges: Ranges, unit: BucketUnit, dialect: str, scope: Scope, measure: str
) -> Select[str, int]:
    """Days on which at least one account in scope reports `measure`, per bucket."""
    bucket = bucket_of(day_values.c.date, unit, dialect).label("bucket")
    return (
        select(bucket, func.count(func.distinct(day_values.c.date)).label("n_dates"))
        .where(
            day_values.c.measure == measure,
            day_values.c.value.is_not(None),
            _date_ranges(day_values.c.date, ranges),
            *scope_filter(day_values, scope),
        )
        .group_by(bucket)
    )


def day_last_facts(ranges: Ranges, dialect: str, scope: Scope, measures: Iterable[str]) -> Any:
    """`day_last` by month in one statement: from day_month_last when the account-day
    rollups include the newest import of account-day values, else from `day_values`."""
    measures = sorted(set(measures))
    t = day_month_last
    current = _current(day_month_rollup, day_values)
    rolled = select(  # in the order of warehouse.rollups.last_values
        t.c.platform,
        t.c.account,
        bucket_of(t.c.month, "month", dialect).label("bucket"),
        t.c.measure,
        t.c.date,
        t.c.value,
        t.c.day_mask,
    ).where(
        t.c.measure.in_(measures),
        _date_ranges(t.c.month, ranges),
        *scope_filter(t, scope),
        current,
    )
    return union_all(rolled, day_last(ranges, "month", dialect, scope, measures, skip=current))


def day_last(
    ranges: Ranges,
    unit: BucketUnit,
    dialect: str,
    scope: Scope,
    measures: Iterable[str],
    skip: ColumnElement[bool] | None = None,
) -> Select[Any]:
    """Per bucket × account × measure, the value on the account's last day with data and the
    day mask of its days with data (`warehouse.rollups.last_values`). `skip`: a condition
    under which the statement reads nothing."""
    return last_values(
        bucket_of(day_values.c.date, unit, dialect),
        [
            day_values.c.measure.in_(sorted(set(measures))),
            _ranges_unless(day_values.c.date, ranges, False, skip),
            *scope_filter(day_values, scope),
        ],
    )


GRAIN_SOURCES: dict[str, tuple[Any, Any, bool]] = {
    # grain: (table, time column, is timestamp)
    "post": (posts, posts.c.published_at, True),
    "message": (messages, messages.c.received_at, True),
    "day": (day_values, day_values.c.date, False),
}


def _in_range(grain: str, start: date, end: date) -> ColumnElement[bool]:
    _, column, is_ts = GRAIN_SOURCES[grain]
    return _ts_range(column, start, end) if is_ts else _date_range(column, start, end)


def _value_column(grain: str, measure: str) -> tuple[Any, list[ColumnElement[bool]]]:
    table, _, _ = GRAIN_SOURCES[grain]
    if grain == "day":
        return day_values.c.value, [day_values.c.measure == measure]
    return table.c[measure], []


def percentiles_sql(
    conn: Connection,
    grain: str,
    measure: str,
    q: float,
    scope: Scope,
    spans: Sequence[tuple[date, date]],
) -> list[float | None]:
    """percentile_cont(q) per span in one statement (PostgreSQL)."""
    table, _, _ = GRAIN_SOURCES[grain]
    value, extra = _value_column(grain, measure)
    parts = [
        select(
            literal(i).label("i"),
            func.percentile_cont(q).within_group(value.asc()).label("p"),
        ).where(value.is_not(None), _in_range(grain, s, e), *extra, *scope_filter(table, scope))
        for i, (s, e) in enumerate(spans)
    ]
    rows = conn.execute(union_all(*parts)).all()
    out: list[float | None] = [None] * len(spans)
    for i, p in rows:
        out[int(i)] = None if p is None else float(p)
    return out


def values_in_range(
    conn: Connection, grain: str, measure: str, scope: Scope, ranges: Ranges
) -> tuple[np.ndarray, np.ndarray]:
    """Days (datetime64[D]) and values of one measure in a range, for databases without
    percentile_cont. The day is cut from the stored text by SQLite and parsed by numpy in
    one call: per-row datetime objects cost more than the query on 100,000 messages."""
    table, when, _ = GRAIN_SOURCES[grain]
    value, extra = _value_column(grain, measure)
    rows = conn.execute(
        select(day_of(when, conn.dialect.name), value).where(
            value.is_not(None),
            _any_of([_in_range(grain, a, b) for a, b in ranges]),
            *extra,
            *scope_filter(table, scope),
        )
    ).all()
    if not rows:
        return np.array([], dtype="datetime64[D]"), np.array([], dtype=float)
    days, values = zip(*rows, strict=True)
    return np.array(days, dtype="datetime64[D]"), np.array(values, dtype=float)


def message_times(
    conn: Connection, scope: Scope, ranges: Ranges
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every message received in the ranges, unanswered ones included: the day it was
    received (datetime64[D]), when it was received and first answered (datetime64[s], NaT
    for none) and the stored hours to the first response (NaN for none)."""
    m = messages
    rows = conn.execute(
        select(m.c.received_at, m.c.first_response_at, m.c.first_response_hours).where(
            _ts_ranges(m.c.received_at, ranges), *scope_filter(m, scope)
        )
    ).all()
    if not rows:
        empty = np.array([], dtype="datetime64[s]")
        return empty.astype("datetime64[D]"), empty, empty, np.array([], dtype=float)
    received, answered, hours = zip(*rows, strict=True)
    at = np.array(received, dtype="datetime64[s]")
    first = np.array(
        [np.datetime64("NaT") if a is None else a for a in answered], dtype="datetime64[s]"
    )
    values = np.array([np.nan if h is None else h for h in hours], dtype=float)
    return at.astype("datetime64[D]"), at, first, values


def distinct_groups(
    grain: str, start: date, end: date, scope: Scope, by: str, measures: Sequence[str] = ()
) -> Select[Any]:
    """The platforms / accounts / post types that have facts of a grain in a range."""
    table, _, _ = GRAIN_SOURCES[grain]
    columns = {
        "platform": [table.c.platform],
        "account": [table.c.platform, table.c.account],
        "post_type": [table.c.post_type] if "post_type" in table.c else [],
    }[by]
    extra = [day_values.c.measure.in_(list(measures))] if grain == "day" and measures else []
    return (
        select(*columns)
        .where(_in_range(grain, start, end), *extra, *scope_filter(table, scope))
        .distinct()
        .order_by(*columns)
    )


def rows_by_import(
    grain: str, ranges: Sequence[tuple[date, date, Scope, Sequence[str]]]
) -> Select[Any]:
    """How many fact rows of a grain each import supplied, over several (range, scope) sets."""
    table, _, _ = GRAIN_SOURCES[grain]
    conditions = []
    for start, end, scope, measures in ranges:
        extra = [day_values.c.measure.in_(list(measures))] if grain == "day" and measures else []
        conditions.append(and_(_in_range(grain, start, end), *extra, *scope_filter(table, scope)))
    return (
        select(table.c.import_id, func.count().label("rows"))
        .where(or_(*conditions, literal(False)))
        .group_by(table.c.import_id)
    )


def top_posts_query(
    start: date, end: date, scope: Scope, measure: str, n: int, ascending: bool
) -> Select[Any]:
    column = posts.c[measure]
    order = column.asc() if ascending else column.desc()
    return (
        select(
            posts.c.platform,
            posts.c.account,
            posts.c.post_id,
            posts.c.published_at,
            posts.c.post_type,
            posts.c.text,
            posts.c.permalink,
            *[posts.c[m] for m in POST_MEASURES],
        )
        .where(
            column.is_not(None),
            _ts_range(posts.c.published_at, start, end),
            *scope_filter(posts, scope),
        )
        .order_by(order, posts.c.published_at, posts.c.post_id)
        .limit(n)
    )


def coverage_queries(
    start: date, end: date, scope: Scope, month_aligned: bool = False
) -> dict[str, Any]:
    """Per platform and account: posts, days with account facts and messages in a range.
    Whole months read the month rollups while they are current (else the facts, in the same
    statement); other ranges read the facts."""
    guard = {
        "posts": _current(post_month_all_types, posts),
        "days": _current(day_month_rollup, day_values),
    }
    skip = guard if month_aligned else {"posts": None, "days": None}
    facts: dict[str, Any] = {
        "posts": select(posts.c.platform, posts.c.account, func.count().label("posts"))
        .where(
            _ranges_unless(posts.c.published_at, [(start, end)], True, skip["posts"]),
            *scope_filter(posts, scope),
        )
        .group_by(posts.c.platform, posts.c.account),
        "days": select(
            day_values.c.platform,
            day_values.c.account,
            func.count(func.distinct(day_values.c.date)).label("days"),
        )
        .where(
            # every stored measure, named so the (measure, date) index serves the range
            day_values.c.measure.in_(DAY_MEASURES),
            _ranges_unless(day_values.c.date, [(start, end)], False, skip["days"]),
            *scope_filter(day_values, scope),
        )
        .group_by(day_values.c.platform, day_values.c.account),
        "messages": select(messages.c.platform, messages.c.account, func.count().label("messages"))
        .where(_ts_range(messages.c.received_at, start, end), *scope_filter(messages, scope))
        .group_by(messages.c.platform, messages.c.account),
    }
    if not month_aligned:
        return facts
    for name, table, count in (
        ("posts", post_month_all_types, post_month_all_types.c.posts),
        ("days", day_month_rollup, day_month_rollup.c.days),
    ):
        rolled = (
            select(table.c.platform, table.c.account, func.sum(count).label(name))
            .where(_date_range(table.c.month, start, end), *scope_filter(table, scope))
            .where(guard[name])
            .group_by(table.c.platform, table.c.account)
        )
        facts[name] = union_all(rolled, facts[name])
    return facts


def coverage_rows(scope: Scope) -> Select[Any]:
    """What the imports cover, per grain, account, days and measures reported (see
    metrics.coverage): one small read of import_coverage, duplicates folded."""
    t = import_coverage
    keys = [t.c.grain, t.c.platform, t.c.account, t.c.first_day, t.c.last_day, t.c.measures]
    return select(*keys).where(*scope_filter(t, scope)).group_by(*keys)


def newest_fact_days() -> Select[Any]:
    """The newest publish time, account day and message time stored (three index reads)."""
    return select(
        select(func.max(posts.c.published_at)).scalar_subquery().label("post"),
        select(func.max(day_values.c.date)).scalar_subquery().label("day"),
        select(func.max(messages.c.received_at)).scalar_subquery().label("message"),
    )
