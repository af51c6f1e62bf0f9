"""Planning an upload: which contract and table each part of it matches, and where its
platform, account, period and year come from.

Every answer says where it came from (`Provenance`), and the places are the contracts'
(YAML), read here in one order for every export:

- platform: the contract (one platform), a column of every row, the metric title of a Meta
  chart, the file, ZIP or folder names, the titles of sibling files, the user, the account
  (known on one of the possible platforms only); else the user is asked;
- account: a column of every row, the links in a column, the file, ZIP or folder name, the
  user; else the only account of the platform already known, which is an *assumption* the
  import reports; else the user is asked. Links that name two accounts are asked about;
- period: the file, ZIP or folder name, or a note above the header;
- year of year-less dates: `yearless.settle_anchor` (a date in the file, the ZIP entry's time,
  the period in the name, the newest video id, today).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from data_contracts.detection import Detection, detect_unit, refuse_stores_nothing
from data_contracts.mapping import MapContext
from data_contracts.model import Contract, TableSpec, all_contracts
from data_contracts.parsing import is_null, parse_datetime, parse_month_day
from data_contracts.problems import FileRejected, Problem, reject
from data_contracts.reading import Unit, read_units
from data_contracts.yearless import Anchor, carried_year, settle_anchor
from warehouse import store
from warehouse.schema import PLATFORM_NAMES

ACCOUNT_SOURCES = ("file_column", "links", "file_name", "user", "only_known_account")
"""Where an import's account came from; only `only_known_account` is an assumption."""
PLATFORM_SOURCES = (
    "contract", "file_column", "file_title", "file_name", "sibling_files", "user", "account",
)  # fmt: skip
"""Where an import's platform came from (`contract`: the export has one platform only)."""
TIKTOK_EPOCH = date(2016, 9, 1)  # no TikTok video id is older; ids outside are not read


def _needs_account() -> tuple[str, ...]:
    return tuple(c.id for c in all_contracts() if not c.account.named_by_file)


NEEDS_ACCOUNT = _needs_account()
"""Contracts whose files cannot name their account (they import after the ones that do)."""


@dataclass(frozen=True)
class Provenance:
    """Where an import's platform, account and year came from."""

    platform_source: str | None = None
    account_source: str | None = None
    year_source: str | None = None  # None: the export's dates carry their year
    year_anchor: date | None = None  # no year-less date of the export is after this day
    accounts_in_links: tuple[str, ...] = ()

    @property
    def account_assumed(self) -> bool:
        return self.account_source == "only_known_account"

    def as_dict(self) -> dict[str, Any]:
        return {
            "platform_source": self.platform_source,
            "account_source": self.account_source,
            "account_assumed": self.account_assumed,
            "year_source": self.year_source,
            "year_anchor": self.year_anchor.isoformat() if self.year_anchor else None,
        }


@dataclass
class Plan:
    unit: Unit
    detection: Detection
    contract: Contract
    table: TableSpec
    platform: str
    account: str | None
    ctx: MapContext
    period_start: date | None  # bounds of the rows' dates checked by the contract
    period_end: date | None
    stated_start: date | None = None  # the period the export itself states (name, note)
    stated_end: date | None = None
    provenance: Provenance = field(default_factory=Provenance)
    user_account: str | None = None  # the user's answer (competitor files: the own Page)


class NeedsAnswer(FileRejected):
    """The export was recognised but its platform or account needs the user's word: the
    detected format and platform travel with the problem, for the result and the question."""

    def __init__(self, problem: Problem, *, format: str, platform: str | None) -> None:
        super().__init__(problem)
        self.format, self.platform = format, platform


# ----------------------------------------------------------------- names and periods


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


# ----------------------------------------------------------------- columns read ahead


def _column_values(unit: Unit, detection: Detection, key: str) -> Iterator[str]:
    """The non-empty cells of one of the table's columns, every row (the table is read once
    more; only contracts with link or id rules ask, and their exports are small)."""
    positions = [pos for pos, k in detection.columns.items() if k == key]
    if not positions:
        return
    position = positions[0]
    for chunk in unit.chunks(detection.header_index):
        if position not in chunk.columns:
            continue
        for value in chunk[position]:
            if not is_null(value):
                yield str(value).strip()


def _accounts_in_links(unit: Unit, detection: Detection, contract: Contract) -> list[str]:
    """The accounts the links of the export name, in order of appearance (spelled as first
    seen; handles compared without case when the contract says so)."""
    rule = contract.account.links
    if rule is None:
        return []
    patterns = [re.compile(p) for p in rule.patterns]
    seen: dict[str, str] = {}
    for link in _column_values(unit, detection, rule.column):
        for pattern in patterns:
            match = pattern.search(link)
            if match:
                name = match.group("account")
                key = name.casefold() if contract.account.case_insensitive else name
                seen.setdefault(key, name)
                break
    return list(seen.values())


