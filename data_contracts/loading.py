"""Loading an upload's tables chunk by chunk: map onto the vocabulary, check the rows
(Great Expectations and duplicate ids), quarantine what cannot be stored truthfully, and
hand the rest to the sink."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from data_contracts.mapping import map_chunk
from data_contracts.model import KEY_COLUMN
from data_contracts.planning import Plan
from data_contracts.problems import FileRejected, Problem, reject
from data_contracts.progress import UploadProgress
from data_contracts.results import FileResult
from data_contracts.sink import Sink, Target, group_targets
from data_contracts.storable import unstorable
from warehouse import store


def _duplicates(values: pd.Series, seen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which of `values` (non-null keys) were seen earlier in the table; the new seen-set.

    Keys are kept as 64-bit hashes so a million-row table costs 8 MB, not a set of strings.
    """
    markers = values.to_numpy(dtype=object)
    if not set(map(type, markers)) <= {str}:  # ids are text; anything else as before
        markers = values.map(
            lambda v: v.isoformat() if isinstance(v, pd.Timestamp) else str(v)
        ).to_numpy(dtype=object)
    hashes = pd.util.hash_array(markers)
    if len(seen):  # `seen` is kept sorted: membership by binary search
        found = seen[np.minimum(np.searchsorted(seen, hashes), len(seen) - 1)] == hashes
    else:
        found = np.zeros(len(hashes), dtype=bool)
    repeated = pd.Series(hashes).duplicated().to_numpy() | found
    return repeated, np.sort(np.concatenate([seen, hashes]))


def load_upload(
    path: Path,
    plans: list[Plan],
    progress: UploadProgress | None,
    result: FileResult,
    sink: Sink,
) -> None:
    from data_contracts.gx_runner import validate_rows

    result.format = "+".join(sorted({p.contract.id for p in plans}))
    result.platform = plans[0].platform or None
    result.account = plans[0].account
    grouped = group_targets(plans, path.name)
    sink.targets = [t for t, _ in grouped]
    for target, group in grouped:
        for plan in group:
            if progress is not None:
                progress.start(plan)
            _load_table(plan, target, progress, result, sink, validate_rows)
            if progress is not None:
                progress.finish(result.rows_read)
        sink.flush(target)
    if progress is not None:
        progress.end(result.rows_read)
    if result.rows_read == 0:
        raise reject(
            "empty_file",
            f"{path.name}: the header is there but no data row follows",
            file=path.name,
        )
    if result.rows_loaded == 0:
        raise FileRejected(
            Problem(
                "no_valid_rows",
                f"{path.name}: none of its {result.rows_read} rows passed the checks",
                file=path.name,
            ),
            *[Problem(**dict(p.items())) for p in result.problems[:50]],
        )
    result.import_id = sink.close()


def _load_table(
    plan: Plan,
    target: Target,
    progress: UploadProgress | None,
    result: FileResult,
    sink: Sink,
    validate_rows: Callable[..., Any],
) -> None:
    key = KEY_COLUMN[plan.table.grain]
    seen = np.empty(0, dtype=np.uint64)
    start = datetime.combine(plan.period_start, datetime.min.time()) if plan.period_start else None
    end = (
        datetime.combine(plan.period_end, datetime.max.time().replace(microsecond=0))
        if plan.period_end
        else None
    )
    first = True
    table_rows = 0
    headers = _source_headers(plan)
    for chunk in plan.unit.chunks(plan.detection.header_index):
        mapped = map_chunk(
            chunk,
            plan.detection.columns,
            plan.table,
            plan.ctx,
            first_chunk=first,
            headers=plan.detection.headers,
        )
        first = False
        frame = mapped.frame
        table_rows += len(frame)
        reasons = mapped.reasons
        outcome = validate_rows(frame, plan.table, period_start=start, period_end=end)
        for row, extra in outcome.reasons(frame).items():
            for reason in extra:  # name the file's column, as the cell-level reasons do
                reason["column"] = headers.get(reason["column"], reason["column"])
            reasons.setdefault(row, []).extend(extra)
        for row, extra in unstorable(frame, plan.table.grain, headers).items():
            known = {(r["code"], r["column"]) for r in reasons.get(row, [])}
            reasons.setdefault(row, []).extend(
                r for r in extra if (r["code"], r["column"]) not in known
            )
        if key in frame.columns:
            keys = frame[key].dropna()
            repeated, seen = _duplicates(keys, seen)
            for row, value in keys[repeated].items():
                if not any(r["code"] == "duplicate_id" for r in reasons.get(int(row), [])):
                    reasons.setdefault(int(row), []).append(
                        {
                            "code": "duplicate_id",
                            "column": headers.get(key, key),
                            "value": str(value),
                            "expected": f"each {key} once",
                        }
                    )
        bad = [r for r in frame.index if int(r) in reasons]
        for row in bad:
            raw = (
                mapped.raw.loc[row].to_dict()
                if mapped.raw is not None and row in mapped.raw.index
                else {}
            )
            row_reasons = reasons[int(row)]
            target.quarantined.append(
                store.QuarantinedRow(int(row), row_reasons, {str(k): v for k, v in raw.items()})
            )
            for reason in row_reasons:
                problem = Problem(
                    code=reason["code"],
                    message=_row_message(plan.unit.label, int(row), reason),
                    file=plan.unit.label,
                    row=int(row),
                    column=reason["column"],
                    value=None if reason["value"] is None else str(reason["value"]),
                    expected=reason["expected"],
                ).as_dict()
                target.problems.append(problem)
                result.problems.append(problem)
        good = frame.drop(index=bad)
        if plan.table.grain != "message":
            good = good.assign(platform=plan.platform)
        if good["account"].isna().any():
            good = good.assign(account=good["account"].fillna(plan.account))
        if result.account is None and len(good) and good["account"].notna().any():
            result.account = str(good["account"].dropna().iloc[0])
        if target.account is None and len(good) and good["account"].notna().any():
            target.account = str(good["account"].dropna().iloc[0])
        target.see_dates(good, plan.table.grain)
        for counter in (target, result):
            counter.rows_read += len(frame)
            counter.rows_rejected += len(bad)
            counter.rows_loaded += len(good)
        sink.write(target, plan.table.grain, good)
        del mapped, frame, good
        if progress is not None:
            progress.chunk(result.rows_read)
    target.tables.append(
        {
            "unit": plan.unit.label,
            "contract": plan.contract.id,
            "table": plan.table.id,
            "rows": table_rows,
            "reasons": plan.detection.reasons,
        }
    )


def _source_headers(plan: Plan) -> dict[str, str]:
    """Canonical name → the header, as written in the file, of the column that supplied it
    (the contract's English name when detection did not record it)."""
    out: dict[str, str] = {}
    for pos, key in sorted(plan.detection.columns.items()):
        spec = plan.table.columns[key]
        if spec.maps_to is not None and spec.maps_to not in out:
            out[spec.maps_to] = plan.detection.headers.get(pos) or spec.names()[0]
    return out


def _row_message(label: str, row: int, reason: dict[str, Any]) -> str:
    value = reason["value"]
    shown = "empty" if value is None else repr(str(value))
    return f"{label}, row {row}, column {reason['column']!r}: {shown}, expected {reason['expected']} ({reason['code']})"
