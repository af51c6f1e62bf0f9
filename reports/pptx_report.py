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

from language.catalogs import rt
from language.formatting import (
    kpi_value,
    number,
    period_label,
    platform_name,
    short_date,
    status_count_word,
    status_label,
)
from metrics.audience import earlier_spans
from reports.appendix import import_groups, imports_summary, missing_lines
from reports.benchmark_section import benchmark_headings, benchmark_note, benchmark_rows
from reports.branding import STATUS_COLOURS
from reports.charts import value_label
from reports.errors import ReportBuildError
from reports.i18n_reports import kpi_table_headings, measure_word
from reports.maturity_section import element_name, stage_sentence, step_lines, verdict
from reports.maturity_section import stage_name as maturity_stage_name
from reports.narrative import kpi_label
from reports.page_one import (
    STATUS_ORDER,
    PageOne,
    action_line,
    change_against,
    page_one,
    quote,
    reached_text,
)
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
    return [
        *lines[: limit - 1],
        rt(lang, "… and {n} more: see the scorecard.", n=len(lines) - (limit - 1)),
    ]


def _bullets(
    slide, lines: list[tuple[str, int]], top, height, size: int = 16, bulleted: bool = True
):  # type: ignore[no-untyped-def]
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
    return box


def _kpi_table(slide, pack: ReviewPack, kpis: tuple[KpiLine, ...], top, height) -> None:  # type: ignore[no-untyped-def]
    lang = pack.language
    headings = kpi_table_headings(lang)
    shape = slide.shapes.add_table(
        len(kpis) + 1, len(headings), Inches(0.5), top, WIDTH - Inches(1.0), height
    )
    table = shape.table
    widths = [3.9, 1.35, 1.35, 1.6, 2.6, 1.2, 1.33]
    for index, width in enumerate(widths):
        table.columns[index].width = Inches(width)
    for col, heading in enumerate(headings):
        cell = table.cell(0, col)
        cell.text = heading
        cell.fill.solid()
        cell.fill.fore_color.rgb = _colour(pack.branding.primary)
        cell.text_frame.paragraphs[0].font.size = Pt(13)
        cell.text_frame.paragraphs[0].font.bold = True
        cell.text_frame.paragraphs[0].font.color.rgb = RGBColor(255, 255, 255)
    for row, kpi in enumerate(kpis, start=1):
        values = [
            kpi_label(kpi, lang),
            kpi_value(kpi.value, kpi.unit, lang),
            kpi_value(kpi.target, kpi.unit, lang),
            status_label(lang, kpi.status),
            change_against(kpi, lang),
            reached_text(kpi, lang),
            kpi_value(kpi.last_year, kpi.unit, lang),
        ]
        for col, text in enumerate(values):
            cell = table.cell(row, col)
            cell.text = text
            cell.fill.solid()
            cell.fill.fore_color.rgb = (
                RGBColor(0xF5, 0xF5, 0xF5) if row % 2 else RGBColor(255, 255, 255)
            )
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.font.size = Pt(13)
            paragraph.font.color.rgb = RGBColor(0x22, 0x22, 0x22)
            if col in (1, 2, 5, 6):
                paragraph.alignment = PP_ALIGN.RIGHT
            if col == 3:
                paragraph.font.bold = True
                paragraph.font.color.rgb = _colour(STATUS_COLOURS.get(kpi.status, "#444444"))


