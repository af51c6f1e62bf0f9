"""The competitor benchmarks as the reports write them, the PDF's table and the deck's slide
alike: per platform, for each measure the report shows, "yours vs the competitor average
(pages it averages) · your rank" (docs/benchmarks.md defines the figures)."""

from __future__ import annotations

from language.catalogs import rt
from language.formatting import MISSING, number, platform_name
from metrics.benchmarks import BenchmarkRow
from reports.i18n_reports import benchmark_measure

# The benchmark measures the report shows (the dashboard's Benchmarks page shows all five).
REPORT_BENCHMARKS = ("followers", "follower_growth", "engagements_per_post")


def benchmark_note(lang: str) -> str:
    return rt(
        lang,
        "Each cell: yours vs the competitor average (the organisation excluded; in "
        "brackets the pages it averages), then your rank (1 = highest). Landscape averages "
        "and all measures: the dashboard's Benchmarks page.",
    )


def benchmark_headings(lang: str) -> list[str]:
    return [rt(lang, "Platform"), *(benchmark_measure(lang, m) for m in REPORT_BENCHMARKS)]


def benchmark_figure(value: float | None, measure: str, lang: str) -> str:
    if value is None:
        return MISSING
    return number(value, lang, digits=1 if measure == "engagements_per_post" else 0)


def benchmark_cell(line: BenchmarkRow | None, lang: str) -> str:
    """ "20,401 vs 25,312 (3) · 2 of 4"; an en dash when the platform lacks the measure."""
    if line is None:
        return MISSING
    rank = (
        ""
        if line.rank is None
        else " · " + rt(lang, "{rank} of {pages}", rank=line.rank, pages=line.pages)
    )
    return (
        rt(
            lang,
            "{yours} vs {average} ({n})",
            yours=benchmark_figure(line.own, line.measure, lang),
            average=benchmark_figure(line.competitor_average, line.measure, lang),
            n=number(line.competitors, lang),
        )
        + rank
    )


def benchmark_rows(rows: tuple[BenchmarkRow, ...], lang: str) -> list[list[str]]:
    """One row per platform, in the order the rows name them: its name, then one cell per
    measure of REPORT_BENCHMARKS."""
    by_key = {(r.platform, r.measure): r for r in rows}
    platforms = list(dict.fromkeys(r.platform for r in rows))
    return [
        [
            platform_name(platform),
            *(benchmark_cell(by_key.get((platform, m)), lang) for m in REPORT_BENCHMARKS),
        ]
        for platform in platforms
    ]
