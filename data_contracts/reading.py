"""Robust reading: files as the platforms write them → table-shaped units of raw cells.

A *unit* is one table: a CSV file, a CSV member of a ZIP, or a sheet of a workbook. Reading
never interprets values; it finds the encoding, the delimiter and the rows, keeps ids as
text, and refuses files whose bytes are not what their name says, unsafe ZIPs and bombs.

Everything is read from files on disk, never from the whole file's bytes in memory: a CSV's
first bytes are sniffed and its rows are parsed in chunks straight from the file; ZIP
members are streamed (size-checked) into files in a working folder the caller owns.
"""

from __future__ import annotations

import csv
import io
import posixpath
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from data_contracts.problems import reject
from data_contracts.workdirs import work_folder

HEAD_ROWS = 40
HEAD_BYTES = 262_144  # what is read of a text file to sniff its encoding, delimiter, header
# The widest real export (Meta's page exports) has under 200 columns; a file with thousands
# is no export, and reading it would only end in a misleading "no data row" (issue 14).
MAX_COLUMNS = 1_000
CHUNK_ROWS = 100_000
MAX_FILE_BYTES = 2 * 1024**3
MAX_ZIP_TOTAL_BYTES = 1024**3
MAX_ZIP_MEMBERS = 500
MAX_ZIP_RATIO = 200
# Below this size a member's ratio says little (a few KB of one repeated character is a
# few dozen bytes packed); above it, on a member or on the whole archive, a ratio beyond
# MAX_ZIP_RATIO is a bomb. Real exports pack 3:1 to 20:1.
RATIO_FLOOR_BYTES = 256 * 1024
MAX_ZIP_DEPTH = 2
COPY_BYTES = 1024**2  # ZIP members are streamed to disk in pieces of this size
TEXT_EXTENSIONS = {".csv", ".txt", ".tsv"}
EXCEL_EXTENSIONS = {".xls", ".xlsx", ".xlsm"}
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office (OLE2) file"),
    (b"\x1f\x8b", "a gzip archive"),
)


@dataclass
class Unit:
    """One table inside an upload."""

    label: str  # how messages name it: "x.zip › Overview.csv", "book.xlsx › Metrics"
    name: str  # the member or file name
    containers: list[str]  # names that hold it, innermost first (ZIP stem, folder names)
    head: list[list[Any]]  # the first HEAD_ROWS rows, raw
    sheet: str | None = None
    entry_time: datetime | None = None
    preamble_text: str = ""
    _chunks: Callable[[int, int], Iterator[pd.DataFrame]] | None = field(default=None, repr=False)
    size_bytes: int = 0
    member: str | None = None  # the ZIP entry it came from ("folder/Overview.csv"), if any
    member_path: Path | None = field(default=None, repr=False)  # that entry's bytes, on disk
    # Bytes of the table's file the chunk reader has consumed so far: set after each chunk a
    # CSV yields and equal to size_bytes once it is read through (stays 0 for sheets, which
    # are parsed in memory). What an import's progress bar measures its fraction by.
    bytes_read: int = 0

    def chunks(self, header_index: int, chunk_rows: int = CHUNK_ROWS) -> Iterator[pd.DataFrame]:
        """Data rows after the header as frames with positional integer columns; the index is
        the 1-based row (line) number in the original table."""
        assert self._chunks is not None
        return self._chunks(header_index, chunk_rows)


# ----------------------------------------------------------------- sniffing


def signature(content: bytes) -> str | None:
    for magic, what in SIGNATURES:
        if content.startswith(magic):
            return what
    return None


