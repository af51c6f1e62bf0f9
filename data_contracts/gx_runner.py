"""The only module that touches Great Expectations: suites built FROM the contract, our own results.

Imported lazily (only when validating). One ephemeral context per process, no progress bars,
no analytics, nothing written into the working directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from data_contracts.model import DAY_COLUMNS, KEY_COLUMN, POST_COLUMNS, TableSpec

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

EPOCH = datetime(1970, 1, 1)
NON_MEASURES = {"post_id", "published_at", "post_type", "text", "permalink", "date"}


@dataclass(frozen=True)
class RowFailure:
    code: str
    column: str
    expected: str
    rows: list[int]  # frame index labels (original row numbers)


@dataclass
class ValidationOutcome:
    failures: list[RowFailure] = field(default_factory=list)
    expectations: int = 0
    errors: list[str] = field(default_factory=list)

    def reasons(self, frame: pd.DataFrame) -> dict[int, list[dict[str, Any]]]:
        out: dict[int, list[dict[str, Any]]] = {}
        for failure in self.failures:
            for row in failure.rows:
                value = frame.at[row, failure.column] if failure.column in frame.columns else None
                out.setdefault(int(row), []).append(
                    {
                        "code": failure.code,
                        "column": failure.column,
                        "value": _plain(value),
                        "expected": failure.expected,
                    }
                )
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


@cache
def _batch_definition() -> Any:
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("socialkpi_imports")
    asset = source.add_dataframe_asset("rows")
    return context, asset.add_batch_definition_whole_dataframe("whole")


def build_expectations(
    table: TableSpec,
    columns: list[str],
    *,
    period_start: datetime | None,
    period_end: datetime | None,
    numeric_dates: bool = False,
) -> list[tuple[Any, str, str, str]]:
    """(expectation, code, column, expected) for every rule the contract implies for these columns.

    `numeric_dates`: the date column is given to GX as microseconds since the epoch (see
    `validate_rows`), so the range's bounds are written the same way.
    """
    import great_expectations.expectations as gxe

    def bound(moment: datetime | None) -> Any:
        return _micros(moment) if numeric_dates and moment is not None else moment

    rules: list[tuple[Any, str, str, str]] = []
    negative_ok = {
        spec.maps_to for spec in table.columns.values() if spec.negative_allowed and spec.maps_to
    }
    measures = [
        c
        for c in columns
        if c in (POST_COLUMNS if table.grain == "post" else DAY_COLUMNS) and c not in NON_MEASURES
    ]
    for measure in measures:
        if measure in negative_ok:
            continue
        rules.append(
            (
                gxe.ExpectColumnValuesToBeBetween(column=measure, min_value=0),
                "negative_value",
                measure,
                "a count of 0 or more",
            )
        )
    if {"reach", "impressions"} <= set(columns):
        rules.append(
            (
                gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A="impressions",
                    column_B="reach",
                    or_equal=True,
                    ignore_row_if="either_value_is_missing",
                ),
                "reach_exceeds_impressions",
                "reach",
                "reach no greater than impressions",
            )
        )
    key = KEY_COLUMN[table.grain]
    if key in columns:
        rules.append(
            (gxe.ExpectColumnValuesToBeUnique(column=key), "duplicate_id", key, f"each {key} once")
        )
    if table.date_range is not None and table.date_range.column in columns:
        column = table.date_range.column
        if table.date_range.rule == "within_period" and period_start and period_end:
            rules.append(
                (
                    gxe.ExpectColumnValuesToBeBetween(
                        column=column, min_value=bound(period_start), max_value=bound(period_end)
                    ),
                    "date_out_of_range",
                    column,
                    f"a date from {period_start:%Y-%m-%d} to {period_end:%Y-%m-%d} (the export's range)",
                )
            )
        elif period_end:
            rules.append(
                (
                    gxe.ExpectColumnValuesToBeBetween(column=column, max_value=bound(period_end)),
                    "date_out_of_range",
                    column,
                    f"a date no later than {period_end:%Y-%m-%d} (the export's end)",
                )
            )
    return rules


def _micros(moment: datetime) -> float:
    """A naive datetime as microseconds since 1970-01-01, exact in a float64."""
    return float((moment - EPOCH) // timedelta(microseconds=1))


def _rule_columns(rules: list[tuple[Any, str, str, str]]) -> list[str]:
    names: list[str] = []
    for expectation, *_ in rules:
        for attribute in ("column", "column_A", "column_B"):
            name = getattr(expectation, attribute, None)
            if isinstance(name, str) and name not in names:
                names.append(name)
    return names


def validate_rows(
    frame: pd.DataFrame,
    table: TableSpec,
    *,
    period_start: datetime | None = None,
    period_end: datetime | None = None,
) -> ValidationOutcome:
    """Run the contract's row expectations on a canonical frame; failing rows by index label.

    GX sees only the columns the expectations read, and a date column as float
    microseconds since the epoch (NaT as NaN), compared with bounds written the same way:
    the same rule, decided with vectorised comparisons instead of a Python call per
    timestamp. Reasons still quote the frame's own values.
    """
    import great_expectations as gx

    date_column = table.date_range.column if table.date_range is not None else None
    numeric_dates = (
        date_column in frame.columns
        and isinstance(frame[date_column].dtype, np.dtype)  # naive; aware ones are not
        and frame[date_column].dtype.kind == "M"
    )
    rules = build_expectations(
        table,
        list(frame.columns),
        period_start=period_start,
        period_end=period_end,
        numeric_dates=numeric_dates,
    )
    outcome = ValidationOutcome(expectations=len(rules))
    if not rules or frame.empty:
        return outcome
    _, batch_definition = _batch_definition()
    work = frame.loc[:, _rule_columns(rules)].reset_index(drop=True)
    if numeric_dates and date_column in work.columns:
        stamps = work[date_column].dt.as_unit("us")
        micros = stamps.to_numpy().view("int64").astype("float64")
        micros[stamps.isna().to_numpy()] = float("nan")
        work[date_column] = micros
    labels = list(frame.index)
    suite = gx.ExpectationSuite(name=f"{table.id}_rows", expectations=[rule[0] for rule in rules])
    batch = batch_definition.get_batch(batch_parameters={"dataframe": work})
    result = batch.validate(suite, result_format={"result_format": "COMPLETE"})
    for item, rule in zip(result.results, rules, strict=True):
        if item.exception_info and item.exception_info.get("raised_exception"):
            outcome.errors.append(
                f"{rule[1]} on {rule[2]}: {item.exception_info.get('exception_message')}"
            )
            continue
        if item.success:
            continue
        positions = item.result.get("unexpected_index_list") or []
        rows = sorted({labels[int(p)] for p in positions if not isinstance(p, dict)})
        if rule[1] == "duplicate_id":
            first_seen = work.duplicated(subset=[rule[2]], keep="first")
            rows = [
                labels[i] for i in range(len(work)) if first_seen.iat[i] and labels[i] in set(rows)
            ]
        if rows:
            outcome.failures.append(
                RowFailure(code=rule[1], column=rule[2], expected=rule[3], rows=rows)
            )
    return outcome
