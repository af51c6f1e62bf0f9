"""Issue 13's acceptance on the demo month (2026-10 of `socialkpi demo`, with the sample
review the demo records): page one alone says which objectives are on track, what moved and
why, and what was decided; the PDF fits in 8 A4 pages in English, Spanish and Dutch, and no
page is mostly empty."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from readback import pdf_pages

from reports.pdf_report import build_pdf
from reports.review_pack import ReviewPack, build_review_pack

TODAY = date(2026, 11, 23)
# A page holding less text than this (characters, header and footer included) is mostly
# empty: a full objective page holds about 2,000, page one about 2,500.
MOSTLY_EMPTY = 700


@pytest.fixture(scope="module")
def demo_packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ReviewPack]:
    from dashboard.cli_serve import load_sample_data, load_sample_review, sample_strategy_path
    from metrics.strategy import load_strategy
    from warehouse.engine import open_database

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}"
    load_sample_data(open_database(url))
    engine = open_database(url)
    assert load_sample_review(engine) == 13  # 8 comments, 3 actions, a story, a target
    assert load_sample_review(engine) == 0  # a demo database loaded before: nothing twice
    strategy = load_strategy(sample_strategy_path())
    packs = {
        lang: build_review_pack(
            engine,
            strategy,
            "2026-10",
            language=lang,
            today=TODAY,
            strategy_dir=Path(sample_strategy_path()).parent,
        )
        for lang in ("en", "es", "nl")
    }
    engine.dispose()
    return packs


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "es", "nl"])
def test_the_demo_month_fits_in_8_pages_none_mostly_empty(
    lang: str, demo_packs: dict[str, ReviewPack]
) -> None:
    pages = pdf_pages(build_pdf(demo_packs[lang]))
    assert len(pages) <= 8, len(pages)
    sparse = [n for n, text in enumerate(pages, 1) if len(text) < MOSTLY_EMPTY]
    assert sparse == [], [len(p) for p in pages]


@pytest.mark.slow
def test_page_one_of_the_demo_month_decides(demo_packs: dict[str, ReviewPack]) -> None:
    first = " ".join(pdf_pages(build_pdf(demo_packs["en"]))[0].split())
    # which objectives are on track, in words
    assert "Deepen audience engagement ✓ ✗ ✓ ✓ 3 on target · 1 off target" in first
    # what moved, against what, and why (the commentary recorded on the KPI)
    assert "YouTube watch time: 1,976.1 h → 864.0 h (-56.3% vs September 2026)" in first
    assert "the two explainers planned for November should lift it." in first
    # what was decided, who does what by when, what changed in the strategy
    assert "Decision: Keep the weekend rota until the end of the campaign. — Amira Haddad" in first
    assert "Publish two explainer videos on the fiscal rules — Video team, due 20 Nov 2026" in first
    assert "TikTok followers: target for December 2026 9,200 → 8,800" in first
    # a year to date is no movement: Impressions (+35.3% on Jan – Oct 2025) is not listed
    assert "Impressions on our main channels" not in first


def test_a_movement_arrow_says_where_the_value_went(demo_packs: dict[str, ReviewPack]) -> None:
    # the 90th-percentile response time fell from 7.8 h to 6.9 h: good (green) but down (▼)
    page_one = pdf_pages(build_pdf(demo_packs["en"]))[0]
    line = next(row for row in page_one.splitlines() if "90th percentile: 7.8 h" in row)
    assert line.startswith("▼ "), line
    rose = next(row for row in page_one.splitlines() if row.startswith("▲ "))
    assert "Posts published: 181 → 198" in rose or "TikTok followers: 6,851 → 7,593" in rose


@pytest.mark.parametrize("lang", ["en", "es", "nl"])
def test_the_demo_report_benchmarks_the_competitors(
    lang: str, demo_packs: dict[str, ReviewPack]
) -> None:
    """Issue 16: the PDF's benchmark section shows the pack's competitor benchmarks (the demo's
    three competitors and Northwind on four platforms), each average with its page count."""
    from language.catalogs import rt
    from language.formatting import number

    pack = demo_packs[lang]
    pages = pdf_pages(build_pdf(pack))
    text = " ".join(" ".join(pages).split())
    assert rt(lang, "Competitor benchmarks") in text
    line = next(r for r in pack.benchmarks if (r.platform, r.measure) == ("linkedin", "followers"))
    assert (line.competitors, line.pages, line.rank) == (3, 4, 2)
    yours_vs = rt(
        lang,
        "{yours} vs {average} ({n})",
        yours=number(line.own, lang),
        average=number(line.competitor_average, lang),
        n="3",
    )
    assert f"{yours_vs} · {rt(lang, '{rank} of {pages}', rank=2, pages=4)}" in text


@pytest.mark.parametrize("lang", ["en", "es", "nl"])
def test_the_demo_deck_benchmarks_the_competitors_as_the_pdf_does(
    lang: str, demo_packs: dict[str, ReviewPack]
) -> None:
    """The deck has the PDF's benchmark table on a slide of its own, cell for cell; in English
    LinkedIn reads 14,650 followers against the three competitors' 13,531, second of four."""
    import io

    from pptx import Presentation

    from language.catalogs import rt
    from reports.benchmark_section import benchmark_headings, benchmark_rows
    from reports.pptx_report import build_pptx

    pack = demo_packs[lang]
    slides = Presentation(io.BytesIO(build_pptx(pack))).slides
    [slide] = [
        s
        for s in slides
        if any(
            sh.has_text_frame and sh.text_frame.text == rt(lang, "Competitor benchmarks")
            for sh in s.shapes
        )
    ]
    [table] = [sh.table for sh in slide.shapes if sh.has_table]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells == [benchmark_headings(lang), *benchmark_rows(pack.benchmarks, lang)]
    pdf_text = " ".join(" ".join(pdf_pages(build_pdf(pack))).split())
    assert all(cell in pdf_text for row in cells[1:] for cell in row[1:])
    if lang == "en":
        assert cells[3] == [
            "LinkedIn",
            "14,650 vs 13,531 (3) · 2 of 4",
            "601 vs 218 (3) · 1 of 4",
            "176.3 vs 88.1 (3) · 1 of 4",
        ]
