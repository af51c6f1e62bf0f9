"""A plain-language executive summary of a review pack (pure: pack in, sentences out).

Four things an executive wants first: how many KPIs are on target, what improved most,
what worsened most, what is off target, and what could not be measured.
"""

from __future__ import annotations

from dataclasses import dataclass

from language.catalogs import RN_, rt
from language.formatting import kpi_value, number, percent, period_label
from reports.review_pack import KpiLine, ReviewPack

STATUSES: tuple[str, ...] = ("green", "amber", "red", "no_data", "no_target")


@dataclass(frozen=True)
class SummarySection:
    key: str  # improvements | declines | off_target | no_data
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ExecutiveSummary:
    headline: str
    sections: tuple[SummarySection, ...]

    def text(self) -> str:
        parts = [self.headline]
        for section in self.sections:
            parts.append("")
            parts.append(section.title)
            parts.extend(f"- {line}" for line in section.lines)
        return "\n".join(parts)


def change_text(kpi: KpiLine, lang: str) -> str:
    """The change on the previous period: points for percent KPIs, else a relative change."""
    if kpi.value is None or kpi.previous is None:
        return "–"
    if kpi.unit == "percent":
        points = round((kpi.value - kpi.previous) * 100, 1) + 0.0  # never "-0.0"
        sign = "+" if points > 0 else ""
        return rt(lang, "{value} pp", value=sign + number(points, lang, digits=1))
    if kpi.change is None:
        return kpi_value(kpi.value - kpi.previous, kpi.unit, lang)
    return percent(kpi.change, lang, digits=1, signed=True)


def rounds_to_nothing(kpi: KpiLine) -> bool:
    """A change that reads "-0.0 pp" or "+0.0%" at the precision the report shows: no
    executive should find it among the biggest declines (the dashboard shows it as "→ 0.0")."""
    if kpi.value is None or kpi.previous is None:
        return False
    if kpi.unit == "percent":
        return round((kpi.value - kpi.previous) * 100, 1) == 0
    return kpi.change is not None and round(kpi.change, 3) == 0


def _magnitude(kpi: KpiLine) -> float:
    if kpi.value is None or kpi.previous is None:
        return 0.0
    if kpi.unit == "percent":
        return abs(kpi.value - kpi.previous) / max(abs(kpi.previous), 1e-9)
    return abs(kpi.change) if kpi.change is not None else float("inf")


def improvements(kpis: list[KpiLine], top: int) -> list[KpiLine]:
    """The biggest improvements on the previous period, like for like only: a year-to-date
    total against last month's running total, or a quarter one month in against a whole
    quarter, is no movement (KpiLine.like_for_like)."""
    moved = (k for k in kpis if k.like_for_like and k.improved is True and not rounds_to_nothing(k))
    return sorted(moved, key=_magnitude, reverse=True)[:top]


def declines(kpis: list[KpiLine], top: int) -> list[KpiLine]:
    """The biggest declines on the previous period, like for like only (see improvements)."""
    moved = (
        k for k in kpis if k.like_for_like and k.improved is False and not rounds_to_nothing(k)
    )
    return sorted(moved, key=_magnitude, reverse=True)[:top]


def off_target(kpis: list[KpiLine]) -> list[KpiLine]:
    """Red before amber; within a colour, the furthest from target first."""

    def gap(k: KpiLine) -> float:
        if k.value is None or not k.target:
            return 0.0
        return abs(k.value - k.target) / abs(k.target)

    missed = [k for k in kpis if k.status in ("red", "amber")]
    return sorted(missed, key=lambda k: (k.status != "red", -gap(k)))


def kpi_label(kpi: KpiLine, lang: str) -> str:
    """A KPI's name as a scorecard row shows it, saying what its figures cover: year to date
    (its previous is a year earlier), or only part of the period ("1 of 3 months")."""
    label = kpi.name
    if kpi.cumulative:
        label = rt(lang, "{name} (year to date, compared with a year earlier)", name=label)
    if kpi.in_progress and kpi.coverage_done is not None and kpi.coverage_total:
        done, total = kpi.coverage_done, kpi.coverage_total
        if kpi.coverage_unit == "day":
            label = rt(
                lang,
                "{name} ({done} of {total} days with data)",
                name=label,
                done=done,
                total=total,
            )
        else:
            label = rt(
                lang,
                "{name} ({done} of {total} months with data)",
                name=label,
                done=done,
                total=total,
            )
    return label


def off_target_line(kpi: KpiLine, lang: str) -> str:
    """ "Name: value against a target of T", saying so when T is a pro-rated share of a
    written target (a year to date, or a period its data only partly reaches)."""
    values = {
        "name": kpi.name,
        "value": kpi_value(kpi.value, kpi.unit, lang),
        "target": kpi_value(kpi.target, kpi.unit, lang),
    }
    if kpi.target_share is None or kpi.target_period is None:
        return rt(lang, "{name}: {value} against a target of {target}.", **values)
    return rt(
        lang,
        "{name}: {value} against a target of {target} ({share} of the {period} target, pro-rated to the part of the period with data).",
        **values,
        share=percent(kpi.target_share, lang, digits=0),
        period=period_label(kpi.target_period, lang, in_sentence=True),
    )


def executive_summary(pack: ReviewPack, *, top: int = 3) -> ExecutiveSummary:
    lang = pack.language
    kpis = pack.kpis()
    counts = {s: sum(1 for k in kpis if k.status == s) for s in STATUSES}
    period = period_label(pack.period, lang, in_sentence=True)
    headline = rt(
        lang,
        "{total} KPIs were reviewed for {period}: {green} on target, {amber} near target, {red} off target, {no_data} without data and {no_target} without a target.",
        total=len(kpis),
        period=period,
        **counts,
    )

    def moved(template: str, k: KpiLine) -> str:
        return rt(
            lang,
            template,
            name=k.name,
            previous=kpi_value(k.previous, k.unit, lang),
            value=kpi_value(k.value, k.unit, lang),
            change=change_text(k, lang),
        )

    up = improvements(kpis, top)
    down = declines(kpis, top)
    missed = off_target(kpis)
    empty = [k for k in kpis if k.status == "no_data"]
    sections = [
        SummarySection(
            "improvements",
            rt(lang, "Biggest improvements"),
            tuple(
                moved(RN_("{name} improved from {previous} to {value} ({change})."), k) for k in up
            )
            or (rt(lang, "No KPI improved on the previous period."),),
        ),
        SummarySection(
            "declines",
            rt(lang, "Biggest declines"),
            tuple(
                moved(RN_("{name} worsened from {previous} to {value} ({change})."), k)
                for k in down
            )
            or (rt(lang, "No KPI worsened on the previous period."),),
        ),
        SummarySection(
            "off_target",
            rt(lang, "Not on target"),
            tuple(off_target_line(k, lang) for k in missed)
            or (rt(lang, "Every KPI with data and a target is on target."),),
        ),
    ]
    if empty:
        sections.append(
            SummarySection(
                "no_data",
                rt(lang, "No data"),
                tuple(
                    rt(lang, "{name}: no data for {period}.", name=k.name, period=period)
                    for k in empty
                ),
            )
        )
    return ExecutiveSummary(headline, tuple(sections))