def _grid(slide, pack: ReviewPack, headings: list[str], rows: list[list[str]], top, widths) -> None:  # type: ignore[no-untyped-def]
    """A plain table (by network, audience, top posts) at `top`, columns of `widths` in."""
    height = Inches(0.4) * (len(rows) + 1)
    shape = slide.shapes.add_table(
        len(rows) + 1, len(headings), Inches(0.5), top, Inches(sum(widths)), height
    )
    table = shape.table
    for index, width in enumerate(widths):
        table.columns[index].width = Inches(width)
    for col, heading in enumerate(headings):
        cell = table.cell(0, col)
        cell.text = heading
        cell.fill.solid()
        cell.fill.fore_color.rgb = _colour(pack.branding.primary)
        cell.text_frame.paragraphs[0].font.size = Pt(12)
        cell.text_frame.paragraphs[0].font.bold = True
        cell.text_frame.paragraphs[0].font.color.rgb = RGBColor(255, 255, 255)
    for r, values in enumerate(rows, start=1):
        for col, text in enumerate(values):
            cell = table.cell(r, col)
            cell.text = text
            cell.fill.solid()
            cell.fill.fore_color.rgb = (
                RGBColor(0xF5, 0xF5, 0xF5) if r % 2 else RGBColor(255, 255, 255)
            )
            cell.text_frame.paragraphs[0].font.size = Pt(12)
            if col:
                cell.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT


def _chart(slide, pack: ReviewPack, section: ObjectiveSection, kpi: KpiLine, x, y, w, h) -> None:  # type: ignore[no-untyped-def]
    lang = pack.language
    series = section.series_of(kpi.kpi_id)
    if series is None:
        return
    data = CategoryChartData(number_format=NUMBER_FORMATS.get(kpi.unit, "General"))
    data.categories = [period_label(p.period, lang, short=True) for p in series.points]
    data.add_series(value_label(kpi, lang), [p.value for p in series.points])
    data.add_series(rt(lang, "Target"), [p.target for p in series.points])
    monthly = any(p.period_value is not None for p in series.points)
    if monthly:  # a year-to-date KPI: its months' own values beside the running total
        data.add_series(rt(lang, "Each month"), [p.period_value for p in series.points])
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
    lines = list(chart.plots[0].series)
    value_line, target_line = lines[0], lines[1]
    if monthly:
        month_line = lines[2]
        month_line.format.line.color.rgb = _colour(pack.branding.accent)
        month_line.format.line.width = Pt(1.25)
        month_line.marker.style = None
        month_line.smooth = False
    value_line.format.line.color.rgb = _colour(pack.branding.primary)
    value_line.format.line.width = Pt(2.5)
    value_line.smooth = False
    for index, point in enumerate(series.points):
        if point.in_progress and point.value is not None:  # an open circle: not complete
            marker = value_line.points[index].marker
            marker.size = 9
            marker.format.fill.solid()
            marker.format.fill.fore_color.rgb = RGBColor(255, 255, 255)
            marker.format.line.color.rgb = _colour(pack.branding.primary)
    target_line.format.line.color.rgb = _colour(pack.branding.target)
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
    """Commentary and actions of an objective as slide bullets (the first few; the notes
    keep them all). Nothing when nothing was recorded."""
    lang = pack.language
    lines: list[tuple[str, int]] = []
    if section.comments:
        lines.append((rt(lang, "Commentary"), 0))
        decision = rt(lang, "Decision")
        for c in section.comments[:3]:
            prefix = f"{decision}: " if c.kind == "decision" else ""
            lines.append((f"{prefix}{quote(c.body, 140)} ({c.author})", 1))
    if section.actions:
        lines.append((rt(lang, "Actions"), 0))
        lines.extend((action_line(a, lang), 1) for a in section.actions[:3])
    return lines


