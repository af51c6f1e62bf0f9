"""Loading an upload's tables chunk by chunk: map onto the vocabulary, check the rows
(Great Expectations and duplicate ids), quarantine what cannot be stored truthfully, record
a warning for each row whose numbers look odd (it loads all the same), note every column
that was not read and warn about every measure no column supplies, and hand the rows to the
sink. A file whose ids a spreadsheet program rounded is rejected whole."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from data_contracts import competitors
from data_contracts.detection import unread_headers
from data_contracts.mapping import map_chunk
from data_contracts.model import KEY_COLUMN, VOCABULARY
from data_contracts.parsing import normalise_header, rounded_id
from data_contracts.planning import Plan
from data_contracts.problems import MESSAGES, NOTE_CODES, FileRejected, Problem, reject
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
    own: competitors.OwnPage | None = None
    competitor_grain = plan.table.grain == "competitor"
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
        _reject_rounded_ids(plan, chunk, headers)
        frame = mapped.frame
        table_rows += len(frame)
        reasons = mapped.reasons
        if competitor_grain:
            competitors.check_cells(frame, headers, reasons)
            frame = competitors.with_periods(frame, plan)
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
            if competitor_grain:
                keys = competitors.key_values(frame.loc[keys.index])
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
        for item in outcome.warning_rows(frame):
            if item["row"] in reasons:  # set aside anyway: its odd numbers are not stored
                continue
            warning = _row_warning(plan.unit.label, item, headers)
            target.warn(warning)
            result.warn(warning)
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
                problem = _row_problem(plan.unit.label, int(row), reason).as_dict()
                target.problems.append(problem)
                result.problems.append(problem)
        good = frame.drop(index=bad)
        if competitor_grain:
            if not plan.contract.platform_rule.column:
                good = good.assign(platform=plan.platform)
            if own is None and len(good):
                own = competitors.settle_own(sink.conn, good, plan)
                note = competitors.own_note(plan.unit.label, own, len(good))
                target.notes.append(note)
                result.notes.append(note)
                target.provenance.update(own.as_dict())
                target.account = target.account or own.account
                result.account = result.account or own.account
            stored = competitors.mark_own(good, own or competitors.OwnPage(None, None))
            if len(stored):
                low, high = min(stored["period_start"]), max(stored["period_end"])
                target.data_start = (
                    low if target.data_start is None else min(target.data_start, low)
                )
                target.data_end = high if target.data_end is None else max(target.data_end, high)
            for counter in (target, result):
                counter.rows_read += len(frame)
                counter.rows_rejected += len(bad)
                counter.rows_loaded += len(good)
            sink.write(target, plan.table.grain, stored)
            del mapped, frame, good
            if progress is not None:
                progress.chunk(result.rows_read)
            continue
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
    for item in _column_findings(plan, table_rows):
        if item["code"] in NOTE_CODES:
            target.notes.append(item)
            result.notes.append(item)
        else:
            target.warn(item)
            result.warn(item)
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


def _shown(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _row_problem(label: str, row: int, reason: dict[str, Any]) -> Problem:
    """A quarantined row's reason in words: file, row, column as written, value, expected."""
    value = reason["value"]
    params = {"row": row, "column": reason["column"], "value": _shown(value)}
    params.update(reason.get("params") or {})
    if reason["code"] not in MESSAGES:
        params["reason"] = f"expected {reason['expected']}"
    return Problem.of(
        reason["code"] if reason["code"] in MESSAGES else "unparseable_date",
        file=label,
        row=row,
        column=reason["column"],
        value=None if value is None else _shown(value),
        expected=reason["expected"],
        params=params,
    )


