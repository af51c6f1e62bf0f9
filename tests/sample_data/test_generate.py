"""The sample-data generator is deterministic, matches the committed files, covers every format."""

from __future__ import annotations

import fnmatch
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
import yaml

from sample_data.generate import SAMPLE_DIR, build_exports, main
from sample_data.truth import DEFAULT_SEED

# One pattern per export format of /work/shared/exports.md that the sample covers.
FORMATS = {
    "facebook MBS posts csv": "exports/facebook/Northwind Policy Institute *-2025_*.csv",
    "facebook MBS posts xlsx": "exports/facebook/Northwind Policy Institute *.xlsx",
    "facebook daily views": "exports/facebook/daily_*/Views*.csv",
    "facebook daily viewers": "exports/facebook/daily_*/Viewers.csv",
    "facebook daily follows": "exports/facebook/daily_*/Follows.csv",
    "facebook daily interactions": "exports/facebook/daily_*/Interactions.csv",
    "facebook daily link clicks": "exports/facebook/daily_*/Link clicks.csv",
    "facebook daily visits": "exports/facebook/daily_*/Visits.csv",
    "facebook browser-suffixed name": "exports/facebook/daily_*/Views (1).csv",
    "facebook legacy insights": "exports/facebook/Facebook Insights Data Export (Post Level)*.csv",
    "instagram MBS posts": "exports/instagram/Northwind Policy Institute *.csv",
    "instagram daily follows": "exports/instagram/daily_*/Follows.csv",
    "instagram daily reach": "exports/instagram/daily_*/Reach.csv",
    "x overview": "exports/x/account_overview_analytics.csv",
    "x overview second download": "exports/x/account_overview_analytics (1).csv",
    "x content 2025": "exports/x/account_analytics_content_2025-*.csv",
    "x content 2026": "exports/x/account_analytics_content_2026-*.csv",
    "x legacy tweet activity": "exports/x/tweet_activity_metrics_northwindpolicy_*_en.csv",
    "linkedin content xls": "exports/linkedin/northwind-policy-institute_content_*.xls",
    "linkedin content xlsx": "exports/linkedin/northwind-policy-institute_content_*.xlsx",
    "linkedin followers": "exports/linkedin/northwind-policy-institute_followers_*.xls",
    "linkedin visitors": "exports/linkedin/northwind-policy-institute_visitors_*.xls",
    "youtube content zip": "exports/youtube/Content *_* Northwind Policy Institute.zip",
    "youtube spanish table": "exports/youtube/Contenido */Datos de la tabla.csv",
    "youtube subscribers": "exports/youtube/*/Subscribers.csv",
    "tiktok overview": "exports/tiktok/Overview_*_*_northwindpolicy.zip",
    "tiktok followers": "exports/tiktok/Followers_northwindpolicy.zip",
    "tiktok content": "exports/tiktok/Content_northwindpolicy.zip",
    "inbox resolved conversations": "exports/inbox/resolved_conversations_*.csv",
    "linkedin competitors": "exports/linkedin/northwind-policy-institute_competitor_analytics_*.xls",
    "competitor template": "exports/competitors/competitor_benchmarks_*.csv",
}
METRIC_FORMS = {
    "sum post",
    "sum day",
    "mean",
    "count",
    "last",
    "change",
    "ratio",
    "growth",
    "derived",
    "median",
    "percentile",
}


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return build_exports(DEFAULT_SEED)


def test_same_seed_writes_identical_bytes(tmp_path: Path, files: dict[str, bytes]) -> None:
    assert main(["--out", str(tmp_path), "--seed", str(DEFAULT_SEED)]) == 0
    written = {
        p.relative_to(tmp_path).as_posix(): p.read_bytes()
        for p in tmp_path.rglob("*")
        if p.is_file()
    }
    assert written == files


def test_committed_files_are_the_generator_output(files: dict[str, bytes]) -> None:
    committed = {
        p.relative_to(SAMPLE_DIR).as_posix(): p.read_bytes()
        for top in ("exports", "broken")
        for p in (SAMPLE_DIR / top).rglob("*")
        if p.is_file()
    }
    assert sorted(committed) == sorted(files)
    stale = [name for name, content in files.items() if committed[name] != content]
    assert stale == [], f"regenerate with `python -m sample_data.generate`: {stale}"


def test_another_seed_changes_the_data(files: dict[str, bytes]) -> None:
    other = build_exports(DEFAULT_SEED + 1)
    name = "exports/x/account_overview_analytics.csv"
    assert other[name] != files[name]


@pytest.mark.parametrize("label", sorted(FORMATS))
def test_every_export_format_is_represented(label: str, files: dict[str, bytes]) -> None:
    assert fnmatch.filter(files, FORMATS[label]), f"no sample file for {label}"


def test_sample_stays_light(files: dict[str, bytes]) -> None:
    exports = [name for name in files if name.startswith("exports/")]
    assert len(exports) <= 72


def test_meta_daily_files_are_utf16_with_preamble(files: dict[str, bytes]) -> None:
    content = files["exports/facebook/daily_2026-01-01_2026-10-31/Follows.csv"]
    assert content[:2] == b"\xff\xfe"
    lines = content[2:].decode("utf-16-le").splitlines()
    assert lines[:3] == ["sep=,", '"Facebook follows"', '"Date","Primary"']
    assert lines[3].startswith('"2026-01-0') and lines[3].split(",")[0].endswith('T00:00:00"')
    assert all('","0"' not in line for line in lines[3:]), "follows files are sparse"


