"""The metric engine: KPI values for many spans at once from a few grouped queries.

`KpiEngine.load()` works out every fact the requested KPIs need (dependencies of growth,
change and derived KPIs included), runs one grouped statement per grain covering the whole
date range, and keeps the small aggregated frames. Values are then composed in Python for
any period, platform, account or post type without going back to the database (median and
percentile, which do not decompose, get one statement per KPI and scope).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import Any, Literal

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, Select

from metrics import sql
from metrics.business_hours import (
    COMPUTED_MEASURES,
    WorkingHours,
    business_hours_between,
    parse_clock,
    stored_measure,
)
from metrics.coverage import Completeness, Coverage, rows_from_records, units_of
from metrics.expressions import evaluate
from metrics.metric_types import referenced_kpis, spec
from metrics.periods import Period
from metrics.spans import Span
from metrics.sql import Scope
from metrics.strategy_model import Kpi, Metric, StrategyFile

NO_SCOPE = Scope()
Key = tuple[str, Span, Scope]
FactSource = Literal["rollup", "facts"]


def merge_ranges(ranges: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Sorted, non-overlapping ranges (adjacent ones joined)."""
    out: list[tuple[date, date]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


SOURCES = ("post", "day", "message", "stock")


def _no_ranges() -> dict[str, list[tuple[date, date]]]:
    return {source: [] for source in SOURCES}


def _inside(inner: list[tuple[date, date]], outer: list[tuple[date, date]]) -> bool:
    return all(any(s <= start and end <= e for s, e in outer) for start, end in inner)


@dataclass
class Needs:
    """What facts a set of KPI values needs: date ranges per source (post, day and message
    grains, day stocks: each reads only the spans its own KPIs ask for, so a scorecard reads
    twenty months of posts for a year-to-date sum and four of account-days, not twenty of
    both), bucket unit, measures per grain."""

    ranges: dict[str, list[tuple[date, date]]] = field(default_factory=_no_ranges)
    unit: sql.BucketUnit = "month"
    measures: dict[str, set[str]] = field(
        default_factory=lambda: {"post": set(), "day": set(), "message": set()}
    )
    pairs: dict[str, set[tuple[str, str]]] = field(
        default_factory=lambda: {"post": set(), "day": set(), "message": set()}
    )
    grains: set[str] = field(default_factory=set)
    stocks: set[str] = field(default_factory=set)
    day_means: set[str] = field(default_factory=set)  # day-grain means: days with data
    by_post_type: bool = False

    def add_span(self, span: Span, source: str) -> None:
        self.ranges[source] = merge_ranges([*self.ranges[source], (span.start, span.end)])
        if not span.month_aligned:
            self.unit = "day"

    @property
    def empty(self) -> bool:
        return not any(self.ranges.values())

    def covers(self, other: Needs) -> bool:
        return (
            all(_inside(other.ranges[s], self.ranges[s]) for s in SOURCES)
            and (self.unit == "day" or other.unit == "month")
            and other.grains <= self.grains
            and other.stocks <= self.stocks
            and other.day_means <= self.day_means
            and (self.by_post_type or not other.by_post_type)
            and all(other.measures[g] <= self.measures[g] for g in other.measures)
            and all(other.pairs[g] <= self.pairs[g] for g in other.pairs)
        )

    def merge(self, other: Needs) -> Needs:
        merged = Needs(
            ranges={s: merge_ranges([*self.ranges[s], *other.ranges[s]]) for s in SOURCES}
        )
        merged.unit = "day" if "day" in (self.unit, other.unit) else "month"
        merged.by_post_type = self.by_post_type or other.by_post_type
        for needs in (self, other):
            merged.grains |= needs.grains
            merged.stocks |= needs.stocks
            merged.day_means |= needs.day_means
            for g in merged.measures:
                merged.measures[g] |= needs.measures[g]
                merged.pairs[g] |= needs.pairs[g]
        return merged


class Columns:
    """An aggregated frame as numpy arrays, with cached row masks per span and per scope
    (composing hundreds of KPI values must not cost hundreds of pandas filters)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.size = len(frame)
        self.bd = frame["bd"].to_numpy(dtype="datetime64[D]")
        self.platform = frame["platform"].to_numpy(dtype=object)
        self.account = frame["account"].to_numpy(dtype=object)
        self.pair = np.array(
            [f"{p}\x1f{a}" for p, a in zip(self.platform, self.account, strict=True)], dtype=object
        )
        self.post_type = (
            frame["post_type"].to_numpy(dtype=object) if "post_type" in frame.columns else None
        )
        self.measure = frame["measure"].to_numpy(dtype=object) if "measure" in frame else None
        self.date = (
            frame["date"].to_numpy(dtype="datetime64[D]") if "date" in frame.columns else None
        )
        skip = {"bucket", "bd", "platform", "account", "post_type", "measure", "date"}
        self.numbers = {c: frame[c].to_numpy(dtype=float) for c in frame.columns if c not in skip}
        self._spans: dict[tuple[date, date], np.ndarray] = {}
        self._scopes: dict[Scope, np.ndarray] = {}
        self._measures: dict[str, np.ndarray] = {}

    def mask(self, span: Span, scope: Scope, measure: str | None = None) -> np.ndarray:
        bounds = (span.start, span.end)
        if bounds not in self._spans:
            self._spans[bounds] = (self.bd >= np.datetime64(span.start, "D")) & (
                self.bd <= np.datetime64(span.end, "D")
            )
        if scope not in self._scopes:
            self._scopes[scope] = self._scope_mask(scope)
        mask = self._spans[bounds] & self._scopes[scope]
        return self._of_measure(mask, measure)

    def scope_rows(self, scope: Scope, measure: str | None = None) -> np.ndarray:
        """Rows in `scope` (and of `measure`, for long frames), whatever their bucket."""
        if scope not in self._scopes:
            self._scopes[scope] = self._scope_mask(scope)
        return self._of_measure(self._scopes[scope], measure)

    def _of_measure(self, mask: np.ndarray, measure: str | None) -> np.ndarray:
        if measure is not None and self.measure is not None:
            if measure not in self._measures:
                self._measures[measure] = self.measure == measure
            mask = mask & self._measures[measure]
        return np.asarray(mask, dtype=bool)

    def _scope_mask(self, scope: Scope) -> np.ndarray:
        mask = np.ones(self.size, dtype=bool)
        if scope.platforms is not None:
            mask &= np.isin(self.platform, list(scope.platforms))
        if scope.accounts is not None:
            mask &= np.isin(self.account, list(scope.accounts))
        if scope.pairs is not None:
            mask &= np.isin(self.pair, [f"{p}\x1f{a}" for p, a in scope.pairs])
        if scope.post_type is not None:
            if self.post_type is None:
                return np.zeros(self.size, dtype=bool)
            mask &= self.post_type == scope.post_type
        return mask

    def total(self, column: str, mask: np.ndarray) -> float:
        values = self.numbers[column][mask]
        return float(np.nansum(values)) if values.size else 0.0


@dataclass
class Facts:
    """Aggregated facts: per grain (bucket × platform × account [× post type]) and stocks."""

    needs: Needs
    tables: dict[str, Columns]
    last: Columns


class KpiEngine:
    """KPI values of one strategy on one database, optionally for some platforms only."""

    def __init__(
        self,
        db: Engine,
        strategy: StrategyFile,
        platforms: Iterable[str] | None = None,
        source: FactSource = "rollup",
    ) -> None:
        """`source`: "rollup" reads post sums, counts and ratio parts, and month-bucketed
        account-day sums and ratio parts, from the rollups (falling back to the fact table in
        the same statement when a rollup misses the newest import); "facts" always groups
        the fact tables themselves (for comparisons)."""
        self.db = db
        self.source = source
        self.strategy = strategy
        self.dialect = db.dialect.name
        self.filter = Scope(platforms=frozenset(platforms)) if platforms else NO_SCOPE
        self.kpis: dict[str, Kpi] = {kpi.id: kpi for kpi in strategy.kpis()}
        self._facts: Facts | None = None
        self._memo: dict[Key, float | None] = {}
        self._dates: dict[tuple[str, Scope], pd.DataFrame] = {}
        self._pct_values: dict[
            tuple[str, str, Scope], tuple[np.ndarray, np.ndarray, list[tuple[date, date]]]
        ] = {}
        self._pct_memo: dict[tuple[str, str, float, Scope, Span], float | None] = {}
        self._coverage: Coverage | None = None
        self._buckets: dict[tuple[str, Scope], np.ndarray] = {}
        self._completeness: dict[tuple[str, Span, Scope], Completeness] = {}
        self._messages: dict[tuple[str, Scope], tuple[np.ndarray, np.ndarray]] = {}

    # -- public ---------------------------------------------------------------------------
    def values(
        self, periods: Iterable[Span | str], kpi_ids: Iterable[str] | None = None
    ) -> dict[tuple[str, str], float | None]:
        spans = [Period.parse(p) if isinstance(p, str) else p for p in periods]
        ids = list(kpi_ids) if kpi_ids is not None else list(self.kpis)
        self.load(ids, spans)
        return {(k, str(s)): self.value(k, s) for k in ids for s in spans}

    def load(
        self,
        kpi_ids: Iterable[str],
        spans: Iterable[Span],
        restrictions: Iterable[Scope] = (NO_SCOPE,),
    ) -> None:
        """Fetch, in a few statements, every fact these KPI values need."""
        spans = list(spans)
        self.load_pairs([(k, s) for k in kpi_ids for s in spans], restrictions)

    def load_pairs(
        self, pairs: Iterable[tuple[str, Span]], restrictions: Iterable[Scope] = (NO_SCOPE,)
    ) -> None:
        """`load` for explicit (KPI id, span) pairs."""
        wanted = self.closure(list(pairs))
        needs = Needs()
        percentile_work: dict[tuple[str, Scope], set[Span]] = {}
        restrictions = list(restrictions)
        needs.by_post_type = any(r.post_type is not None for r in restrictions)
        for kpi_id, span in wanted:
            kpi = self.kpis[kpi_id]
            metric = kpi.metric
            kind = spec(metric.type)
            grain = metric.resolved_grain
            if kind.reads == "stock":
                needs.add_span(span, "stock")
                if kind.reads_previous:
                    needs.add_span(span.previous(), "stock")
                needs.stocks.add(metric.measure or "")
            elif kind.reads == "aggregate":
                needs.add_span(span, grain)
                needs.grains.add(grain)
                if kind.parts == "measure":
                    needs.measures[grain].add(metric.measure or "")
                if metric.type == "mean" and grain == "day":
                    needs.day_means.add(metric.measure or "")
                if kind.parts == "pair":
                    needs.pairs[grain].add((metric.numerator or "", metric.denominator or ""))
            elif kind.reads in ("percentile", "values"):
                # the grain's rows tell which months have data (completeness)
                needs.add_span(span, grain)
                needs.grains.add(grain)
                needs.measures[grain].add(stored_measure(metric.measure or ""))
                if _from_messages(metric):
                    continue  # read with the messages themselves (see _message_value)
                for restriction in restrictions:
                    scope = self._scope(kpi, restriction)
                    percentile_work.setdefault((kpi_id, scope), set()).add(span)
        self._fetch(needs)
        for (kpi_id, scope), kpi_spans in percentile_work.items():
            self._percentiles(self.kpis[kpi_id], scope, sorted(kpi_spans, key=str))

    def value(self, kpi_id: str, span: Span, restriction: Scope = NO_SCOPE) -> float | None:
        """A KPI's value for a span (after `load`), narrowed by `restriction`."""
        key = (kpi_id, span, restriction)
        if key not in self._memo:
            value = self._compute(self.kpis[kpi_id], span, restriction)
            # an infinity stored before imports refused them (issue 14, hole 1), or a sum
            # that overflows, is no value: never a figure with a status
            self._memo[key] = value if value is None or math.isfinite(value) else None
        return self._memo[key]

    def base_kpis(self, kpi_id: str) -> list[Kpi]:
        """The KPIs that read facts for `kpi_id` (itself, or what growth/derived use)."""
        out: dict[str, Kpi] = {}
        todo = [kpi_id]
        while todo:
            kpi = self.kpis[todo.pop()]
            refs = self._refs(kpi)
            if refs:
                todo.extend(r for r in refs if r not in out)
            out.setdefault(kpi.id, kpi)
        return [k for k in out.values() if not self._refs(k)]

    def scope_of(self, kpi: Kpi, restriction: Scope = NO_SCOPE) -> Scope:
        return self._scope(kpi, restriction)

    @property
    def coverage(self) -> Coverage:
        """What the imports cover (read once per engine: one small statement)."""
        if self._coverage is None:
            with self.db.connect() as conn:
                records = conn.execute(sql.coverage_rows(self.filter)).all()
            self._coverage = Coverage(rows_from_records(records))
        return self._coverage

    def completeness(self, kpi_id: str, span: Span, restriction: Scope = NO_SCOPE) -> Completeness:
        """How much of `span` a KPI's data reaches (after `load` of the span): per month
        (day, for spans that are not whole months) of the span, 1 when it is done — its
        last day is on or before the newest day the exports in scope cover, and it holds
        rows or an export of the KPI's grain and measures covers it whole —, the elapsed
        share of the month the newest covered day falls in, else 0. Without any recorded
        coverage in scope a month is done when it holds rows. Composite KPIs (growth,
        derived) take, month by month, the least of their inputs."""
        key = (kpi_id, span, restriction)
        if key in self._completeness:
            return self._completeness[key]
        units = units_of(span.start, span.end, span.month_aligned)
        reached = [1.0] * len(units)
        for base, inner in self._bases(self.kpis[kpi_id], restriction):
            for i, value in enumerate(self._unit_values(base, inner, units)):
                reached[i] = min(reached[i], value)
        done = [last for (_, last), v in zip(units, reached, strict=True) if v >= 1.0]
        self._completeness[key] = Completeness(
            done=len(done),
            total=len(units),
            unit="month" if span.month_aligned else "day",
            share=sum(reached) / len(units) if units else 0.0,
            last_done=done[-1] if done else None,
        )
        return self._completeness[key]

    # -- dependencies ---------------------------------------------------------------------
    @staticmethod
    def _refs(kpi: Kpi) -> list[str]:
        return referenced_kpis(kpi.metric)

    def closure(self, requests: list[tuple[str, Span]]) -> set[tuple[str, Span]]:
        """The requested (KPI, span) pairs and every pair growth/derived KPIs depend on."""
        seen: set[tuple[str, Span]] = set()
        todo = list(requests)
        while todo:
            kpi_id, span = todo.pop()
            if (kpi_id, span) in seen:
                continue
            seen.add((kpi_id, span))
            kpi = self.kpis[kpi_id]
            back = spec(kpi.metric.type).reads_previous
            for ref in self._refs(kpi):
                todo += [(ref, span), (ref, span.previous())] if back else [(ref, span)]
        return seen

    def _bases(self, kpi: Kpi, restriction: Scope) -> list[tuple[Kpi, Scope]]:
        """The fact-reading KPIs behind `kpi` with the restriction each is read under (as
        `_compute` narrows it through growth and derived KPIs)."""
        if spec(kpi.metric.type).reads != "composite":
            return [(kpi, restriction)]
        inner = restriction.narrow(
            Scope(
                platforms=frozenset(kpi.platforms) if kpi.platforms else None,
                accounts=frozenset(kpi.accounts) if kpi.accounts else None,
            )
        )
        out: list[tuple[Kpi, Scope]] = []
        for ref in self._refs(kpi):
            out += self._bases(self.kpis[ref], inner)
        return out

    @staticmethod
    def _coverage_key(kpi: Kpi) -> tuple[str, tuple[str, ...]]:
        """The grain and measures an export must report to cover a KPI (none for counts)."""
        metric = kpi.metric
        reads_rows = spec(metric.type).parts == "rows"
        measures = tuple(stored_measure(m) for m in metric.measures)
        return metric.resolved_grain, () if reads_rows else measures

    def _unit_values(
        self, kpi: Kpi, restriction: Scope, units: list[tuple[date, date]]
    ) -> list[float]:
        """Per unit (first, last day): 1 done, the elapsed share of the unit the horizon
        falls in, else 0 (see `completeness`); vectorised over the units."""
        scope = self._scope(kpi, restriction)
        grain, measures = self._coverage_key(kpi)
        horizon = self.coverage.horizon(scope)
        buckets = self._data_buckets(kpi, scope)
        firsts = np.array([u[0] for u in units], dtype="datetime64[D]")
        lasts = np.array([u[1] for u in units], dtype="datetime64[D]")
        has_rows = np.searchsorted(buckets, lasts, side="right") > np.searchsorted(
            buckets, firsts, side="left"
        )
        if horizon is None:
            return [1.0 if h else 0.0 for h in has_rows]
        ranges = self.coverage.ranges(grain, measures, scope)
        starts = np.array([r[0] for r in ranges], dtype="datetime64[D]")
        ends = np.array([r[1] for r in ranges], dtype="datetime64[D]")
        whole = np.zeros(len(units), dtype=bool)
        if ranges:  # disjoint and sorted: only the last range starting by `first` can hold it
            index = np.searchsorted(starts, firsts, side="right") - 1
            whole = (index >= 0) & (ends[np.maximum(index, 0)] >= lasts)
        values = np.where((lasts <= np.datetime64(horizon, "D")) & (has_rows | whole), 1.0, 0.0)
        for i, (first, last) in enumerate(units):
            if first <= horizon < last and (
                has_rows[i] or self.coverage.covers_any(grain, measures, scope, first, horizon)
            ):
                values[i] = ((horizon - first).days + 1) / ((last - first).days + 1)
        return [float(v) for v in values]

    def _data_buckets(self, kpi: Kpi, scope: Scope) -> np.ndarray:
        """Sorted first days of the loaded buckets (months or days) in which the KPI has rows
        in `scope`: posts/messages (counts), values of its measure, reported denominators."""
        key = (kpi.id, scope)
        if key in self._buckets:
            return self._buckets[key]
        assert self._facts is not None
        metric = kpi.metric
        kind = spec(metric.type)
        empty = np.array([], dtype="datetime64[D]")
        if kind.reads == "stock":
            stocks = self._facts.last
            rows = stocks.scope_rows(scope, metric.measure or "")
            found = np.unique(stocks.bd[rows]) if stocks.size else empty
        else:
            table = self._facts.tables.get(metric.resolved_grain)
            if table is None or table.size == 0:
                found = empty
            else:
                if kind.parts == "rows":
                    column = sql.ROWS
                elif kind.parts == "pair":
                    column = sql.ratio_name("rc", metric.numerator or "", metric.denominator or "")
                else:
                    column = sql.count_name(stored_measure(metric.measure or ""))
                rows = table.scope_rows(scope)
                if column in table.numbers:
                    rows = rows & (np.nan_to_num(table.numbers[column]) > 0)
                found = np.unique(table.bd[rows])
        self._buckets[key] = np.asarray(found, dtype="datetime64[D]")
        return self._buckets[key]

    def _scope(self, kpi: Kpi, restriction: Scope) -> Scope:
        own = Scope(
            platforms=frozenset(kpi.effective_platforms),
            accounts=frozenset(kpi.accounts) if kpi.accounts else None,
        )
        return own.narrow(self.filter).narrow(restriction)

    # -- fetching -------------------------------------------------------------------------
    def _fetch(self, needs: Needs) -> None:
        if needs.empty:
            return
        if self._facts is not None:
            if self._facts.needs.covers(needs):
                return
            needs = self._facts.needs.merge(needs)
            self._memo.clear()
            self._buckets.clear()
            self._completeness.clear()
            self._dates.clear()
            self._pct_values.clear()
            self._messages.clear()
        ranges, unit = needs.ranges, needs.unit
        builders: dict[str, Callable[..., Select[Any]]] = {
            "post": partial(
                sql.post_facts if self.source == "rollup" else sql.post_aggregate,
                by_post_type=needs.by_post_type,
            ),
            "message": sql.message_aggregate,
        }
        tables: dict[str, pd.DataFrame] = {}
        with self.db.connect() as conn:
            for grain in sorted(needs.grains):
                if grain == "day":
                    tables[grain] = self._day_table(conn, needs)
                    continue
                stmt = builders[grain](
                    ranges[grain],
                    unit,
                    self.dialect,
                    self.filter,
                    needs.measures[grain],
                    needs.pairs[grain],
                )
                tables[grain] = _frame(conn.execute(stmt).all(), stmt)
            stocks, measures = ranges["stock"], set(needs.stocks)
            if unit == "month" and needs.day_means:
                # month rows carry each account's day mask: the days with data of a
                # day-grain mean come with the last values, not from a distinct-dates scan
                stocks = merge_ranges([*stocks, *ranges["day"]])
                measures |= needs.day_means
            last = _frame([], sql.day_last(stocks, unit, self.dialect, self.filter, ["-"]))
            if measures:
                if unit == "month" and self.source == "rollup":
                    stmt = sql.day_last_facts(stocks, self.dialect, self.filter, measures)
                else:
                    stmt = sql.day_last(stocks, unit, self.dialect, self.filter, measures)
                last = _frame(conn.execute(stmt).all(), stmt)
            last["date"] = pd.to_datetime(last["date"])
        self._facts = Facts(needs, {g: Columns(f) for g, f in tables.items()}, Columns(last))

    def _day_table(self, conn: Connection, needs: Needs) -> pd.DataFrame:
        """Day-grain sums from the long table, and ratio parts from a pivot of the pair
        measures only, joined on bucket × platform × account."""
        keys = ["bucket", "platform", "account"]
        if needs.unit == "month" and self.source == "rollup":
            stmt = sql.day_facts(
                needs.ranges["day"],
                self.dialect,
                self.filter,
                needs.measures["day"],
                needs.pairs["day"],
            )
            return _frame(conn.execute(stmt).all(), stmt).drop(columns=[sql.ROWS])
        parts: list[pd.DataFrame] = []
        if needs.measures["day"]:
            stmt = sql.day_sums(
                needs.ranges["day"], needs.unit, self.dialect, self.filter, needs.measures["day"]
            )
            long = _frame(conn.execute(stmt).all(), stmt)
            wide = long.pivot_table(index=keys, columns="measure", values=["s", "n"], aggfunc="sum")
            wide.columns = [f"{kind}__{measure}" for kind, measure in wide.columns]
            parts.append(wide.reset_index())
        if needs.pairs["day"]:
            stmt = sql.day_aggregate(
                needs.ranges["day"], needs.unit, self.dialect, self.filter, (), needs.pairs["day"]
            )
            parts.append(_frame(conn.execute(stmt).all(), stmt).drop(columns=["bd", sql.ROWS]))
        frame = parts[0] if parts else pd.DataFrame(columns=keys)
        for part in parts[1:]:
            frame = frame.merge(part, on=keys, how="outer")
        for measure in needs.measures["day"]:
            for kind in ("s", "n"):
                if f"{kind}__{measure}" not in frame.columns:
                    frame[f"{kind}__{measure}"] = np.nan
        frame["bd"] = pd.to_datetime(
            frame["bucket"].map(sql.bucket_date) if len(frame) else pd.Series([], dtype=object)
        )
        return frame

    def _dates_of(self, measure: str, scope: Scope) -> pd.DataFrame:
        key = (measure, scope)
        if key not in self._dates:
            assert self._facts is not None
            needs = self._facts.needs
            stmt = sql.day_dates(needs.ranges["day"], needs.unit, self.dialect, scope, measure)
            with self.db.connect() as conn:
                self._dates[key] = _frame(conn.execute(stmt).all(), stmt)
        return self._dates[key]

    def _percentiles(self, kpi: Kpi, scope: Scope, spans: list[Span]) -> None:
        metric = kpi.metric
        q = _quantile(metric)
        grain, measure = metric.resolved_grain, metric.measure or ""
        todo = [s for s in spans if (grain, measure, q, scope, s) not in self._pct_memo]
        if not todo:
            return
        if self.dialect == "postgresql":
            with self.db.connect() as conn:
                found = sql.percentiles_sql(
                    conn, grain, measure, q, scope, [(s.start, s.end) for s in todo]
                )
            for span, value in zip(todo, found, strict=True):
                self._pct_memo[(grain, measure, q, scope, span)] = value
            return
        ranges = merge_ranges((s.start, s.end) for s in todo)
        held = self._pct_values.get((grain, measure, scope))
        if held is not None and _inside(ranges, held[2]):
            days, vals = held[0], held[1]  # a median and a percentile of the same measure
        else:
            with self.db.connect() as conn:
                days, vals = sql.values_in_range(conn, grain, measure, scope, ranges)
            self._pct_values[(grain, measure, scope)] = (days, vals, ranges)
        for span in todo:
            inside = (days >= np.datetime64(span.start, "D")) & (
                days <= np.datetime64(span.end, "D")
            )
            chosen = vals[inside]
            self._pct_memo[(grain, measure, q, scope, span)] = (
                float(np.quantile(chosen, q)) if chosen.size else None
            )

    # -- composing ------------------------------------------------------------------------
    def _compute(self, kpi: Kpi, span: Span, restriction: Scope) -> float | None:
        metric = kpi.metric
        kind = spec(metric.type)
        if kind.reads == "composite":
            inner = restriction.narrow(
                Scope(
                    platforms=frozenset(kpi.platforms) if kpi.platforms else None,
                    accounts=frozenset(kpi.accounts) if kpi.accounts else None,
                )
            )
            if metric.type == "growth":
                now = self.value(metric.of or "", span, inner)
                before = self.value(metric.of or "", span.previous(), inner)
                if now is None or before is None or before == 0:
                    return None
                return (now - before) / before
            refs = {ref: self.value(ref, span, inner) for ref in self._refs(kpi)}
            return evaluate(metric.expr or "", refs)
        scope = self._scope(kpi, restriction)
        if metric.type == "last":
            return self._last(metric.measure or "", span, scope)
        if metric.type == "change":
            now = self._last(metric.measure or "", span, scope)
            before = self._last(metric.measure or "", span.previous(), scope)
            return None if now is None or before is None else now - before
        if _from_messages(metric):
            return self._message_value(kpi, scope, span)
        if kind.reads == "percentile":
            q = _quantile(metric)
            key = (metric.resolved_grain, metric.measure or "", q, scope, span)
            if key not in self._pct_memo:
                self._percentiles(kpi, scope, [span])
            return self._pct_memo[key]
        return self._aggregate(kpi, span, scope)

    def _message_value(self, kpi: Kpi, scope: Scope, span: Span) -> float | None:
        """`within` (the share of the span's messages answered within the threshold;
        unanswered ones count as not) and medians / percentiles of computed measures, from
        the messages themselves; None when the span holds no message (or no answer)."""
        metric = kpi.metric
        days, values = self._message_values(metric.measure or "", scope)
        inside = (days >= np.datetime64(span.start, "D")) & (days <= np.datetime64(span.end, "D"))
        chosen = values[inside]
        if spec(metric.type).reads == "values":
            if chosen.size == 0:
                return None
            return float(np.count_nonzero(chosen <= float(metric.threshold or 0))) / chosen.size
        answered = chosen[~np.isnan(chosen)]
        return float(np.quantile(answered, _quantile(metric))) if answered.size else None

    def _message_values(self, measure: str, scope: Scope) -> tuple[np.ndarray, np.ndarray]:
        """Day received and value of `measure` (NaN when unanswered) of every message in
        `scope` over the loaded message ranges (one statement per measure and scope)."""
        assert self._facts is not None
        key = (measure, scope)
        if key not in self._messages:
            with self.db.connect() as conn:
                days, at, first, hours = sql.message_times(
                    conn, scope, self._facts.needs.ranges["message"]
                )
            if measure == "first_response_business_hours":
                hours = business_hours_between(at, first, self.working_hours)
            self._messages[key] = (days, hours)
        return self._messages[key]

    @property
    def working_hours(self) -> WorkingHours:
        """The strategy's working hours (the meaning rules refuse business-hour KPIs
        without them)."""
        declared = self.strategy.business_hours
        if declared is None:
            raise ValueError("the strategy file declares no business_hours")
        return WorkingHours(
            days=tuple(declared.days),
            start=parse_clock(declared.start),
            end=parse_clock(declared.end),
            holidays=tuple(declared.holidays),
        )

    def _aggregate(self, kpi: Kpi, span: Span, scope: Scope) -> float | None:
        assert self._facts is not None
        metric = kpi.metric
        grain = metric.resolved_grain
        table = self._facts.tables.get(grain)
        if table is None:
            return None
        kind = spec(metric.type)
        rows = table.mask(span, scope)
        if kind.parts == "rows":
            n = table.total(sql.ROWS, rows) if rows.any() else 0.0
            return n if n > 0 else self._zero(kpi, span, scope)
        if not rows.any():
            return self._zero(kpi, span, scope)
        if kind.parts == "pair":
            num, den = metric.numerator or "", metric.denominator or ""
            part = {p: table.total(sql.ratio_name(p, num, den), rows) for p in sql.RATIO_PARTS}
            if part["rc"] == 0 or part["rk"] == 0 or part["rd"] == 0:
                return None
            return part["rn"] / part["rd"]
        measure = metric.measure or ""
        count = table.total(sql.count_name(measure), rows)
        if count == 0:
            return self._zero(kpi, span, scope)
        total = table.total(sql.sum_name(measure), rows)
        if metric.type == "sum":
            return total
        if grain == "day":
            n_dates = self._days_with_data(measure, span, scope)
            return total / n_dates if n_dates else None
        return total / count

    def _zero(self, kpi: Kpi, span: Span, scope: Scope) -> float | None:
        """0 when the KPI's type reads 0 for a covered span without rows (sums and counts)
        and an export of the KPI's grain reporting its measure covers some day of the span
        for the accounts in scope (nothing was published: a fact), else None (no data)."""
        if not spec(kpi.metric.type).zero_when_covered:
            return None
        grain, measures = self._coverage_key(kpi)
        return (
            0.0 if self.coverage.covers_any(grain, measures, scope, span.start, span.end) else None
        )

    def _days_with_data(self, measure: str, span: Span, scope: Scope) -> int:
        """Days in `span` on which at least one account in `scope` reports `measure`."""
        assert self._facts is not None
        if self._facts.needs.unit != "month":
            dates = self._dates_of(measure, scope)
            return int(dates.loc[_in_span(dates, span), "n_dates"].sum())
        stocks = self._facts.last
        index = np.flatnonzero(stocks.mask(span, scope, measure))
        if index.size == 0:
            return 0
        order = index[np.argsort(stocks.bd[index], kind="stable")]
        months = stocks.bd[order]
        masks = stocks.numbers["day_mask"][order].astype(np.int64)
        starts = np.flatnonzero(np.r_[True, months[1:] != months[:-1]])
        return sum(int(m).bit_count() for m in np.bitwise_or.reduceat(masks, starts))

    def _last(self, measure: str, span: Span, scope: Scope) -> float | None:
        assert self._facts is not None
        stocks = self._facts.last
        if stocks.size == 0 or stocks.date is None:
            return None
        index = np.flatnonzero(stocks.mask(span, scope, measure))
        if index.size == 0:
            return None
        ordered = index[np.argsort(stocks.date[index], kind="stable")]
        # the last row of each account: first occurrence in the reversed order
        _, first = np.unique(stocks.pair[ordered][::-1], return_index=True)
        latest = ordered[::-1][first]
        return float(np.sum(stocks.numbers["value"][latest]))


def _from_messages(metric: Metric) -> bool:
    """Read from the messages themselves: `within`, and any type over a computed measure."""
    return spec(metric.type).reads == "values" or (metric.measure or "") in COMPUTED_MEASURES


def _quantile(metric: Metric) -> float:
    """The quantile a percentile-type metric reads: a median is the 0.5 percentile."""
    return 0.5 if metric.type == "median" else float(metric.q or 0.5)


TEXT_COLUMNS = frozenset({"bucket", "platform", "account", "post_type", "measure", "date"})


def _frame(rows: Sequence[Any], stmt: Any) -> pd.DataFrame:
    """A statement's rows as a frame: text columns as objects, the rest as floats (NULL as
    NaN), and `bd`, the first day of each bucket. Built column by column from numpy arrays:
    a million-post scorecard turns 50,000 rows into frames, where pandas' row-wise
    construction and type inference cost more than the statements' own grouping."""
    columns = list(stmt.selected_columns.keys())
    cells = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    data: dict[str, Any] = {}
    for name, values in zip(columns, cells, strict=True):
        data[name] = (
            pd.Series(np.array(values, dtype=object), dtype=object)
            if name in TEXT_COLUMNS
            else _numbers(values)
        )
    frame = pd.DataFrame(data, columns=columns)
    if "bucket" in data:
        days = {b: np.datetime64(sql.bucket_date(b), "D") for b in set(data["bucket"])}
        firsts = np.array([days[b] for b in data["bucket"]], dtype="datetime64[D]")
        frame["bd"] = pd.to_datetime(firsts)
    return frame


def _numbers(values: Sequence[Any]) -> np.ndarray:
    """Floats with NaN for NULL (ints and Decimals converted); anything else unreadable as a
    number becomes NaN too, as `pd.to_numeric(errors="coerce")` would."""
    try:
        return np.array(values, dtype=float)
    except (TypeError, ValueError):
        return pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(float)


def _in_span(frame: pd.DataFrame, span: Span) -> pd.Series:
    return (frame["bd"] >= pd.Timestamp(span.start)) & (frame["bd"] <= pd.Timestamp(span.end))
