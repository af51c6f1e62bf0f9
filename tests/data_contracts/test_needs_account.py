"""`FileResult.needs_account`: the pipeline says, where it decides it, that the user has to
name the account (or the platform) of an export; no reader tells it from problem codes."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from data_contracts.pipeline import import_files, validate_files
from data_contracts.refile import refile_import

REPO = Path(__file__).resolve().parents[2]
EXPORTS = REPO / "sample_data" / "exports"
BROKEN = REPO / "sample_data" / "broken"
X_OVERVIEW = EXPORTS / "x" / "account_overview_analytics.csv"  # names no account
X_CONTENT = EXPORTS / "x" / "account_analytics_content_2026-09-28_2026-10-31.csv"  # links do
META_DAILY = BROKEN / "meta_daily_follows_without_account.csv"  # which Facebook page?
TIKTOK_OR_FACEBOOK = REPO / "tests/data_contracts/cases/files/tiktok/FollowerHistory.csv"


def test_an_export_that_names_no_account_needs_one(engine: Engine) -> None:
    [asked] = import_files(engine, [X_OVERVIEW])
    assert (asked.status, asked.needs_account) == ("rejected", True)
    assert [p["params"]["reason"] for p in asked.problems] == ["no_account"]
    assert asked.as_dict()["needs_account"] is True  # in `import --json` as well
    [answered] = import_files(engine, [X_OVERVIEW], account="northwindpolicy")
    assert (answered.status, answered.needs_account) == ("loaded", False)


def test_an_export_whose_links_name_the_account_does_not(engine: Engine) -> None:
    [content] = import_files(engine, [X_CONTENT])
    assert (content.status, content.account_source, content.needs_account) == (
        "loaded",
        "links",
        False,
    )


def test_a_file_with_neither_platform_nor_account_needs_an_account(engine: Engine) -> None:
    [daily] = import_files(engine, [META_DAILY])
    assert (daily.status, daily.platform, daily.needs_account) == ("rejected", "facebook", True)
    [history] = import_files(engine, [TIKTOK_OR_FACEBOOK])
    assert (history.status, history.platform, history.needs_account) == ("rejected", None, True)
    assert history.problems[0]["params"]["reason"] == "platform_unknown"


def test_other_rejections_and_validation_say_no(engine: Engine) -> None:
    [unknown] = import_files(engine, [BROKEN / "unknown_format_sales_ledger.csv"])
    assert (unknown.status, unknown.needs_account) == ("rejected", False)
    [checked] = validate_files(None, [X_OVERVIEW])  # the same question without a database
    assert (checked.status, checked.needs_account) == ("rejected", True)


def test_refiling_under_no_account_needs_one(engine: Engine) -> None:
    [stored] = import_files(engine, [X_OVERVIEW], account="northwindpolicy")
    assert stored.import_id is not None
    refused = refile_import(engine, stored.import_id, account="  ")
    assert (refused.status, refused.needs_account) == ("rejected", True)
