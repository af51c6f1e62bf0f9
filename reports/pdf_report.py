"""The executive report as PDF (fpdf2 with the DejaVu fonts, so €, ñ and ë print).

Page one decides (reports/page_one.py): status counts in words and colour, a row of status
chips per objective, the largest like-for-like movements with their commentary, what needs
attention, the decisions and actions recorded, the changes to the strategy. Then each
objective: its KPI table (value, target, status in words, change against a named period,
target reached, a year earlier), one chart per KPI (value solid, target dashed, in two
colours; an open circle marks a period not complete), the breakdown by network, audience
growth, the top posts, and what the meeting recorded — only what exists. Objectives start
a new page only when the current one has too little room left, so no page is mostly
empty. Last, what is missing (once) and the imports used.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime
from datetime import time as dt_time
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from language.catalogs import rpt, rt
from language.formatting import (
    MISSING,
    kpi_value,
    long_date,
    number,
    period_label,
    platform_name,
    short_date,
    status_count_word,
    status_label,
)
from metrics.audience import earlier_spans
from reports.appendix import import_groups, imports_summary, missing_lines
from reports.benchmark_section import (
    REPORT_BENCHMARKS,
    benchmark_headings,
    benchmark_note,
    benchmark_rows,
)
from reports.branding import STATUS_COLOURS, rgb
from reports.charts import kpi_chart_spec, render_png
from reports.errors import ReportBuildError
from reports.i18n_reports import action_state, kpi_table_headings, measure_word
from reports.maturity_section import element_name, stage_sentence, step_lines, verdict
from reports.maturity_section import stage_name as maturity_stage_name
from reports.narrative import kpi_label
from reports.page_one import (
    ATTENTION,
    STATUS_ORDER,
    PageOne,
    action_line,
    change_against,
    page_one,
    quote,
    reached_text,
)
from reports.review_pack import KpiLine, ObjectiveSection, ReviewPack

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
FAMILY = "DejaVu"
MARGIN = 14.0
LIGHT_GREY = (245, 245, 245)
GREY_TEXT = (105, 105, 105)
# An objective starts on a new page when less than this is left on the current one.
OBJECTIVE_ROOM = 105.0
CHIP_GLYPHS: dict[str, str] = {
    "green": "✓",
    "amber": "!",
    "red": "✗",
    "no_data": "–",
    "no_target": "○",
}
ROSE, FELL = "▲", "▼"  # the arrow says where the value went; its colour, good or bad


@lru_cache(maxsize=1)
def _font_codepoints() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(FONT_DIR / FONT_FILES[""])) as font:
        return frozenset(font.getBestCmap())


def printable(text: str) -> str:
    """`text` without the characters the report font cannot draw (emoji in post texts),
    which would print as empty boxes; spaces are tidied after them."""
    known = _font_codepoints()
    kept = "".join(
        c
        for c in text
        if c in "\n\t" or (ord(c) in known and not 0xFE00 <= ord(c) <= 0xFE0F and c != "\u200d")
    )
    return " ".join(kept.split(" ")).strip() if kept != text else text


def _tint(colour: str, share: float = 0.12) -> tuple[int, int, int]:
    """A light background of a colour (`share` of it on white)."""
    r, g, b = rgb(colour)
    return tuple(round(255 - (255 - c) * share) for c in (r, g, b))  # type: ignore[return-value]


class _Document(FPDF):
    def __init__(self, pack: ReviewPack) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.pack = pack
        self.lang = pack.language
        self.set_margins(MARGIN, MARGIN + 4, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 2)
        for style, name in FONT_FILES.items():
            path = FONT_DIR / name
            if not path.is_file():
                raise ReportBuildError(
                    "font_missing",
                    f"font file {path} not found: install the DejaVu fonts "
                    "(Debian/Ubuntu: apt-get install fonts-dejavu-core)",
                )
            self.add_font(FAMILY, style=style, fname=str(path))
        title = rt(self.lang, "Social media performance report")
        self.set_title(f"{title} {period_label(pack.period, self.lang)}")
        self.set_author(pack.organisation)
        self.set_creator("socialkpi")
        # Dated by the pack, not the clock: the same pack gives the same bytes (the e-mail's
        # attachment can be compared with the report built for the same day).
        self.set_creation_date(datetime.combine(pack.generated_on, dt_time(), tzinfo=UTC))
        self.set_text_color(*rgb(pack.branding.text))

    @property
    def width(self) -> float:
        return self.w - 2 * MARGIN

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*GREY_TEXT)
        self.set_xy(MARGIN, 7)
        period = period_label(self.pack.period, self.lang)
        room = self.width - self.get_string_width(period) - 6
        title = f"{self.pack.organisation} · {self.pack.strategy_name}"
        if self.get_string_width(title) > room:
            while len(title) > 4 and self.get_string_width(title + "…") > room:
                title = title[:-1]
            title = title.rstrip() + "…"
        self.cell(0, 4, title, align="L")
        self.set_xy(MARGIN, 7)
        self.cell(0, 4, period, align="R")
        self.set_draw_color(*rgb(self.pack.branding.primary))
        self.line(MARGIN, 12, self.w - MARGIN, 12)
        self.set_text_color(*rgb(self.pack.branding.text))
        self.set_y(MARGIN + 2)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*GREY_TEXT)
        self.cell(
            0,
            4,
            rt(self.lang, "Page {page} of {pages}", page=self.page_no(), pages="{nb}"),
            align="C",
        )
        self.set_text_color(*rgb(self.pack.branding.text))

    # --- building blocks ----------------------------------------------------------------

    def room(self) -> float:
        return self.h - self.b_margin - self.get_y()

    def ensure_space(self, height: float) -> None:
        if self.room() < height:
            self.add_page()

    def heading(self, text: str, size: float = 12, keep_with_next: float = 14) -> None:
        """A heading, moved to the next page when fewer than `keep_with_next` mm would
        follow it on this one (no heading is left alone at the foot of a page)."""
        self.ensure_space(size * 0.45 + 2 + keep_with_next)
        self.set_font(FAMILY, "B", size)
        self.set_text_color(*rgb(self.pack.branding.primary))
        self.multi_cell(0, size * 0.45, printable(text), new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(*rgb(self.pack.branding.text))
        self.ln(1.2)

    def paragraph(
        self,
        text: str,
        size: float = 9,
        style: str = "",
        colour: tuple[int, int, int] | None = None,
    ) -> None:
        self.set_font(FAMILY, style, size)
        if colour:
            self.set_text_color(*colour)
        self.multi_cell(0, size * 0.46, printable(text), new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(*rgb(self.pack.branding.text))

    def bullet(
        self,
        text: str,
        size: float = 9,
        indent: float = 0.0,
        mark: str = "•",
        mark_colour: tuple[int, int, int] | None = None,
        style: str = "",
        colour: tuple[int, int, int] | None = None,
    ) -> None:
        self.set_x(MARGIN + indent)
        self.set_font(FAMILY, "B" if mark_colour else "", size)
        if mark_colour:
            self.set_text_color(*mark_colour)
        self.cell(4.2, size * 0.46, mark)
        self.set_text_color(*(colour or rgb(self.pack.branding.text)))
        self.set_font(FAMILY, style, size)
        self.multi_cell(0, size * 0.46, printable(text), new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(*rgb(self.pack.branding.text))

    def table_style(self) -> dict[str, object]:
        self.set_fill_color(*LIGHT_GREY)  # fpdf2 fills the alternate rows with the current colour
        return {
            "headings_style": FontFace(
                emphasis="BOLD", color=(255, 255, 255), fill_color=rgb(self.pack.branding.primary)
            ),
            "line_height": 4.1,
            "padding": (0.9, 1.2),
            "cell_fill_color": LIGHT_GREY,
            "cell_fill_mode": "ROWS",
            "borders_layout": "HORIZONTAL_LINES",
        }


def _status_style(status: str) -> FontFace:
    return FontFace(emphasis="BOLD", color=rgb(STATUS_COLOURS.get(status, "#444444")))


def _chip(pdf: _Document, x: float, y: float, status: str, size: float = 4.6) -> None:
    """A small square in the status colour with its glyph in white."""
    pdf.set_fill_color(*rgb(STATUS_COLOURS[status]))
    pdf.rect(x, y, size, size, style="F", round_corners=True, corner_radius=0.8)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(FAMILY, "B", 7)
    pdf.set_xy(x, y)
    pdf.cell(size, size, CHIP_GLYPHS[status], align="C")
    pdf.set_text_color(*rgb(pdf.pack.branding.text))


# --- page one ----------------------------------------------------------------------------


def _band(pdf: _Document) -> None:
    pack, lang = pdf.pack, pdf.lang
    pdf.set_fill_color(*rgb(pack.branding.primary))
    pdf.rect(0, 0, pdf.w, 30, style="F")
    x = MARGIN
    if pack.logo is not None:
        try:
            pdf.image(str(pack.logo), x=MARGIN, y=6, h=18)
        except Exception as exc:  # fpdf2/Pillow raise many kinds for unreadable images
            raise ReportBuildError(
                "logo_unreadable",
                f"branding.logo: {pack.logo} cannot be read as a PNG or JPEG image ({exc})",
            ) from None
        x = MARGIN + 30
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(x, 7)
    pdf.set_font(FAMILY, "B", 15)
    pdf.cell(0, 7, rt(lang, "Social media performance report"))
    pdf.set_xy(x, 15)
    pdf.set_font(FAMILY, "", 10)
    pdf.cell(0, 5, printable(f"{pack.organisation} · {pack.strategy_name}"))
    pdf.set_xy(MARGIN, 7)
    pdf.set_font(FAMILY, "B", 15)
    pdf.cell(0, 7, period_label(pack.period, lang), align="R")
    pdf.set_xy(MARGIN, 22)
    pdf.set_font(FAMILY, "", 7.5)
    if pack.close is not None:
        note = rt(
            lang,
            "Figures frozen at the month close of {date} by {who}.",
            date=long_date(pack.close.closed_at.date(), lang),
            who=pack.close.closed_by,
        )
    else:
        note = rt(
            lang,
            "Figures as computed on {date}; this period is not closed yet.",
            date=long_date(pack.generated_on, lang),
        )
    pdf.cell(0, 4, printable(note), align="L")
    pdf.set_text_color(*rgb(pack.branding.text))
    pdf.set_y(36)


def _count_cards(pdf: _Document, summary: PageOne) -> None:
    lang = pdf.lang
    shown = [s for s in STATUS_ORDER if s != "no_target" or summary.counts[s]]
    gap = 3.0
    w = (pdf.width - gap * (len(shown) - 1)) / len(shown)
    y = pdf.get_y()
    for index, status in enumerate(shown):
        colour = STATUS_COLOURS[status]
        x = MARGIN + index * (w + gap)
        pdf.set_fill_color(*_tint(colour))
        pdf.set_draw_color(*rgb(colour))
        pdf.set_line_width(0.5)
        pdf.rect(x, y, w, 15, style="DF", round_corners=True, corner_radius=1.5)
        pdf.set_text_color(*rgb(colour))
        pdf.set_xy(x + 2.5, y + 1.5)
        pdf.set_font(FAMILY, "B", 16)
        pdf.cell(w - 5, 7, str(summary.counts[status]))
        pdf.set_xy(x + 2.5, y + 8.6)
        pdf.set_font(FAMILY, "B", 8)
        pdf.cell(w - 5, 4.5, status_count_word(lang, status))
    pdf.set_line_width(0.2)
    pdf.set_text_color(*rgb(pdf.pack.branding.text))
    pdf.set_y(y + 17.5)
    pdf.paragraph(summary.headline, 8.5, colour=GREY_TEXT)
    pdf.ln(2)


def _objective_chips(pdf: _Document, summary: PageOne) -> None:
    lang = pdf.lang
    pdf.heading(rt(lang, "By objective"), 11, keep_with_next=8)
    name_w = 78.0
    for row in summary.objectives:
        y = pdf.get_y()
        pdf.set_font(FAMILY, "", 8.5)
        pdf.set_xy(MARGIN, y)
        name = printable(row.name)
        while pdf.get_string_width(name) > name_w - 2 and len(name) > 4:
            name = name[:-2].rstrip() + "…"
        pdf.cell(name_w, 5.4, name)
        x = MARGIN + name_w
        for chip in row.chips:
            _chip(pdf, x, y + 0.4, chip.status)
            x += 5.6
        counts = row.counts()
        words = " · ".join(
            f"{counts[s]} {status_count_word(lang, s)}" for s in STATUS_ORDER if counts[s]
        )
        pdf.set_xy(x + 2, y)
        pdf.set_font(FAMILY, "", 7.5)
        pdf.set_text_color(*GREY_TEXT)
        pdf.cell(0, 5.4, words)
        pdf.set_text_color(*rgb(pdf.pack.branding.text))
        pdf.set_y(y + 5.9)
    pdf.ln(2)


def _page_one(pdf: _Document) -> PageOne:
    lang = pdf.lang
    summary = page_one(pdf.pack)
    pdf.add_page()
    _band(pdf)
    pdf.heading(summary.title, 14, keep_with_next=30)
    _count_cards(pdf, summary)
    _objective_chips(pdf, summary)
    if summary.movements:
        pdf.heading(
            rt(lang, "What moved most (each against the period it names)"), 11, keep_with_next=8
        )
        for move in summary.movements:
            good = rgb(STATUS_COLOURS["green" if move.improved else "red"])
            pdf.bullet(move.line, 8.8, mark=ROSE if move.rose else FELL, mark_colour=good)
            for comment in move.comments:
                pdf.bullet(
                    f"“{quote(comment.body)}” — {comment.author}",
                    8,
                    indent=4.2,
                    mark="",
                    style="I",
                    colour=GREY_TEXT,
                )
        pdf.ln(1.5)
    if summary.attention:
        pdf.heading(rt(lang, "Needs attention"), 11, keep_with_next=8)
        shown = zip(summary.attention[:ATTENTION], _attention_kpis(pdf.pack), strict=False)
        for line, kpi in shown:
            pdf.bullet(line, 8.8, mark="■", mark_colour=rgb(STATUS_COLOURS[kpi.status]))
        if len(summary.attention) > ATTENTION:
            pdf.bullet(
                rt(
                    lang,
                    "… and {n} more: see the objectives' tables.",
                    n=len(summary.attention) - ATTENTION,
                ),
                8.5,
            )
        pdf.ln(1.5)
    if summary.decisions or summary.actions:
        pdf.heading(rt(lang, "Decisions and actions"), 11, keep_with_next=8)
        decided = rt(lang, "Decision")
        for decision in summary.decisions:
            pdf.bullet(
                f"{decided}: {quote(decision.body)} — {decision.author}",
                8.8,
                style="B",
            )
        for action in summary.actions:
            pdf.bullet(action_line(action, lang), 8.8, mark="→")
        if summary.more_actions:
            pdf.bullet(
                rt(
                    lang,
                    "… and {n} more open actions: see the objectives' pages.",
                    n=summary.more_actions,
                ),
                8.5,
            )
        pdf.ln(1.5)
    if summary.changes:
        pdf.heading(rt(lang, "Changes to the strategy"), 11, keep_with_next=8)
        for line in summary.changes:
            pdf.bullet(line, 8.5)
        if summary.more_changes:
            pdf.bullet(rt(lang, "… and {n} more: see the scorecard.", n=summary.more_changes), 8.5)
    return summary


def _attention_kpis(pack: ReviewPack) -> list[KpiLine]:
    from reports.narrative import off_target

    return off_target(pack.kpis())


# --- objectives --------------------------------------------------------------------------


def _kpi_table(pdf: _Document, section: ObjectiveSection) -> None:
    lang = pdf.lang
    headings = kpi_table_headings(lang)
    pdf.set_font(FAMILY, "", 7.6)
    with pdf.table(
        col_widths=(42, 16, 16, 24, 48, 18, 18),
        text_align=("LEFT", "RIGHT", "RIGHT", "LEFT", "LEFT", "RIGHT", "RIGHT"),
        **pdf.table_style(),  # type: ignore[arg-type]
    ) as table:
        row = table.row()
        for heading in headings:
            row.cell(heading)
        for kpi in section.kpis:
            row = table.row()
            row.cell(printable(kpi_label(kpi, lang)))
            row.cell(kpi_value(kpi.value, kpi.unit, lang))
            row.cell(kpi_value(kpi.target, kpi.unit, lang))
            row.cell(status_label(lang, kpi.status), style=_status_style(kpi.status))
            row.cell(change_against(kpi, lang))
            row.cell(reached_text(kpi, lang))
            row.cell(kpi_value(kpi.last_year, kpi.unit, lang))
    pdf.ln(2)


def _charts(pdf: _Document, section: ObjectiveSection) -> None:
    pack, lang = pdf.pack, pdf.lang
    kpis = [k for k in section.kpis if section.series_of(k.kpi_id) is not None]
    columns = 2
    gap = 5.0
    chart_w = (pdf.width - gap * (columns - 1)) / columns
    chart_h = chart_w * 0.42
    any_in_progress = False
    for index, kpi in enumerate(kpis):
        series = section.series_of(kpi.kpi_id)
        assert series is not None
        any_in_progress |= any(p.in_progress for p in series.points)
        column = index % columns
        if column == 0:
            pdf.ensure_space(chart_h + 6)
            row_y = pdf.get_y()
        x = MARGIN + column * (chart_w + gap)
        pdf.set_xy(x, row_y)
        pdf.set_font(FAMILY, "B", 8)
        title = printable(kpi.name)
        while pdf.get_string_width(title) > chart_w and len(title) > 4:
            title = title[:-2] + "…"
        pdf.cell(chart_w, 4, title)
        spec = kpi_chart_spec(
            kpi, series, pack.branding, lang, annotations=section.annotations, width=380, height=130
        )
        pdf.image(io.BytesIO(render_png(spec)), x=x, y=row_y + 4.2, w=chart_w, h=chart_h)
        if column == columns - 1 or index == len(kpis) - 1:
            pdf.set_xy(MARGIN, row_y + chart_h + 5.5)
    if any_in_progress:
        pdf.paragraph(rt(lang, "○ period not complete"), 7, colour=GREY_TEXT)
    pdf.ln(1)


def _by_network(pdf: _Document, section: ObjectiveSection) -> None:
    lang = pdf.lang
    if not section.platform_values:
        return
    platforms = list(dict.fromkeys(v.platform for v in section.platform_values))
    values = {(v.kpi_id, v.platform): v.value for v in section.platform_values}
    kpis = [k for k in section.kpis if any((k.kpi_id, p) in values for p in platforms)]
    pdf.heading(rt(lang, "By network"), 10, keep_with_next=10 + 4.6 * len(kpis))
    name_w = 52.0
    each = (pdf.width - name_w) / max(len(platforms), 1)
    pdf.set_font(FAMILY, "", 7.6)
    with pdf.table(
        col_widths=(name_w, *([each] * len(platforms))),
        text_align=("LEFT", *(["RIGHT"] * len(platforms))),
        **pdf.table_style(),  # type: ignore[arg-type]
    ) as table:
        row = table.row()
        row.cell(rt(lang, "KPI"))
        for platform in platforms:
            row.cell(platform_name(platform))
        for kpi in kpis:
            row = table.row()
            row.cell(printable(kpi.name))
            for platform in platforms:
                if (kpi.kpi_id, platform) in values:
                    row.cell(kpi_value(values[(kpi.kpi_id, platform)], kpi.unit, lang))
                else:
                    row.cell("")
    pdf.ln(2)


def _audience(pdf: _Document, section: ObjectiveSection) -> None:
    """Followers per platform, and the new followers of the period beside those of the
    periods they compare with, each named ("In September 2026", "In October 2025")."""
    lang = pdf.lang
    if not section.audience:
        return
    pdf.heading(rt(lang, "Audience growth"), 10, keep_with_next=10 + 4.6 * len(section.audience))
    pdf.set_font(FAMILY, "", 7.6)
    previous, last_year = earlier_spans(pdf.pack.period)
    headings = [
        rt(lang, "Platform"),
        rt(lang, "Followers"),
        rt(lang, "Change"),
        rt(lang, "New followers"),
        rt(lang, "In {period}", period=period_label(previous, lang, in_sentence=True)),
    ]
    if last_year is not None:
        headings.append(
            rt(lang, "In {period}", period=period_label(last_year, lang, in_sentence=True))
        )
    rest = (pdf.width - 40) / (len(headings) - 1)
    with pdf.table(
        col_widths=(40, *([rest] * (len(headings) - 1))),
        text_align=("LEFT", *(["RIGHT"] * (len(headings) - 1))),
        **pdf.table_style(),  # type: ignore[arg-type]
    ) as table:
        row = table.row()
        for heading in headings:
            row.cell(heading)
        for line in section.audience:
            row = table.row()
            row.cell(platform_name(line.platform))
            row.cell(kpi_value(line.followers, "count", lang))
            change = line.change
            row.cell(MISSING if change is None else _signed(change, lang))
            row.cell(kpi_value(line.follows, "count", lang))
            row.cell(kpi_value(line.follows_previous, "count", lang))
            if last_year is not None:
                row.cell(kpi_value(line.follows_last_year, "count", lang))
    pdf.ln(2)


def _signed(value: float, lang: str) -> str:
    text = number(value, lang)
    return f"+{text}" if value > 0 else text


def _top_posts(pdf: _Document, section: ObjectiveSection) -> None:
    lang = pdf.lang
    if not section.top_posts:
        return
    measure = section.top_posts[0].measure
    pdf.heading(
        rt(
            lang,
            "Top posts of {period} by {measure}",
            period=period_label(pdf.pack.period, lang, in_sentence=True),
            measure=measure_word(lang, measure),
        ),
        10,
        keep_with_next=10 + 4.6 * len(section.top_posts),
    )
    pdf.set_font(FAMILY, "", 7.6)
    with pdf.table(
        col_widths=(92, 22, 24, 24, 20),
        text_align=("LEFT", "LEFT", "LEFT", "RIGHT", "LEFT"),
        **pdf.table_style(),  # type: ignore[arg-type]
    ) as table:
        row = table.row()
        for heading in (
            rt(lang, "Post"),
            rt(lang, "Platform"),
            rt(lang, "Published"),
            measure_word(lang, measure).capitalize(),
            "",
        ):
            row.cell(heading)
        for post in section.top_posts:
            row = table.row()
            row.cell(quote(printable(post.text), 80) or MISSING)
            row.cell(platform_name(post.platform))
            row.cell(short_date(post.published_at.date() if post.published_at else None, lang))
            row.cell(number(post.value, lang))
            if post.permalink:
                row.cell(
                    rpt(lang, "report link", "open"),
                    link=post.permalink,
                    style=FontFace(color=rgb(pdf.pack.branding.primary), emphasis="UNDERLINE"),
                )
            else:
                row.cell("")
    pdf.ln(2)


def _recorded(pdf: _Document, section: ObjectiveSection) -> None:
    """Commentary, actions and stories of the objective: only what was recorded."""
    lang = pdf.lang
    if section.comments:
        pdf.heading(rt(lang, "Commentary"), 10, keep_with_next=8)
        decision = rt(lang, "Decision")
        for comment in section.comments:
            prefix = f"{decision}: " if comment.kind == "decision" else ""
            who = f" — {comment.author}, {short_date(comment.created_at.date(), lang)}"
            pdf.bullet(
                prefix + comment.body + who,
                8.5,
                indent=5.0 * comment.depth,
                style="B" if comment.kind == "decision" else "",
            )
        pdf.ln(1.5)
    if section.actions:
        pdf.heading(rt(lang, "Actions"), 10, keep_with_next=8)
        for action in section.actions:
            state = action_state(lang, action.status)
            pdf.bullet(f"{action_line(action, lang)} ({state})", 8.5, mark="→")
        pdf.ln(1.5)
    if section.stories:
        pdf.heading(rt(lang, "Success stories"), 10, keep_with_next=8)
        for story in section.stories:
            pdf.bullet(f"{story.title}: {story.body} — {story.author}", 8.5, mark="★")
            if story.link:
                pdf.set_x(MARGIN + 4.2)
                pdf.set_font(FAMILY, "", 7.5)
                pdf.set_text_color(*rgb(pdf.pack.branding.primary))
                pdf.cell(0, 4, story.link[:100], link=story.link, new_x="LMARGIN", new_y="NEXT")
                pdf.set_text_color(*rgb(pdf.pack.branding.text))
        pdf.ln(1.5)


def _objective(pdf: _Document, section: ObjectiveSection, first: bool) -> None:
    lang = pdf.lang
    if first or pdf.room() < OBJECTIVE_ROOM:
        pdf.add_page()
    else:
        pdf.ln(3)
        pdf.set_draw_color(*rgb(pdf.pack.branding.primary))
        pdf.set_line_width(0.6)
        pdf.line(MARGIN, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())
        pdf.set_line_width(0.2)
        pdf.ln(3)
    pdf.set_font(FAMILY, "", 7.5)
    pdf.set_text_color(*GREY_TEXT)
    pdf.cell(0, 4, rt(lang, "Objective"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*rgb(pdf.pack.branding.text))
    pdf.heading(section.name, 14, keep_with_next=40)
    if section.description:
        pdf.paragraph(section.description, 8.5, "I", colour=GREY_TEXT)
        pdf.ln(1.5)
    _kpi_table(pdf, section)
    _charts(pdf, section)
    _by_network(pdf, section)
    _audience(pdf, section)
    _top_posts(pdf, section)
    _recorded(pdf, section)


def _kept_whole(pdf: _Document, body: Callable[[_Document], None]) -> None:
    """A section after the last objective: on the current page when it fits there whole
    (tried first off the page), else from the top of a new one, never split over two."""
    pdf.ln(4)
    with pdf.offset_rendering() as trial:
        body(trial)  # type: ignore[arg-type]
    if trial.page_break_triggered:
        pdf.add_page()
    body(pdf)


# --- where the strategy stands ------------------------------------------------------------


def _maturity(pdf: _Document) -> None:
    """The Social Strategy Cone stage and each element's verdict, then the next steps; on
    the current page when it fits there whole, else from the top of a new one."""
    if pdf.pack.maturity is None:
        return
    _kept_whole(pdf, _maturity_body)


def _maturity_body(pdf: _Document) -> None:
    summary, lang = pdf.pack.maturity, pdf.lang
    assert summary is not None
    pdf.heading(rt(lang, "Where the strategy stands"), 14, keep_with_next=30)
    pdf.paragraph(stage_sentence(lang, summary), 8.5)
    pdf.ln(1.5)
    pdf.set_font(FAMILY, "", 7.5)
    style = pdf.table_style()
    style["line_height"] = 3.8
    with pdf.table(
        col_widths=(34, 26, 24, 22, 30, 46),
        text_align=("LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "LEFT"),
        **style,  # type: ignore[arg-type]
    ) as table:
        row = table.row()
        for heading in (
            rt(lang, "Element"),
            rt(lang, "Stage"),
            rt(lang, "Evidence"),
            rt(lang, "In place"),
            rt(lang, "Self-assessment"),
            rt(lang, "Owner"),
        ):
            row.cell(heading)
        for line in summary.elements:
            row = table.row()
            row.cell(element_name(lang, line.element))
            row.cell(maturity_stage_name(lang, line.stage))
            row.cell(verdict(lang, line.met))
            row.cell(rt(lang, "yes") if line.in_place else rt(lang, "no"))
            row.cell(
                MISSING
                if line.self_score is None
                else rt(lang, "{score} of 3", score=line.self_score)
            )
            row.cell(printable(line.owner) or MISSING)
    steps = step_lines(lang, summary)
    if steps:
        pdf.ln(2)
        pdf.heading(rt(lang, "Next steps"), 10, keep_with_next=8)
        for step in steps:
            pdf.bullet(step, 8.5, mark="→")


# --- what is missing, imports used -------------------------------------------------------


def _benchmarks(pdf: _Document) -> None:
    """Competitor benchmarks after the last objective, on its page when they fit there whole,
    else from the top of a new page (as the appendix)."""
    if not pdf.pack.benchmarks:
        return
    _kept_whole(pdf, _benchmarks_body)


def _benchmarks_body(pdf: _Document) -> None:
    pack, lang = pdf.pack, pdf.lang
    pdf.heading(rt(lang, "Competitor benchmarks"), 12, keep_with_next=24)
    pdf.paragraph(benchmark_note(lang), 7.5, colour=GREY_TEXT)
    pdf.ln(0.5)
    pdf.set_font(FAMILY, "", 7.4)
    style = pdf.table_style()
    style["line_height"] = 3.6
    measure_w = (pdf.width - 26) / len(REPORT_BENCHMARKS)
    with pdf.table(
        col_widths=(26, *([measure_w] * len(REPORT_BENCHMARKS))),
        text_align=("LEFT", *(["RIGHT"] * len(REPORT_BENCHMARKS))),
        **style,  # type: ignore[arg-type]
    ) as table:
        for values in [benchmark_headings(lang), *benchmark_rows(pack.benchmarks, lang)]:
            row = table.row()
            for text in values:
                row.cell(text)
    pdf.ln(1.5)


def _appendix(pdf: _Document) -> None:
    """The appendix after the last objective, on its page when it fits there whole, else
    from the top of a new page (a table split over two pages left a near-empty one)."""
    _kept_whole(pdf, _appendix_body)


def _appendix_body(pdf: _Document) -> None:
    pack, lang = pdf.pack, pdf.lang
    pdf.heading(rt(lang, "Data quality appendix"), 14, keep_with_next=20)
    missing = missing_lines(pack)
    if missing:
        pdf.heading(rt(lang, "What is missing"), 10, keep_with_next=8)
        for line in missing:
            pdf.bullet(line, 8.5)
        pdf.ln(1.5)
    pdf.heading(rt(lang, "Imports used"), 10, keep_with_next=12)
    if not pack.data_quality.imports:
        pdf.paragraph(rt(lang, "No import covers this period."), 8.5, "I")
        return
    pdf.paragraph(imports_summary(pack), 8.5)
    pdf.ln(1)
    pdf.set_font(FAMILY, "", 7)
    style = pdf.table_style()
    style["line_height"] = 3.5
    with pdf.table(
        col_widths=(22, 38, 82, 18, 22),
        text_align=("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT"),
        **style,  # type: ignore[arg-type]
    ) as table:
        row = table.row()
        for heading in (
            rt(lang, "Platform"),
            rt(lang, "Account"),
            rt(lang, "File"),
            rt(lang, "Rows loaded"),
            rt(lang, "Rows quarantined"),
        ):
            row.cell(heading)
        for group in import_groups(pack):
            row = table.row()
            row.cell(platform_name(group.platform))
            row.cell(printable(group.account or "") or MISSING)
            row.cell(printable(", ".join(i.file_name for i in group.imports)))
            row.cell(number(group.rows_loaded, lang))
            row.cell(number(group.rows_rejected, lang))


def build_pdf(pack: ReviewPack) -> bytes:
    """The PDF report of a review pack, as bytes."""
    pdf = _Document(pack)
    _page_one(pdf)
    for index, section in enumerate(pack.objectives):
        _objective(pdf, section, first=index == 0)
    stray = [s for s in pack.stories if not any(s in o.stories for o in pack.objectives)]
    if stray:
        pdf.heading(rt(pack.language, "Success stories"), 12)
        for story in stray:
            pdf.bullet(f"{story.title}: {story.body} — {story.author}", 8.5, mark="★")
    _benchmarks(pdf)
    _maturity(pdf)
    _appendix(pdf)
    return bytes(pdf.output())
