"""A few style rules that make the pages read like a finished product on a projector."""

from __future__ import annotations

import streamlit as st

CSS = """
<style>
[data-testid="stSidebarHeader"] {padding-bottom: 0;}
.block-container {padding-top: 2.2rem; max-width: 1400px;}
h1 {font-weight: 700; letter-spacing: -0.01em;}
.skpi-subtitle {color: #5F6B76; font-size: 1.0rem; margin-top: -0.6rem; margin-bottom: 1rem;}
.skpi-kpi-name {font-weight: 600; font-size: 1.0rem; line-height: 1.25;}
.skpi-muted {color: #5F6B76; font-size: 0.82rem;}
.skpi-value {font-size: 1.35rem; font-weight: 700; font-variant-numeric: tabular-nums;}
.skpi-num {font-variant-numeric: tabular-nums; font-size: 0.95rem;}
.skpi-head {color: #5F6B76; font-size: 0.75rem; text-transform: uppercase;
            letter-spacing: 0.05em; font-weight: 600;}
.skpi-up {color: #007A5E; font-weight: 600;}
.skpi-down {color: #B8400A; font-weight: 600;}
.skpi-flat {color: #5F6B76; font-weight: 600;}
.skpi-tile {border: 1px solid #E6E9EF; border-radius: 10px; padding: 10px 14px;
            background: #FFFFFF;}
.skpi-tile-count {font-size: 1.8rem; font-weight: 700; line-height: 1.1;}
[data-testid="stMetricValue"] {font-size: 1.9rem;}
[data-testid="stSidebar"] [data-testid="stButtonGroup"] button {padding-left: 10px;
            padding-right: 10px;}
.skpi-cone {border-radius: 10px; padding: 12px 14px; border: 1px solid #E6E9EF;}
.skpi-meeting-name {font-size: 1.25rem; font-weight: 700; line-height: 1.3;
            margin-bottom: 0.35rem;}
.skpi-meeting-said {border-left: 4px solid #C9D1DA; padding-left: 10px; margin-bottom: 6px;}
</style>
"""


def apply_theme() -> None:
    st.html(CSS)
