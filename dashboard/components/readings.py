"""What a figure covers and what it is judged against, in words (pure: a scorecard row in,
text out). metrics.scorecard.KpiResult carries the facts (docs/metrics.md "Reading a value");
these functions only say them: "year to date", "1 of 3 months", "29% of 7.9M",
"33% of 550 (Q4 2026)", "vs Jan – Oct 2025".
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from dashboard.formatting import (
    format_percent,
    format_span,
    format_value,
    is_missing,
    quarter_name,
    unbreakable,
)
from dashboard.i18n import _, ngettext
from metrics.periods import Period, PeriodError
from metrics.scorecard import KpiResult

# Display statuses beside metrics' own (green, amber, red, no_target, no_data): a value of a
# filtered view is part of a whole, not judged; an incomplete period may not be judged yet.
PART_OF_WHOLE = "part_of_whole"
IN_PROGRESS = "in_progress"
OWN_TARGET_OF_ENCLOSING = "enclosing_target"


def compared_with(row: KpiResult) -> str | None:
    """The period id of what `previous` covers ("2026-09", "2025-10 YTD"), as metrics names
    it; for a result without it, the period before the row's (year to date when the row is)."""
    named = row.compared_with
    if named:
        return str(named)
    try:
        before = str(Period.parse(str(row.period)).previous())
    except PeriodError:
        return None
    return f"{before} YTD" if row.cumulative else before


def partial_comparison(row: KpiResult) -> bool:
    """True when an incomplete value (October of a quarter) is compared with a whole period
    (all of the previous quarter): the change is shown, named, but not coloured as better or
    worse. A year-to-date value is compared with the same point a year earlier: like with
    like."""
    return bool(row.in_progress) and row.comparison != "same_point_last_year"


def comparison_note(row: KpiResult, *, short: bool = True) -> str | None:
    """ "vs Sep 2026", "vs Jan – Oct 2025", "vs all of Q3 2026" (an incomplete value against a
    whole period); None when there is nothing to compare with."""
    against = compared_with(row)
    if against is None or is_missing(row.previous) or is_missing(row.value):
        return None
    period = format_span(against, short=short)
    if partial_comparison(row):
        return _("vs all of {period}").format(period=period)
    return _("vs {period}").format(period=period)


def coverage_note(row: KpiResult) -> str | None:
    """ "1 of 3 months" for a value whose span is not complete (in progress, or only partly
    covered by exports); None for a complete one."""
    done, total = row.coverage_done, row.coverage_total
    if not row.in_progress or is_missing(done) or is_missing(total) or not total:
        return None
    if row.coverage_unit == "day":
        text = ngettext("{done} of {total} day", "{done} of {total} days", int(total))
    else:
        text = ngettext("{done} of {total} month", "{done} of {total} months", int(total))
    # one line always: "10 van 12 / maanden" under a value read as a broken figure
    return unbreakable(text.format(done=int(done), total=int(total)))


def whole_note(row: KpiResult) -> str | None:
    """In a view of some of a KPI's platforms: "29% of 7.9M" (additive KPIs), else
    "all platforms: 5.2%"; None in a view of all of them."""
    whole = row.whole_value
    if is_missing(whole):
        return None
    unit = row.unit
    share = row.share_of_whole
    if not is_missing(share):
        return _("{share} of {whole}").format(
            share=format_percent(share, digits=0), whole=format_value(whole, unit)
        )
    return _("all platforms: {whole}").format(whole=format_value(whole, unit))


def notes_html(notes: Iterable[str]) -> str:
    """Notes under a figure, one small line each (`.skpi-note`, dashboard/components/theme.py),
    as the Overview, the Platforms table and the review write them."""
    return "".join(f'<span class="skpi-note">{html.escape(n)}</span>' for n in notes)


def value_notes(row: KpiResult) -> list[str]:
    """Everything that qualifies a value, in the order a reader needs it."""
    notes = [_("year to date")] if row.cumulative else []
    notes += [n for n in (coverage_note(row), whole_note(row)) if n]
    return notes


def shown_target(row: KpiResult) -> float | None:
    """The target a reader sees: the one the status is judged against, else (an additive KPI
    without a target of its own) the enclosing quarter's or year's."""
    if not is_missing(row.target):
        return row.target
    enclosing = row.enclosing_target
    return None if is_missing(enclosing) else enclosing


def target_notes(row: KpiResult) -> list[str]:
    """Where the target shown comes from, when it is not simply the period's own, one short
    line each: ["83% of 8.4M", "2026 target"] (pro-rated: the share of the written target),
    ["Q1 2026 target"] (inherited, or the enclosing quarter's for a month without a target),
    ["platform target"]."""
    unit = row.unit
    reason = row.status_reason
    period = row.target_period
    if is_missing(row.target) and not is_missing(row.enclosing_target):
        period = row.enclosing_target_period
        return [_period_target(str(period))] if period else []
    share = row.target_share
    if not is_missing(share) and share and period and not is_missing(row.target):
        written = float(row.target) / float(share)
        of = _("{share} of {whole}").format(
            share=format_percent(share, digits=0), whole=format_value(written, unit)
        )
        return [unbreakable(of), _period_target(str(period))]
    if reason == "inherited_target" and period:
        return [_period_target(str(period))]
    if reason == "platform_target":
        return [_("platform target")]
    return []


def target_note(row: KpiResult) -> str | None:
    """The target notes as one line ("83% of 8.4M · 2026 target"), or None."""
    notes = target_notes(row)
    return " · ".join(notes) if notes else None


def _period_target(period_id: str) -> str:
    return _("{period} target").format(period=unbreakable(format_span(period_id)))


def display_status(row: KpiResult) -> str:
    """The status a reader sees: metrics' own, except for a value that is only part of the
    whole (a filtered view) and one whose period is too incomplete to judge."""
    reason = row.status_reason
    if reason == "filtered_subset" and row.status != "no_data":
        return PART_OF_WHOLE
    if reason == "in_progress" and row.status != "no_data":
        return IN_PROGRESS
    return str(row.status or "no_data")


def enclosing_share_note(row: KpiResult) -> str | None:
    """ "52% of Q1" for a month without a target of its own whose quarter has one (the
    quarter's year is the month's: the badge stays short enough for one line)."""
    share, period = row.share_of_enclosing, row.enclosing_target_period
    if is_missing(share) or not period or not is_missing(row.target):
        return None
    return _("{share} of {period}").format(
        share=format_percent(share, digits=0), period=_short_enclosing(str(period))
    )


def _short_enclosing(period_id: str) -> str:
    """ "Q1" ("T1", "K1") for a quarter, the year itself for a year."""
    try:
        period = Period.parse(period_id)
    except PeriodError:
        return period_id
    if period.kind == "quarter":
        return quarter_name(period.start)
    return format_span(period_id)
