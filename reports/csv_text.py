"""CSV files the product writes, safe to open in a spreadsheet program.

A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by
Excel, LibreOffice and Google Sheets (CSV injection: a post text `=HYPERLINK(...)` or
`=cmd|...`). Such a text cell gets a leading apostrophe, as OWASP recommends and as the Excel
report does (`reports.xlsx_report.safe_text`); numbers are written as numbers (a negative
number is not text and stays `-3`).
"""

from __future__ import annotations

import pandas as pd

from reports.xlsx_report import safe_text


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every text cell (and header) that a spreadsheet would execute escaped."""
    out = frame.copy()
    out.columns = [safe_text(c) if isinstance(c, str) else c for c in out.columns]
    for column in out.columns:
        cells = out[column]
        if pd.api.types.is_object_dtype(cells.dtype) or pd.api.types.is_string_dtype(cells.dtype):
            out[column] = cells.map(lambda v: safe_text(v) if isinstance(v, str) else v).astype(
                object
            )
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """`frame` as UTF-8 CSV (with a byte-order mark, so Excel reads the accents) that no
    spreadsheet program executes."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")
