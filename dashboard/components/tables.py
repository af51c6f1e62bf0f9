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
            "text": [t if len(t) <= 90 else t[:89] + "…" for t in text],
            "measure": pd.to_numeric(posts[measure]),
            "permalink": posts["permalink"],
        }
    )


def posts_table(posts: pd.DataFrame, measure: str, *, key: str | None = None) -> None:
    st.dataframe(
        post_rows(posts, measure),
        hide_index=True,
        width="stretch",
        key=key,
        column_config={
            "published": st.column_config.TextColumn(_("Published")),
            "platform": st.column_config.TextColumn(_("Platform")),
            "account": st.column_config.TextColumn(_("Account")),
            "type": st.column_config.TextColumn(_("Type")),
            "text": st.column_config.TextColumn(_("Post"), width="large"),
            "measure": st.column_config.NumberColumn(measure, format="localized"),
            "permalink": st.column_config.LinkColumn(_("Link"), display_text=_("Open")),
        },
    )