def _notes(pack: ReviewPack, section: ObjectiveSection) -> str:
    """Speaker notes: every KPI in a sentence, then all that the meeting recorded."""
    lang = pack.language
    lines = [
        rt(
            lang,
            "{name}: {value} (target {target}, {status})",
            name=kpi_label(k, lang),
            value=kpi_value(k.value, k.unit, lang),
            target=kpi_value(k.target, k.unit, lang),
            status=status_label(lang, k.status),
        )
        + (f" — {change_against(k, lang)}" if k.previous is not None else "")
        for k in section.kpis
    ]
    if section.previous_comments:
        lines += ["", rt(lang, "Said in {period}", period=_previous_label(pack)) + ":"]
        lines += [f"- {c.body} ({c.author})" for c in section.previous_comments]
    if section.comments:
        lines += ["", rt(lang, "Commentary") + ":"]
        decision = rt(lang, "Decision")
        for c in section.comments:
            prefix = f"{decision}: " if c.kind == "decision" else ""
            lines.append("  " * c.depth + f"- {prefix}{c.body} ({c.author})")
    if section.actions:
        lines += ["", rt(lang, "Actions") + ":"]
        lines += [f"- {action_line(a, lang)}" for a in section.actions]
    if section.stories:
        lines += ["", rt(lang, "Success stories") + ":"]
        lines.extend(f"- {s.title}: {s.body}" for s in section.stories)
    return "\n".join(lines)


def _previous_label(pack: ReviewPack) -> str:
    from metrics.periods import Period

    return period_label(str(Period.parse(pack.period).previous()), pack.language)


def _status_boxes(slide, pack: ReviewPack, summary: PageOne, top) -> None:  # type: ignore[no-untyped-def]
    """One box per status: the count, and the status in words, in its colour."""
    lang = pack.language
    shown = [s for s in STATUS_ORDER if s != "no_target" or summary.counts[s]]
    gap = Inches(0.2)
    w = int((WIDTH - Inches(1.0) - gap * (len(shown) - 1)) / len(shown))
    for index, status in enumerate(shown):
        box = slide.shapes.add_shape(
            5, Inches(0.5) + index * (w + gap), top, w, Inches(1.0)
        )  # rounded rectangle
        box.fill.solid()
        box.fill.fore_color.rgb = _colour(STATUS_COLOURS[status])
        box.line.fill.background()
        frame = box.text_frame
        frame.text = str(summary.counts[status])
        frame.paragraphs[0].font.size = Pt(28)
        frame.paragraphs[0].font.bold = True
        frame.paragraphs[0].font.color.rgb = RGBColor(255, 255, 255)
        words = frame.add_paragraph()
        words.text = status_count_word(lang, status)
        words.font.size = Pt(14)
        words.font.color.rgb = RGBColor(255, 255, 255)


