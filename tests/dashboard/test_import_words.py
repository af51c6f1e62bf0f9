"""Exports and import problems in the reader's words and language: each contract's readable
title is in the catalogs, and the whole-file problems, the account question and where an
import's account, platform and year came from read as a person would say them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from babel.messages.pofile import read_po

from dashboard.export_titles import export_title
from dashboard.i18n import LOCALES_DIR, set_language
from dashboard.import_provenance import (
    assumption_text,
    command_hint,
    provenance_lines,
    question,
    whole_file_text,
)
from data_contracts.model import all_contracts


@pytest.fixture
def lang() -> Iterator[None]:
    yield
    set_language("en")


def test_every_contract_title_is_in_the_catalogs() -> None:
    with (LOCALES_DIR / "socialkpi.pot").open("rb") as handle:
        ids = {m.id for m in read_po(handle) if m.id}
    assert {c.title for c in all_contracts()} <= ids


def test_an_export_is_named_by_its_title(lang: None) -> None:
    set_language("en")
    assert export_title("x_content") == "X posts from X Premium analytics"
    assert export_title("youtube_content", capital=True).startswith("YouTube videos")
    assert export_title("meta_daily_metric", capital=True) == (
        "One daily chart from Meta Business Suite"
    )
    assert export_title("no_such_export") == "no_such_export"
    set_language("es")
    assert export_title("meta_facebook_posts") == "publicaciones de Facebook de Meta Business Suite"
    set_language("nl")
    assert (
        export_title("tiktok_viewers", capital=True)
        == "Dagelijkse TikTok-kijkers uit TikTok Studio"
    )


MISSING = {
    "code": "missing_column",
    "message": "…",
    "params": {"file": "Northwind.csv", "export": "meta_instagram_posts", "column": "Post ID"},
}
SEVERAL = {
    "code": "account_required",
    "message": "…",
    "params": {
        "reason": "several_in_links",
        "file": "content.csv",
        "export": "x_content",
        "platform": "x",
        "accounts": ["AlexAiSurfer", "nw_events"],
    },
}
PLATFORMS = {
    "code": "account_required",
    "message": "…",
    "params": {
        "reason": "platform_unknown",
        "file": "FollowerHistory.csv",
        "export": "tiktok_followers",
        "platforms": ["tiktok", "facebook"],
    },
}


@pytest.mark.parametrize(
    ("language", "problem", "text"),
    [
        (
            "en",
            MISSING,
            "Northwind.csv looks like an export of Instagram posts from Meta Business Suite, but "
            "the column 'Post ID' is missing. Download the export again, without removing or "
            "renaming columns, and upload it as it is.",
        ),
        (
            "es",
            MISSING,
            "Northwind.csv parece una exportación de publicaciones de Instagram de Meta Business "
            "Suite, pero falta la columna 'Post ID'. Descargue la exportación de nuevo, sin quitar "
            "ni renombrar columnas, y súbala tal cual.",
        ),
        (
            "nl",
            SEVERAL,
            "De links in content.csv noemen meerdere X-accounts (AlexAiSurfer, nw_events).",
        ),
        (
            "en",
            PLATFORMS,
            "FollowerHistory.csv is an export of daily follower history (TikTok Studio, or a "
            "Facebook Page), which TikTok and Facebook both write, and nothing in the file says "
            "which.",
        ),
        (
            "es",
            PLATFORMS,
            "FollowerHistory.csv es una exportación de historial diario de seguidores (TikTok "
            "Studio o una página de Facebook), que escriben tanto TikTok como Facebook, y nada "
            "en el archivo dice cuál.",
        ),
    ],
)
def test_whole_file_problems_in_the_readers_words(
    lang: None, language: str, problem: dict[str, object], text: str
) -> None:
    set_language(language)
    assert whole_file_text(problem) == text


def test_a_problem_without_a_template_keeps_its_message() -> None:
    assert whole_file_text({"code": "negative_value", "message": "m", "params": {}}) is None
    assert whole_file_text({"code": "account_required", "message": "m"}) is None  # no params


def test_the_command_line_says_what_to_type_for_each_question(lang: None) -> None:
    set_language("en")
    assert command_hint(SEVERAL) == "Say which account it belongs to: --account NAME."
    assert command_hint(PLATFORMS) == (
        "Give the platform and the account: --platform NAME --account NAME."
    )
    set_language("es")
    no_account = {"code": "account_required", "params": {"reason": "no_account"}}
    assert command_hint(no_account) == "Indique la cuenta: --account NOMBRE."
    assert command_hint(MISSING) is None  # not a question
    assert command_hint({"code": "account_required", "message": "m"}) is None  # no reason


def test_the_account_question_and_the_assumption(lang: None) -> None:
    set_language("en")
    result = {"name": "content.csv", "format": "x_content", "platform": "x", "problems": [SEVERAL]}
    text, params = question(result)
    assert text == (
        "The links in content.csv name several X accounts (AlexAiSurfer, nw_events). Which "
        "account does the export belong to?"
    )
    assert params["accounts"] == ["AlexAiSurfer", "nw_events"]
    set_language("nl")
    assumed = {"account": "northwindpolicy", "platform": "x"}
    assert assumption_text(assumed) == (
        "Opgeborgen onder northwindpolicy omdat dat het enige X-account is dat socialkpi kent: "
        "het bestand zegt het niet. Hoort het bij een ander account, vul dat dan hier in."
    )
    assert assumption_text(assumed, here=False) == (
        "Opgeborgen onder northwindpolicy omdat dat het enige X-account is dat socialkpi kent: "
        "het bestand zegt het niet."
    )


def test_where_the_account_platform_and_year_came_from(lang: None) -> None:
    set_language("en")
    result = {
        "platform": "tiktok",
        "account": "haileytupy2.0",
        "platform_source": "file_name",
        "account_source": "links",
        "year_source": "file_date",
        "year_anchor": "2026-02-28",
    }
    assert provenance_lines(result) == [
        "Platform TikTok: the file, ZIP or folder name says so.",
        "Account haileytupy2.0: from the links in the file.",
        "The dates have no year: the year comes from the download day written in the file "
        "(28 Feb 2026).",
    ]
    plain = {"platform": "x", "account": "a", "platform_source": "contract"}
    assert provenance_lines({**plain, "account_source": "file_column"}) == []