def _known_spelling(conn: Any, platform: str | None, name: str, contract: Contract) -> str:
    """`name` as the warehouse already spells that account (handles ignore case)."""
    if platform is None or not contract.account.case_insensitive:
        return name
    for known in store.known_accounts(conn, platform):
        if known.casefold() == name.casefold():
            return str(known)
    return name


def _newest_upload(
    unit: Unit, detection: Detection, contract: Contract, today: date
) -> date | None:
    """The upload day of the newest video whose id carries its time (TikTok)."""
    rule = contract.year.id_time
    if rule is None:
        return None
    pattern = re.compile(rule.pattern)
    newest: date | None = None
    for link in _column_values(unit, detection, rule.column):
        match = pattern.search(link)
        if not match:
            continue
        moment = datetime.fromtimestamp(int(match.group("id")) >> rule.shift, ZoneInfo("UTC"))
        day = moment.date()
        if TIKTOK_EPOCH <= day <= today + timedelta(days=1):
            newest = day if newest is None else max(newest, day)
    return newest


def _file_day(
    unit: Unit, detection: Detection, contract: Contract
) -> date | tuple[int, int] | None:
    """The download day written in the export itself (TikTok Content's `Time`): a date, or
    a (month, day) when it has no year either."""
    key = contract.year.download_day_column
    if key is None:
        return None
    positions = [pos for pos, k in detection.columns.items() if k == key]
    if not positions:
        return None
    for row in unit.head[detection.header_index + 1 :]:
        if positions[0] >= len(row) or is_null(row[positions[0]]):
            continue
        value = row[positions[0]]
        try:
            moment = parse_datetime(value)
            return moment.date() if moment is not None else None
        except ValueError:
            try:
                return parse_month_day(value)
            except ValueError:
                return None
    return None


def _years_written(unit: Unit, detection: Detection, table: TableSpec) -> bool:
    """The year-less column of this file carries its year after all (TikTok's business
    exports write `2025/12/31 16:32:37`): every cell of its first rows has one."""
    positions = [
        pos for pos, key in detection.columns.items() if table.columns[key].type == "yearless_date"
    ]
    cells = [
        row[positions[0]]
        for row in unit.head[detection.header_index + 1 :]
        if positions and positions[0] < len(row) and not is_null(row[positions[0]])
    ]
    return bool(cells) and all(carried_year(cell) is not None for cell in cells)


def _anchor(
    unit: Unit,
    detection: Detection,
    contract: Contract,
    stated_end: date | None,
    today: date,
) -> Anchor:
    file_day = _file_day(unit, detection, contract)
    entry_day = unit.entry_time.date() if unit.entry_time is not None else None
    needs_ids = stated_end is None and entry_day is None
    newest = _newest_upload(unit, detection, contract, today) if needs_ids else None
    return settle_anchor(
        today=today,
        file_day=file_day,
        entry_day=entry_day,
        name_end=stated_end,
        newest_upload=newest,
    )


def _year_end(anchor: Anchor | None, table: TableSpec) -> date | None:
    """The day year-less dates are placed on or before: the anchor's, with a day of grace
    for single dates against a ZIP's clock or a video's upload day."""
    if anchor is None:
        return None
    return anchor.single_end if table.yearless == "single" else anchor.day


# ----------------------------------------------------------------- platform


def _title_line(unit: Unit) -> str:
    for row in unit.head[:3]:
        cells = [str(c).strip() for c in row if c not in (None, "")]
        if len(cells) == 1 and not cells[0].lower().startswith("sep="):
            return cells[0]
    return ""


def _one_of(patterns: dict[str, str], texts: Sequence[str]) -> str | None:
    """The one platform the patterns find in the texts (None: none, or several)."""
    found = {pl for p, pl in patterns.items() for text in texts if re.search(p, text)}
    return found.pop() if len(found) == 1 else None


def _sibling_platform(path: Path, table: TableSpec, workdir: Path) -> str | None:
    """Meta daily files: the platform the titles of the other CSVs in the folder name."""
    assert table.title is not None
    if not path.parent.is_dir():
        return None
    for sibling in sorted(path.parent.glob("*.csv")):
        if sibling == path:
            continue
        try:
            units = read_units(sibling, workdir)
        except FileRejected:
            continue
        other = _title_line(units[0]) if units else ""
        platform = _one_of(table.title.platforms, [other])
        if platform:
            return platform
    return None


