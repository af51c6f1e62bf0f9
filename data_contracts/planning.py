"""Planning an upload: which contract and table each part of it matches, and where its
platform, account and period come from (the file's own columns, its name, the user, or the
warehouse's known accounts).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from data_contracts.detection import Detection, detect_unit, refuse_stores_nothing
from data_contracts.mapping import MapContext
from data_contracts.model import Contract, TableSpec
from data_contracts.problems import FileRejected, Problem, reject
from data_contracts.reading import Unit, read_units
from warehouse import store

NEEDS_ACCOUNT = ("meta_daily_metric", "x_account_overview", "x_content")
"""Contracts whose files may not name their account (they import after the ones that do)."""


@dataclass
class Plan:
    unit: Unit
    detection: Detection
    contract: Contract
    table: TableSpec
    platform: str
    account: str | None
    ctx: MapContext
    period_start: date | None
    period_end: date | None


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


def plan_file(
    conn: Any,
    path: Path,
    workdir: Path,
    *,
    account: str | None,
    timezone: str,
) -> list[Plan]:
    """Detect every table of the upload and settle its platform, account and period."""
    units = read_units(path, workdir)
    detections = [(u, detect_unit(u)) for u in units]
    matched = [(u, d) for u, d in detections if d.matched]
    if not matched:
        unstored = next((d for _, d in detections if d.stores_nothing), None)
        if unstored is not None:
            raise refuse_stores_nothing(unstored)
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
    plans: list[Plan] = []
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
            Plan(
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
