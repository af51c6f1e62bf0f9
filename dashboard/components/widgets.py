"""Widgets whose option labels are translated.

A browser keeps showing the label it was given for the selected option, so when the language
changes, a select box keyed only by name would go on showing "October 2026" to a Spanish
reader. These widgets are keyed by name *and* language; the value itself lives under the
plain name (`st.session_state[key]`), which is what pages and the shared link read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from dashboard.i18n import get_language


def widget_key(key: str) -> str:
    return f"{key}__{get_language()}"


def _copy_back(key: str, localized_key: str) -> None:
    # Callbacks run before the script sets the language, so the widget key is passed in.
    st.session_state[key] = st.session_state[localized_key]


def localized_selectbox(
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    format_func: Callable[[Any], str],
    default: Any = None,
) -> Any:
    """A select box whose value survives a language switch; returns the chosen option."""
    options = list(options)
    if st.session_state.get(key) not in options:
        st.session_state[key] = default if default in options else options[0]
    localized_key = widget_key(key)
    st.session_state[localized_key] = st.session_state[key]
    st.selectbox(
        label,
        options,
        format_func=format_func,
        key=localized_key,
        on_change=_copy_back,
        args=(key, localized_key),
    )
    return st.session_state[key]