def _platform(
    conn: Any,
    unit: Unit,
    contract: Contract,
    table: TableSpec,
    path: Path,
    workdir: Path,
    *,
    account: str | None,
    user_platform: str | None,
) -> tuple[str | None, str | None]:
    """(platform, where it came from); (None, None) when nothing decides."""
    possible = contract.possible_platforms()
    if len(possible) == 1:
        return possible[0], "contract"
    if contract.platform_rule.column is not None:
        return None, "file_column"
    if table.title is not None:
        titled = _one_of(table.title.platforms, [_title_line(unit)])
        if titled:
            return titled, "file_title"
    named = _one_of(contract.platform_rule.name_patterns, _names(unit))
    if named:
        return named, "file_name"
    if table.title is not None:
        sibling = _sibling_platform(path, table, workdir)
        if sibling:
            return sibling, "sibling_files"
    if user_platform in possible:
        return user_platform, "user"
    if account:
        holding = [p for p in possible if account in store.known_accounts(conn, p)]
        if len(holding) == 1:
            return holding[0], "account"
    return None, None


# ----------------------------------------------------------------- problems


def _title(contract: Contract) -> str:
    return contract.title


def _names_of(platforms: Sequence[str]) -> str:
    return " and ".join(PLATFORM_NAMES.get(p, p) for p in platforms)


def _ask_platform(unit: Unit, path: Path, contract: Contract) -> NeedsAnswer:
    possible = contract.possible_platforms()
    return NeedsAnswer(
        Problem(
            "account_required",
            f"{unit.label} is an export of {_title(contract)}, which {_names_of(possible)} "
            "both write, and neither the file nor its name says which. Give the account "
            "(a page or handle socialkpi already knows) or the platform: --account NAME "
            "--platform NAME, or answer the question on the Data page.",
            file=path.name,
            expected="--account, --platform",
            params={
                "reason": "platform_unknown",
                "file": unit.label,
                "export": contract.id,
                "platforms": list(possible),
            },
        ),
        format=contract.id,
        platform=None,
    )


def _ask_account(
    unit: Unit, path: Path, contract: Contract, platform: str, known: Sequence[str]
) -> NeedsAnswer:
    name = PLATFORM_NAMES.get(platform, platform)
    known_text = f" Accounts socialkpi knows on {name}: {', '.join(known)}." if known else ""
    return NeedsAnswer(
        Problem(
            "account_required",
            f"{unit.label} is an export of {_title(contract)} and does not say which {name} "
            "account it belongs to. Give the account: --account NAME, or answer the question "
            f"on the Data page.{known_text}",
            file=path.name,
            expected="--account",
            params={
                "reason": "no_account",
                "file": unit.label,
                "export": contract.id,
                "platform": platform,
                "known": list(known),
            },
        ),
        format=contract.id,
        platform=platform,
    )


def _ask_which_link(
    unit: Unit, path: Path, contract: Contract, platform: str | None, linked: Sequence[str]
) -> NeedsAnswer:
    name = PLATFORM_NAMES.get(platform or "", platform or "")
    return NeedsAnswer(
        Problem(
            "account_required",
            f"{unit.label}: the links in this export name {len(linked)} {name} accounts "
            f"({', '.join(linked)}). Say which account the export belongs to: --account NAME, "
            "or answer the question on the Data page.",
            file=path.name,
            expected="--account",
            params={
                "reason": "several_in_links",
                "file": unit.label,
                "export": contract.id,
                "platform": platform,
                "accounts": list(linked),
            },
        ),
        format=contract.id,
        platform=platform,
    )


def _unrecognised(path: Path, detections: list[tuple[Unit, Detection]]) -> FileRejected:
    near = next((d for _, d in detections if d.closest), None)
    if near is not None and near.closest is not None:
        title = next((c.title for c in all_contracts() if c.id == near.closest), near.closest)
        return FileRejected(
            *[
                Problem(
                    "missing_column",
                    f"{path.name} looks like an export of {title}, but the column {name!r} "
                    "is missing. Download the export again, without removing or renaming "
                    "columns, and upload it as it is.",
                    file=path.name,
                    column=name,
                    expected=f"the {near.closest} headers",
                    params={"file": path.name, "export": near.closest, "column": name},
                )
                for name in near.missing
            ]
        )
    return reject(
        "unknown_format",
        f"{path.name} is not an export socialkpi knows: none of them has these column "
        "headers in its first rows. Upload one of the exports listed in the guide "
        "(docs/exports.md), as the platform wrote it.",
        file=path.name,
        params={"file": path.name},
    )


