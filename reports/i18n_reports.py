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


def report_language(code: str | None) -> str:
    """`es_GT`, `NL` → `es`, `nl`; anything else → English."""
    return normalise_language(code)


def action_state(lang: str, status: str) -> str:
    return rt(lang, ACTION_STATES[status])


def measure_word(lang: str, measure: str) -> str:
    return rt(lang, MEASURE_WORDS[measure])


__all__ = [
    "MEASURE_WORDS",
    "action_state",
    "measure_word",
    "report_language",
]