def sniff_encoding(sample: bytes) -> str:
    """UTF-16 (BOM or NUL pattern), UTF-8 (with or without BOM), else cp1252/latin-1."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if len(sample) >= 4 and sample[1:20:2].count(0) >= 8 and sample[0:20:2].count(0) == 0:
        return "utf-16-le"
    if len(sample) >= 4 and sample[0:20:2].count(0) >= 8 and sample[1:20:2].count(0) == 0:
        return "utf-16-be"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3:  # a character cut at the sample's end
            return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample[:200_000], cp_isolation=["cp1252", "latin_1", "utf_8"]).best()
    return best.encoding if best is not None else "latin-1"


def looks_like_text(text: str) -> bool:
    if not text:
        return True
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\r\n")
    return controls / len(text) < 0.01 and "\x00" not in text


def sniff_delimiter(lines: list[str]) -> str:
    """`sep=` hint, else the candidate that splits the first lines most consistently."""
    for line in lines[:3]:
        stripped = line.strip().strip('"')
        if stripped.lower().startswith("sep=") and len(stripped) >= 5:
            return stripped[4]
    sample = "\n".join(lines[:HEAD_ROWS])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sum(line.count(d) for line in lines[:HEAD_ROWS]) for d in ",;\t|"}
        return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


# ----------------------------------------------------------------- CSV


def _peek(path: Path, size: int) -> bytes:
    with path.open("rb") as source:
        return source.read(size)


def _too_wide(label: str, what: str) -> Exception:
    return reject(
        "too_wide",
        f"{label}: {what} (an export has at most {MAX_COLUMNS:,} columns): not an export we know",
        file=label,
        expected=f"at most {MAX_COLUMNS:,} columns",
    )


def _csv_unit(
    path: Path, label: str, name: str, containers: list[str], entry_time: datetime | None
) -> Unit:
    start = _peek(path, HEAD_BYTES)
    encoding = sniff_encoding(start[:65_536])
    try:
        head_text = start.decode(encoding, errors="strict")
    except UnicodeDecodeError as exc:
        if exc.start < 262_000:
            head_text = start.decode("latin-1")
            encoding = "latin-1"
        else:
            head_text = start[: exc.start].decode(encoding)
    if encoding == "utf-16":
        head_text = head_text.lstrip("\ufeff")
    if not looks_like_text(head_text):
        raise reject(
            "unreadable",
            f"{label}: the bytes are not text in any encoding we know (not a CSV export)",
            file=label,
        )
    if len(start) >= HEAD_BYTES and not any(b in start for b in (b"\n", b"\r")):
        raise _too_wide(label, f"its first line is longer than {HEAD_BYTES // 1024:,} KB")
    lines = head_text.splitlines()
    delimiter = sniff_delimiter(lines)
    head: list[list[Any]] = []
    line_numbers: list[int] = []
    reader = csv.reader(io.StringIO(head_text), delimiter=delimiter)
    try:
        for row in reader:
            head.append(row)
            line_numbers.append(reader.line_num)
            if len(head) >= HEAD_ROWS:
                break
    except csv.Error as exc:
        raise reject("unreadable", f"{label}: not a readable CSV ({exc})", file=label) from exc
    widest = max((len(row) for row in head), default=0)
    if widest > MAX_COLUMNS:
        raise _too_wide(label, f"a line of its first rows has {widest:,} columns or more")
    preamble = "\n".join(lines[:3])

    def chunks(header_index: int, chunk_rows: int) -> Iterator[pd.DataFrame]:
        skip = line_numbers[header_index] if header_index < len(line_numbers) else 0
        if skip >= len(line_numbers) and len(head) < HEAD_ROWS:
            unit.bytes_read = unit.size_bytes  # no row after the header: nothing to read
            return
        with path.open("rb") as raw:
            for frame in _csv_chunks(
                io.TextIOWrapper(raw, encoding=encoding, newline=""),
                delimiter,
                skip,
                header_index,
                chunk_rows,
            ):
                unit.bytes_read = raw.tell()
                yield frame
        unit.bytes_read = unit.size_bytes

    unit = Unit(
        label=label,
        name=name,
        containers=containers,
        head=head,
        entry_time=entry_time,
        preamble_text=preamble,
        _chunks=chunks,
        size_bytes=path.stat().st_size,
    )
    return unit


def _csv_chunks(
    stream: io.TextIOWrapper, delimiter: str, skip: int, header_index: int, chunk_rows: int
) -> Iterator[pd.DataFrame]:
    try:
        reader = pd.read_csv(
            stream,
            sep=delimiter,
            header=None,
            skiprows=skip,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=True,
            chunksize=chunk_rows,
            engine="c",
            quoting=csv.QUOTE_MINIMAL,
            on_bad_lines="skip",
        )
    except pd.errors.EmptyDataError:
        return
    first_row = header_index + 2
    for chunk in reader:
        chunk.index = range(first_row, first_row + len(chunk))
        first_row += len(chunk)
        yield chunk


# ----------------------------------------------------------------- Excel


def _sheet_unit(
    label: str, name: str, containers: list[str], sheet: str, rows: list[list[Any]]
) -> Unit:
    def chunks(header_index: int, chunk_rows: int) -> Iterator[pd.DataFrame]:
        data = rows[header_index + 1 :]
        for start in range(0, len(data), chunk_rows):
            part = data[start : start + chunk_rows]
            width = max((len(r) for r in part), default=0)
            frame = pd.DataFrame([list(r) + [None] * (width - len(r)) for r in part], dtype=object)
            first = header_index + 2 + start
            frame.index = range(first, first + len(frame))
            yield frame

    preamble = "\n".join(" ".join(str(c) for c in r if c not in (None, "")) for r in rows[:3])
    return Unit(
        label=f"{label} › {sheet}",
        name=name,
        containers=containers,
        head=rows[:HEAD_ROWS],
        sheet=sheet,
        preamble_text=preamble,
        _chunks=chunks,
    )


def _xls_units(path: Path, label: str, name: str, containers: list[str]) -> list[Unit]:
    import xlrd

    try:
        book = xlrd.open_workbook(filename=str(path))
    except Exception as exc:  # xlrd raises many types for damaged files
        raise reject(
            "unreadable", f"{label}: not a readable .xls workbook ({exc})", file=label
        ) from exc
    units = []
    try:
        for sheet in book.sheets():
            rows: list[list[Any]] = []
            for r in range(sheet.nrows):
                row: list[Any] = []
                for cell in sheet.row(r):
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        row.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                    elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        row.append(None)
                    else:
                        row.append(cell.value)
                rows.append(row)
            units.append(_sheet_unit(label, name, containers, sheet.name, rows))
    finally:
        book.release_resources()
    return units


def _xlsx_units(path: Path, label: str, name: str, containers: list[str]) -> list[Unit]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise reject(
            "unreadable", f"{label}: not a readable .xlsx workbook ({exc})", file=label
        ) from exc
    units = []
    try:
        for sheet in book.worksheets:
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            units.append(_sheet_unit(label, name, containers, sheet.title, rows))
    finally:
        book.close()
    return units


# ----------------------------------------------------------------- ZIP


def _unsafe(name: str) -> bool:
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True
    parts = name.replace("\\", "/").split("/")
    return ".." in parts


def _extract(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, workdir: Path, number: int
) -> Path:
    """Stream one entry into `workdir` piece by piece, never past the size it declares."""
    base = posixpath.basename(info.filename.replace("\\", "/"))
    target = workdir / f"{number:04d}{Path(base).suffix.lower()}"
    written = 0
    with archive.open(info) as member, target.open("wb") as out:
        while piece := member.read(COPY_BYTES):
            written += len(piece)
            if written > info.file_size:
                raise reject(
                    "zip_bomb",
                    f"{label}: entry {info.filename!r} is larger than it declares",
                    file=label,
                )
            out.write(piece)
    return target


def _zip_units(
    path: Path,
    label: str,
    containers: list[str],
    depth: int,
    budget: list[int],
    workdir: Path,
) -> list[Unit]:
    try:
        archive = zipfile.ZipFile(path)
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise reject(
            "unreadable", f"{label}: not a readable ZIP archive ({exc})", file=label
        ) from exc
    with archive:
        if len(infos) > MAX_ZIP_MEMBERS:
            raise reject(
                "zip_bomb",
                f"{label}: {len(infos)} entries (at most {MAX_ZIP_MEMBERS} expected)",
                file=label,
            )
        for info in infos:
            if _unsafe(info.filename):
                raise reject(
                    "unsafe_zip_member",
                    f"{label}: entry {info.filename!r} points outside the archive (absolute path or ..)",
                    file=label,
                    value=info.filename,
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_ZIP_RATIO:
                raise reject(
                    "zip_bomb",
                    f"{label}: entry {info.filename!r} expands {ratio:.0f}:1 to {info.file_size:,} bytes"
                    f" (at most {MAX_ZIP_RATIO}:1 accepted)",
                    file=label,
                    value=info.filename,
                )
            budget[0] -= info.file_size
            if budget[0] < 0:
                raise reject(
                    "zip_bomb",
                    f"{label}: the archive expands to more than {MAX_ZIP_TOTAL_BYTES:,} bytes",
                    file=label,
                )
        # many small members can each stay under the floor: the archive as a whole is
        # held to the same ratio (issue 14, hole 8)
        expanded = sum(info.file_size for info in infos)
        packed = sum(info.compress_size for info in infos)
        ratio = expanded / max(packed, 1)
        if expanded > RATIO_FLOOR_BYTES and ratio > MAX_ZIP_RATIO:
            raise reject(
                "zip_bomb",
                f"{label}: its {len(infos)} entries expand {ratio:.0f}:1 to {expanded:,} bytes"
                f" (at most {MAX_ZIP_RATIO}:1 accepted)",
                file=label,
            )
        units: list[Unit] = []
        for info in infos:
            base = posixpath.basename(info.filename.replace("\\", "/"))
            if (
                info.is_dir()
                or not base
                or info.filename.startswith("__MACOSX/")
                or base.startswith(".")
            ):
                continue
            budget[1] += 1
            member_path = _extract(archive, info, label, workdir, budget[1])
            folder = posixpath.dirname(info.filename.replace("\\", "/"))
            inner = [posixpath.basename(folder)] if folder else []
            member_label = f"{label} › {info.filename}"
            entry_time = datetime(*info.date_time) if info.date_time[0] >= 1981 else None
            member_units = _units_of(
                member_path,
                member_label,
                base,
                inner + containers,
                depth + 1,
                budget,
                workdir,
                entry_time,
            )
            for unit in member_units:
                if unit.member is None:
                    unit.member, unit.member_path = info.filename, member_path
            units.extend(member_units)
    return units


# ----------------------------------------------------------------- dispatch


def _units_of(
    path: Path,
    label: str,
    name: str,
    containers: list[str],
    depth: int,
    budget: list[int],
    workdir: Path,
    entry_time: datetime | None = None,
) -> list[Unit]:
    suffix = Path(name).suffix.lower()
    start = _peek(path, 65_536)
    what = signature(start)
    if suffix == ".zip" or what in ("a ZIP archive", "an empty ZIP archive"):
        is_xlsx = b"[Content_Types].xml" in start[:4096] or b"xl/" in start
        if suffix in EXCEL_EXTENSIONS and is_xlsx:
            return _xlsx_units(path, label, name, containers)
        if suffix not in (".zip", *EXCEL_EXTENSIONS) and suffix:
            raise _mismatch(label, suffix, what or "binary data")
        if suffix in EXCEL_EXTENSIONS:
            raise _mismatch(label, suffix, "a ZIP archive")
        if what is None:
            raise _mismatch(label, suffix, "not a ZIP archive")
        if depth >= MAX_ZIP_DEPTH:
            raise reject(
                "zip_bomb",
                f"{label}: ZIP archives nested more than {MAX_ZIP_DEPTH} deep",
                file=label,
            )
        return _zip_units(path, label, [Path(name).stem, *containers], depth, budget, workdir)
    if what == "a legacy Office (OLE2) file":
        if suffix not in (".xls", ""):
            raise _mismatch(label, suffix, "a legacy Excel (.xls) workbook")
        return _xls_units(path, label, name, containers)
    if suffix in EXCEL_EXTENSIONS:
        raise _mismatch(label, suffix, what or "text, not a workbook")
    if what is not None:
        raise _mismatch(label, suffix, what)
    return [_csv_unit(path, label, name, containers, entry_time)]


def _mismatch(label: str, suffix: str, what: str) -> Exception:
    return reject(
        "not_what_extension_says",
        f"{label}: named {suffix or 'without extension'} but the bytes are {what}",
        file=label,
        expected=f"a {suffix or 'known'} export",
    )


def read_units(path: Path, workdir: Path) -> list[Unit]:
    """Every table inside the upload at `path`. ZIP members are extracted into `workdir`
    (the caller's temporary folder, which must outlive the units' chunks)."""
    size = path.stat().st_size
    if size == 0:
        raise reject("empty_file", f"{path.name}: the file is empty (0 bytes)", file=path.name)
    if size > MAX_FILE_BYTES:
        raise reject(
            "too_large",
            f"{path.name}: {size:,} bytes (at most {MAX_FILE_BYTES:,})",
            file=path.name,
        )
    containers = [path.parent.name] if path.parent.name else []
    return _units_of(path, path.name, path.name, containers, 0, [MAX_ZIP_TOTAL_BYTES, 0], workdir)


@contextmanager
def units_of_file(path: Path) -> Iterator[list[Unit]]:
    """`read_units` with a temporary working folder removed when the block ends."""
    with work_folder("read") as folder:
        yield read_units(path, folder)
