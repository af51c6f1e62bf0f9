"""Where checked rows go: one `imports` row per upload (or per ZIP member), its facts
upserted chunk by chunk, its quarantined rows and its outcome, inside the caller's
transaction; or nowhere when only validating.

Each imports row records, in its validation, where its platform, account and year came from
(`provenance`); an import filed under an assumed account keeps the rows it replaces
(`warehouse.replaced`), so that filing it under another account can put them back. The
period an import covers is the one the export states (its name, a note row), else the first
and last dates of the rows it stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from data_contracts.planning import Plan
from data_contracts.results import MAX_LISTED_WARNINGS
from warehouse import store
from warehouse.competitors import upsert_competitors
from warehouse.replaced import keep_replaced
from warehouse.rollups import refresh_rollups
from warehouse.schema import DAY_MEASURES

DATE_COLUMN = {"post": "published_at", "day": "date", "message": "received_at"}


@dataclass
class Target:
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
    warnings: list[dict[str, Any]] = field(default_factory=list)
    warnings_count: int = 0
    notes: list[dict[str, Any]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    pending: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    quarantined: list[store.QuarantinedRow] = field(default_factory=list)
    data_start: date | None = None
    data_end: date | None = None
    reported: store.Reported = field(default_factory=dict)  # what the import covers
    # where its platform, account and year came from (planning.Provenance.as_dict); an
    # assumed account keeps the rows the import replaces, so that re-filing puts them back
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def assumed(self) -> bool:
        return bool(self.provenance.get("account_assumed"))

    def warn(self, warning: dict[str, Any]) -> None:
        self.warnings_count += 1
        if len(self.warnings) < MAX_LISTED_WARNINGS:
            self.warnings.append(warning)

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


class Sink:
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
        self.targets: list[Target] = []

    def _record(self, target: Target, sha256: str, parent_id: int | None) -> int:
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

    def _ensure(self, target: Target) -> int:
        if target.import_id is not None:
            return target.import_id
        if not self.is_zip:
            target.import_id = self._record(target, self.digest, None)
            return target.import_id
        if self.parent_id is None:
            starts = [t.period[0] for t in self.targets if t.period[0]]
            ends = [t.period[1] for t in self.targets if t.period[1]]
            upload = Target(
                self.upload_name,
                None,
                min(starts, default=None),
                max(ends, default=None),
                streamed=True,
                formats={f for t in self.targets for f in t.formats},
                platform=self.targets[0].platform,
                account=self.targets[0].account,
                provenance=self.targets[0].provenance,
            )
            self.parent_id = self._record(upload, self.digest, None)
        assert target.member_path is not None
        sha = store.save_blob_from_file(self.conn, target.member_path)
        target.import_id = self._record(target, sha, self.parent_id)
        return target.import_id

    def write(self, target: Target, grain: str, frame: pd.DataFrame) -> None:
        if not self.enabled:
            return
        if grain != "competitor":  # competitor figures cover no account's KPIs
            store.note_reported(target.reported, grain, frame)
        target.pending.append((grain, frame))
        if target.streamed:
            self.flush(target)

    def flush(self, target: Target) -> None:
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
            if frame.empty:
                continue
            if grain == "competitor":
                upsert_competitors(self.conn, frame, import_id)
                continue
            if target.assumed:
                measures = [m for m in DAY_MEASURES if m in frame.columns]
                keep_replaced(self.conn, import_id, grain, frame, measures)
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
                validation={
                    "problems": target.problems,
                    "warnings": target.warnings,
                    "warnings_count": target.warnings_count,
                    "notes": target.notes,
                    "tables": target.tables,
                    "provenance": target.provenance,
                },
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
                    "warnings": [w for t in self.targets for w in t.warnings][:MAX_LISTED_WARNINGS],
                    "warnings_count": sum(t.warnings_count for t in self.targets),
                    "notes": [n for t in self.targets for n in t.notes],
                    "tables": [x for t in self.targets for x in t.tables],
                    "members": {t.file_name: t.import_id for t in self.targets},
                    "provenance": self.targets[0].provenance,
                },
            )
            return self.parent_id
        return self.targets[0].import_id


def group_targets(plans: list[Plan], upload_name: str) -> list[tuple[Target, list[Plan]]]:
    """Plans grouped by the ZIP member they came from (one group for a plain file)."""
    groups: dict[str | None, list[Plan]] = {}
    for plan in plans:
        groups.setdefault(plan.unit.member, []).append(plan)
    out = []
    for member, group in groups.items():
        ends = [p.stated_end for p in group]
        starts = [p.stated_start for p in group if p.stated_start]
        named_end = max(e for e in ends if e) if all(ends) else None
        target = Target(
            file_name=member or upload_name,
            member_path=group[0].unit.member_path,
            named_start=min(starts, default=None),
            named_end=named_end,
            streamed=named_end is not None,
            formats={p.contract.id for p in group},
            platform=group[0].platform or None,
            account=group[0].account,
            provenance={
                **group[0].provenance.as_dict(),
                "account_assumed": any(p.provenance.account_assumed for p in group),
            },
        )
        out.append((target, group))
    return out
