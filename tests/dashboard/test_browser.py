"""The dashboard in a real browser: every page rendered and photographed, an export uploaded
through the uploader with its validation report, and the language switched from the sidebar.

Runs `streamlit run dashboard/app.py` on 127.0.0.1 and drives Debian's Chromium with
Playwright. Screenshots (1280×1500) land in test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_server import CHROMIUM, CHROMIUM_ARGS, REPO, SHOTS, need_chromium, serve, settle
from dashboard_seed import STRATEGY_YAML, seed

pytestmark = pytest.mark.browser

UPLOAD = (
    REPO / "sample_data" / "exports" / "x" / "account_analytics_content_2026-09-28_2026-10-31.csv"
)
OVERVIEW = REPO / "sample_data" / "exports" / "x" / "account_overview_analytics.csv"
FOLLOWERS = REPO / "tests" / "data_contracts" / "cases" / "files" / "tiktok" / "FollowerHistory.csv"
PAGES = {
    "overview": "",
    "kpi_detail": "kpi",
    "platforms": "platforms",
    "content": "content",
    "strategy": "strategy",
    "data": "data",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    need_chromium()
    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'warehouse.sqlite'}"
    seed(url)
    strategy = folder / "strategy.yaml"
    strategy.write_text(STRATEGY_YAML, encoding="utf-8")
    with serve(url, strategy, folder) as base:
        yield {"base": base, "url": url, "strategy": str(strategy)}


@pytest.fixture(scope="module")
def page(server: dict[str, str]) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 1500})
        # clicks wait for the app's rerun to enable their button: 30 s (Playwright's
        # default) was seen to run out on a machine loaded by parallel test suites
        tab.set_default_timeout(60_000)
        yield tab
        browser.close()


READY = {  # the last thing each page draws
    "overview": "5,700",
    "kpi_detail": "Where the numbers come from",
    "platforms": "Accounts",
    "content": "Distribution",
    "strategy": "Targets",
    "data": "Import history",
}
TITLES = {
    "overview": "Overview",
    "kpi_detail": "KPI detail",
    "platforms": "Platforms",
    "content": "Content",
    "strategy": "Strategy",
    "data": "Data",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_in_chromium(name: str, page, server: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server['base']}/{PAGES[name]}")
    settle(page, TITLES[name])
    page.get_by_text(READY[name], exact=True).first.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    assert page.get_by_test_id("stException").count() == 0
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    if name == "overview":
        assert page.get_by_text("Engagement rate per impression").count() >= 1
        assert page.get_by_text("5,700").count() == 1
    if name == "data":
        # the coverage calendar is drawn (a canvas or svg inside the Vega chart)
        chart = page.get_by_test_id("stVegaLiteChart").first
        assert chart.bounding_box()["height"] > 60


def test_upload_shows_report_and_changes_overview(page, server: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server['base']}/")
    settle(page, "Overview")
    before = page.get_by_test_id("stMainBlockContainer").inner_text()
    page.goto(f"{server['base']}/data")
    settle(page, "Data")
    uploader = page.get_by_test_id("stFileUploader").locator("input[type=file]")
    uploader.set_input_files(str(UPLOAD))
    page.get_by_role("button", name="Import 1 file(s)").click()
    # the file's report: its counters when it loaded, the account question when it does not
    # name its account (a rejected file shows no row counters)
    page.get_by_text(re.compile("Rows accepted|Which account is it")).first.wait_for(timeout=60_000)
    settle(page, "Data")
    question = page.get_by_label("Account name")
    if question.count():  # the export does not name its account: answer as a user would
        assert page.get_by_text("Rows accepted").count() == 0
        question.fill("northwindpolicy")
        question.press("Enter")
        page.get_by_role("button", name=f"Import {UPLOAD.name} for this account").click()
        page.get_by_text("Loaded").first.wait_for(timeout=60_000)
        settle(page, "Data")
    report = page.get_by_test_id("stMainBlockContainer").inner_text()
    assert UPLOAD.name in report
    assert "Loaded" in report or "quarantined" in report
    page.screenshot(path=str(SHOTS / "data-upload.png"))
    page.goto(f"{server['base']}/")
    settle(page, "Overview")
    after = page.get_by_test_id("stMainBlockContainer").inner_text()
    assert after != before  # X posts of October now count in "Posts published"
    page.screenshot(path=str(SHOTS / "overview-after-upload.png"))


def _upload(page, server: dict[str, str], path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server['base']}/data")
    settle(page, "Data")
    uploader = page.get_by_test_id("stFileUploader").locator("input[type=file]")
    uploader.set_input_files(str(path))
    page.get_by_role("button", name="Import 1 file(s)").click()
    page.get_by_text(path.name).first.wait_for(timeout=60_000)
    settle(page, "Data")


def test_an_assumed_account_is_said_and_changed(page, server: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """After the X content upload above, the warehouse knows one X account: an account
    overview, which names none, is filed under it, says so, and is moved on request."""
    _upload(page, server, OVERVIEW)
    notice = page.get_by_text("because it is the only X account socialkpi knows")
    notice.wait_for(timeout=60_000)
    assert "Filed under northwindpolicy" in notice.inner_text()
    settle(page, "Data")
    page.screenshot(path=str(SHOTS / "data-assumed-account.png"))
    box = page.get_by_label("Account it belongs to")
    box.fill("nw_events")
    box.press("Enter")
    page.get_by_role("button", name="File under this account").click()
    page.get_by_text("Account nw_events: as you gave it.").wait_for(timeout=60_000)
    settle(page, "Data")
    text = page.get_by_test_id("stMainBlockContainer").inner_text()
    assert "only X account socialkpi knows" not in text
    assert "Daily X account figures from X Premium analytics · X · nw_events" in text
    page.screenshot(path=str(SHOTS / "data-account-changed.png"))


def test_a_file_two_platforms_write_asks_for_the_platform(page, server: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    _upload(page, server, FOLLOWERS)
    page.get_by_text("which TikTok and Facebook both write").wait_for(timeout=60_000)
    retry = page.get_by_role("button", name=f"Import {FOLLOWERS.name} for this account")
    assert retry.is_disabled()
    main = page.get_by_test_id("stMainBlockContainer")
    main.get_by_test_id("stSelectbox").filter(has_text="Platform").first.click()
    page.get_by_role("option", name="TikTok").click()
    settle(page, "Data")
    box = page.get_by_label("Account name")
    box.fill("northwind.tiktok")
    box.press("Enter")
    page.get_by_role("button", name=f"Import {FOLLOWERS.name} for this account").click()
    page.get_by_text("Platform TikTok: as you gave it.").wait_for(timeout=60_000)
    settle(page, "Data")
    text = page.get_by_test_id("stMainBlockContainer").inner_text()
    assert "The dates have no year" in text
    page.screenshot(path=str(SHOTS / "data-platform-question.png"))


def test_language_switch_from_the_sidebar(page, server: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server['base']}/")
    settle(page, "Overview")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").filter(has_text="Language").click()
    page.get_by_role("option", name="Español").click()
    settle(page, "Resumen")
    assert page.get_by_text("En meta").count() >= 1
    assert "lang=es" in page.url
    page.screenshot(path=str(SHOTS / "overview-es.png"))
    page.goto(f"{server['base']}/strategy?lang=nl")
    settle(page, "Strategie")
    page.screenshot(path=str(SHOTS / "strategy-nl.png"))


@pytest.mark.parametrize("grain", ["Quarter", "Year", "Week", "Month"])
def test_each_period_type_from_the_sidebar(grain: str, page, server: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """A click on a period type redraws the Overview and the KPI detail without an error
    (one click on Quarter put a traceback on both)."""
    page.goto(f"{server['base']}/")
    settle(page, "Overview")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("radio", name=grain, exact=True).click()
    page.wait_for_function(f"() => location.search.includes('grain={grain.lower()}')")
    settle(page, "Overview")
    for path, title in (("", "Overview"), ("kpi", "KPI detail")):
        if path:
            page.goto(f"{server['base']}/{path}?grain={grain.lower()}")
            settle(page, title)
        main = page.get_by_test_id("stMain")
        assert page.get_by_test_id("stException").count() == 0, grain
        assert "Reference SKPI-" not in main.inner_text(), (grain, path)
        assert "Traceback" not in main.inner_text()
    page.screenshot(path=str(SHOTS / f"kpi-{grain.lower()}.png"))
