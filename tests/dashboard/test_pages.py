"""What each page shows for the seeded warehouse (values worked out by hand in conftest).

October 2026: Facebook 6 posts (375 engagements / 7,500 impressions), LinkedIn 4 posts
(276 / 4,600) → engagement rate 651 / 12,100 = 5.4%; September 240 / 6,000 = 4.0%.
Followers at 31 October: 3,600 + 2,100 = 5,700 (30 September: 5,080).
"""

from __future__ import annotations

import re

import pytest
from dashboard_seed import APP
from streamlit.testing.v1 import AppTest


def open_page(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    if page:
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
    return at


def text_of(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown if "skpi-theme" not in m.value)


def test_overview_scorecard_values(app_env: dict[str, str]) -> None:
    at = open_page()
    text = text_of(at)
    assert at.title[0].value == "Overview"
    assert "Social networks strategy 2026 · October 2026 · All platforms" in text
    assert [s.value for s in at.subheader] == ["Improve audience engagement", "Grow our audience"]
    for shown in ("5.4%", "5.0%", "+1.4\xa0pp", "10", "+100.0%", "5,700", "+12.2%", "On target"):
        assert shown in text, shown
    # Change names what it compares with, once per KPI that has a previous value
    assert text.count('<span class="skpi-note">vs Sep 2026</span>') == 3
    assert text.count("● On target</span>") == 3  # three badges (plus the summary tile)
    assert [link.label for link in at.get("page_link")][-3:] == [
        "Engagement rate per impression",
        "Posts published",
        "Followers",
    ]


def test_platform_filter_changes_values_and_link(app_env: dict[str, str]) -> None:
    """LinkedIn alone is part of every KPI's platforms: its figures are shown with their share
    of the whole and judged against no target set for all platforms (4 posts against the
    organisation's 8 turned red before)."""
    at = open_page()
    at.multiselect(key="platforms").set_value(["linkedin"]).run()
    assert not at.exception
    text = text_of(at)
    assert "6.0%" in text  # 276 / 4,600
    assert '<span class="skpi-note">all platforms: 5.4%</span>' in text
    assert '<span class="skpi-note">40% of 10</span>' in text  # 4 of the 10 posts
    assert '<span class="skpi-note">all platforms: 5,700</span>' in text  # a stock: no share
    assert "skpi-badge" not in text  # no status against the whole organisation's target
    assert '3</div><div class="skpi-muted">◐ Part of the whole</div>' in text  # the tile
    assert "◐ <b>2</b> Part of the whole" in text  # the engagement objective's summary
    assert at.query_params["platforms"] == "linkedin"
    assert at.query_params["period"] == "2026-10"


def test_shared_link_opens_the_same_view(app_env: dict[str, str]) -> None:
    at = open_page(period="2026-09", platforms="facebook")
    assert at.selectbox(key="period__en").value == "2026-09"
    assert at.multiselect(key="platforms").value == ["facebook"]
    text = text_of(at)
    assert "September 2026 · Facebook" in text
    assert "4.0%" in text  # 240 / 6,000


def test_period_with_no_export_says_what_to_upload(app_env: dict[str, str]) -> None:
    at = open_page(period="2026-08")
    warnings = [w.value for w in at.warning]
    assert "No Facebook export covers August 2026 — upload one on the Data page." in warnings
    assert "No LinkedIn export covers August 2026 — upload one on the Data page." in warnings


def test_kpi_detail_values_definition_and_trace(app_env: dict[str, str]) -> None:
    at = open_page("views/kpi_detail_page.py")
    metrics = {m.label: m.value for m in at.metric}
    # the previous figure is named by what it covers, and the change says what it compares with
    assert metrics == {"Value": "5.4%", "Target": "5.0%", "September 2026": "4.0%"}
    assert "vs Sep 2026" in [c.value for c in at.caption]
    value = at.metric[0]
    assert value.delta == "+1.4\xa0pp"  # in view, not in a tooltip
    assert value.proto.color == value.proto.MetricColor.GREEN  # the KPI's good way
    text = text_of(at)
    assert "Σ engagements ÷ Σ impressions (per post)" in text
    assert "Communications lead" in text
    assert "2.0% (August 2026)" in text
    trace = at.dataframe[-1].value
    assert set(trace["File"]) >= {"facebook_posts_oct.csv", "linkedin_posts_oct.xlsx"}
    assert set(trace["Platform"]) == {"Facebook", "LinkedIn"}  # as named everywhere else
    assert "impressions, over the posts that report impressions" in text
    posts = at.dataframe[0].value
    assert posts["measure"].iloc[0] == 78  # LinkedIn post 10.3: 1,300 × 6%


def test_kpi_detail_follows_the_kpi_in_the_link(app_env: dict[str, str]) -> None:
    at = open_page()
    at.switch_page("views/kpi_detail_page.py")
    at.query_params["kpi"] = "followers"
    at.run()
    assert at.selectbox(key="kpi_pick").value == "followers"
    assert {m.label: m.value for m in at.metric}["Value"] == "5,700"


def test_content_ranks_posts(app_env: dict[str, str]) -> None:
    at = open_page("views/content_page.py")
    top = at.dataframe[0].value
    assert list(top["measure"][:3]) == [78, 75, 72]
    assert top["permalink"].iloc[0] == "https://example.org/linkedin/10/3"
    bottom = at.dataframe[1].value
    assert bottom["measure"].iloc[0] == 50
    at.multiselect(key="content_types").set_value(["video"]).run()
    assert set(at.dataframe[0].value["type"]) == {"Video"}


def test_platforms_side_by_side(app_env: dict[str, str]) -> None:
    at = open_page("views/platforms_page.py")
    table = next(m.value for m in at.markdown if "<table" in m.value and "skpi-compare" in m.value)
    cells = [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", table)
    ]
    header, rows = cells[:6], [cells[i : i + 6] for i in range(6, len(cells), 6)]
    assert header == ["KPI", "All platforms", "Target", "Status", "Facebook", "LinkedIn"]
    assert rows[0] == [
        "Engagement rate per impression",
        "5.4%",
        "5.0%",
        "● On target",
        "5.0%",
        "6.0%",
    ]
    assert rows[2] == ["Followers", "5,700", "5,000", "● On target", "3,600", "2,100"]
    card = next(m.value for m in at.markdown if "skpi-account" in m.value)
    figures = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>.*?</td>", card)]
    assert figures == ["Posts", "6", "Days with data", "31", "Inbox messages", "0"]


def test_strategy_cards_targets_and_cone(app_env: dict[str, str]) -> None:
    at = open_page("views/strategy_page.py")
    text = text_of(at)
    assert "<b>Initiation</b>" in text and "1/2" in text
    assert "✔ Target audience" in text and "○ Channel choice" in text
    targets = at.dataframe[0].value
    assert list(targets.columns) == ["KPI", "September 2026", "October 2026"]
    assert targets.iloc[0].tolist() == ["Engagement rate per impression", "5.0%", "5.0%"]


def test_data_page_history_quarantine_and_coverage(app_env: dict[str, str]) -> None:
    at = open_page("views/data_page.py")
    history = at.dataframe[0].value
    assert len(history) == 5
    assert history["file"].iloc[0] == "linkedin_followers.xlsx"
    assert list(history["status"]) == [
        "● Loaded",
        "● Loaded",
        "● Loaded",
        "▲ Partly loaded",
        "● Loaded",
    ]
    assert history["quarantined"].iloc[3] == 1
    assert at.download_button[0].label == "Download linkedin_followers.xlsx"
    at.selectbox(key="data_history_pick_5:5").set_value(2).run()
    assert at.download_button[0].label == "Download facebook_posts_oct.csv"
    assert "**0** account-months have no export" in text_of(at)


def test_language_switch_keeps_the_period_and_relabels_it(app_env: dict[str, str]) -> None:
    at = open_page(period="2026-09")
    at.selectbox(key="lang").set_value("nl").run()
    assert not at.exception
    period = at.selectbox(key="period__nl")
    assert period.value == "2026-09"
    assert period.options[period.index] == "september 2026"
    assert at.title[0].value == "Overzicht"
    at.selectbox(key="period__nl").set_value("2026-10").run()
    assert at.session_state["period"] == "2026-10"
    assert at.query_params["period"] == "2026-10"


def test_overview_shows_every_strategy_by_default_grouped(
    app_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample strategy file holds two strategies. The Overview opens on both, each a
    heading over its objectives (the report covers every strategy: 20 KPIs, not 15); choosing
    one shows its objectives alone, the strategy named in the subtitle only."""
    sample = APP.parents[1] / "sample_data" / "strategy.yaml"
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(sample))
    at = open_page()
    assert at.selectbox(key="strategy__en").value == "all"
    assert at.query_params["strategy"] == "all"
    assert "Northwind Policy Institute · October 2026 · All platforms" in text_of(at)
    assert [h.value for h in at.header] == [
        "Research reach and policy influence 2026",
        "Talent and partnerships 2026",
    ]
    everything = len(at.get("page_link"))
    at.selectbox(key="strategy__en").set_value("research_reach").run()
    assert not at.exception
    assert "Research reach and policy influence 2026 · October 2026" in text_of(at)
    assert not at.header  # one strategy: no strategy headings
    assert at.query_params["strategy"] == "research_reach"
    assert len(at.get("page_link")) < everything