def _page_one_slides(prs, blank, pack: ReviewPack) -> None:  # type: ignore[no-untyped-def]
    """Page one of the report over two slides: counts, objectives and movements; then what
    needs attention, what was decided and what changed in the strategy."""
    lang = pack.language
    summary = page_one(pack)
    slide = prs.slides.add_slide(blank)
    band = slide.shapes.add_shape(1, 0, 0, WIDTH, Inches(1.2))
    band.fill.solid()
    band.fill.fore_color.rgb = _colour(pack.branding.primary)
    band.line.fill.background()
    left = Inches(0.5)
    if pack.logo is not None:
        try:
            slide.shapes.add_picture(str(pack.logo), Inches(0.4), Inches(0.15), height=Inches(0.9))
        except Exception as exc:  # python-pptx/Pillow raise many kinds for unreadable images
            raise ReportBuildError(
                "logo_unreadable",
                f"branding.logo: {pack.logo} cannot be read as a PNG or JPEG image ({exc})",
            ) from None
        left = Inches(1.6)
    box = slide.shapes.add_textbox(left, Inches(0.1), WIDTH - left - Inches(0.5), Inches(1.0))
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = (
        rt(lang, "Social media performance report") + f" · {period_label(pack.period, lang)}"
    )
    frame.paragraphs[0].font.size = Pt(26)
    frame.paragraphs[0].font.bold = True
    frame.paragraphs[0].font.color.rgb = RGBColor(255, 255, 255)
    org = frame.add_paragraph()
    org.text = f"{pack.organisation} · {pack.strategy_name}"
    org.font.size = Pt(14)
    org.font.color.rgb = RGBColor(255, 255, 255)
    _status_boxes(slide, pack, summary, Inches(1.4))
    lines: list[tuple[str, int]] = [(rt(lang, "By objective"), 0)]
    for row in summary.objectives:
        counts = row.counts()
        words = ", ".join(
            f"{counts[s]} {status_count_word(lang, s)}" for s in STATUS_ORDER if counts[s]
        )
        lines.append((f"{row.name}: {words}", 1))
    if summary.movements:
        lines.append((rt(lang, "What moved most (each against the period it names)"), 0))
        lines.extend((("▲ " if m.rose else "▼ ") + m.line, 1) for m in summary.movements[:4])
    box = _bullets(slide, lines, Inches(2.6), HEIGHT - Inches(2.8), size=16, bulleted=False)
    # the arrow says where the value went; its colour whether that is good (as in the PDF)
    moved = summary.movements[:4]
    paragraphs = [p for p in box.text_frame.paragraphs if p.text[:1] in ("▲", "▼")]
    for paragraph, move in zip(paragraphs, moved, strict=False):
        colour = STATUS_COLOURS["green" if move.improved else "red"]
        paragraph.runs[0].font.color.rgb = _colour(colour)
    slide.notes_slide.notes_text_frame.text = summary.text(lang)

    rest: list[tuple[str, int]] = []
    if summary.attention:
        rest.append((rt(lang, "Needs attention"), 0))
        rest.extend((line, 1) for line in capped(summary.attention, SUMMARY_LINES, lang))
    if summary.decisions or summary.actions:
        rest.append((rt(lang, "Decisions and actions"), 0))
        decision = rt(lang, "Decision")
        rest.extend(
            (f"{decision}: {quote(d.body, 140)} ({d.author})", 1) for d in summary.decisions[:3]
        )
        rest.extend((action_line(a, lang), 1) for a in summary.actions[:4])
    if summary.changes:
        rest.append((rt(lang, "Changes to the strategy"), 0))
        rest.extend((line, 1) for line in summary.changes[:3])
    if rest:
        slide = prs.slides.add_slide(blank)
        _title(slide, summary.title, pack)
        _bullets(slide, rest, Inches(1.2), HEIGHT - Inches(1.5), size=18 if len(rest) < 14 else 15)
        slide.notes_slide.notes_text_frame.text = summary.text(lang)


def _details_slide(prs, blank, pack: ReviewPack, section: ObjectiveSection) -> None:  # type: ignore[no-untyped-def]
    """By network, audience growth and top posts of an objective, when it has any."""
    lang = pack.language
    if not (section.platform_values or section.audience or section.top_posts):
        return
    slide = prs.slides.add_slide(blank)
    _title(slide, section.name, pack, size=24)
    top = Inches(1.2)
    if section.platform_values:
        platforms = list(dict.fromkeys(v.platform for v in section.platform_values))
        values = {(v.kpi_id, v.platform): v.value for v in section.platform_values}
        kpis = [k for k in section.kpis if any((k.kpi_id, p) in values for p in platforms)]
        rows = [
            [k.name]
            + [
                kpi_value(values[(k.kpi_id, p)], k.unit, lang) if (k.kpi_id, p) in values else ""
                for p in platforms
            ]
            for k in kpis
        ]
        each = min(1.6, 8.2 / len(platforms))
        _grid(
            slide,
            pack,
            [rt(lang, "By network")] + [platform_name(p) for p in platforms],
            rows,
            top,
            [4.0] + [each] * len(platforms),
        )
        top = Emu(top + Inches(0.4) * (len(rows) + 1) + Inches(0.3))
    if section.audience:
        previous, last_year = earlier_spans(pack.period)
        rows = [
            [
                platform_name(a.platform),
                kpi_value(a.followers, "count", lang),
                kpi_value(a.follows, "count", lang),
                kpi_value(a.follows_previous, "count", lang),
            ]
            + ([kpi_value(a.follows_last_year, "count", lang)] if last_year else [])
            for a in section.audience
        ]
        headings = [
            rt(lang, "Audience growth"),
            rt(lang, "Followers"),
            rt(lang, "New followers"),
            rt(lang, "In {period}", period=period_label(previous, lang, in_sentence=True)),
        ]
        if last_year:
            headings.append(
                rt(lang, "In {period}", period=period_label(last_year, lang, in_sentence=True))
            )
        _grid(
            slide,
            pack,
            headings,
            rows,
            top,
            [3.0] + [8.0 / (len(headings) - 1)] * (len(headings) - 1),
        )
        top = Emu(top + Inches(0.4) * (len(rows) + 1) + Inches(0.3))
    if section.top_posts and top < HEIGHT - Inches(1.6):
        measure = section.top_posts[0].measure
        rows = [
            [
                quote(p.text, 70),
                platform_name(p.platform),
                short_date(p.published_at.date() if p.published_at else None, lang),
                number(p.value, lang),
            ]
            for p in section.top_posts
        ]
        _grid(
            slide,
            pack,
            [
                rt(
                    lang,
                    "Top posts of {period} by {measure}",
                    period=period_label(pack.period, lang, in_sentence=True),
                    measure=measure_word(lang, measure),
                ),
                rt(lang, "Platform"),
                rt(lang, "Published"),
                measure_word(lang, measure).capitalize(),
            ],
            rows,
            top,
            [7.0, 1.6, 1.8, 1.9],
        )
    slide.notes_slide.notes_text_frame.text = _notes(pack, section)


