"""Byte-level writers shared by the platform generators.

Every writer is deterministic: no wall-clock time, no locale lookups, stable ordering. ZIP entries
and XLSX document properties carry the export day passed in by the caller.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime

Cell = str | int | float | None

_NEEDS_QUOTES = re.compile(r'[ ,"\n\r]')


def quote_always(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def quote_meta(value: str) -> str:
    """Meta's pattern: a field is quoted when it holds a space, comma, quote or line break."""
    return quote_always(value) if _NEEDS_QUOTES.search(value) else value


def quote_minimal(value: str) -> str:
    """RFC 4180 minimal quoting (what Python's csv module and X's exports do)."""
    return quote_always(value) if re.search(r'[,"\n\r]', value) else value


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def csv_text(
    rows: Iterable[Sequence[Cell]],
    *,
    quoting: str = "minimal",
    line_end: str = "\n",
    trailing_newline: bool = True,
) -> str:
    quote = {"minimal": quote_minimal, "meta": quote_meta, "all": quote_always}[quoting]
    lines = [",".join(quote(cell_text(c)) for c in row) for row in rows]
    text = line_end.join(lines)
    return text + line_end if trailing_newline else text


def utf8_bom(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def meta_daily_bytes(title: str, series: Iterable[tuple[date, int]]) -> bytes:
    """Meta Business Suite per-chart daily export: UTF-16 LE with BOM, `sep=,`, title line."""
    lines = ["sep=,", quote_always(title), '"Date","Primary"']
    lines += [f'"{day.isoformat()}T00:00:00","{value}"' for day, value in series]
    return b"\xff\xfe" + ("\n".join(lines) + "\n").encode("utf-16-le")


def _zip_time(when: datetime) -> tuple[int, int, int, int, int, int]:
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def zip_bytes(
    entries: Sequence[tuple[str, bytes]], when: datetime, *, compress: bool = True
) -> bytes:
    """A ZIP whose entries are stamped with `when` (the export moment), in the given order."""
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=_zip_time(when))
            info.compress_type = method
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[Sequence[Cell]]]], when: datetime) -> bytes:
    """An .xlsx written with openpyxl, then normalised so the bytes depend only on the input."""
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for name, rows in sheets:
        sheet = workbook.create_sheet(title=name)
        for row in rows:
            sheet.append(list(row))
    workbook.properties.creator = "openpyxl"
    raw = io.BytesIO()
    workbook.save(raw)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    entries: list[tuple[str, bytes]] = []
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as archive:
        for name in archive.namelist():
            content = archive.read(name)
            if name == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                    lambda m: m.group(1) + stamp + m.group(3),
                    text,
                )
                content = text.encode("utf-8")
            entries.append((name, content))
    return zip_bytes(entries, when)


def xls_bytes(sheets: Sequence[tuple[str, Sequence[Sequence[Cell]]]]) -> bytes:
    """A legacy binary .xls (BIFF8 in an OLE2 compound file) written with xlwt."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets:
        sheet = workbook.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
