"""Text read back from the built reports (PDF via pypdf, PPTX via python-pptx, XLSX via
openpyxl), and golden-file comparison refreshed by SOCIALKPI_UPDATE_GOLDEN=1."""

from __future__ import annotations

import io
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_ENV = "SOCIALKPI_UPDATE_GOLDEN"


def pdf_pages(content: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content: bytes) -> str:
    return "".join(
        f"--- page {n} ---\n{text.strip()}\n" for n, text in enumerate(pdf_pages(content), 1)
    )


def pptx_text(content: bytes) -> str:
    from pptx import Presentation

    parts: list[str] = []
    for number, slide in enumerate(Presentation(io.BytesIO(content)).slides, 1):
        parts.append(f"--- slide {number} ---")
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                parts.append(shape.text_frame.text)
            if shape.has_table:
                for row in shape.table.rows:
                    parts.append(" | ".join(cell.text for cell in row.cells))
            if shape.has_chart:
                chart = shape.chart
                title = chart.chart_title.text_frame.text if chart.has_title else ""
                names = ", ".join(s.name for s in chart.plots[0].series)
                parts.append(f"[chart {title}: {names}]")
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip():
            parts.append("notes:")
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts) + "\n"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    parts: list[str] = []
    for sheet in book.worksheets:
        parts.append(f"--- sheet {sheet.title} ---")
        for row in sheet.iter_rows(values_only=True):
            parts.append("\t".join(_cell(v) for v in row).rstrip("\t"))
    return "\n".join(parts) + "\n"


def normalised(text: str) -> str:
    return " ".join(text.split())


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get(UPDATE_ENV) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run the tests once with {UPDATE_ENV}=1"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from its golden file (refresh: {UPDATE_ENV}=1)"
