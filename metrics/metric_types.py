"""What each metric type of the strategy file is: one small definition per type, in one
registry. The strategy model takes its vocabulary from here, the meaning rules check fields
and grains against it, and the engine asks it how a type reads the warehouse; a new metric
type is one entry below plus the arithmetic in the engine, nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol, get_args

from metrics.expressions import ExpressionError, parse_expression

MetricType = Literal[
    "sum",
    "mean",
    "count",
    "last",
    "change",
    "ratio",
    "growth",
    "derived",
    "median",
    "percentile",
    "within",
]
Grain = Literal["post", "day", "message"]
# How a type reads the warehouse:
#   aggregate   grouped sums and counts per bucket (decompose over periods and platforms)
#   stock       each account's last value of a day measure in a period
#   percentile  the values themselves (a median does not decompose)
#   values      the rows themselves, with the ones that report nothing (`within`: the share
#               of messages answered within a threshold; unanswered ones count as not)
#   composite   other KPIs' values (growth, derived); reads no facts of its own
Reads = Literal["aggregate", "stock", "percentile", "values", "composite"]
# Which grouped columns an aggregate reads (see metrics.sql.AggregateParts): the number of
# rows, a measure's sum and count, or a ratio's parts; None for the other kinds.
Parts = Literal["rows", "measure", "pair"]
# The fields a metric may carry besides `type` (grain included).
MetricField = Literal[
    "measure", "numerator", "denominator", "of", "expr", "q", "threshold", "grain"
]

ALL_GRAINS: tuple[Grain, ...] = get_args(Grain)


@dataclass(frozen=True)
class MetricTypeSpec:
    """One metric type: what it needs, how it aggregates, which fields and grains it allows,
    whether it is additive."""

    reads: Reads
    needs: tuple[MetricField, ...]  # fields the strategy file must give
    parts: Parts | None = None
    grains: tuple[Grain, ...] = ()  # allowed grains; () when the type has none (composite)
    default_grain: Grain = "post"
    # Additive: the value of a period is the sum of its months' values (and a year to date
    # is a running total); only these may be `cumulative` or pro-rated to months covered.
    additive: bool = False
    # A span an export of the KPI's grain and measures covers, without a single row, reads
    # 0 (nothing was published: a fact), not "no data".
    zero_when_covered: bool = False
    # Reads the previous span too (a change is this period's stock minus the last one's).
    reads_previous: bool = False

    @property
    def allows_grain(self) -> bool:
        return bool(self.grains)


METRIC_TYPES: dict[MetricType, MetricTypeSpec] = {
    "sum": MetricTypeSpec(
        "aggregate", ("measure",), "measure", ALL_GRAINS, additive=True, zero_when_covered=True
    ),
    "mean": MetricTypeSpec("aggregate", ("measure",), "measure", ALL_GRAINS),
    "count": MetricTypeSpec(
        "aggregate", (), "rows", ("post", "message"), additive=True, zero_when_covered=True
    ),
    "ratio": MetricTypeSpec("aggregate", ("numerator", "denominator"), "pair", ALL_GRAINS),
    "last": MetricTypeSpec("stock", ("measure",), grains=("day",), default_grain="day"),
    "change": MetricTypeSpec(
        "stock",
        ("measure",),
        grains=("day",),
        default_grain="day",
        additive=True,
        reads_previous=True,
    ),
    "median": MetricTypeSpec("percentile", ("measure",), grains=ALL_GRAINS),
    "percentile": MetricTypeSpec("percentile", ("measure", "q"), grains=ALL_GRAINS),
    "within": MetricTypeSpec(
        "values", ("measure", "threshold"), "rows", ("message",), default_grain="message"
    ),
    "growth": MetricTypeSpec("composite", ("of",), reads_previous=True),
    "derived": MetricTypeSpec("composite", ("expr",)),
}

METRIC_FIELDS: tuple[MetricField, ...] = get_args(MetricField)


def spec(metric_type: str) -> MetricTypeSpec:
    """The definition of a metric type (KeyError for a word the model does not allow)."""
    return METRIC_TYPES[metric_type]  # type: ignore[index]


def is_additive(metric_type: str) -> bool:
    return spec(metric_type).additive


class _MetricFields(Protocol):
    type: str
    of: str | None
    expr: str | None


def referenced_kpis(metric: _MetricFields) -> list[str]:
    """The KPI ids a composite metric is computed from (growth: `of`; derived: the ids in
    `expr`, none when it does not parse: the meaning rules report that); [] otherwise."""
    if metric.type == "growth" and metric.of:
        return [metric.of]
    if metric.type == "derived" and metric.expr:
        try:
            return sorted(parse_expression(metric.expr))
        except ExpressionError:
            return []
    return []


if set(METRIC_TYPES) != set(get_args(MetricType)):  # pragma: no cover - a registry edit
    raise RuntimeError("metric_types.METRIC_TYPES must define every MetricType, no other")
