"""Tables of posts with permalinks, formatted for the reader."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.formatting import format_date
from dashboard.i18n import _


def post_rows(posts: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The columns a reader needs: date, platform, account, type, text, measure, link."""
    text = posts["text"].fillna("").astype(str)
    return pd.DataFrame(
        {
            "published": [format_date(v) for v in posts["published_at"]],
            "platform": [state.PLATFORM_NAMES.get(p, p) for p in posts["platform"]],
            "account": posts["account"],
            "type": posts["post_type"].fillna(""),
            "text": [t if len(t) <= 60 else t[:59] + "…" for t in text],
            "measure": pd.to_numeric(posts[measure]),
            "permalink": posts["permalink"],
        }
    )


def posts_table(
    posts: pd.DataFrame, measure: str, *, key: str | None = None, measure_label: str | None = None
) -> None:
    st.dataframe(
        post_rows(posts, measure),
        hide_index=True,
        width="stretch",
        key=key,
        column_order=("published", "platform", "account", "type", "measure", "permalink", "text"),
        column_config={
            "published": st.column_config.TextColumn(_("Published"), width=100),
            "platform": st.column_config.TextColumn(_("Platform"), width=90),
            "account": st.column_config.TextColumn(_("Account"), width=140),
            "type": st.column_config.TextColumn(_("Type"), width=80),
            "text": st.column_config.TextColumn(_("Post")),
            "measure": st.column_config.NumberColumn(
                measure_label or measure, format="localized", width=110
            ),
            "permalink": st.column_config.LinkColumn(_("Link"), display_text=_("Open"), width=70),
        },
    )
