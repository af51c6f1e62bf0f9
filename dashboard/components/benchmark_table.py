"""One platform's competitor benchmarks as a readable table (pure HTML builder).

Every figure says what it is against: "vs competitor average (3 pages, excl. you)", "landscape
average (4 pages, incl. you)", "2nd of 4". Definitions: docs/benchmarks.md."""

from __future__ import annotations

import html

from dashboard.components.comparison import CELL, HEAD, NUM
from dashboard.components.readings import notes_html
from dashboard.formatting import format_number, format_percent
from dashboard.i18n import N_, _, ngettext
from metrics.benchmarks import BenchmarkRow

MEASURE_NAMES: dict[str, str] = {
    "followers": N_("Followers at the end of the period"),
    "follower_growth": N_("Follower growth"),
    "posts": N_("Posts"),
    "engagements": N_("Engagements"),
    "engagements_per_post": N_("Engagements per post"),
}


def _figure(value: float | None, measure: str) -> str:
    if value is None:
        return "–"
    digits = 1 if measure == "engagements_per_post" else 0
    return format_number(value, digits=digits)


def competitor_label(count: int) -> str:
    return ngettext(
        "vs competitor average ({n} page, excl. you)",
        "vs competitor average ({n} pages, excl. you)",
        count,
    ).format(n=count)


def landscape_label(count: int) -> str:
    return ngettext(
        "landscape average ({n} page, incl. you)",
        "landscape average ({n} pages, incl. you)",
        count,
    ).format(n=count)


def rank_text(row: BenchmarkRow) -> str:
    if row.rank is None:
        return "–"
    return _("{rank} of {pages}").format(rank=row.rank, pages=row.pages)


def gap_note(row: BenchmarkRow) -> str | None:
    """How far yours is from the competitor average, as a share of it ("+12.5% vs them")."""
    if row.own is None or not row.competitor_average:
        return None
    share = (row.own - row.competitor_average) / abs(row.competitor_average)
    sign = "+" if share > 0 else ""
    return _("{change} vs competitor average").format(change=sign + format_percent(share))


def benchmark_table(rows: list[BenchmarkRow]) -> str:
    """Measure | yours | competitor average | landscape average | your rank, one platform."""
    columns = (
        (_("Measure"), "left"),
        (_("Yours"), "right"),
        (_("Competitor average"), "right"),
        (_("Landscape average"), "right"),
        (_("Your rank"), "right"),
    )
    head = "".join(
        f'<th style="{HEAD}text-align:{align}">{html.escape(text)}</th>' for text, align in columns
    )
    # a phone shows each cell under its column's name (theme.py: no header row there)
    label = [f' data-label="{html.escape(text, quote=True)}"' for text, _align in columns]
    body = []
    for row in rows:
        gap = gap_note(row)
        cells = [
            f'<td style="{CELL}font-weight:600"><span>'
            f"{html.escape(_(MEASURE_NAMES[row.measure]))}</span></td>",
            f'<td style="{NUM}font-weight:700"{label[1]}><span>'
            f"{html.escape(_figure(row.own, row.measure))}</span>"
            f"{notes_html([gap] if gap else [])}</td>",
            f'<td style="{NUM}"{label[2]}><span>'
            f"{html.escape(_figure(row.competitor_average, row.measure))}</span>"
            f"{notes_html([competitor_label(row.competitors)] if row.competitors else [])}</td>",
            f'<td style="{NUM}"{label[3]}><span>'
            f"{html.escape(_figure(row.landscape_average, row.measure))}</span>"
            f"{notes_html([landscape_label(row.pages)] if row.pages else [])}</td>",
            f'<td style="{NUM}"{label[4]}><span>{html.escape(rank_text(row))}</span></td>',
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<div class="skpi-scroll"><table class="skpi-compare skpi-bench" '
        'style="width:100%;border-collapse:collapse;font-size:0.92rem">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
