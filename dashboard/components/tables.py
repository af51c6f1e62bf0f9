"""Tables of posts with permalinks, formatted for the reader."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.formatting import format_date
from dashboard.i18n import N_, _
from reports.csv_text import csv_bytes

# Measures as a reader names them (the vocabulary's snake_case names are for files).
MEASURE_LABELS: dict[str, str] = {
    "impressions": N_("Impressions"),
    "reach": N_("Reach"),
    "engagements": N_("Engagements"),
    "reactions": N_("Reactions"),
    "comments": N_("Comments"),
    "shares": N_("Shares"),
    "saves": N_("Saves"),
    "clicks": N_("Clicks"),
    "link_clicks": N_("Link clicks"),
    "video_views": N_("Video views"),
    "watch_time_hours": N_("Hours watched"),
    # account-day and message measures, named in KPI formulas
    "followers": N_("Followers"),
    "follows": N_("New follows"),
    "unfollows": N_("Unfollows"),
    "profile_visits": N_("Profile visits"),
    "posts": N_("Posts"),
    "first_response_hours": N_("Hours to first response"),
    "first_response_business_hours": N_("Business hours to first response"),
}


def measure_name(measure: str) -> str:
    """ "link_clicks" → "Link clicks" in the reader's language (unknown names made readable)."""
    if measure in MEASURE_LABELS:
        return _(MEASURE_LABELS[measure])
    return measure.replace("_", " ").capitalize()


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def post_rows(posts: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The columns a reader needs: date, platform, account, type, text, measure, link."""
    text = posts["text"].fillna("").astype(str)
    return pd.DataFrame(
        {
            "published": [format_date(v) for v in posts["published_at"]],
            "platform": [state.PLATFORM_NAMES.get(p, p) for p in posts["platform"]],
            "account": posts["account"],
            "type": [_capitalised(str(t)) for t in posts["post_type"].fillna("")],
            "text": [t if len(t) <= 60 else t[:59] + "…" for t in text],
            "measure": pd.to_numeric(posts[measure]),
            # An empty link shows nothing; a missing one showed the word "None".
            "permalink": posts["permalink"].fillna("").astype(str),
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
            "account": st.column_config.TextColumn(_("Account"), width="medium"),  # whole names
            "type": st.column_config.TextColumn(_("Type"), width=80),
            "text": st.column_config.TextColumn(_("Post")),
            "measure": st.column_config.NumberColumn(
                measure_label or measure_name(measure),
                format="localized",
                width=110,
            ),
            "permalink": st.column_config.LinkColumn(_("Link"), display_text=_("Open"), width=70),
        },
    )
    # Streamlit's own CSV export of tables is switched off (client.disableDataExport): it
    # writes a post text "=HYPERLINK(...)" as a formula. This one escapes such cells.
    label = measure_label or measure_name(measure)
    rows = post_rows(posts, measure)
    rows["text"] = posts["text"].fillna("").astype(str).to_numpy()  # whole, not shortened
    headers = {
        "published": _("Published"),
        "platform": _("Platform"),
        "account": _("Account"),
        "type": _("Type"),
        "measure": label,
        "permalink": _("Link"),
        "text": _("Post"),
    }
    st.download_button(
        _("Download these posts (CSV)"),
        data=csv_bytes(rows[list(headers)].rename(columns=headers)),
        file_name=f"socialkpi-posts-{measure}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key or 'posts_' + measure}_csv",
    )
