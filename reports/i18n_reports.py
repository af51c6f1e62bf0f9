"""The reports' words: tables of labels looked up by a value, and the report's language.

Reports go to people who never open the app, in the strategy's language, so they never read
the viewer's language (the dashboard's session). Their strings are in the gettext catalogs
(`dashboard/locales/<lang>/LC_MESSAGES/socialkpi.po`) in the context `report`, written where
they are used: `rt(lang, "Page {page} of {pages}", page=1, pages=9)` (`language.catalogs`).
A string chosen by a value (an action's state, a measure) is marked with `RN_` in a table
here; a KPI's status is written by `language.formatting.status_label`.
"""

from __future__ import annotations

from language.catalogs import RN_, normalise_language, rt

# The columns of an objective's KPI table, in the PDF and the deck alike.
KPI_TABLE_HEADINGS: tuple[str, ...] = (
    RN_("KPI"),
    RN_("Value"),
    RN_("Target"),
    RN_("Status"),
    RN_("Change"),
    RN_("Target reached"),
    RN_("A year earlier"),
)
ACTION_STATES: dict[str, str] = {
    "open": RN_("open"),
    "done": RN_("done"),
    "dropped": RN_("dropped"),
}
# Post measures a top-posts table may rank by, as a sentence names them.
MEASURE_WORDS: dict[str, str] = {
    "impressions": RN_("impressions"),
    "reach": RN_("reach"),
    "engagements": RN_("engagements"),
    "reactions": RN_("reactions"),
    "comments": RN_("comments"),
    "shares": RN_("shares"),
    "saves": RN_("saves"),
    "clicks": RN_("clicks"),
    "link_clicks": RN_("link clicks"),
    "video_views": RN_("video views"),
    "watch_time_hours": RN_("watch time (hours)"),
}


# Competitor benchmark measures as the report's benchmark table names them (docs/benchmarks.md).
BENCHMARK_MEASURES: dict[str, str] = {
    "followers": RN_("Followers at the end of the period"),
    "follower_growth": RN_("Follower growth"),
    "posts": RN_("Posts"),
    "engagements": RN_("Engagements"),
    "engagements_per_post": RN_("Engagements per post"),
}


def report_language(code: str | None) -> str:
    """`es_GT`, `NL` → `es`, `nl`; anything else → English."""
    return normalise_language(code)


def action_state(lang: str, status: str) -> str:
    return rt(lang, ACTION_STATES[status])


def measure_word(lang: str, measure: str) -> str:
    return rt(lang, MEASURE_WORDS[measure])


def benchmark_measure(lang: str, measure: str) -> str:
    return rt(lang, BENCHMARK_MEASURES[measure])


__all__ = [
    "BENCHMARK_MEASURES",
    "MEASURE_WORDS",
    "action_state",
    "benchmark_measure",
    "measure_word",
    "report_language",
]


def kpi_table_headings(lang: str) -> list[str]:
    return [rt(lang, heading) for heading in KPI_TABLE_HEADINGS]