# Import groups that fit the appendix slide below what is missing.
APPENDIX_ROWS = 8


def _appendix_slide(prs, blank, pack: ReviewPack) -> None:  # type: ignore[no-untyped-def]
    """The data-quality appendix, as the PDF ends: what is missing, listed once, and the
    imports used per platform and account (files, rows loaded, rows quarantined)."""
    lang = pack.language
    slide = prs.slides.add_slide(blank)
    _title(slide, rt(lang, "Data quality appendix"), pack, size=26)
    lines: list[tuple[str, int]] = []
    missing = missing_lines(pack)
    if missing:
        lines.append((rt(lang, "What is missing"), 0))
        shown = missing if len(missing) <= SUMMARY_LINES else missing[: SUMMARY_LINES - 1]
        lines.extend((line, 1) for line in shown)
        if len(shown) < len(missing):
            lines.append((rt(lang, "… and {n} more", n=len(missing) - len(shown)), 1))
    lines.append((rt(lang, "Imports used"), 0))
    quality = pack.data_quality
    lines.append(
        (imports_summary(pack) if quality.imports else rt(lang, "No import covers this period."), 1)
    )
    top = Inches(1.2)
    height = Inches(0.45) * (len(lines) + 1)
    _bullets(slide, lines, top, height, size=16)
    groups = import_groups(pack)
    if groups:
        rows = [
            [
                platform_name(g.platform),
                g.account or "–",
                number(len(g.imports), lang),
                number(g.rows_loaded, lang),
                number(g.rows_rejected, lang),
            ]
            for g in groups[:APPENDIX_ROWS]
        ]
        if len(groups) > APPENDIX_ROWS:
            rest = groups[APPENDIX_ROWS:]
            rows.append(
                [
                    rt(lang, "… and {n} more", n=len(rest)),
                    "",
                    number(sum(len(g.imports) for g in rest), lang),
                    number(sum(g.rows_loaded for g in rest), lang),
                    number(sum(g.rows_rejected for g in rest), lang),
                ]
            )
        _grid(
            slide,
            pack,
            [
                rt(lang, "Platform"),
                rt(lang, "Account"),
                rt(lang, "Files"),
                rt(lang, "Rows loaded"),
                rt(lang, "Rows quarantined"),
            ],
            rows,
            Emu(top + height + Inches(0.2)),
            [2.0, 4.3, 1.6, 2.2, 2.2],
        )


