"""The report as an Excel workbook (openpyxl): a KPI sheet, a series sheet, actions,
stories and the imports used.

Every text cell that a spreadsheet could read as a formula (starting with = + - @, a tab or
a carriage return) is written as text with a leading apostrophe, so no cell is executed.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from language.catalogs import rt
from language.formatting import kpi_value, period_label, platform_name, status_label
from reports.branding import STATUS_COLOURS
from reports.i18n_reports import action_state
from reports.review_pack import KpiLine, ReviewPack

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
NUMBER_FORMATS: dict[str, str] = {"percent": "0.00%", "hours": "#,##0.0", "count": "#,##0"}


def safe_text(value: str) -> str:
    """A string that no spreadsheet executes: formula-like text gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell_value(value: Any) -> Any:
    return safe_text(value) if isinstance(value, str) else value


def _sheet(
    book: Workbook, title: str, headings: list[str], rows: list[list[Any]], colour: str
) -> Worksheet:
    sheet = book.create_sheet(title=title[:31])
    sheet.append([_cell_value(h) for h in headings])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=colour.lstrip("#"))
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        sheet.append([_cell_value(v) for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # stored as a string, never as a formula
    sheet.freeze_panes = "A2"
    for index, heading in enumerate(headings, start=1):
        longest = max([len(str(heading))] + [len(str(r[index - 1] or "")) for r in rows])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(10, longest + 2), 60)
    return sheet


def _coverage(kpi: KpiLine) -> str | None:
    """`done/total unit` of the KPI's period ("1/3 month"), for the scorecard sheet."""
    if kpi.coverage_done is None or kpi.coverage_total is None:
        return None
    return f"{kpi.coverage_done}/{kpi.coverage_total} {kpi.coverage_unit or 'month'}"


def build_xlsx(pack: ReviewPack) -> bytes:
    """The workbook of a review pack, as bytes."""
    lang = pack.language
    colour = pack.branding.primary
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)

    kpi_rows: list[list[Any]] = []
    units: list[str] = []
    for section in pack.objectives:
        for k in section.kpis:
            kpi_rows.append(
                [
                    section.name,
                    k.kpi_id,
                    k.name,
                    k.value,
                    k.previous,
                    k.target,
                    status_label(lang, k.status),
                    k.status,
                    k.target_reached,
                    k.unit,
                    k.owner,
                    kpi_value(k.value, k.unit, lang),
                    kpi_value(k.target, k.unit, lang),
                    k.compared_with,
                    _coverage(k),
                    k.last_year,
                ]
            )
            units.append(k.unit)
    headings = [
        rt(lang, "Objective"),
        "id",
        rt(lang, "KPI"),
        rt(lang, "Value"),
        rt(lang, "Previous"),
        rt(lang, "Target"),
        rt(lang, "Status"),
        "status_code",
        rt(lang, "Target reached"),
        "unit",
        rt(lang, "Owner"),
        rt(lang, "Value as shown"),
        rt(lang, "Target as shown"),
        "compared_with",
        "coverage",
        rt(lang, "A year earlier"),
    ]
    sheet = _sheet(book, rt(lang, "Scorecard"), headings, kpi_rows, colour)
    sheet.insert_rows(1)
    sheet.insert_rows(1)
    sheet["A1"] = safe_text(f"{pack.organisation} · {pack.strategy_name}")
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = safe_text(rt(lang, "Period: {period}", period=period_label(pack.period, lang)))
    sheet.freeze_panes = "A4"
    for offset, unit in enumerate(units):
        row = 4 + offset
        for column in ("D", "E", "F", "P"):
            sheet[f"{column}{row}"].number_format = NUMBER_FORMATS.get(unit, "General")
        sheet[f"I{row}"].number_format = "0%"
        status = kpi_rows[offset][7]
        sheet[f"G{row}"].font = Font(bold=True, color=STATUS_COLOURS[status].lstrip("#"))

    names = {k.kpi_id: k.name for k in pack.kpis()}
    series_rows: list[list[Any]] = []
    for section in pack.objectives:
        for s in section.series:
            for p in s.points:
                series_rows.append(
                    [
                        s.kpi_id,
                        names.get(s.kpi_id, ""),
                        p.period,
                        p.start,
                        p.value,
                        p.target,
                        p.in_progress,
                    ]
                )
    series_sheet = _sheet(
        book,
        "series",
        [
            "kpi_id",
            rt(lang, "KPI"),
            "period",
            "start",
            rt(lang, "Value"),
            rt(lang, "Target"),
            "in_progress",
        ],
        series_rows,
        colour,
    )
    for row in series_sheet.iter_rows(min_row=2, min_col=4, max_col=4):
        row[0].number_format = "yyyy-mm-dd"

    by_platform = [
        [v.kpi_id, names.get(v.kpi_id, ""), platform_name(v.platform), v.value]
        for section in pack.objectives
        for v in section.platform_values
    ]
    if by_platform:
        _sheet(
            book,
            rt(lang, "By network"),
            ["kpi_id", rt(lang, "KPI"), rt(lang, "Platform"), rt(lang, "Value")],
            by_platform,
            colour,
        )

    _sheet(
        book,
        rt(lang, "Actions"),
        [
            rt(lang, "Action"),
            rt(lang, "Owner"),
            rt(lang, "Due"),
            rt(lang, "State"),
            "kpi_id",
            rt(lang, "KPI"),
        ],
        [
            [
                a.title,
                a.owner,
                a.due,
                action_state(lang, a.status),
                a.kpi_id,
                names.get(a.kpi_id or "", ""),
            ]
            for a in pack.actions
        ],
        colour,
    )
    _sheet(
        book,
        rt(lang, "Success stories"),
        [
            rt(lang, "Title"),
            rt(lang, "Story"),
            "kpi_id",
            rt(lang, "KPI"),
            "link",
        ],
        [[s.title, s.body, s.kpi_id, names.get(s.kpi_id or "", ""), s.link] for s in pack.stories],
        colour,
    )
    quality = pack.data_quality
    _sheet(
        book,
        rt(lang, "Imports used"),
        [
            "import_id",
            rt(lang, "File"),
            rt(lang, "Platform"),
            rt(lang, "Account"),
            rt(lang, "Rows loaded"),
            rt(lang, "Rows quarantined"),
        ],
        [
            [i.import_id, i.file_name, i.platform, i.account, i.rows_loaded, i.rows_rejected]
            for i in quality.imports
        ],
        colour,
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
