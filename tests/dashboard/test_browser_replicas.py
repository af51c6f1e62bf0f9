"""Several app replicas on one PostgreSQL (issue 14, docs/deploy.md): an export uploaded
through one `streamlit run` process shows in the other, with its audit entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_server import CHROMIUM, CHROMIUM_ARGS, REPO, need_chromium, serve, settle
from dashboard_seed import STRATEGY_YAML, seed

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

UPLOAD = (
    REPO / "sample_data" / "exports" / "x" / "account_analytics_content_2026-09-28_2026-10-31.csv"
)


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_an_upload_through_one_replica_shows_in_the_other(
    database_url: str, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    need_chromium()
    seed(database_url)
    strategy = tmp_path / "strategy.yaml"
    strategy.write_text(STRATEGY_YAML, encoding="utf-8")
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    with (
        serve(database_url, strategy, first) as one,
        serve(database_url, strategy, second) as other,
        sync_playwright() as p,
    ):
        assert one != other  # two processes, two ports
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 1500})
        tab.set_default_timeout(60_000)
        tab.goto(f"{other}/")
        settle(tab, "Overview")
        before = tab.get_by_test_id("stMainBlockContainer").inner_text()

        tab.goto(f"{one}/data")
        settle(tab, "Data")
        uploader = tab.get_by_test_id("stFileUploader").locator("input[type=file]")
        uploader.set_input_files(str(UPLOAD))
        tab.get_by_role("button", name="Import 1 file(s)").click()
        tab.get_by_text(re.compile("Rows accepted|Which account is it")).first.wait_for()
        settle(tab, "Data")
        question = tab.get_by_label("Account name")
        if question.count():
            question.fill("northwindpolicy")
            question.press("Enter")
            tab.get_by_role("button", name=f"Import {UPLOAD.name} for this account").click()
            tab.get_by_text("Loaded").first.wait_for()
            settle(tab, "Data")

        tab.goto(f"{other}/")
        settle(tab, "Overview")
        after = tab.get_by_test_id("stMainBlockContainer").inner_text()
        assert after != before  # the other replica reads the new posts at once

        tab.goto(f"{other}/audit")
        settle(tab, "Audit log")
        with tab.expect_download() as download:
            tab.get_by_role("button", name="Download the audit log (CSV)").click()
        log = Path(download.value.path()).read_text(encoding="utf-8")
        assert UPLOAD.name in log and "upload" in log
        browser.close()
