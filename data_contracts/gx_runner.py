"""The only module that touches Great Expectations: suites built FROM the contract, our own results.

Every rule is classified. A row is QUARANTINED only when it cannot be stored truthfully (a
value impossible in itself such as negative views, a duplicate key, a date the export cannot
contain); cross-measure plausibility checks (data_contracts/plausibility.yaml: reach above
views, link clicks above total clicks) are WARNINGS: the row loads and the import records the
row, the columns and their values. Both kinds run in one Great Expectations suite; each
rule's severity decides what its failures mean.

Imported lazily (only when validating). One ephemeral context per process, no progress bars,
no analytics, nothing written into the working directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from data_contracts.model import DAY_COLUMNS, KEY_COLUMN, POST_COLUMNS, TableSpec

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

EPOCH = datetime(1970, 1, 1)
NON_MEASURES = {"post_id", "published_at", "post_type", "text", "permalink", "date"}


Severity = Literal["quarantine", "warning"]
PLAUSIBILITY_FILE = Path(__file__).resolve().parent / "plausibility.yaml"

QUARANTINE_RULES: dict[str, str] = {
    "negative_value": "a count below zero where the measure cannot be negative (a net measure "
    "such as subscribers gained minus lost, or a day's follower difference, may be)",
    "duplicate_id": "the same post (or day, or message) twice in one file: the first is kept",
    "date_out_of_range": "a date the export cannot contain (after its end, or outside the range "
    "of an export that selects posts by publication date)",
}
"""Row rules that quarantine: the row cannot be stored truthfully. (Cells that cannot be read
at all, and missing keys, are quarantined by data_contracts.mapping before these run.)"""


@dataclass(frozen=True)
class PlausibilityCheck:
    """`measure` should be no higher than `limit` on the same row; a WARNING when it is."""

    code: str
    measure: str
    limit: str
    expected: str
    why: str = ""


@cache
def plausibility_checks() -> tuple[PlausibilityCheck, ...]:
    """The cross-measure checks of data_contracts/plausibility.yaml (warnings, never quarantine)."""
    import yaml

    data = yaml.safe_load(PLAUSIBILITY_FILE.read_text(encoding="utf-8"))
    return tuple(PlausibilityCheck(**item) for item in data["checks"])


@dataclass(frozen=True)
class Rule:
    """One expectation and what its failure means."""

    expectation: Any
    code: str
    columns: tuple[str, ...]  # canonical columns the rule reads; the first is the one named
    expected: str
    severity: Severity = "quarantine"
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RowFailure:
    code: str
    column: str
    expected: str
    rows: list[int]  # frame index labels (original row numbers)
    columns: tuple[str, ...] = ()
    severity: Severity = "quarantine"
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class ValidationOutcome:
    failures: list[RowFailure] = field(default_factory=list)  # rows to quarantine
    warnings: list[RowFailure] = field(default_factory=list)  # rows loaded, with a warning
    expectations: int = 0
    errors: list[str] = field(default_factory=list)

    def reasons(self, frame: pd.DataFrame) -> dict[int, list[dict[str, Any]]]:
        """Quarantine reasons per row label, quoting the frame's own values."""
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
                        "params": dict(failure.params),
                    }
                )
        return out

    def warning_rows(self, frame: pd.DataFrame) -> list[dict[str, Any]]:
        """One item per (warning, row): the row, the columns it compares and their values."""
        out: list[dict[str, Any]] = []
        for failure in self.warnings:
            for row in failure.rows:
                out.append(
                    {
                        "code": failure.code,
                        "row": int(row),
                        "columns": list(failure.columns),
                        "values": {
                            c: _plain(frame.at[row, c]) if c in frame.columns else None
                            for c in failure.columns
                        },
                        "expected": failure.expected,
                    }
                )
        out.sort(key=lambda item: (item["row"], item["code"]))
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
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
) -> list[Rule]:
    """Every rule the contract implies for these columns, each marked `quarantine` (the row
    cannot be stored truthfully) or `warning` (a cross-measure plausibility check: the row
    loads and the import says so).

    `numeric_dates`: the date column is given to GX as microseconds since the epoch (see
    `validate_rows`), so the range's bounds are written the same way.
    """
    import great_expectations.expectations as gxe

    def bound(moment: datetime | None) -> Any:
        return _micros(moment) if numeric_dates and moment is not None else moment

    rules: list[Rule] = []
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
            Rule(
                gxe.ExpectColumnValuesToBeBetween(column=measure, min_value=0),
                "negative_value",
                (measure,),
                "a count of 0 or more",
            )
        )
    for check in plausibility_checks():
        if {check.measure, check.limit} <= set(columns):
            rules.append(
                Rule(
                    gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                        column_A=check.limit,
                        column_B=check.measure,
                        or_equal=True,
                        ignore_row_if="either_value_is_missing",
                    ),
                    check.code,
                    (check.measure, check.limit),
                    check.expected,
                    severity="warning",
                )
            )
    key = KEY_COLUMN[table.grain]
    if key in columns and table.grain != "competitor":  # its key is a triple: loading checks it
        rules.append(
            Rule(
                gxe.ExpectColumnValuesToBeUnique(column=key),
                "duplicate_id",
                (key,),
                f"each {key} once",
            )
        )
    if table.date_range is not None and table.date_range.column in columns:
        column = table.date_range.column
        if table.date_range.rule == "within_period" and period_start and period_end:
            rules.append(
                Rule(
                    gxe.ExpectColumnValuesToBeBetween(
                        column=column, min_value=bound(period_start), max_value=bound(period_end)
                    ),
                    "date_out_of_range",
                    (column,),
                    f"a date from {period_start:%Y-%m-%d} to {period_end:%Y-%m-%d} (the export's range)",
                    params={"start": f"{period_start:%Y-%m-%d}", "end": f"{period_end:%Y-%m-%d}"},
                )
            )
        elif period_end:
            rules.append(
                Rule(
                    gxe.ExpectColumnValuesToBeBetween(column=column, max_value=bound(period_end)),
                    "date_out_of_range",
                    (column,),
                    f"a date no later than {period_end:%Y-%m-%d} (the export's end)",
                    params={"end": f"{period_end:%Y-%m-%d}"},
                )
            )
    return rules