def _maturity_slide(prs, blank, pack: ReviewPack) -> None:  # type: ignore[no-untyped-def]
    """Where the strategy stands: the cone's stage, each element's verdict, the first next
    steps (every one in the notes), as the PDF's section."""
    summary, lang = pack.maturity, pack.language
    if summary is None:
        return
    slide = prs.slides.add_slide(blank)
    _title(slide, rt(lang, "Where the strategy stands"), pack, size=26)
    top = Inches(1.15)
    _bullets(slide, [(stage_sentence(lang, summary), 1)], top, Inches(0.8), size=16)
    rows = [
        [
            element_name(lang, line.element),
            maturity_stage_name(lang, line.stage),
            verdict(lang, line.met),
            rt(lang, "yes") if line.in_place else rt(lang, "no"),
            "–" if line.self_score is None else rt(lang, "{score} of 3", score=line.self_score),
        ]
        for line in summary.elements
    ]
    table_top = Emu(top + Inches(0.95))
    _grid(
        slide,
        pack,
        [
            rt(lang, "Element"),
            rt(lang, "Stage"),
            rt(lang, "Evidence"),
            rt(lang, "In place"),
            rt(lang, "Self-assessment"),
        ],
        rows,
        table_top,
        [3.4, 2.4, 2.6, 1.6, 2.3],
    )
    steps = step_lines(lang, summary)
    if steps:
        shown = steps if len(steps) <= SUMMARY_LINES else steps[: SUMMARY_LINES - 1]
        if len(shown) < len(steps):
            shown = [*shown, rt(lang, "… and {n} more", n=len(steps) - len(shown))]
        lines = [(rt(lang, "Next steps"), 0), *((line, 1) for line in shown)]
        steps_top = Emu(table_top + Inches(0.4) * (len(rows) + 1) + Inches(0.15))
        _bullets(slide, lines, steps_top, Emu(HEIGHT - steps_top - Inches(0.2)), size=14)
        slide.notes_slide.notes_text_frame.text = "\n".join(steps)


def _benchmark_slide(prs, blank, pack: ReviewPack) -> None:  # type: ignore[no-untyped-def]
    """Competitor benchmarks, as the PDF's table: yours vs the competitor average and your
    rank per platform; what a cell says in the notes."""
    if not pack.benchmarks:
        return
    lang = pack.language
    slide = prs.slides.add_slide(blank)
    _title(slide, rt(lang, "Competitor benchmarks"), pack, size=26)
    rows = benchmark_rows(pack.benchmarks, lang)
    _grid(slide, pack, benchmark_headings(lang), rows, Inches(1.3), [2.1, 3.45, 3.45, 3.45])
    note_top = Emu(Inches(1.3) + Inches(0.4) * (len(rows) + 1) + Inches(0.3))
    _bullets(slide, [(benchmark_note(lang), 1)], note_top, Inches(0.8), size=14, bulleted=False)
    slide.notes_slide.notes_text_frame.text = benchmark_note(lang)


def build_pptx(pack: ReviewPack) -> bytes:
    """The meeting deck of a review pack, as bytes: page one, then per objective its
    scorecard slide, its native charts, and its breakdowns; commentary in the notes."""
    lang = pack.language
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    blank = prs.slide_layouts[6]
    _page_one_slides(prs, blank, pack)

    for section in pack.objectives:
        slide = prs.slides.add_slide(blank)
        _title(slide, rt(lang, "Objective") + f": {section.name}", pack, size=26)
        rows = len(section.kpis) + 1
        table_height = Emu(Inches(0.55) * rows)
        _kpi_table(slide, pack, section.kpis, Inches(1.25), table_height)
        room = HEIGHT - Inches(1.25) - table_height - Inches(0.9)
        discussion = _discussion(pack, section)
        if discussion and room > Inches(1.0):
            _bullets(
                slide,
                discussion,
                Emu(Inches(1.25) + table_height + Inches(0.6)),
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
        _details_slide(prs, blank, pack, section)
    _benchmark_slide(prs, blank, pack)
    _maturity_slide(prs, blank, pack)
    _appendix_slide(prs, blank, pack)

    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
