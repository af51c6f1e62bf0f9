"""KPIs side by side per platform, as one readable table (pure HTML builder)."""

from __future__ import annotations

import html
from typing import Any

from dashboard import state
from dashboard.components.status import status_badge_html
from dashboard.formatting import format_value
from dashboard.i18n import _

CELL = "padding:8px 12px;border-bottom:1px solid #E6E9EF;"
NUM = CELL + "text-align:right;font-variant-numeric:tabular-nums;"
HEAD = (
    "padding:8px 12px;border-bottom:2px solid #C9CED6;color:#5F6B76;font-size:0.75rem;"
    "text-transform:uppercase;letter-spacing:0.05em;font-weight:600;"
)


def comparison_table(
    overall: list[dict[str, Any]], per_platform: dict[str, dict[str, dict[str, Any]]]
) -> str:
    """KPI | all platforms (value, target, status) | one column per platform (value)."""
    platforms = list(per_platform)
    head = (
        f'<th style="{HEAD}text-align:left">{html.escape(_("KPI"))}</th>'
        f'<th style="{HEAD}text-align:right">{html.escape(_("All platforms"))}</th>'
        f'<th style="{HEAD}text-align:right">{html.escape(_("Target"))}</th>'
        f'<th style="{HEAD}">{html.escape(_("Status"))}</th>'
        + "".join(
            f'<th style="{HEAD}text-align:right">{html.escape(state.PLATFORM_NAMES[p])}</th>'
            for p in platforms
        )
    )
    rows = []
    for row in overall:
        unit = row.get("unit")
        cells = [
            f'<td style="{CELL}font-weight:600">{html.escape(row["name"])}</td>',
            f'<td style="{NUM}font-weight:700">{html.escape(format_value(row.get("value"), unit))}</td>',
            f'<td style="{NUM}">{html.escape(format_value(row.get("target"), unit))}</td>',
            f'<td style="{CELL}">{status_badge_html(row.get("status"))}</td>',
        ]
        for platform in platforms:
            own = per_platform[platform].get(row["kpi_id"], {})
            value = own.get("value") if platform in own.get("platforms", [platform]) else None
            cells.append(f'<td style="{NUM}">{html.escape(format_value(value, unit))}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<table class="skpi-compare" style="width:100%;border-collapse:collapse;font-size:0.92rem">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
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
