"""The filters every page shares, named once and mirrored in the URL query string.

`?strategy=main&grain=month&period=2026-10&platforms=facebook,linkedin&lang=es` opens the
same view for whoever follows the link. Widgets keep their values in `st.session_state`
under the keys below; `sync_query_params` writes them back to `st.query_params`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from dashboard.i18n import LANGUAGES, N_, normalise_language
from metrics.periods import Period
from warehouse.schema import PLATFORM_NAMES  # noqa: F401  (pages read state.PLATFORM_NAMES)

STRATEGY = "strategy"
GRAIN = "grain"
PERIOD = "period"
PLATFORMS = "platforms"
LANGUAGE = "lang"
SHARED_KEYS: tuple[str, ...] = (STRATEGY, GRAIN, PERIOD, PLATFORMS, LANGUAGE)

GRAINS: dict[str, str] = {
    "month": N_("Month"),
    "quarter": N_("Quarter"),
    "year": N_("Year"),
    "week": N_("Week"),
}
PERIODS_OFFERED = 24
# The strategy filter's "every strategy" choice (the default when there are several: the
# Overview then shows the scorecard the report shows).
ALL_STRATEGIES = "all"


@dataclass(frozen=True)
class Filters:
    """What the reader is looking at; every page receives one."""

    strategy_id: str | None
    grain: str
    period: str
    platforms: tuple[str, ...]
    language: str

    @property
    def platform_list(self) -> list[str] | None:
        """The platform filter as the metrics API takes it (None = all platforms)."""
        return list(self.platforms) if self.platforms else None


def period_choices(latest: date, grain: str, count: int = PERIODS_OFFERED) -> list[str]:
    """The `count` periods of `grain` ending with the one holding `latest`, newest first."""
    last = Period.containing(latest, grain)  # type: ignore[arg-type]
    return [str(p) for p in reversed(Period.last_n(last, count))]


def strategy_choices(strategy_ids: list[str]) -> list[str]:
    """What the strategy filter offers: every strategy first when there are several."""
    return [ALL_STRATEGIES, *strategy_ids] if len(strategy_ids) > 1 else list(strategy_ids)


def strategy_id_of(choice: str) -> str | None:
    """The strategy filter's choice as the metrics API takes it (None = every strategy)."""
    return None if choice == ALL_STRATEGIES else choice


def _param(name: str) -> str | None:
    value = st.query_params.get(name)
    return value if value else None


def initial_value(name: str, default: str | None) -> str | None:
    """The session's value, else the link's, else the default."""
    if name in st.session_state and st.session_state[name] not in (None, ""):
        value = st.session_state[name]
        return ",".join(value) if isinstance(value, list) else str(value)
    return _param(name) or default


def seed_state(name: str, value: object) -> None:
    """Give a widget key its starting value once (widgets then own it)."""
    if name not in st.session_state:
        st.session_state[name] = value


def language_from_link(default: str) -> str:
    return normalise_language(initial_value(LANGUAGE, default))


def parse_platforms(text: str | None, known: list[str]) -> list[str]:
    if not text:
        return []
    return [p for p in text.split(",") if p in known]


def sync_query_params(filters: Filters) -> None:
    """Mirror the filters in the URL so the view can be shared as a link."""
    wanted = {
        STRATEGY: filters.strategy_id or ALL_STRATEGIES,
        GRAIN: filters.grain,
        PERIOD: filters.period,
        PLATFORMS: ",".join(filters.platforms),
        LANGUAGE: filters.language,
    }
    for key, value in wanted.items():
        if value:
            if st.query_params.get(key) != value:
                st.query_params[key] = value
        elif key in st.query_params:
            del st.query_params[key]


def current_filters() -> Filters:
    """The filters the sidebar settled on in this run (app.py stores them first)."""
    filters = st.session_state.get("_filters")
    if isinstance(filters, Filters):
        return filters
    raise RuntimeError("dashboard.state.current_filters() called before app.py set the filters")


def store_filters(filters: Filters) -> None:
    st.session_state["_filters"] = filters


def has_filters() -> bool:
    return isinstance(st.session_state.get("_filters"), Filters)


def clear_filters() -> None:
    """Forget the last run's filters (app.py, before the sidebar settles this run's)."""
    st.session_state.pop("_filters", None)


def valid_language(code: str) -> bool:
    return code in LANGUAGES
