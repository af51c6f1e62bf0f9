"""The executive report as PDF (fpdf2 with the DejaVu fonts, so €, ñ and ë print).

Cover, one-page executive summary, scorecard (status as words and colour), one page per
objective with its charts and commentary, success stories, actions, data-quality appendix.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from reports.branding import STATUS_COLOURS, rgb
from reports.charts import kpi_chart_spec, render_png
from reports.errors import ReportBuildError
from reports.formatting import (
    MISSING,
    kpi_value,
    long_date,
    percent,
    period_label,
    platform_name,
    short_date,
)
from reports.i18n_reports import status_label, t
from reports.narrative import executive_summary, kpi_label
from reports.review_pack import ActionItem, ObjectiveSection, ReviewPack, StoryItem

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
FAMILY = "DejaVu"
MARGIN = 16.0
LIGHT_GREY = (245, 245, 245)


class _Document(FPDF):
    def __init__(self, pack: ReviewPack) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.pack = pack
        self.lang = pack.language
        self.set_margins(MARGIN, MARGIN + 6, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 4)
        for style, name in FONT_FILES.items():
            path = FONT_DIR / name
            if not path.is_file():
                raise ReportBuildError(
                    "font_missing",
                    f"font file {path} not found: install the DejaVu fonts "
                    "(Debian/Ubuntu: apt-get install fonts-dejavu-core)",
                )
            self.add_font(FAMILY, style=style, fname=str(path))
        self.set_title(f"{t(self.lang, 'report_title')} {period_label(pack.period, self.lang)}")
        self.set_author(pack.organisation)
        self.set_creator("socialkpi")
        self.set_text_color(*rgb(pack.branding.text))

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FAMILY, "", 8)
        self.set_text_color(110, 110, 110)
        self.set_xy(MARGIN, 8)
        period = t(self.lang, "period", period=period_label(self.pack.period, self.lang))
        room = self.w - 2 * MARGIN - self.get_string_width(period) - 6
        full = f"{self.pack.organisation} · {self.pack.strategy_name}"
        title = full
        if self.get_string_width(full) > room:
            while len(title) > 4 and self.get_string_width(title + "…") > room:
                title = title[:-1]
            title = title.rstrip() + "…"
        self.cell(0, 5, title, align="L")
        self.set_xy(MARGIN, 8)
        self.cell(0, 5, period, align="R")
        self.set_draw_color(*rgb(self.pack.branding.primary))
        self.line(MARGIN, 14, self.w - MARGIN, 14)
        self.set_text_color(*rgb(self.pack.branding.text))
        self.set_y(MARGIN + 6)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, t(self.lang, "page", page=self.page_no(), pages="{nb}"), align="C")
        self.set_text_color(*rgb(self.pack.branding.text))

    # --- building blocks ----------------------------------------------------------------

    def heading(self, text: str, size: float = 16, keep_with_next: float = 20) -> None:
        """A heading, moved to the next page when fewer than `keep_with_next` mm would
        follow it on this one (no heading is left alone at the foot of a page)."""
        self.ensure_space(size * 0.5 + 2 + keep_with_next)
        self.set_font(FAMILY, "B", size)
        self.set_text_color(*rgb(self.pack.branding.primary))
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(*rgb(self.pack.branding.text))
        self.ln(2)

    def paragraph(self, text: str, size: float = 10, style: str = "") -> None:
        self.set_font(FAMILY, style, size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")

    def bullet(self, text: str, size: float = 10, indent: float = 0.0) -> None:
        self.set_font(FAMILY, "", size)
        self.set_x(MARGIN + indent)
        self.cell(5, size * 0.5, "•")
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")

    def ensure_space(self, height: float) -> None:
        if self.get_y() + height > self.h - self.b_margin:
            self.add_page()


def _status_style(status: str) -> FontFace:
    return FontFace(emphasis="BOLD", color=rgb(STATUS_COLOURS.get(status, "#444444")))


def _cover(pdf: _Document) -> None:
    pack, lang = pdf.pack, pdf.lang
    pdf.add_page()
    pdf.set_fill_color(*rgb(pack.branding.primary))
    pdf.rect(0, 0, pdf.w, 95, style="F")
    y = 22.0
    if pack.logo is not None:
        try:
            pdf.image(str(pack.logo), x=MARGIN, y=14, h=22)
        except Exception as exc:  # fpdf2/Pillow raise many kinds for unreadable images
            raise ReportBuildError(
                "logo_unreadable",
                f"branding.logo: {pack.logo} cannot be read as a PNG or JPEG image ({exc})",
            ) from None
        y = 44.0
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(MARGIN, y)
    pdf.set_font(FAMILY, "B", 26)
    pdf.multi_cell(0, 12, t(lang, "report_title"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 15)
    pdf.multi_cell(0, 8, pack.organisation, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*rgb(pack.branding.text))
    pdf.set_xy(MARGIN, 110)
    pdf.set_font(FAMILY, "B", 16)
    pdf.multi_cell(0, 8, pack.strategy_name, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FAMILY, "", 13)
    pdf.cell(
        0,
        8,
        t(lang, "period", period=period_label(pack.period, lang)),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(6)
    pdf.set_font(FAMILY, "", 10)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(0, 6, t(lang, "generated", date=long_date(pack.generated_on, lang)))
    pdf.ln(6)
    if pack.close is not None:
        note = t(
            lang,
            "closed",
            date=long_date(pack.close.closed_at.date(), lang),
            who=pack.close.closed_by,
        )
    else:
        note = t(lang, "open_period", date=long_date(pack.generated_on, lang))
    pdf.multi_cell(0, 6, note, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*rgb(pack.branding.text))
    pdf.set_fill_color(*rgb(pack.branding.accent))
    pdf.rect(MARGIN, pdf.h - 30, pdf.w - 2 * MARGIN, 2, style="F")


def _summary(pdf: _Document) -> None:
    lang = pdf.lang
    summary = executive_summary(pdf.pack)
    pdf.add_page()
    pdf.heading(t(lang, "executive_summary"), 18)
    pdf.paragraph(summary.headline, 11)
    pdf.ln(4)
    for section in summary.sections:
        pdf.ensure_space(20)
        pdf.heading(section.title, 13)
        for line in section.lines:
            pdf.bullet(line, 10.5)
        pdf.ln(3)


def _kpi_table(pdf: _Document, section: ObjectiveSection, *, with_owner: bool) -> None:
    lang = pdf.lang
    headings = [t(lang, "kpi"), t(lang, "value"), t(lang, "previous"), t(lang, "target")]
    widths: list[float] = [64, 22, 22, 22, 48]
    if with_owner:
        headings.append(t(lang, "progress"))
        widths = [58, 20, 20, 20, 38, 22]
    headings.insert(4, t(lang, "status"))
    pdf.set_font(FAMILY, "", 9)
    pdf.set_fill_color(*LIGHT_GREY)
    head_style = FontFace(
        emphasis="BOLD", color=(255, 255, 255), fill_color=rgb(pdf.pack.branding.primary)
    )
    with pdf.table(
        col_widths=tuple(widths),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT", "RIGHT")[: len(widths)],
        headings_style=head_style,
        line_height=5.2,
        padding=1.4,
        cell_fill_color=LIGHT_GREY,
        cell_fill_mode="ROWS",
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        row = table.row()
        for heading in headings:
            row.cell(heading)
        for kpi in section.kpis:
            row = table.row()
            row.cell(kpi_label(kpi, lang))
            row.cell(kpi_value(kpi.value, kpi.unit, lang))
            row.cell(kpi_value(kpi.previous, kpi.unit, lang))
            row.cell(kpi_value(kpi.target, kpi.unit, lang))
            row.cell(status_label(lang, kpi.status), style=_status_style(kpi.status))
            if with_owner:
                row.cell(MISSING if kpi.progress is None else percent(kpi.progress, lang, digits=0))
    if with_owner:  # "Progress 544%" read as 544% of the target without this line
        pdf.ln(1)
        pdf.set_text_color(110, 110, 110)
        pdf.paragraph(t(lang, "progress_note"), 8)
        pdf.set_text_color(*rgb(pdf.pack.branding.text))
    pdf.ln(3)


def _scorecard(pdf: _Document) -> None:
    lang = pdf.lang
    pdf.add_page()
    pdf.heading(t(lang, "scorecard"), 18)
    for section in pdf.pack.objectives:
        pdf.ensure_space(12 + 7 * (len(section.kpis) + 1))
        pdf.heading(section.name, 12)
        _kpi_table(pdf, section, with_owner=False)


def _objective_page(pdf: _Document, section: ObjectiveSection) -> None:
    pack, lang = pdf.pack, pdf.lang
    pdf.add_page()
    pdf.set_font(FAMILY, "", 9)
    pdf.set_text_color(110, 110, 110)
    pdf.cell(0, 5, t(lang, "objective"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*rgb(pack.branding.text))
    pdf.heading(section.name, 17)
    if section.description:
        pdf.paragraph(section.description, 10, "I")
        pdf.ln(2)
    _kpi_table(pdf, section, with_owner=True)
    chart_w = (pdf.w - 2 * MARGIN - 6) / 2
    chart_h = chart_w * 0.56
    for index, kpi in enumerate(section.kpis):
        series = section.series_of(kpi.kpi_id)
        if series is None:
            continue
        column = index % 2
        if column == 0:
            pdf.ensure_space(chart_h + 10)
            row_y = pdf.get_y()
        x = MARGIN + column * (chart_w + 6)
        pdf.set_xy(x, row_y)
        pdf.set_font(FAMILY, "B", 9)
        title = kpi.name
        while pdf.get_string_width(title) > chart_w and len(title) > 4:
            title = title[:-2] + "…"
        pdf.cell(chart_w, 5, title)
        spec = kpi_chart_spec(
            kpi, series, pack.branding, lang, annotations=section.annotations, width=330, height=150
        )
        pdf.image(io.BytesIO(render_png(spec)), x=x, y=row_y + 5, w=chart_w, h=chart_h)
        if column == 1 or index == len(section.kpis) - 1:
            pdf.set_xy(MARGIN, row_y + chart_h + 8)
    pdf.ensure_space(20)
    pdf.heading(t(lang, "comments"), 12)
    if not section.comments:
        pdf.paragraph(t(lang, "no_comments"), 10, "I")
    for comment in section.comments:
        prefix = f"{t(lang, 'decision')}: " if comment.kind == "decision" else ""
        who = f" — {comment.author}, {short_date(comment.created_at.date(), lang)}"
        pdf.bullet(prefix + comment.body + who, 10, indent=6.0 * comment.depth)
    if section.actions:
        pdf.ln(2)
        pdf.ensure_space(20)
        pdf.heading(t(lang, "actions"), 12)
        for action in section.actions:
            pdf.bullet(_action_line(action, lang), 10)
    if section.stories:
        pdf.ln(2)
        pdf.ensure_space(20)
        pdf.heading(t(lang, "stories"), 12)
        for story in section.stories:
            pdf.bullet(f"{story.title}: {story.body}", 10)


def _action_line(action: ActionItem, lang: str) -> str:
    due = short_date(action.due, lang)
    state = t(lang, f"action_{action.status}")
    return f"{action.title} — {action.owner}, {t(lang, 'due')}: {due} ({state})"


def _stories(pdf: _Document, stories: tuple[StoryItem, ...]) -> None:
    lang = pdf.lang
    pdf.add_page()
    pdf.heading(t(lang, "stories"), 18)
    if not stories:
        pdf.paragraph(t(lang, "no_stories"), 10, "I")
    for story in stories:
        pdf.ensure_space(25)
        pdf.heading(story.title, 12)
        pdf.paragraph(story.body, 10)
        pdf.set_text_color(110, 110, 110)
        pdf.paragraph(t(lang, "story_by", author=story.author), 8.5)
        if story.link:
            pdf.paragraph(story.link, 8.5)
        pdf.set_text_color(*rgb(pdf.pack.branding.text))
        pdf.ln(3)


def _actions(pdf: _Document) -> None:
    lang = pdf.lang
    pdf.ensure_space(40)
    pdf.ln(4)
    pdf.heading(t(lang, "actions"), 18)
    if not pdf.pack.actions:
        pdf.paragraph(t(lang, "no_actions"), 10, "I")
        return
    pdf.set_font(FAMILY, "", 9)
    pdf.set_fill_color(*LIGHT_GREY)
    head_style = FontFace(
        emphasis="BOLD", color=(255, 255, 255), fill_color=rgb(pdf.pack.branding.primary)
    )
    with pdf.table(
        col_widths=(80, 40, 30, 28),
        headings_style=head_style,
        line_height=5.2,
        padding=1.4,
        cell_fill_color=LIGHT_GREY,
        cell_fill_mode="ROWS",
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        row = table.row()
        for heading in ("action_title", "owner", "due", "action_status"):
            row.cell(t(lang, heading))
        for action in pdf.pack.actions:
            row = table.row()
            row.cell(action.title)
            row.cell(action.owner)
            row.cell(short_date(action.due, lang))
            row.cell(t(lang, f"action_{action.status}"))


def _data_quality(pdf: _Document) -> None:
    lang, quality = pdf.lang, pdf.pack.data_quality
    pdf.add_page()
    pdf.heading(t(lang, "data_quality"), 18)
    pdf.heading(t(lang, "imports_used"), 12)
    if not quality.imports:
        pdf.paragraph(t(lang, "no_imports"), 10, "I")
    else:
        pdf.set_font(FAMILY, "", 8.5)
        pdf.set_fill_color(*LIGHT_GREY)
        with pdf.table(
            col_widths=(66, 20, 46, 20, 26),
            text_align=("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT"),
            headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)),
            line_height=4.8,
            padding=1.2,
            cell_fill_color=LIGHT_GREY,
            cell_fill_mode="ROWS",
            borders_layout="HORIZONTAL_LINES",
        ) as table:
            row = table.row()
            for heading in ("file", "platform", "account", "rows", "rejected_rows"):
                row.cell(t(lang, heading))
            for item in quality.imports:
                row = table.row()
                row.cell(item.file_name)
                row.cell(platform_name(item.platform))
                row.cell(item.account or MISSING)
                row.cell(str(item.rows_loaded))
                row.cell(str(item.rows_rejected))
    pdf.ln(3)
    pdf.paragraph(t(lang, "quarantined_total", count=quality.quarantined_rows), 10)
    pdf.ln(3)
    pdf.heading(t(lang, "coverage_gaps"), 12)
    if not quality.gaps:
        pdf.paragraph(t(lang, "no_gaps"), 10, "I")
    for gap in quality.gaps:
        pdf.bullet(
            t(
                lang,
                "gap_line",
                platform=platform_name(gap.platform),
                account=gap.account,
                month=period_label(gap.month, lang, in_sentence=True),
            )
        )


def build_pdf(pack: ReviewPack) -> bytes:
    """The PDF report of a review pack, as bytes."""
    pdf = _Document(pack)
    _cover(pdf)
    _summary(pdf)
    _scorecard(pdf)
    for section in pack.objectives:
        _objective_page(pdf, section)
    _stories(pdf, pack.stories)
    _actions(pdf)
    _data_quality(pdf)
    return bytes(pdf.output())
