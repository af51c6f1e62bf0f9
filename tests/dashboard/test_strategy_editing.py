"""The Strategy page edits the strategy: a target changed in the app is saved as a new
warehouse version, shown in the history, and used by the Overview's scorecard."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from dashboard_seed import APP, STRATEGY_YAML
from streamlit.testing.v1 import AppTest

from warehouse.engine import open_database
from workflows.strategy_versions import current_version, save_version

STRATEGY_PAGE = "views/strategy_page.py"


@pytest.fixture
def warehouse_strategy_env(
    seeded_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A copy of the seeded warehouse whose strategy in force is version 1 (no file)."""
    seeded = Path(seeded_env["SOCIALKPI_DATABASE_URL"].removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{seeded}{suffix}")
        if source.exists():
            shutil.copy(source, tmp_path / f"warehouse.sqlite{suffix}")
    url = f"sqlite:///{tmp_path / 'warehouse.sqlite'}"
    engine = open_database(url)
    save_version(engine, STRATEGY_YAML, source="strategy.yaml", reason="Plan", author="Ana")
    engine.dispose()
    monkeypatch.setenv("SOCIALKPI_DATABASE_URL", url)
    monkeypatch.delenv("SOCIALKPI_STRATEGY", raising=False)
    monkeypatch.delenv("SOCIALKPI_ROLES", raising=False)
    monkeypatch.chdir(tmp_path)
    yield url


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _open(page: str | None = None) -> AppTest:
    at = _run(AppTest.from_file(str(APP), default_timeout=60))
    if page:
        at.switch_page(page)
        _run(at)
    return at


def _button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label == label)