def _row_warning(label: str, item: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    """A plausibility warning: the row, both columns as written in the file, their values."""
    columns = [headers.get(c, c) for c in item["columns"]]
    values = {headers.get(c, c): item["values"].get(c) for c in item["columns"]}
    first, second = columns[0], columns[1]
    return Problem.of(
        item["code"],
        file=label,
        row=item["row"],
        column=first,
        value=_shown(values[first]),
        expected=item["expected"],
        columns=columns,
        values=values,
        params={
            "row": item["row"],
            "column": first,
            "value": _shown(values[first]),
            "other_column": second,
            "other_value": _shown(values[second]),
        },
    ).as_dict()


NOT_MEASURES = frozenset(
    {"post_id", "published_at", "post_type", "text", "permalink", "date", "account", "platform"}
    | set(VOCABULARY["message"])
    | {"month", "own"}
)


def _column_findings(plan: Plan, rows: int) -> list[dict[str, Any]]:
    """Notes on the columns not read, and a warning for each measure the contract reads
    that no column of this file supplies (a note where the user picks the columns)."""
    table, detection = plan.table, plan.detection
    label = plan.unit.label
    found: list[dict[str, Any]] = []
    unknown, repeated = unread_headers(detection)
    if unknown:
        found.append(
            Problem.of(
                "unmapped_columns",
                file=label,
                columns=unknown,
                params={"count": len(unknown), "columns": ", ".join(f"'{c}'" for c in unknown)},
            ).as_dict()
        )
    if repeated:
        found.append(
            Problem.of(
                "repeated_columns",
                file=label,
                columns=repeated,
                params={"columns": ", ".join(f"'{c}'" for c in repeated)},
            ).as_dict()
        )
    present = {table.columns[key].maps_to for key in detection.columns.values()}
    present |= {f"_{key}" for key in detection.columns.values()}
    for derivation in table.derive:
        if any(part in present for part in derivation.sum_of):
            present.add(derivation.measure)
    if plan.ctx.measure:
        present.add(plan.ctx.measure)
    language = _file_language(plan)
    missing: list[str] = []
    seen: set[str] = set()
    for spec in table.columns.values():
        measure = spec.maps_to
        if measure is None or measure in NOT_MEASURES or measure in present or measure in seen:
            continue
        seen.add(measure)
        missing.append((spec.aliases.get(language) or spec.names())[0])
    if missing and table.columns_chosen_by_user:
        found.append(
            Problem.of(
                "measures_not_chosen",
                file=label,
                columns=missing,
                params={"columns": ", ".join(f"'{c}'" for c in missing)},
            ).as_dict()
        )
    elif missing:
        # the unread columns that may hold it: not those the contract reads past on purpose
        passed = {normalise_header(n) for n in table.not_stored_names()}
        candidates = [c for c in unknown if normalise_header(c) not in passed]
        for name in missing:
            found.append(
                Problem.of(
                    "measure_missing",
                    file=label,
                    column=name,
                    params={
                        "column": name,
                        "rows": rows,
                        "unread": ", ".join(f"'{c}'" for c in candidates) or None,
                    },
                ).as_dict()
            )
    return found


def _file_language(plan: Plan) -> str:
    """The interface language most of the file's recognised headers are written in (English
    when it is a tie), so a missing column is named the way the file would name it."""
    counts: dict[str, int] = {}
    for position, key in plan.detection.columns.items():
        header = normalise_header(plan.detection.headers.get(position, ""))
        for language, names in plan.table.columns[key].aliases.items():
            if header in {normalise_header(n) for n in names}:
                counts[language] = counts.get(language, 0) + 1
    if not counts:
        return "en"
    best = max(counts.values())
    return "en" if counts.get("en") == best else max(counts, key=lambda lang: counts[lang])


def _reject_rounded_ids(plan: Plan, chunk: pd.DataFrame, headers: dict[str, str]) -> None:
    """Post ids a spreadsheet program rounded (`6.49E+17`, `1123180000000000.00`) make every
    row a copy of another: the file is rejected with one message saying so."""
    if plan.table.grain != "post":
        return
    for position, key in plan.detection.columns.items():
        spec = plan.table.columns[key]
        if spec.maps_to != "post_id" or spec.type != "id" or position not in chunk.columns:
            continue
        found = rounded_id(chunk[position])
        if found is None:
            continue
        row, value = found
        column = headers.get("post_id", spec.names()[0])
        raise FileRejected(
            Problem.of(
                "ids_rounded",
                file=plan.unit.label,
                row=int(row),
                column=column,
                value=str(value),
                expected="post ids exactly as the platform wrote them",
                params={"row": int(row), "column": column, "value": str(value)},
            )
        )
