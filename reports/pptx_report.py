"""The meeting deck (python-pptx, 16:9): title, summary, scorecard, one slide per objective
with native, editable line charts (value and target) and the commentary in speaker notes."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from reports.branding import STATUS_COLOURS
from reports.errors import ReportBuildError
from reports.formatting import kpi_value, period_label, short_date
from reports.i18n_reports import status_label, t
from reports.narrative import executive_summary, kpi_label
from reports.review_pack import KpiLine, KpiSeries, ObjectiveSection, ReviewPack

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
CHARTS_PER_SLIDE = 4
NUMBER_FORMATS: dict[str, str] = {"percent": "0.0%", "hours": "0.0", "count": "#,##0"}
MILLIONS = '0.0,,"M"'
THOUSANDS = '0,"k"'


def _colour(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _title(slide, text: str, pack: ReviewPack, size: int = 28) -> None:  # type: ignore[no-untyped-def]
    box = slide.shapes.add_textbox(Inches(0.5), Inches(0.3), WIDTH - Inches(1.0), Inches(0.9))
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = True
    run.font.color.rgb = _colour(pack.branding.primary)


# Lines per summary section that fit the slide beside the others (the off-target and
# no-data sections list every such KPI; the notes and the scorecard slides keep them all).
SUMMARY_LINES = 4


def capped(lines: tuple[str, ...], limit: int, lang: str) -> list[str]:
    """At most `limit` lines: the first `limit - 1` and one saying how many more there are."""
    if len(lines) <= limit:
        return list(lines)
    return [*lines[: limit - 1], t(lang, "more_lines", n=len(lines) - (limit - 1))]


def _bullets(
    slide, lines: list[tuple[str, int]], top, height, size: int = 16, bulleted: bool = True
) -> None:  # type: ignore[no-untyped-def]
    box = slide.shapes.add_textbox(Inches(0.6), top, WIDTH - Inches(1.2), height)
    frame = box.text_frame
    frame.word_wrap = True
    for index, (text, level) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = ("• " + text) if level == 1 and bulleted else text
        paragraph.level = level
        paragraph.font.size = Pt(size if level == 0 else size - 2)
        paragraph.font.bold = level == 0
        paragraph.space_before = Pt(8 if level == 0 and index else 2)


def _kpi_table(slide, pack: ReviewPack, kpis: tuple[KpiLine, ...], top, height) -> None:  # type: ignore[no-untyped-def]
    lang = pack.language
    headings = [t(lang, k) for k in ("kpi", "value", "previous", "target", "status")]
    shape = slide.shapes.add_table(
        len(kpis) + 1, len(headings), Inches(0.5), top, WIDTH - Inches(1.0), height
    )
    table = shape.table
    widths = [4.9, 1.75, 1.75, 1.75, 2.18]
    for index, width in enumerate(widths):
        table.columns[index].width = Inches(width)
    for col, heading in enumerate(headings):
        cell = table.cell(0, col)
        cell.text = heading
        cell.fill.solid()
        cell.fill.fore_color.rgb = _colour(pack.branding.primary)
        cell.text_frame.paragraphs[0].font.size = Pt(16)
        cell.text_frame.paragraphs[0].font.bold = True
        cell.text_frame.paragraphs[0].font.color.rgb = RGBColor(255, 255, 255)
    for row, kpi in enumerate(kpis, start=1):
        values = [
            kpi_label(kpi, lang),
            kpi_value(kpi.value, kpi.unit, lang),
            kpi_value(kpi.previous, kpi.unit, lang),
            kpi_value(kpi.target, kpi.unit, lang),
            status_label(lang, kpi.status),
        ]
        for col, text in enumerate(values):
            cell = table.cell(row, col)
            cell.text = text
            cell.fill.solid()
            cell.fill.fore_color.rgb = (
                RGBColor(0xF5, 0xF5, 0xF5) if row % 2 else RGBColor(255, 255, 255)
            )
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.font.size = Pt(16)
            paragraph.font.color.rgb = RGBColor(0x22, 0x22, 0x22)
            if 1 <= col <= 3:
                paragraph.alignment = PP_ALIGN.RIGHT
            if col == 4:
                paragraph.font.bold = True
                paragraph.font.color.rgb = _colour(STATUS_COLOURS.get(kpi.status, "#444444"))


def _chart(slide, pack: ReviewPack, section: ObjectiveSection, kpi: KpiLine, x, y, w, h) -> None:  # type: ignore[no-untyped-def]
    lang = pack.language
    series = section.series_of(kpi.kpi_id)
    if series is None:
        return
    data = CategoryChartData(number_format=NUMBER_FORMATS.get(kpi.unit, "General"))
    data.categories = [period_label(p.period, lang, short=True) for p in series.points]
    data.add_series(t(lang, "chart_value"), [p.value for p in series.points])
    data.add_series(t(lang, "chart_target"), [p.target for p in series.points])
    graphic = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, x, y, w, h, data)
    chart = graphic.chart
    chart.has_title = True
    chart.chart_title.text_frame.text = kpi.name
    chart.chart_title.text_frame.paragraphs[0].font.size = Pt(13)
    chart.chart_title.text_frame.paragraphs[0].font.bold = True
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(10)
    chart.category_axis.tick_labels.font.size = Pt(9)
    chart.value_axis.tick_labels.font.size = Pt(9)
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.tick_labels.number_format = _axis_format(kpi, series)
    chart.value_axis.tick_labels.number_format_is_linked = False
    value_line, target_line = chart.plots[0].series
    value_line.format.line.color.rgb = _colour(pack.branding.primary)
    value_line.format.line.width = Pt(2.5)
    value_line.smooth = False
    target_line.format.line.color.rgb = _colour(pack.branding.accent)
    target_line.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    target_line.format.line.width = Pt(2)
    target_line.marker.style = None
    target_line.smooth = False


def _axis_format(kpi: KpiLine, series: KpiSeries) -> str:
    """Axis labels short enough to read: 8000000 → 8.0M, 45000 → 45k, 0.045 → 4.5%."""
    if kpi.unit in ("percent", "hours"):
        return NUMBER_FORMATS[kpi.unit]
    numbers = [abs(v) for p in series.points for v in (p.value, p.target) if v is not None]
    top = max(numbers, default=0.0)
    if top >= 1_000_000:
        return MILLIONS
    if top >= 10_000:
        return THOUSANDS
    return "#,##0.##" if top < 10 else "#,##0"


def _discussion(pack: ReviewPack, section: ObjectiveSection) -> list[tuple[str, int]]:
    """Commentary, actions and stories of an objective as slide bullets (the first few)."""
    lang = pack.language
    lines: list[tuple[str, int]] = [(t(lang, "comments"), 0)]
    for c in section.comments[:4]:
        prefix = f"{t(lang, 'decision')}: " if c.kind == "decision" else ""
        lines.append((f"{prefix}{c.body} ({c.author})", 1))
    if not section.comments:
        lines.append((t(lang, "no_comments"), 1))
    if section.actions:
        lines.append((t(lang, "actions"), 0))
        lines.extend(
            (f"{a.title} — {a.owner}, {t(lang, 'due')}: {short_date(a.due, lang)}", 1)
            for a in section.actions[:3]
        )
    return lines


def _notes(pack: ReviewPack, section: ObjectiveSection) -> str:
    lang = pack.language
    lines = [
        t(
            lang,
            "notes_kpi",
            name=k.name,
            value=kpi_value(k.value, k.unit, lang),
            target=kpi_value(k.target, k.unit, lang),
            status=status_label(lang, k.status),
        )
        for k in section.kpis
    ]
    lines.append("")
    lines.append(t(lang, "comments") + ":")
    if not section.comments:
        lines.append(t(lang, "no_comments"))
    for c in section.comments:
        prefix = f"{t(lang, 'decision')}: " if c.kind == "decision" else ""
        lines.append("  " * c.depth + f"- {prefix}{c.body} ({c.author})")
    if section.actions:
        lines.append("")
        lines.append(t(lang, "actions") + ":")
        for a in section.actions:
            lines.append(f"- {a.title} ({a.owner}, {t(lang, 'due')} {short_date(a.due, lang)})")
    if section.stories:
        lines.append("")
        lines.append(t(lang, "stories") + ":")
        lines.extend(f"- {s.title}: {s.body}" for s in section.stories)
    return "\n".join(lines)


def build_pptx(pack: ReviewPack) -> bytes:
    """The meeting deck of a review pack, as bytes."""
    lang = pack.language
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    blank = prs.slide_layouts[6]

    slide = prs.slides.add_slide(blank)
    band = slide.shapes.add_shape(1, 0, 0, WIDTH, Inches(3.2))
    band.fill.solid()
    band.fill.fore_color.rgb = _colour(pack.branding.primary)
    band.line.fill.background()
    if pack.logo is not None:
        try:
            slide.shapes.add_picture(str(pack.logo), Inches(0.6), Inches(0.4), height=Inches(0.9))
        except Exception as exc:  # python-pptx/Pillow raise many kinds for unreadable images
            raise ReportBuildError(
                "logo_unreadable",
                f"branding.logo: {pack.logo} cannot be read as a PNG or JPEG image ({exc})",
            ) from None
    box = slide.shapes.add_textbox(Inches(0.6), Inches(1.4), WIDTH - Inches(1.2), Inches(1.6))
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = t(lang, "report_title")
    frame.paragraphs[0].font.size = Pt(36)
    frame.paragraphs[0].font.bold = True
    frame.paragraphs[0].font.color.rgb = RGBColor(255, 255, 255)
    org = frame.add_paragraph()
    org.text = pack.organisation
    org.font.size = Pt(20)
    org.font.color.rgb = RGBColor(255, 255, 255)
    _bullets(
        slide,
        [(pack.strategy_name, 0), (t(lang, "period", period=period_label(pack.period, lang)), 1)],
        Inches(3.8),
        Inches(2.0),
        size=22,
        bulleted=False,
    )

    summary = executive_summary(pack)
    slide = prs.slides.add_slide(blank)
    _title(slide, t(lang, "executive_summary"), pack)
    lines: list[tuple[str, int]] = [(summary.headline, 0)]
    for section in summary.sections:
        lines.append((section.title, 0))
        lines.extend((line, 1) for line in capped(section.lines, SUMMARY_LINES, lang))
    _bullets(slide, lines, Inches(1.2), HEIGHT - Inches(1.5), size=18 if len(lines) < 16 else 16)
    slide.notes_slide.notes_text_frame.text = summary.text()

    for section in pack.objectives:
        slide = prs.slides.add_slide(blank)
        _title(slide, f"{t(lang, 'objective')}: {section.name}", pack, size=26)
        rows = len(section.kpis) + 1
        table_height = Emu(Inches(0.55) * rows)
        _kpi_table(slide, pack, section.kpis, Inches(1.25), table_height)
        room = HEIGHT - Inches(1.25) - table_height - Inches(0.6)
        if room > Inches(1.0):
            _bullets(
                slide,
                _discussion(pack, section),
                Emu(Inches(1.25) + table_height + Inches(0.3)),
                Emu(room),
                size=16,
            )
        slide.notes_slide.notes_text_frame.text = _notes(pack, section)
        kpis = [k for k in section.kpis if section.series_of(k.kpi_id) is not None]
        for start in range(0, len(kpis), CHARTS_PER_SLIDE):
            chunk = kpis[start : start + CHARTS_PER_SLIDE]
            chart_slide = prs.slides.add_slide(blank)
            _title(chart_slide, section.name, pack, size=24)
            cols = 2 if len(chunk) > 1 else 1
            grid_rows = (len(chunk) + cols - 1) // cols
            w = (WIDTH - Inches(1.0) - Inches(0.3) * (cols - 1)) / cols
            h = (HEIGHT - Inches(1.5) - Inches(0.2) * (grid_rows - 1)) / grid_rows
            for index, kpi in enumerate(chunk):
                x = Inches(0.5) + (index % cols) * (w + Inches(0.3))
                y = Inches(1.2) + (index // cols) * (h + Inches(0.2))
                _chart(
                    chart_slide,
                    pack,
                    section,
                    kpi,
                    Emu(int(x)),
                    Emu(int(y)),
                    Emu(int(w)),
                    Emu(int(h)),
                )
            chart_slide.notes_slide.notes_text_frame.text = _notes(pack, section)

    slide = prs.slides.add_slide(blank)
    _title(slide, t(lang, "actions") + " · " + t(lang, "stories"), pack)
    lines = [(t(lang, "actions"), 0)]
    for a in pack.actions:
        due = short_date(a.due, lang)
        state = t(lang, "action_" + a.status)
        lines.append((f"{a.title} — {a.owner}, {t(lang, 'due')}: {due} ({state})", 1))
    if not pack.actions:
        lines.append((t(lang, "no_actions"), 1))
    lines.append((t(lang, "stories"), 0))
    lines.extend((f"{s.title}: {s.body}", 1) for s in pack.stories)
    if not pack.stories:
        lines.append((t(lang, "no_stories"), 1))
    _bullets(slide, lines, Inches(1.3), HEIGHT - Inches(1.6), size=16)

    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