def test_editing_a_target_saves_a_version_and_moves_the_scorecard(
    warehouse_strategy_env: str,
) -> None:
    overview = _open()
    assert "".join(m.value for m in overview.markdown).count("● On target</span>") == 3

    at = _open(STRATEGY_PAGE)
    captions = [c.value for c in at.caption]
    assert "In force: strategy version 1, kept in the database." in captions
    at.text_input(key="strategy_edit_author").set_value("Joost")
    _run(at)
    captions = [c.value for c in at.caption]
    assert "Your role: admin" in captions
    assert any(c.startswith("SOCIALKPI_ROLES is not set") for c in captions)
    at.selectbox(key="strategy_edit_targets_kpi").set_value("posts_published")
    _run(at)
    at.session_state["strategy_edit_targets_table_posts_published"] = {
        "edited_rows": {0: {"target": 12}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.text_input(key="strategy_edit_targets_reason").set_value("Conference month")
    _button(at, "Save targets").click()
    _run(at)
    assert [s.value for s in at.success] == ["Saved as strategy version 2."]
    labels = [e.label for e in at.expander]
    assert any(
        label.startswith("Version 2 · ") and label.endswith("Joost · in force") for label in labels
    )
    text = " ".join(m.value for m in at.markdown if "skpi-theme" not in m.value)
    assert "KPI posts_published: target for October 2026 8 → 12" in text
    assert "**Reason:** Conference month" in text

    engine = open_database(warehouse_strategy_env)
    current = current_version(engine)
    engine.dispose()
    assert current is not None and current.id == 2
    assert "targets: {2026-10: 12, 2026-09: 8}" in current.yaml_text

    overview = _open()
    markdown = "".join(m.value for m in overview.markdown)
    assert markdown.count("● On target</span>") == 2
    assert "■ Off target" in markdown


def test_invalid_edit_is_refused_with_its_problems(warehouse_strategy_env: str) -> None:
    at = _open(STRATEGY_PAGE)
    at.text_input(key="strategy_edit_author").set_value("Joost")
    _run(at)
    at.selectbox(key="strategy_edit_targets_kpi").set_value("posts_published")
    _run(at)
    at.session_state["strategy_edit_targets_table_posts_published"] = {
        "edited_rows": {0: {"period": "2026-13"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.text_input(key="strategy_edit_targets_reason").set_value("typo")
    _button(at, "Save targets").click()
    _run(at)
    assert [e.value for e in at.error] == ["Not saved: 1 problem(s)."]
    problems = at.dataframe[-1].value
    assert "month 13 does not exist" in problems.iloc[0]["Problem"]
    engine = open_database(warehouse_strategy_env)
    current = current_version(engine)
    engine.dispose()
    assert current is not None and current.id == 1


def test_viewer_sees_no_edit_form(
    warehouse_strategy_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOCIALKPI_ROLES", "Ana=admin")
    at = _open(STRATEGY_PAGE)
    at.text_input(key="strategy_edit_author").set_value("Mallory")
    _run(at)
    captions = [c.value for c in at.caption]
    assert "Your role: viewer" in captions
    assert not any(c.startswith("SOCIALKPI_ROLES is not set") for c in captions)
    assert not [b for b in at.button if b.label == "Save targets"]


def test_file_override_disables_editing(app_env: dict[str, str]) -> None:
    at = _open(STRATEGY_PAGE)
    assert any("which overrides the versions kept in the database" in w.value for w in at.warning)
    assert not [t for t in at.text_input if t.key == "strategy_edit_author"]


def _upload(at: AppTest, name: str, content: str, reason: str) -> AppTest:
    at.get("file_uploader")[0].set_value((name, content.encode("utf-8"), "application/yaml"))
    at.text_input(key="strategy_versions_upload_author").set_value("Ana")
    at.text_input(key="strategy_versions_upload_reason").set_value(reason)
    _button(at, "Import as new version").click()
    return _run(at)


def test_upload_yaml_as_new_version_or_refused(warehouse_strategy_env: str) -> None:
    at = _open(STRATEGY_PAGE)
    downloads = [d for d in at.get("download_button")]
    assert [d.proto.label for d in downloads] == ["Download YAML"]

    broken = STRATEGY_YAML.replace("measure: followers", "measure: fans")
    _upload(at, "broken.yaml", broken, "Try")
    assert [e.value for e in at.error] == ["Not saved: 1 problem(s)."]
    assert "unknown day-grain measure 'fans'" in at.dataframe[-1].value.iloc[0]["Problem"]

    at = _open(STRATEGY_PAGE)
    raised = STRATEGY_YAML.replace("targets: {2026-10: 5000}", "targets: {2026-10: 5500}")
    _upload(at, "raised.yaml", raised, "Audience campaign")
    assert [s.value for s in at.success] == ["Saved as strategy version 2."]
    text = " ".join(m.value for m in at.markdown if "skpi-theme" not in m.value)
    assert "KPI followers: target for October 2026 5,000 → 5,500" in text
    assert len(at.get("download_button")) == 2


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "“Ana=boss”: “boss” is not a role (roles: viewer, editor, admin)",
                "“Joost” has no “=”",
            ],
        ),
        (
            "es",
            [
                "«Ana=boss»: «boss» no es un rol (roles: viewer, editor, admin)",
                "«Joost» no tiene «=»",
            ],
        ),
    ],
)
def test_unreadable_roles_name_the_bad_entries_in_the_readers_language(
    warehouse_strategy_env: str, monkeypatch: pytest.MonkeyPatch, lang: str, expected: list[str]
) -> None:
    monkeypatch.setenv("SOCIALKPI_ROLES", "Ana=boss, Bea=admin, Joost, *=viewer")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["lang"] = lang
    _run(at)
    at.switch_page(STRATEGY_PAGE)
    _run(at)
    at.text_input(key="strategy_edit_author").set_value("Bea")
    _run(at)
    [error] = [e.value for e in at.error]
    head, *bullets = error.splitlines()
    assert "SOCIALKPI_ROLES" in head
    assert len(bullets) == 2
    assert bullets[0] == f"- {expected[0]}"
    assert bullets[1].startswith(f"- {expected[1]}")
    assert not [t for t in at.text_input if t.key == "strategy_edit_targets_reason"]