def _micros(moment: datetime) -> float:
    """A naive datetime as microseconds since 1970-01-01, exact in a float64."""
    return float((moment - EPOCH) // timedelta(microseconds=1))


def _rule_columns(rules: list[Rule]) -> list[str]:
    names: list[str] = []
    for rule in rules:
        expectation = rule.expectation
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
    suite = gx.ExpectationSuite(
        name=f"{table.id}_rows", expectations=[rule.expectation for rule in rules]
    )
    batch = batch_definition.get_batch(batch_parameters={"dataframe": work})
    result = batch.validate(suite, result_format={"result_format": "COMPLETE"})
    for item, rule in zip(result.results, rules, strict=True):
        if item.exception_info and item.exception_info.get("raised_exception"):
            outcome.errors.append(
                f"{rule.code} on {rule.columns[0]}: {item.exception_info.get('exception_message')}"
            )
            continue
        if item.success:
            continue
        positions = item.result.get("unexpected_index_list") or []
        rows = sorted({labels[int(p)] for p in positions if not isinstance(p, dict)})
        if rule.code == "duplicate_id":
            first_seen = work.duplicated(subset=[rule.columns[0]], keep="first")
            rows = [
                labels[i] for i in range(len(work)) if first_seen.iat[i] and labels[i] in set(rows)
            ]
        if rows:
            failure = RowFailure(
                code=rule.code,
                column=rule.columns[0],
                expected=rule.expected,
                rows=rows,
                columns=rule.columns,
                severity=rule.severity,
                params=rule.params,
            )
            (outcome.warnings if rule.severity == "warning" else outcome.failures).append(failure)
    return outcome
