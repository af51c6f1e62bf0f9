"""The sidebar: language, strategy, period grain, period and platforms (see dashboard.state)."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from dashboard import state
from dashboard.components.widgets import localized_selectbox
from dashboard.formatting import format_period
from dashboard.i18n import LANGUAGES, _, set_language


def latest_data_day(latest_fact: date | None, today: date) -> date:
    """The last day of the newest month holding any facts (today when the warehouse is empty)."""
    if latest_fact is None:
        return today
    year, month = latest_fact.year, latest_fact.month
    return date(year, month, calendar.monthrange(year, month)[1])


def choose_language(default: str) -> str:
    """Seed the language from the link (else the strategy's) and put it in force for this run."""
    state.seed_state(state.LANGUAGE, state.language_from_link(default))
    if st.session_state[state.LANGUAGE] not in LANGUAGES:
        st.session_state[state.LANGUAGE] = default
    return set_language(st.session_state[state.LANGUAGE])


def sidebar_filters(
    sf: Any,
    latest_fact: date | None,
    *,
    today: date | None = None,
    default_period: Callable[[str], str] | None = None,
) -> state.Filters:
    """Render the shared filters and return what they settled on (also stored and linked).

    A period type opens on `default_period(grain)` (the latest complete period: a quarter
    holding only October is not the default), else on the newest period offered."""
    language = choose_language(sf.language)
    strategies = {info.id: info.name for info in sf.strategies}
    latest = latest_data_day(latest_fact, today or date.today())

    state.seed_state(state.GRAIN, state.initial_value(state.GRAIN, "month"))
    if st.session_state[state.GRAIN] not in state.GRAINS:
        st.session_state[state.GRAIN] = "month"
    grain = st.session_state[state.GRAIN]
    choices = state.period_choices(latest, grain)
    opening = default_period(grain) if default_period else choices[0]
    if opening not in choices:
        opening = choices[0]
    state.seed_state(state.PERIOD, state.initial_value(state.PERIOD, opening))
    if st.session_state[state.PERIOD] not in choices:
        wanted = st.session_state[state.PERIOD]
        st.session_state[state.PERIOD] = wanted if _is_period(wanted, grain) else opening
        if st.session_state[state.PERIOD] not in choices:
            choices = [st.session_state[state.PERIOD], *choices]
    state.seed_state(
        state.PLATFORMS,
        state.parse_platforms(state.initial_value(state.PLATFORMS, ""), list(state.PLATFORM_NAMES)),
    )
    strategy_choices = state.strategy_choices(list(strategies))
    state.seed_state(state.STRATEGY, state.initial_value(state.STRATEGY, strategy_choices[0]))
    if st.session_state[state.STRATEGY] not in strategy_choices:
        st.session_state[state.STRATEGY] = strategy_choices[0]

    with st.sidebar:
        st.markdown(f"### {sf.organisation}")
        if len(strategy_choices) > 1:
            localized_selectbox(
                _("Strategy"),
                strategy_choices,
                format_func=lambda sid: strategies.get(sid) or _("All strategies"),
                key=state.STRATEGY,
            )
        else:
            st.caption(strategies[strategy_choices[0]])
        st.segmented_control(
            _("Period type"),
            options=list(state.GRAINS),
            format_func=lambda grain: _(state.GRAINS[grain]),
            required=True,
            key=state.GRAIN,
        )
        localized_selectbox(
            _("Period"),
            choices,
            format_func=lambda pid: format_period(pid, lang=language),
            key=state.PERIOD,
        )
        st.multiselect(
            _("Platforms"),
            options=list(state.PLATFORM_NAMES),
            format_func=state.PLATFORM_NAMES.__getitem__,
            placeholder=_("All platforms"),
            key=state.PLATFORMS,
        )
        st.divider()
        st.selectbox(
            _("Language"),
            options=list(LANGUAGES),
            format_func=LANGUAGES.__getitem__,
            key=state.LANGUAGE,
        )

    filters = state.Filters(
        strategy_id=state.strategy_id_of(st.session_state[state.STRATEGY]),
        grain=st.session_state[state.GRAIN],
        period=st.session_state[state.PERIOD],
        platforms=tuple(st.session_state[state.PLATFORMS]),
        language=language,
    )
    state.store_filters(filters)
    state.sync_query_params(filters)
    return filters


def _is_period(text: str, grain: str) -> bool:
    """A period from a shared link is kept if it is valid and of the chosen grain."""
    from metrics.periods import Period, PeriodError

    try:
        return Period.parse(text).kind == grain
    except PeriodError:
        return False


def shared_sidebar() -> bool:
    """The filters every page shares, from the strategy in force; False (with the reason
    shown) when the strategy cannot be read."""
    from dashboard import loaders
    from dashboard.components.problems import strategy_invalid
    from metrics.strategy import StrategyInvalid

    try:
        sf = loaders.strategy_file()
    except StrategyInvalid as exc:
        choose_language("en")
        strategy_invalid(exc)
        return False
    except FileNotFoundError as exc:
        choose_language("en")
        st.error(
            _("No strategy file at {path}. Set SOCIALKPI_STRATEGY or pass --strategy.").format(
                path=exc.filename
            )
        )
        return False
    version = loaders.data_version()
    today = date.today()
    sidebar_filters(
        sf,
        loaders.latest_fact_day(version),
        today=today,
        default_period=lambda grain: loaders.default_period(version, grain, today),
    )
    return True
