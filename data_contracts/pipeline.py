"""The import pipeline: detect → read → map → validate → store, one transaction per file.

Every upload's original bytes are kept with its validation result, rejected ones too; a
rejected file changes no fact. Identical bytes already loaded are reported as `duplicate`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy import Engine

from data_contracts.detection import Detection, detect_unit
from data_contracts.mapping import MapContext, map_chunk
from data_contracts.model import Contract, TableSpec, all_contracts
from data_contracts.problems import FileRejected, Problem, reject
from data_contracts.reading import Unit, read_units
from warehouse import store

Progress = Callable[[Path, int, int | None], None]
NEEDS_ACCOUNT = ("meta_daily_metric", "x_account_overview", "x_content")


@dataclass
class FileResult:
    """The `import --json` object of DESIGN.md for one input path."""

    path: str
    format: str | None = None
    platform: str | None = None
    account: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    status: str = "rejected"
    import_id: int | None = None
    problems: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Plan:
    unit: Unit
    detection: Detection
    contract: Contract
    table: TableSpec
    platform: str
    account: str | None
    ctx: MapContext
    period_start: date | None
    period_end: date | None


# ----------------------------------------------------------------- context resolution


def _names(unit: Unit) -> list[str]:
    return [Path(unit.name).stem, *unit.containers]


def _period(unit: Unit, contract: Contract, timezone: str) -> tuple[date | None, date | None]:
    rule = contract.period
    for pattern in rule.name_patterns:
        for name in _names(unit):
            match = re.search(pattern, name)
            if not match:
                continue
            groups = match.groupdict()
            start = _date(groups.get("start"), rule.date_formats)
            end = _date(groups.get("end"), rule.date_formats)
            if groups.get("end_epoch"):
                end = datetime.fromtimestamp(int(groups["end_epoch"]), ZoneInfo(timezone)).date()
            return start, end
    for pattern in rule.preamble_patterns:
        match = re.search(pattern, unit.preamble_text)
        if match:
            return _date(match.group("start"), rule.date_formats), _date(
                match.group("end"), rule.date_formats
            )
    return None, None


def _date(text: str | None, formats: Sequence[str]) -> date | None:
    if not text:
        return None
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _account_from_names(unit: Unit, contract: Contract) -> str | None:
    for pattern in contract.account.name_patterns:
        for name in _names(unit):
            match = re.search(pattern, name)
            if match and match.group("account").strip():
                return match.group("account").strip()
    return None


def _title_line(unit: Unit) -> str:
    for row in unit.head[:3]:
        cells = [str(c).strip() for c in row if c not in (None, "")]
        if len(cells) == 1 and not cells[0].lower().startswith("sep="):
            return cells[0]
    return ""


def _meta_daily(unit: Unit, table: TableSpec, path: Path) -> tuple[str | None, str | None]:
    """(measure, platform) of a Meta daily file from its title, siblings and folders."""
    assert table.title is not None
    title = _title_line(unit)
    measure = next((m for p, m in table.title.measures.items() if re.search(p, title)), None)
    platform = next((pl for p, pl in table.title.platforms.items() if re.search(p, title)), None)
    if platform is None and path.parent.is_dir():
        for sibling in sorted(path.parent.glob("*.csv")):
            if sibling == path:
                continue
            try:
                units = read_units(sibling.read_bytes()[:4096], sibling)
            except FileRejected:
                continue
            other = _title_line(units[0]) if units else ""
            platform = next(
                (pl for p, pl in table.title.platforms.items() if re.search(p, other)), None
            )
            if platform:
                break
    if platform is None:
        for part in (p.casefold() for p in path.parts[:-1]):
            if "instagram" in part:
                platform = "instagram"
            elif "facebook" in part:
                platform = "facebook"
    return measure, platform


# ----------------------------------------------------------------- one file


def _process(
    conn: Any,
    path: Path,
    content: bytes,
    *,
    account: str | None,
    timezone: str,
    progress: Progress | None,
    result: FileResult,
) -> tuple[list[dict[str, Any]], list[store.QuarantinedRow], dict[str, Any]]:
    units = read_units(content, path)
    detections = [(u, detect_unit(u)) for u in units]
    matched = [(u, d) for u, d in detections if d.matched]
    if not matched:
        near = next((d for _, d in detections if d.closest), None)
        if near is not None:
            raise FileRejected(
                *[
                    Problem(
                        "missing_column",
                        f"{path.name}: looks like a {near.closest} export but the required column "
                        f"{name!r} is missing",
                        file=path.name,
                        column=name,
                        expected=f"the {near.closest} headers",
                    )
                    for name in near.missing
                ]
            )
        raise reject(
            "unknown_format",
            f"{path.name}: not an export we know (no contract's required headers found in the first rows)",
            file=path.name,
        )
    plans: list[_Plan] = []
    for unit, detection in matched:
        assert detection.contract is not None and detection.table is not None
        contract, table = detection.contract, detection.table
        measure = None
        platforms = contract.possible_platforms()
        platform: str | None = platforms[0] if len(platforms) == 1 else None
        if table.title is not None:
            measure, platform = _meta_daily(unit, table, path)
            if measure is None:
                raise reject(
                    "unknown_format",
                    f"{unit.label}: the metric title {_title_line(unit)!r} names no measure we store",
                    file=path.name,
                )
        has_column = (
            contract.account.column is not None
            and contract.account.column in detection.columns.values()
        )
        named = None if has_column else _account_from_names(unit, contract)
        chosen = named or account
        if platform is None and contract.platform_rule.column is None:
            candidates = [
                p for p in platforms if chosen and chosen in store.known_accounts(conn, p)
            ]
            known = [p for p in platforms if store.known_accounts(conn, p)]
            platform = (
                candidates[0] if len(candidates) == 1 else (known[0] if len(known) == 1 else None)
            )
            if platform is None:
                raise reject(
                    "account_required",
                    f"{unit.label}: the file does not say whether it is Facebook or Instagram; "
                    "import it with --account naming a known page or account",
                    file=path.name,
                )
        if chosen is None and not has_column and platform:
            known = store.known_accounts(conn, platform)
            if len(known) == 1:
                chosen = known[0]
            else:
                raise reject(
                    "account_required",
                    f"{unit.label}: the export does not name its {platform} account; pass --account NAME"
                    + (f" (known: {', '.join(known)})" if known else ""),
                    file=path.name,
                    expected="--account",
                )
        start, end = _period(unit, contract, timezone)
        end_hint = end
        if table.yearless and end_hint is None:
            if unit.entry_time is not None:
                end_hint = unit.entry_time.date() - timedelta(days=1)
            else:
                end_hint = date.today() - timedelta(days=1)
        if (
            table.date_range is not None
            and table.date_range.rule == "not_after_end"
            and end is None
        ):
            end = end_hint
        plans.append(
            _Plan(
                unit,
                detection,
                contract,
                table,
                platform or "",
                chosen,
                MapContext(
                    label=unit.label,
                    platform=platform,
                    account=chosen,
                    timezone=timezone,
                    period_start=start,
                    period_end=end,
                    end_hint=end_hint,
                    measure=measure,
                ),
                start,
                end,
            )
        )
    return _load(conn, path, plans, progress, result)


def _load(
    conn: Any, path: Path, plans: list[_Plan], progress: Progress | None, result: FileResult
) -> tuple[list[dict[str, Any]], list[store.QuarantinedRow], dict[str, Any]]:
    from data_contracts.gx_runner import validate_rows

    problems: list[dict[str, Any]] = []
    quarantined: list[store.QuarantinedRow] = []
    summary: dict[str, Any] = {"tables": []}
    result.format = "+".join(sorted({p.contract.id for p in plans}))
    result.platform = plans[0].platform or None
    result.account = plans[0].account
    pending: list[tuple[str, pd.DataFrame]] = []
    for plan in plans:
        seen: set[Any] = set()
        key = {"post": "post_id", "day": "date", "message": "message_id"}[plan.table.grain]
        start = (
            datetime.combine(plan.period_start, datetime.min.time()) if plan.period_start else None
        )
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
                chunk, plan.detection.columns, plan.table, plan.ctx, first_chunk=first
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
            if key in frame.columns:
                for row, value in frame[key].items():
                    if value is None or value != value:
                        continue
                    marker = value if not isinstance(value, pd.Timestamp) else value.isoformat()
                    if marker in seen and not any(
                        r["code"] == "duplicate_id" for r in reasons.get(int(row), [])
                    ):
                        reasons.setdefault(int(row), []).append(
                            {
                                "code": "duplicate_id",
                                "column": headers.get(key, key),
                                "value": str(value),
                                "expected": f"each {key} once",
                            }
                        )
                    seen.add(marker)
            bad = [r for r in frame.index if int(r) in reasons]
            for row in bad:
                raw = (
                    mapped.raw.loc[row].to_dict()
                    if mapped.raw is not None and row in mapped.raw.index
                    else {}
                )
                row_reasons = reasons[int(row)]
                quarantined.append(
                    store.QuarantinedRow(int(row), row_reasons, {str(k): v for k, v in raw.items()})
                )
                for reason in row_reasons:
                    problems.append(
                        Problem(
                            code=reason["code"],
                            message=_row_message(plan.unit.label, int(row), reason),
                            file=plan.unit.label,
                            row=int(row),
                            column=reason["column"],
                            value=None if reason["value"] is None else str(reason["value"]),
                            expected=reason["expected"],
                        ).as_dict()
                    )
            good = frame.drop(index=bad)
            if plan.table.grain != "message":
                good = good.assign(platform=plan.platform)
            if good["account"].isna().any():
                good = good.assign(account=good["account"].fillna(plan.account))
            pending.append((plan.table.grain, good))
            if result.account is None and len(good) and good["account"].notna().any():
                result.account = str(good["account"].dropna().iloc[0])
            result.rows_read += len(frame)
            result.rows_rejected += len(bad)
            result.rows_loaded += len(good)
            if progress is not None:
                progress(path, result.rows_read, None)
        summary["tables"].append(
            {
                "unit": plan.unit.label,
                "contract": plan.contract.id,
                "table": plan.table.id,
                "rows": table_rows,
                "reasons": plan.detection.reasons,
            }
        )
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
            *[Problem(**{k: v for k, v in p.items()}) for p in problems[:50]],
        )
    summary["pending"] = pending
    return problems, quarantined, summary


def _source_headers(plan: _Plan) -> dict[str, str]:
    """Canonical name → the contract's (English) header of the column the file supplied."""
    present = set(plan.detection.columns.values())
    out: dict[str, str] = {}
    for key, spec in plan.table.columns.items():
        if key in present and spec.maps_to is not None and spec.maps_to not in out:
            out[spec.maps_to] = spec.names()[0]
    return out


