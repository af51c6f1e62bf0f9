"""The style rules that make the pages read like a finished product on a laptop, a projector
(1024×768) and a phone (390 px).

Names wrap at word boundaries; numbers never wrap (they carry non-breaking spaces and
`white-space: nowrap`). The scorecard's KPI rows are keyed containers (`st-key-skpi_row_…`,
dashboard/components/scorecard.py): a table row on a wide screen, a card with labelled cells on
a phone, where the header row is hidden. The sidebar narrows on a projector and starts collapsed
on a phone (`initial_sidebar_state="auto"` in app.py).
"""

from __future__ import annotations

import streamlit as st

ROW = '[class*="st-key-skpi_row_"]'
HEAD = '[class*="st-key-skpi_head_"]'

CSS = f"""
<style>
[data-testid="stSidebarHeader"] {{padding-bottom: 0;}}
.block-container {{padding-top: 2.2rem; max-width: 1400px;}}
h1 {{font-weight: 700; letter-spacing: -0.01em;}}
.skpi-subtitle {{color: #5F6B76; font-size: 1.0rem; margin-top: -0.6rem; margin-bottom: 1rem;}}
.skpi-kpi-name {{font-weight: 600; font-size: 1.0rem; line-height: 1.25;}}
.skpi-muted {{color: #5F6B76; font-size: 0.82rem;}}
.skpi-note {{display: block; color: #5F6B76; font-size: 0.76rem; font-weight: 400;
            line-height: 1.2; margin-top: 2px;}}
.skpi-value {{font-size: 1.35rem; font-weight: 700; font-variant-numeric: tabular-nums;
             white-space: nowrap;}}
.skpi-num {{font-variant-numeric: tabular-nums; font-size: 0.95rem; white-space: nowrap;}}
.skpi-head {{color: #5F6B76; font-size: 0.75rem; text-transform: uppercase;
            letter-spacing: 0.05em; font-weight: 600;}}
.skpi-up, .skpi-down, .skpi-flat {{font-weight: 600; white-space: nowrap;}}
.skpi-up {{color: #007A5E;}}
.skpi-down {{color: #B8400A;}}
.skpi-flat {{color: #5F6B76;}}
.skpi-cell-label {{display: none;}}
.skpi-badge {{display: inline-block; line-height: 1.35;}}
.skpi-tiles {{display: flex; flex-wrap: wrap; gap: 10px; margin-bottom: 0.6rem;}}
.skpi-tile {{border: 1px solid #E6E9EF; border-radius: 10px; padding: 8px 14px;
            background: #FFFFFF; flex: 1 1 120px; min-width: 120px;}}
.skpi-tile .skpi-muted {{white-space: nowrap;}}
.skpi-tile-count {{font-size: 1.8rem; font-weight: 700; line-height: 1.1;}}
.skpi-summary {{display: flex; flex-wrap: wrap; gap: 6px; margin: -0.5rem 0 0.6rem 0;}}
.skpi-chip {{border-radius: 999px; padding: 1px 10px; font-size: 0.8rem; font-weight: 600;
            white-space: nowrap;}}
.skpi-scroll {{overflow-x: auto; -webkit-overflow-scrolling: touch;}}
.skpi-compare .skpi-badge {{white-space: nowrap !important;}}
.skpi-compare td.skpi-muted {{font-size: 0.74rem; color: #8A949E;}}
.skpi-bench td .skpi-note {{white-space: normal; min-width: 8rem;}}
.skpi-scroll table th:first-child, .skpi-scroll table td:first-child {{
            position: sticky; left: 0; background: #FFFFFF; z-index: 1;
            min-width: 11rem;}}
h2 {{font-size: 1.75rem !important;}}
[data-testid="stMetricValue"] {{font-size: clamp(1.3rem, 2.1vw, 1.9rem);}}
[data-testid="stMetricValue"] div {{white-space: nowrap;}}
[data-testid="stSidebar"] [data-testid="stButtonGroup"] button {{padding-left: 10px;
            padding-right: 10px;}}
.skpi-cone {{border-radius: 10px; padding: 12px 14px; border: 1px solid #E6E9EF;}}
.skpi-meeting-name {{font-size: 1.25rem; font-weight: 700; line-height: 1.3;
            margin-bottom: 0.35rem;}}

/* KPI names: whole words on as many lines as they need, never cut with an ellipsis */
{ROW} [data-testid="stPageLink"] a, {ROW} [data-testid="stPageLink"] span,
{ROW} [data-testid="stPageLink"] p {{
    white-space: normal !important; overflow: visible !important;
    text-overflow: clip !important; overflow-wrap: normal; word-break: normal;
    max-width: 100%; line-height: 1.3;}}
{ROW} [data-testid="stPageLink"] p {{font-weight: 600;}}

/* a projector: a narrower sidebar, less padding, slightly smaller figures */
@media (max-width: 1200px) {{
  [data-testid="stSidebar"][data-collapsed="false"] {{
      width: 256px !important; min-width: 256px !important; max-width: 256px !important;}}
  /* the four period types on one row (it wrapped to three buttons and a stray fourth):
     each button as wide as its word ("Trimestre", "Kwartaal") plus a little padding */
  .st-key-grain, .st-key-grain [data-testid="stButtonGroup"] {{width: 100% !important;}}
  .st-key-grain [data-testid="stButtonGroup"] > div {{display: flex !important;
      flex-wrap: nowrap !important; width: 100%; max-width: none;}}
  .st-key-grain [data-testid="stButtonGroup"] button {{flex: 1 1 auto; width: auto !important;
      min-width: 0; padding-left: 5px !important; padding-right: 5px !important;}}
  .st-key-grain [data-testid="stButtonGroup"] button p {{font-size: 0.84rem;}}
  .block-container {{padding-left: 1.5rem; padding-right: 1.5rem;}}
  .skpi-value {{font-size: 1.15rem;}}
  .skpi-num {{font-size: 0.9rem;}}
  .skpi-up, .skpi-down, .skpi-flat {{font-size: 0.9rem;}}
  .skpi-note {{font-size: 0.7rem;}}
  .skpi-badge {{font-size: 0.74rem !important; padding: 2px 7px !important;
               white-space: normal !important; border-radius: 10px !important;}}
  {ROW} [data-testid="stHorizontalBlock"], {HEAD} [data-testid="stHorizontalBlock"] {{
      gap: 0.6rem;}}
}}

/* a phone: each KPI a card (name; value, status and trend; target and change); no header */
@media (max-width: 640px) {{
  .block-container {{padding-left: 0.9rem; padding-right: 0.9rem; padding-top: 3rem;}}
  /* the benchmark table as one card per measure: its name, then yours, the two averages and
     the rank two by two, each under its column's name (the table ran off the screen) */
  .skpi-bench thead {{display: none;}}
  .skpi-bench, .skpi-bench tbody {{display: block; width: 100%;}}
  .skpi-bench tr {{display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      gap: 0.35rem 0.8rem; padding: 0.6rem 0; border-top: 1px solid #E6E9EF;}}
  .skpi-bench td {{display: block; position: static !important; min-width: 0 !important;
      text-align: left !important; padding: 0 !important; border: none !important;}}
  .skpi-bench td:first-child {{grid-column: 1 / -1;}}
  .skpi-bench td[data-label]::before {{content: attr(data-label); display: block;
      color: #5F6B76; font-size: 0.74rem; font-weight: 400;}}
  .skpi-bench td .skpi-note {{min-width: 0; text-align: left !important;}}
  h1 {{font-size: 2rem;}}
  h2 {{font-size: 1.45rem !important;}}
  h3 {{font-size: 1.2rem !important;}}
  [data-testid="stMetricValue"] {{font-size: 1.6rem;}}
  div:has(> {HEAD}) {{display: none;}}
  div:has(> {HEAD}) + div > {ROW} {{border-top: none; padding-top: 0;}}
  .skpi-cell-label {{display: inline; color: #5F6B76; font-size: 0.8rem; margin-right: 0.35rem;}}
  {ROW} {{border-top: 1px solid #E6E9EF; padding-top: 0.6rem;}}
  {ROW} [data-testid="stHorizontalBlock"] {{
      display: grid !important; grid-template-columns: minmax(0, 1.15fr) minmax(0, 1.1fr)
      minmax(0, 1fr); gap: 0.15rem 0.6rem; align-items: center;}}
  {ROW} [data-testid="stColumn"] {{width: auto !important; min-width: 0 !important;
      flex: none !important;}}
  {ROW} [data-testid="stColumn"]:nth-child(1) {{grid-column: 1 / -1; grid-row: 1;}}
  {ROW} [data-testid="stColumn"]:nth-child(2) {{grid-column: 1; grid-row: 2;}}
  {ROW} [data-testid="stColumn"]:nth-child(4) {{grid-column: 2 / -1; grid-row: 2;}}
  {ROW} [data-testid="stColumn"]:nth-child(3) {{grid-column: 1; grid-row: 3;
      align-self: start;}}
  {ROW} [data-testid="stColumn"]:nth-child(5) {{grid-column: 2; grid-row: 3;
      align-self: start;}}
  {ROW} [data-testid="stColumn"]:nth-child(6) {{grid-column: 3; grid-row: 3;}}
  {ROW} .skpi-badge {{white-space: nowrap !important;}}
  {ROW} [data-testid="stPageLink"] {{margin-left: -0.5rem;}}
  .skpi-summary {{margin-top: -0.3rem;}}
  .skpi-tile {{flex: 1 1 auto; min-width: 96px; padding: 6px 10px;}}
  .skpi-tile-count {{font-size: 1.4rem;}}
}}
</style>
"""


# The element that carries the rules takes no room on the page.
HOLDER = """<style>
[data-testid="stElementContainer"]:has(> [data-testid="stMarkdown"] .skpi-theme) {display: none;}
</style><span class="skpi-theme"></span>"""


def apply_theme() -> None:
    """The rules as the page's first element. Not st.html: style tags alone go to Streamlit's
    event container, which a slow first run drew after the whole page (a reader saw it
    unstyled for seconds)."""
    st.markdown(CSS + HOLDER, unsafe_allow_html=True)
