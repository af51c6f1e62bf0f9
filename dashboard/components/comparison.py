"""KPIs side by side per platform, as one readable table (pure HTML builder)."""

from __future__ import annotations

import html

from dashboard import state
from dashboard.components.readings import notes_html, shown_target, target_notes, value_notes
from dashboard.components.status import status_html
from dashboard.formatting import format_values_alike
from dashboard.i18n import _
from metrics.scorecard import KpiResult

# 8 px either side: with the value's and target's notes the ten columns fit a laptop
CELL = "padding:8px 8px;border-bottom:1px solid #E6E9EF;"
NUM = CELL + "text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;"
HEAD = (
    "padding:8px 8px;border-bottom:2px solid #C9CED6;color:#5F6B76;font-size:0.75rem;"
    "text-transform:uppercase;letter-spacing:0.05em;font-weight:600;"
)


def comparison_table(
    overall: list[KpiResult], per_platform: dict[str, dict[str, KpiResult]]
) -> str:
    """KPI | all platforms (value, target, status) | one column per platform (value).

    The value and target say what they are, as on the Overview: "year to date", "10 of 12
    months", "29% of 7.9M" (a filtered view), "83% of 8.4M" and "2026 target" (pro-rated).

    A row's figures share their decimals ("-0.4%" beside "-11.3%", not "-0.43%"). A platform
    the KPI leaves out says "not counted"; a dash means the platform reported nothing the KPI
    needs in the period. The table scrolls sideways inside its box on a narrow screen, the KPI
    names staying in view."""
    platforms = list(per_platform)
    kpi, everything, target, status = _("KPI"), _("All platforms"), _("Target"), _("Status")
    head = (
        f'<th style="{HEAD}text-align:left">{html.escape(kpi)}</th>'
        f'<th style="{HEAD}text-align:right">{html.escape(everything)}</th>'
        f'<th style="{HEAD}text-align:right">{html.escape(target)}</th>'
        f'<th style="{HEAD}">{html.escape(status)}</th>'
        + "".join(
            f'<th style="{HEAD}text-align:right">{html.escape(state.PLATFORM_NAMES[p])}</th>'
            for p in platforms
        )
    )
    not_counted = html.escape(_("not counted"))
    rows = []
    for row in overall:
        unit = row.unit
        counted = [p for p in platforms if p in (row.platforms or platforms)]
        values = [row.value, shown_target(row)] + [
            _value_of(per_platform[p].get(row.kpi_id)) for p in counted
        ]
        shown = dict(
            zip(["value", "target", *counted], format_values_alike(values, unit), strict=True)
        )
        cells = [
            f'<td style="{CELL}font-weight:600"><span>{html.escape(row.name)}</span></td>',
            f'<td style="{NUM}font-weight:700"><span>{html.escape(shown["value"])}</span>'
            f"{notes_html(value_notes(row))}</td>",
            f'<td style="{NUM}"><span>{html.escape(shown["target"])}</span>'
            f"{notes_html(target_notes(row))}</td>",
            f'<td style="{CELL}">{status_html(row)}</td>',
        ]
        for platform in platforms:
            if platform in shown:
                cells.append(f'<td style="{NUM}"><span>{html.escape(shown[platform])}</span></td>')
            else:
                cells.append(
                    f'<td style="{NUM}" class="skpi-muted"><span>{not_counted}</span></td>'
                )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<div class="skpi-scroll"><table class="skpi-compare" '
        'style="width:100%;border-collapse:collapse;font-size:0.92rem">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def account_figures_html(figures: list[tuple[str, str]]) -> str:
    """An account card's figures, label beside number, so no label is ever cut short."""
    rows = "".join(
        f'<tr><td class="skpi-muted" style="padding:2px 12px 2px 0;border:none">'
        f"{html.escape(label)}</td>"
        f'<td class="skpi-value" style="padding:2px 0;border:none;text-align:right">'
        f"{html.escape(value)}</td></tr>"
        for label, value in figures
    )
    return f'<table class="skpi-account" style="border:none;width:100%">{rows}</table>'


def _value_of(result: KpiResult | None) -> float | None:
    """A platform's value of the KPI; None when the platform has no result for it."""
    return None if result is None else result.value
