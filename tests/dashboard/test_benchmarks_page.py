"""The Benchmarks page (issue 16) in English, Spanish and Dutch: on the demo data it shows what
metrics.benchmarks computes, each figure labelled with what it is against; on an empty
warehouse and for a week it says why there is nothing to show."""

from __future__ import annotations

import html

import pytest
from dashboard_seed import APP
from streamlit.testing.v1 import AppTest

from dashboard.components.benchmark_table import competitor_label, landscape_label
from dashboard.formatting import format_number
from dashboard.i18n import set_language, translations

PAGE = "views/benchmarks_page.py"
LANGUAGES = ("en", "es", "nl")


def _open(lang: str, grain: str | None = None) -> AppTest:
    set_language(lang)
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    if grain:
        at.segmented_control(key="grain").set_value(grain).run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _html(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown if "skpi-theme" not in m.value)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_demo_benchmarks_show_what_metrics_computes(lang: str, demo_env: str) -> None:
    from metrics.benchmarks import load_benchmarks
    from warehouse.engine import open_database

    at = _open(lang)
    period = at.session_state["period"]
    engine = open_database(demo_env)
    result = load_benchmarks(engine, period)
    engine.dispose()
    assert result.platforms == ["facebook", "instagram", "linkedin", "x"]
    set_language(lang)
    assert at.title[0].value == translations(lang).gettext("Benchmarks")
    shown = _html(at)
    followers = next(
        r for r in result.platform_rows("linkedin") if r.measure == "followers"
    )  # 3 competitors and Northwind in the demo
    assert (followers.competitors, followers.pages) == (3, 4)
    assert format_number(followers.own) in shown
    assert format_number(followers.competitor_average) in shown
    assert format_number(followers.landscape_average) in shown
    assert html.escape(competitor_label(3)) in shown
    assert html.escape(landscape_label(4)) in shown
    if lang != "en":  # the labels are translated, not English
        assert "excl. you" not in shown
    captions = " ".join(c.value for c in at.caption)
    assert "Northwind Policy Institute" in captions
    set_language("en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_week_says_benchmarks_are_monthly(lang: str, demo_env: str) -> None:
    at = _open(lang, grain="week")
    set_language(lang)
    expected = translations(lang).gettext(
        "Benchmarks are monthly: competitor figures come per calendar month. Choose a "
        "month, a quarter or a year."
    )
    assert [i.value for i in at.info] == [expected]
    set_language("en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_empty_warehouse_points_to_the_imports(lang: str, empty_env: str) -> None:
    at = _open(lang)
    assert len(at.info) == 1
    set_language(lang)
    start = (
        translations(lang)
        .gettext(
            "No competitor figures for {period}. Import LinkedIn's Competitors export, or "
            "socialkpi's competitor template for the other platforms, on the Data page "
            "(docs/exports.md, Competitors)."
        )
        .split("{period}")[0]
    )
    assert at.info[0].value.startswith(start)
    set_language("en")
