"""The import pipeline: detect → read → map → validate → store, one transaction per file.

Every upload's original bytes are kept with its validation result, rejected ones too; a
rejected file changes no fact. Identical bytes already loaded are reported as `duplicate`.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from data_contracts.detection import Detection, detect_unit
from data_contracts.mapping import MapContext, map_chunk
from data_contracts.model import KEY_COLUMN, Contract, TableSpec, all_contracts
from data_contracts.problems import FileRejected, Problem, reject
from data_contracts.reading import Unit, read_units
from warehouse import store
from warehouse.rollups import refresh_rollups

Progress = Callable[[Path, int, int | None], None]
"""`progress(path, rows_done, rows_total)`: called after every chunk of an upload and once at
its end. `rows_done` counts the upload's rows read so far; `rows_total` estimates its rows
from the share of its bytes read (exactly `rows_done` on the final call; None while no share
is known, i.e. inside a workbook's first sheet). `rows_done / rows_total` never decreases
and ends at 1."""
DATE_COLUMN = {"post": "published_at", "day": "date", "message": "received_at"}
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


def _meta_daily(
    unit: Unit, table: TableSpec, path: Path, workdir: Path
) -> tuple[str | None, str | None]:
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
                units = read_units(sibling, workdir)
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


# ----------------------------------------------------------------- read progress


class _UploadProgress:
    """Turns chunk-by-chunk reading into `Progress` calls with a real, monotonic fraction.

    Each table read from the upload weighs its bytes on disk (a CSV file or extracted ZIP
    member); a workbook sheet, parsed in memory, weighs an equal share of the upload's size.
    The share read is known exactly while a CSV streams ((bytes of the tables done + bytes
    the reader has consumed) / all their bytes); inside a sheet it lies between the tables
    done and the tables done plus the sheet, and there the rows read so far per share read
    move it on, up to that bound. The rows estimate is rows_done divided by that share.
    """

    def __init__(self, progress: Progress, path: Path, plans: list[_Plan]) -> None:
        self.progress, self.path = progress, path
        self.sheet_weight = max(1, path.stat().st_size // max(1, len(plans)))
        self.total = sum(self._weight(p) for p in plans)
        self.finished = 0  # weight of the tables already read
        self.current = 0  # weight of the table being read
        self.in_memory = False  # the current table is a sheet: no reader to ask
        self.known = 0.0  # share surely read, never decreasing
        self.basis = 0  # rows read when `known` last moved
        self.last: tuple[int, int] | None = None  # the last (rows_done, rows_total) reported
        self.unit: Unit | None = None  # the table being read

    def _weight(self, plan: _Plan) -> int:
        return self.sheet_weight if plan.unit.sheet is not None else max(1, plan.unit.size_bytes)

    def _see(self, read: int, rows_done: int) -> None:
        share = min(1.0, (self.finished + read) / self.total)
        if share > self.known:
            self.known, self.basis = share, rows_done

    def start(self, plan: _Plan) -> None:
        self.current = self._weight(plan)
        self.in_memory = plan.unit.sheet is not None
        self.unit = plan.unit

    def chunk(self, rows_done: int) -> None:
        if self.in_memory or self.unit is None:
            bound = min(1.0, (self.finished + self.current) / self.total)
        else:
            self._see(min(self.unit.bytes_read, self.current), rows_done)
            bound = self.known
        self.progress(self.path, rows_done, self._estimate(rows_done, bound))

    def finish(self, rows_done: int) -> None:
        self.finished += self.current
        self.current = 0
        self._see(0, rows_done)

    def end(self, rows_done: int) -> None:
        self.last = (rows_done, rows_done)
        self.progress(self.path, rows_done, rows_done)

    def _estimate(self, rows_done: int, bound: float) -> int | None:
        """Rows of the whole upload (None while no share is known to be read); never lets
        rows_done / estimate go down from one call to the next."""
        if self.known <= 0 or self.basis <= 0 or rows_done <= 0:
            return None
        share = min(bound, rows_done * self.known / self.basis)
        estimate = max(rows_done, round(rows_done / share))
        if self.last is not None and self.last[0] > 0:
            done_before, total_before = self.last
            estimate = max(rows_done, min(estimate, rows_done * total_before // done_before))
        self.last = (rows_done, estimate)
        return estimate


# ----------------------------------------------------------------- one file


def _plan_file(
    conn: Any,
    path: Path,
    workdir: Path,
    *,
    account: str | None,
    timezone: str,
) -> list[_Plan]:
    """Detect every table of the upload and settle its platform, account and period."""
    units = read_units(path, workdir)
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
            measure, platform = _meta_daily(unit, table, path, workdir)
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
    return plans


@dataclass
class _Target:
    """One `imports` row: the upload itself, or one member of an uploaded ZIP."""

    file_name: str
    member_path: Path | None  # the member's bytes on disk; None: the upload itself
    named_start: date | None
    named_end: date | None
    streamed: bool  # the export states its end: rows are stored chunk by chunk
    formats: set[str] = field(default_factory=set)
    platform: str | None = None
    account: str | None = None
    import_id: int | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    pending: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    quarantined: list[store.QuarantinedRow] = field(default_factory=list)
    data_start: date | None = None
    data_end: date | None = None
    reported: store.Reported = field(default_factory=dict)  # what the import covers

    @property
    def period(self) -> tuple[date | None, date | None]:
        return self.named_start or self.data_start, self.named_end or self.data_end

    @property
    def status(self) -> str:
        if self.rows_loaded == 0:
            return "rejected"
        return "partial" if self.rows_rejected else "loaded"

    def see_dates(self, frame: pd.DataFrame, grain: str) -> None:
        column = DATE_COLUMN[grain]
        if column not in frame.columns or frame.empty:
            return
        stamps = pd.to_datetime(frame[column], errors="coerce").dropna()
        if stamps.empty:
            return
        low, high = stamps.min().date(), stamps.max().date()
        self.data_start = low if self.data_start is None else min(self.data_start, low)
        self.data_end = high if self.data_end is None else max(self.data_end, high)


class _Sink:
    """Where checked rows go: the warehouse (one imports row per target) or nowhere."""

    def __init__(
        self,
        conn: Any,
        *,
        enabled: bool,
        upload_name: str,
        digest: str,
        imported_by: str | None,
        is_zip: bool,
    ) -> None:
        self.conn, self.enabled = conn, enabled
        self.upload_name, self.digest, self.imported_by = upload_name, digest, imported_by
        self.is_zip = is_zip
        self.parent_id: int | None = None
        self.targets: list[_Target] = []

    def _record(self, target: _Target, sha256: str, parent_id: int | None) -> int:
        start, end = target.period
        return store.record_import(
            self.conn,
            store.ImportRecord(
                file_name=target.file_name,
                sha256=sha256,
                status=target.status if target.rows_read else "loaded",
                format="+".join(sorted(target.formats)) or None,
                platform=target.platform,
                account=target.account,
                period_start=start,
                period_end=end,
                imported_by=self.imported_by,
                parent_id=parent_id,
            ),
        )

    def _ensure(self, target: _Target) -> int:
        if target.import_id is not None:
            return target.import_id
        if not self.is_zip:
            target.import_id = self._record(target, self.digest, None)
            return target.import_id
        if self.parent_id is None:
            starts = [t.period[0] for t in self.targets if t.period[0]]
            ends = [t.period[1] for t in self.targets if t.period[1]]
            upload = _Target(
                self.upload_name,
                None,
                min(starts, default=None),
                max(ends, default=None),
                streamed=True,
                formats={f for t in self.targets for f in t.formats},
                platform=self.targets[0].platform,
                account=self.targets[0].account,
            )
            self.parent_id = self._record(upload, self.digest, None)
        assert target.member_path is not None
        sha = store.save_blob_from_file(self.conn, target.member_path)
        target.import_id = self._record(target, sha, self.parent_id)
        return target.import_id

    def write(self, target: _Target, grain: str, frame: pd.DataFrame) -> None:
        if not self.enabled:
            return
        store.note_reported(target.reported, grain, frame)
        target.pending.append((grain, frame))
        if target.streamed:
            self.flush(target)

    def flush(self, target: _Target) -> None:
        if not self.enabled or not (target.pending or target.quarantined):
            return
        import_id = self._ensure(target)
        end = target.period[1]
        writers = {
            "post": store.upsert_posts,
            "day": store.upsert_day_values,
            "message": store.upsert_messages,
        }
        for grain, frame in target.pending:
            if not frame.empty:
                writers[grain](self.conn, frame, import_id, export_end=end)
        store.save_quarantine(self.conn, import_id, target.quarantined)
        target.pending, target.quarantined = [], []

    def close(self) -> int | None:
        """Record every target's outcome; returns the id of the upload's own imports row."""
        if not self.enabled:
            return None
        for target in self.targets:
            self.flush(target)
            import_id = self._ensure(target)
            refresh_rollups(self.conn, import_id)  # this file's facts are all stored
            store.record_coverage(self.conn, import_id, target.reported)
            store.update_import_counts(
                self.conn,
                import_id,
                status=target.status,
                rows_read=target.rows_read,
                rows_loaded=target.rows_loaded,
                rows_rejected=target.rows_rejected,
                validation={"problems": target.problems, "tables": target.tables},
            )
        if self.parent_id is not None:
            loaded = sum(t.rows_loaded for t in self.targets)
            rejected = sum(t.rows_rejected for t in self.targets)
            store.update_import_counts(
                self.conn,
                self.parent_id,
                status="partial" if rejected else "loaded",
                rows_read=sum(t.rows_read for t in self.targets),
                rows_loaded=loaded,
                rows_rejected=rejected,
                validation={
                    "problems": [p for t in self.targets for p in t.problems],
                    "tables": [x for t in self.targets for x in t.tables],
                    "members": {t.file_name: t.import_id for t in self.targets},
                },
            )
            return self.parent_id
        return self.targets[0].import_id


def _targets(plans: list[_Plan], upload_name: str) -> list[tuple[_Target, list[_Plan]]]:
    """Plans grouped by the ZIP member they came from (one group for a plain file)."""
    groups: dict[str | None, list[_Plan]] = {}
    for plan in plans:
        groups.setdefault(plan.unit.member, []).append(plan)
    out = []
    for member, group in groups.items():
        ends = [p.period_end for p in group]
        starts = [p.period_start for p in group if p.period_start]
        named_end = max(e for e in ends if e) if all(ends) else None
        target = _Target(
            file_name=member or upload_name,
            member_path=group[0].unit.member_path,
            named_start=min(starts, default=None),
            named_end=named_end,
            streamed=named_end is not None,
            formats={p.contract.id for p in group},
            platform=group[0].platform or None,
            account=group[0].account,
        )
        out.append((target, group))
    return out


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


def _load(
    path: Path,
    plans: list[_Plan],
    progress: _UploadProgress | None,
    result: FileResult,
    sink: _Sink,
) -> None:
    from data_contracts.gx_runner import validate_rows

    result.format = "+".join(sorted({p.contract.id for p in plans}))
    result.platform = plans[0].platform or None
    result.account = plans[0].account
    grouped = _targets(plans, path.name)
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
    plan: _Plan,
    target: _Target,
    progress: _UploadProgress | None,
    result: FileResult,
    sink: _Sink,
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


def _source_headers(plan: _Plan) -> dict[str, str]:
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
        digest = store.sha256_of_file(path)  # read in pieces: the file is never held whole
    except OSError as exc:
        result.problems = [
            Problem(
                "unreadable", f"{path.name}: cannot be read ({exc.strerror})", file=path.name
            ).as_dict()
        ]
        return result
    if engine is None:
        from contextlib import nullcontext

        conn_cm: Any = nullcontext(_NoDatabase())
    else:
        conn_cm = engine.connect()
    with conn_cm as conn, tempfile.TemporaryDirectory(prefix="socialkpi-import-") as folder:
        work = Path(folder)
        transaction = conn.begin() if engine is not None else None
        if (
            do_store
            and transaction is not None
            and (earlier := store.find_loaded_import(conn, digest)) is not None
        ):
            transaction.rollback()
            result.status, result.import_id = "duplicate", earlier
            return result
        try:
            plans = _plan_file(conn, path, work, account=account, timezone=timezone)
            sink = _Sink(
                conn,
                enabled=do_store and engine is not None,
                upload_name=path.name,
                digest=digest,
                imported_by=imported_by,
                is_zip=any(p.unit.member is not None for p in plans),
            )
            if sink.enabled:
                store.save_blob_from_file(conn, path, digest)
            tracker = _UploadProgress(progress, path, plans) if progress is not None else None
            _load(path, plans, tracker, result, sink)
            result.status = "partial" if result.rows_rejected else "loaded"
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
            result.import_id = None
            result.problems = [p.as_dict() for p in exc.problems]
            if do_store and engine is not None:
                with conn.begin():
                    store.save_blob_from_file(conn, path, digest)
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