def _row_message(label: str, row: int, reason: dict[str, Any]) -> str:
    value = reason["value"]
    shown = "empty" if value is None else repr(str(value))
    return f"{label}, row {row}, column {reason['column']!r}: {shown}, expected {reason['expected']} ({reason['code']})"


# ----------------------------------------------------------------- public API


def _order(paths: Sequence[Path]) -> list[int]:
    """Files that name their account first, so a whole folder imports in one go."""
    patterns = [p for c in all_contracts() if c.id in NEEDS_ACCOUNT for p in c.file_names]

    def needs(path: Path) -> int:
        return int(any(re.search(p, path.name, re.IGNORECASE) for p in patterns))

    return sorted(range(len(paths)), key=lambda i: (needs(paths[i]), i))


def import_files(
    engine: Engine | None,
    paths: Sequence[Path | str],
    *,
    account: str | None = None,
    timezone: str = "UTC",
    store: bool = True,
    progress: Progress | None = None,
    on_file_done: Callable[[Path], None] | None = None,
    imported_by: str | None = None,
) -> list[FileResult]:
    """Import (or with store=False only validate) every path; results in the given order."""
    do_store = store
    path_list = [Path(p) for p in paths]
    results: list[FileResult | None] = [None] * len(path_list)
    for index in _order(path_list):
        path = path_list[index]
        results[index] = _one(
            engine,
            path,
            account=account,
            timezone=timezone,
            do_store=do_store,
            progress=progress,
            imported_by=imported_by,
        )
        if on_file_done is not None:
            on_file_done(path)
    return [r for r in results if r is not None]