# ----------------------------------------------------------------- the plan


def plan_file(
    conn: Any,
    path: Path,
    workdir: Path,
    *,
    account: str | None,
    timezone: str,
    platform: str | None = None,
    today: date | None = None,
) -> list[Plan]:
    """Detect every table of the upload and settle its platform, account, period and year.

    `account` and `platform` are the user's (`--account`, `--platform`, the Data page);
    `today` is the last resort for the year of year-less dates (default: the date today)."""
    today = today or date.today()
    units = read_units(path, workdir)
    detections = [(u, detect_unit(u)) for u in units]
    matched = [(u, d) for u, d in detections if d.matched]
    if not matched:
        unstored = next((d for _, d in detections if d.stores_nothing), None)
        if unstored is not None:
            raise refuse_stores_nothing(unstored)
        raise _unrecognised(path, detections)
    plans: list[Plan] = []
    for unit, detection in matched:
        assert detection.contract is not None and detection.table is not None
        plans.append(
            _plan_unit(
                conn,
                unit,
                detection,
                path,
                workdir,
                user_account=account,
                user_platform=platform,
                timezone=timezone,
                today=today,
            )
        )
    return plans


def _plan_unit(
    conn: Any,
    unit: Unit,
    detection: Detection,
    path: Path,
    workdir: Path,
    *,
    user_account: str | None,
    user_platform: str | None,
    timezone: str,
    today: date,
) -> Plan:
    assert detection.contract is not None and detection.table is not None
    contract, table = detection.contract, detection.table
    measure = None
    if table.title is not None:
        title = _title_line(unit)
        measure = next((m for p, m in table.title.measures.items() if re.search(p, title)), None)
        if measure is None:
            raise reject(
                "unknown_format",
                f"{unit.label} looks like {_title(contract)}, but its title {title!r} names "
                "no figure socialkpi stores (views, viewers, reach, follows, interactions, "
                "link clicks, visits).",
                file=path.name,
                params={"reason": "title", "file": unit.label, "title": title},
            )

    # the account as the export itself gives it: a column, the links, the names
    account_source: str | None = None
    chosen: str | None = None
    has_column = (
        contract.account.column is not None
        and contract.account.column in detection.columns.values()
    )
    linked = [] if has_column else _accounts_in_links(unit, detection, contract)
    if has_column:
        account_source = "file_column"
    elif len(linked) == 1:
        chosen, account_source = linked[0], "links"
    elif not linked and (named := _account_from_names(unit, contract)):
        chosen, account_source = named, "file_name"

    platform, platform_source = _platform(
        conn,
        unit,
        contract,
        table,
        path,
        workdir,
        account=chosen or user_account,
        user_platform=user_platform,
    )
    if platform is None and platform_source is None:
        raise _ask_platform(unit, path, contract)

    if len(linked) > 1:
        spelled = {a.casefold(): a for a in linked}  # the user picks one, as the links spell it
        if user_account is None or user_account.strip().casefold() not in spelled:
            raise _ask_which_link(unit, path, contract, platform, linked)
        chosen, account_source = spelled[user_account.strip().casefold()], "user"
    if account_source is None and user_account:
        chosen, account_source = user_account, "user"
    if account_source is None and platform is not None:
        known = store.known_accounts(conn, platform)
        if len(known) != 1:
            raise _ask_account(unit, path, contract, platform, known)
        chosen, account_source = known[0], "only_known_account"
    if chosen is not None and account_source in ("links", "file_name"):
        chosen = _known_spelling(conn, platform, chosen, contract)

    stated_start, stated_end = _period(unit, contract, timezone)
    anchor: Anchor | None = None
    if table.yearless and not _years_written(unit, detection, table):
        anchor = _anchor(unit, detection, contract, stated_end, today)
    check_end = stated_end
    if table.date_range is not None and table.date_range.rule == "not_after_end":
        check_end = stated_end or (anchor.day if anchor else None)
    provenance = Provenance(
        platform_source=platform_source,
        account_source=account_source,
        year_source=anchor.source if anchor else None,
        year_anchor=anchor.day if anchor else None,
        accounts_in_links=tuple(linked),
    )
    return Plan(
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
            period_start=stated_start,
            period_end=check_end,
            end_hint=_year_end(anchor, table),
            year_exact=bool(anchor and anchor.exact),
            measure=measure,
        ),
        stated_start,
        check_end,
        stated_start,
        stated_end,
        provenance,
        user_account.strip() if user_account else None,
    )