def test_meta_post_exports_switch_from_impressions_to_views(files: dict[str, bytes]) -> None:
    old = files["exports/facebook/Northwind Policy Institute Jan-01-2025_Feb-28-2025.csv"]
    new = files["exports/facebook/Northwind Policy Institute Sep-01-2026_Oct-31-2026.csv"]
    assert old.startswith(b"\xef\xbb\xbf")
    old_header, new_header = (
        old.decode("utf-8-sig").split("\n")[0],
        new.decode("utf-8-sig").split("\n")[0],
    )
    assert ",Impressions,Reach," in old_header and ",Views,Reach," in new_header
    assert '"Reactions, Comments and Shares"' in new_header
    assert ",Lifetime," in new.decode("utf-8-sig")


def test_tiktok_zip_entries_are_stamped_with_the_export_day(files: dict[str, bytes]) -> None:
    name = "exports/tiktok/Overview_2025-03-01_1772344799_northwindpolicy.zip"
    with zipfile.ZipFile(BytesIO(files[name])) as archive:
        info = archive.getinfo("Overview.csv")
        content = archive.read("Overview.csv")
    assert info.date_time[:3] == (2026, 3, 1)
    assert info.compress_type == zipfile.ZIP_STORED
    assert content.startswith(b'\xef\xbb\xbf"Date","Video Views"') and not content.endswith(b"\n")
    text = content.decode("utf-8-sig")
    assert '"December 31"' in text and '"January 1"' in text and "2025" not in text


def test_linkedin_xls_is_a_real_binary_workbook(files: dict[str, bytes]) -> None:
    import xlrd

    name = next(n for n in files if fnmatch.fnmatch(n, "exports/linkedin/*_content_*.xls"))
    assert files[name][:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    book = xlrd.open_workbook(file_contents=files[name])
    assert book.sheet_names() == ["Metrics", "All posts"]
    assert book.sheet_by_name("Metrics").ncols == 20
    assert book.sheet_by_name("All posts").row_values(1)[0] == "Post title"


def test_youtube_table_keeps_its_quirks(files: dict[str, bytes]) -> None:
    name = "exports/youtube/Content 2026-08-01_2026-10-31 Northwind Policy Institute.zip"
    with zipfile.ZipFile(BytesIO(files[name])) as archive:
        table = archive.read("Table data.csv").decode()
    lines = table.splitlines()
    assert lines[1].startswith("Total,")
    assert any(line.startswith(" -") for line in lines) and any(
        line.startswith("-2") for line in lines
    )
    assert any(",Board retreat recording (internal),," in line for line in lines)


def _metric_form(metric: dict[str, object]) -> str:
    kind = str(metric["type"])
    return f"sum {metric.get('grain', 'post')}" if kind == "sum" else kind


def test_strategy_uses_every_metric_type_and_documents_each_kpi() -> None:
    data = yaml.safe_load((SAMPLE_DIR / "strategy.yaml").read_text(encoding="utf-8"))
    kpis = [kpi for objective in data["objectives"] for kpi in objective["kpis"]]
    assert data["timezone"] == "America/Guatemala" and len(data["strategies"]) == 2
    assert len(data["objectives"]) >= 5 and len(kpis) >= 15
    assert {_metric_form(k["metric"]) for k in kpis} >= METRIC_FORMS
    assert {k["level"] for k in kpis} == {"output", "outtake", "outcome", "impact"}
    assert any(k.get("cumulative") for k in kpis)
    for kpi in kpis:
        for field in (
            "description",
            "owner",
            "frequency",
            "unit",
            "direction",
            "source",
            "baseline",
        ):
            assert kpi.get(field) not in (None, ""), f"{kpi['id']} has no {field}"
        assert kpi["baseline"]["period"] == "2025-12"
        assert any(str(p).startswith("2026") for p in kpi["targets"])


def test_strategies_load_with_the_metrics_model() -> None:
    from metrics.strategy import load_strategy

    english = load_strategy(SAMPLE_DIR / "strategy.yaml")
    spanish = load_strategy(SAMPLE_DIR / "strategy_es.yaml")
    assert len([k for o in english.objectives for k in o.kpis]) == 20
    assert spanish.language == "es" and len(spanish.objectives) == 3
    assert len([k for o in spanish.objectives for k in o.kpis]) == 6


def test_expected_yaml_describes_every_broken_file(files: dict[str, bytes]) -> None:
    expected = yaml.safe_load(files["broken/expected.yaml"])
    broken = {n.removeprefix("broken/") for n in files if n.startswith("broken/")} - {
        "expected.yaml"
    }
    assert set(expected) == broken
    for name, case in expected.items():
        assert case["status"] in ("rejected", "partial", "loaded"), name
        # each broken file breaks one thing: a problem, or (loaded) a warning
        assert case["codes"] or case.get("warnings"), name
        if case["status"] == "partial":
            assert case["rows_loaded"] > 0 and case["rows_rejected"] > 0, name
        if case["status"] == "loaded":
            assert case["rows_loaded"] > 0 and case["rows_rejected"] == 0, name
    with zipfile.ZipFile(BytesIO(files["broken/zip_bomb.zip"])) as archive:
        info = archive.infolist()[0]
    assert info.file_size / info.compress_size > 500
