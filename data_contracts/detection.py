"""Which contract a table follows, and why: headers first, sheet and file names as support.

Never by extension alone: a table is recognised only when a row in its first rows holds every
required header (under any alias) of a contract table.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data_contracts.model import Contract, TableSpec, all_contracts
from data_contracts.parsing import normalise_header
from data_contracts.problems import FileRejected, reject, render
from data_contracts.reading import Unit, units_of_file


@dataclass(frozen=True)
class Detection:
    """The verdict for one unit: a contract table with its header row, or the closest miss."""

    unit_label: str
    contract: Contract | None
    table: TableSpec | None
    header_index: int = -1
    columns: dict[int, str] = field(default_factory=dict)  # position -> column key
    headers: dict[int, str] = field(default_factory=dict)  # position -> header as in the file
    header_cells: dict[int, str] = field(default_factory=dict)  # every non-empty header cell
    reasons: list[str] = field(default_factory=list)
    closest: str | None = None  # contract id of the nearest miss
    missing: list[str] = field(default_factory=list)  # its missing required headers
    # a table whose headers are all there but whose every measure is one socialkpi does not
    # store (`not_stored`): the table and those header cells as written
    stores_nothing: tuple[TableSpec, list[str]] | None = None

    @property
    def matched(self) -> bool:
        return self.table is not None


def _match_row(row: list[Any], table: TableSpec) -> dict[int, str]:
    index = table.alias_index()
    found: dict[int, str] = {}
    taken: set[str] = set()
    for position, cell in enumerate(row):
        key = index.get(normalise_header(cell))
        if key is not None and key not in taken:  # duplicate names: the first one counts
            found[position] = key
            taken.add(key)
    return found


def _as_written(cell: Any) -> str:
    """A header cell as the user sees it in the file (spaces collapsed, no BOM or soft
    hyphens)."""
    return " ".join(str(cell).replace("\ufeff", "").replace("\u00ad", "").split())


def unread_headers(detection: Detection) -> tuple[list[str], list[str]]:
    """(unread, repeated): header cells no column of the contract reads (every one, also
    those the contract lists as `not_stored`), and known headers that appear again after
    their first occurrence (only the first is read)."""
    assert detection.table is not None
    known = detection.table.alias_index()
    unknown: list[str] = []
    repeated: list[str] = []
    for position, cell in sorted(detection.header_cells.items()):
        norm = normalise_header(cell)
        if position in detection.columns:
            continue
        if norm in known:
            if cell not in repeated:
                repeated.append(cell)
        elif cell not in unknown:
            unknown.append(cell)
    return unknown, repeated


def _stores_nothing(row: list[Any], table: TableSpec, found: dict[int, str]) -> list[str]:
    """The header cells of `row` beyond the columns found when every one of them is a measure
    the table lists as `not_stored` (a YouTube Totals.csv charting only `Average view
    duration`); else none."""
    ignored = {normalise_header(name) for name in table.not_stored_names()}
    cells = [
        _as_written(cell)
        for position, cell in enumerate(row)
        if position not in found and cell is not None and _as_written(cell)
    ]
    if cells and all(normalise_header(cell) in ignored for cell in cells):
        return cells
    return []


def _stored_names(table: TableSpec, cell: str) -> str:
    """The measures socialkpi would read in such a file, named in the language of `cell`."""
    language = next(
        (
            lang
            for lang, names in table.not_stored.items()
            if normalise_header(cell) in {normalise_header(n) for n in names}
        ),
        "en",
    )
    names = []
    for key in table.require_one_of:
        aliases = table.columns[key].aliases
        names.append((aliases.get(language) or aliases["en"])[0])
    return ", ".join(f"'{name}'" for name in names)


def refuse_stores_nothing(detection: Detection) -> FileRejected:
    """The refusal of a table that holds only measures socialkpi does not store: it names
    them and the measures socialkpi would read (not 'an export we do not know')."""
    assert detection.stores_nothing is not None
    table, cells = detection.stores_nothing
    columns = ", ".join(f"'{cell}'" for cell in cells)
    label = detection.unit_label
    params = {"file": label, "columns": columns, "measures": _stored_names(table, cells[0])}
    return reject(
        "no_stored_measure",
        render("no_stored_measure", params),
        file=label,
        columns=cells,
        expected=f"one of {params['measures']}",
        params=params,
    )


def _name_score(unit: Unit, contract: Contract, table: TableSpec) -> list[str]:
    reasons = []
    for pattern in table.member_names or contract.file_names:
        if re.search(pattern, unit.name, re.IGNORECASE):
            reasons.append(f"file name {unit.name!r} matches {contract.id}")
            break
    if unit.sheet and any(unit.sheet.casefold() == s.casefold() for s in table.sheets):
        reasons.append(f"sheet {unit.sheet!r}")
    return reasons


def detect_unit(unit: Unit, contracts: tuple[Contract, ...] | None = None) -> Detection:
    contracts = contracts or all_contracts()
    best: tuple[tuple[int, int, int], Detection] | None = None
    near: tuple[float, int, Contract, TableSpec, list[str]] | None = None
    stores_nothing: tuple[TableSpec, list[str]] | None = None
    for contract in contracts:
        for table in contract.tables:
            required = table.required_keys()
            for row_index, row in enumerate(unit.head):
                found = _match_row(row, table)
                present = set(found.values())
                missing = [k for k in required if k not in present]
                if table.require_one_of and not present & set(table.require_one_of):
                    missing.append(table.require_one_of[0])
                excluded = {normalise_header(h) for h in table.excluded_headers}
                if excluded & {normalise_header(c) for c in row}:
                    continue
                name_reasons = _name_score(unit, contract, table)
                if table.name_required and not any(r.startswith("file name") for r in name_reasons):
                    continue
                if not missing:
                    score = (len(present), len(name_reasons), -row_index)
                    headers = ", ".join(table.columns[k].names()[0] for k in required)
                    detection = Detection(
                        unit_label=unit.label,
                        contract=contract,
                        table=table,
                        header_index=row_index,
                        columns=found,
                        headers={pos: _as_written(row[pos]) for pos in found},
                        header_cells={
                            pos: _as_written(cell)
                            for pos, cell in enumerate(row)
                            if cell is not None and _as_written(cell)
                        },
                        reasons=[
                            f"required headers found on row {row_index + 1}: {headers}",
                            *name_reasons,
                        ],
                    )
                    if best is None or score > best[0]:
                        best = (score, detection)
                elif stores_nothing is None and all(k in present for k in required):
                    cells = _stores_nothing(row, table, found)
                    if cells:
                        stores_nothing = (table, cells)
                if missing and required:
                    share = (len(required) - len(missing)) / len(required)
                    optional_hits = len(present)
                    if near is None or (share, optional_hits) > (near[0], near[1]):
                        names = [table.columns[k].names()[0] for k in missing]
                        near = (share, optional_hits, contract, table, names)
    if best is not None:
        return best[1]
    _refuse_wrapped_lines(unit, contracts)
    if near is not None and near[0] >= 0.5 and near[1] >= 2:
        return Detection(
            unit_label=unit.label,
            contract=None,
            table=None,
            closest=near[2].id,
            missing=near[4],
            stores_nothing=stores_nothing,
        )
    return Detection(
        unit_label=unit.label, contract=None, table=None, stores_nothing=stores_nothing
    )


def _refuse_wrapped_lines(unit: Unit, contracts: tuple[Contract, ...]) -> None:
    """A spreadsheet program that read each line as one cell saves every line wrapped in
    quotes (`"Post ID,""Account ID"",…"`): the header is one cell. When that cell, read as a
    CSV line again, is a contract's header, the file is refused with one message saying
    what happened (nothing else about such a file can be trusted)."""
    for row in unit.head:
        cells = [c for c in row if c not in (None, "")]
        if len(cells) != 1 or not isinstance(cells[0], str) or "," not in cells[0]:
            continue
        try:
            inner = next(csv.reader(io.StringIO(cells[0])))
        except (csv.Error, StopIteration):
            continue
        for contract in contracts:
            for table in contract.tables:
                if table.required_keys() and set(table.required_keys()) <= set(
                    _match_row(inner, table).values()
                ):
                    shown = cells[0] if len(cells[0]) <= 60 else cells[0][:57] + "…"
                    raise reject(
                        "resaved_file",
                        render("resaved_file", {"file": unit.label, "value": shown}),
                        file=unit.label,
                        value=shown,
                        expected="the file as the platform wrote it",
                        params={"file": unit.label, "value": shown},
                    )


def detect(path: Path | str) -> list[Detection]:
    """Detect every table inside a file (a CSV, each sheet of a workbook, each ZIP member)."""
    with units_of_file(Path(path)) as units:
        return [detect_unit(unit) for unit in units]