def validate_files(
    engine: Engine | None, paths: Sequence[Path | str], **kwargs: Any
) -> list[FileResult]:
    return import_files(engine, paths, store=False, **kwargs)


def _one(
    engine: Engine | None,
    path: Path,
    *,
    account: str | None,
    timezone: str,
    do_store: bool,
    progress: Progress | None,
    imported_by: str | None,
) -> FileResult:
    result = FileResult(path=str(path))
    try:
        content = path.read_bytes()
    except OSError as exc:
        result.problems = [
            Problem(
                "unreadable", f"{path.name}: cannot be read ({exc.strerror})", file=path.name
            ).as_dict()
        ]
        return result
    digest = store.sha256_of(content)
    if engine is None:
        from contextlib import nullcontext

        conn_cm: Any = nullcontext(_NoDatabase())
    else:
        conn_cm = engine.connect()
    with conn_cm as conn:
        transaction = conn.begin() if engine is not None else None
        if (
            do_store
            and engine is not None
            and (earlier := store.find_loaded_import(conn, digest)) is not None
        ):
            transaction.rollback()
            result.status, result.import_id = "duplicate", earlier
            return result
        try:
            problems, quarantined, summary = _process(
                conn,
                path,
                content,
                account=account,
                timezone=timezone,
                progress=progress,
                result=result,
            )
            result.problems = problems
            result.status = "partial" if result.rows_rejected else "loaded"
            if do_store and engine is not None:
                store.save_blob(conn, content)
                pending = summary.pop("pending")
                periods = [(p.get("unit"), p) for p in summary["tables"]]
                import_id = store.record_import(
                    conn,
                    store.ImportRecord(
                        file_name=path.name,
                        sha256=digest,
                        status=result.status,
                        format=result.format,
                        platform=result.platform,
                        account=result.account,
                        rows_read=result.rows_read,
                        rows_loaded=result.rows_loaded,
                        rows_rejected=result.rows_rejected,
                        imported_by=imported_by,
                        validation={"problems": problems, "tables": [p for _, p in periods]},
                    ),
                )
                for grain, frame in pending:
                    if frame.empty:
                        continue
                    if grain == "post":
                        store.upsert_posts(conn, frame, import_id)
                    elif grain == "day":
                        store.upsert_day_values(conn, frame, import_id)
                    else:
                        store.upsert_messages(conn, frame, import_id)
                store.save_quarantine(conn, import_id, quarantined)
                result.import_id = import_id
            if transaction is not None:
                transaction.commit() if do_store else transaction.rollback()
        except Exception as exc:  # every failure becomes a one-line problem, never a traceback
            if transaction is not None:
                transaction.rollback()
            if not isinstance(exc, FileRejected):
                exc = reject(
                    "unreadable",
                    f"{path.name}: could not be read as an export ({type(exc).__name__}: {exc})",
                    file=path.name,
                )
            result.status = "rejected"
            result.rows_loaded = 0
            result.problems = [p.as_dict() for p in exc.problems]
            if do_store and engine is not None:
                with conn.begin():
                    store.save_blob(conn, content)
                    result.import_id = store.record_import(
                        conn,
                        store.ImportRecord(
                            file_name=path.name,
                            sha256=digest,
                            status="rejected",
                            format=result.format,
                            platform=result.platform,
                            account=result.account,
                            rows_read=result.rows_read,
                            rows_rejected=result.rows_rejected,
                            imported_by=imported_by,
                            validation={"problems": result.problems},
                        ),
                    )
    return result


class _NoDatabase:
    """Validation without a database: no account is known."""

    dialect = None

    def execute(self, *_: Any, **__: Any) -> list[Any]:
        return []
