"""Strategy versions: only checked YAML is kept, and exports reproduce it exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_seed import strategy_text
from sqlalchemy import Engine

from metrics.problems import StrategyInvalid
from metrics.strategy import load_strategy
from metrics.strategy_edits import EditRefused
from workflows.strategy_versions import export_version, import_version, save_version, versions


def test_import_then_export_round_trips(sqlite_engine: Engine, tmp_path: Path) -> None:
    source = tmp_path / "strategy.yaml"
    source.write_text(strategy_text("es"), encoding="utf-8")
    first = import_version(sqlite_engine, source, reason="Initial 2026 plan", author="Ana")
    second = save_version(
        sqlite_engine,
        strategy_text("es").replace("2026-10: 12", "2026-10: 14"),
        source="strategy.yaml",
        reason="October posting target raised",
        author="Joost",
    )
    kept = versions(sqlite_engine)
    assert [(v.id, v.reason, v.author) for v in kept] == [
        (second, "October posting target raised", "Joost"),
        (first, "Initial 2026 plan", "Ana"),
    ]
    exported = export_version(sqlite_engine, first, tmp_path / "v1.yaml")
    assert exported.read_bytes() == source.read_bytes()
    assert load_strategy(exported).language == "es"


def test_invalid_yaml_is_not_kept(sqlite_engine: Engine) -> None:
    broken = strategy_text().replace("measure: saves", "measure: likes")
    with pytest.raises(StrategyInvalid) as exc:
        save_version(sqlite_engine, broken, source="s.yaml", reason="x", author="Ana")
    assert [p.code for p in exc.value.errors] == ["unknown_measure"]
    assert versions(sqlite_engine) == []


def test_export_of_unknown_version(sqlite_engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(LookupError, match="strategy version 7 does not exist"):
        export_version(sqlite_engine, 7, tmp_path / "x.yaml")


# --- edits and imports as versions (SQLite and PostgreSQL) -------------------------------


def test_edit_keeps_the_starting_point_then_the_edit(engine: Engine) -> None:
    from metrics.strategy_edits import SetTargets
    from warehouse import review
    from workflows.strategy_versions import apply_edit, current_version, history

    base = (strategy_text(), "strategy.yaml")
    assert current_version(engine) is None
    saved = apply_edit(
        engine,
        SetTargets("posts_published", {"2026-10": 14, "2026-09": 8}),
        author="Ana",
        reason="More posts for the conference month",
        role="editor",
        base=base,
        expected_version=0,
    )
    assert saved.base_version_id is not None and saved.version_id == saved.base_version_id + 1
    current = current_version(engine)
    assert current is not None and current.id == saved.version_id
    assert "targets: {2026-10: 14, 2026-09: 8}" in current.yaml_text
    assert (current.author, current.reason) == ("Ana", "More posts for the conference month")

    entries = history(engine)
    assert [e.record.id for e in entries] == [saved.version_id, saved.base_version_id]
    assert [c.describe() for c in entries[0].changes] == [
        "KPI posts_published: target 2026-10 12 → 14"
    ]
    assert entries[1].first and entries[1].changes == []
    with engine.connect() as conn:
        recorded = review.list_target_changes(conn)
    assert [
        (t.kpi_id, t.target_period, t.old_value, t.new_value, t.reason, t.author) for t in recorded
    ] == [("posts_published", "2026-10", 12.0, 14.0, "More posts for the conference month", "Ana")]


def test_second_edit_starts_from_the_current_version(engine: Engine) -> None:
    from metrics.strategy_edits import EditKpi, RetireKpi, SetTargets
    from workflows.strategy_versions import apply_edit, current_version, versions

    base = (strategy_text(), "strategy.yaml")
    apply_edit(
        engine,
        SetTargets("followers", {"2026-10": 4700, "2026-09": 4500}),
        author="Ana",
        reason="r1",
        role="editor",
        base=base,
    )
    second = apply_edit(
        engine,
        EditKpi("followers", {"owner": "Audience lead"}),
        author="Joost",
        reason="New owner",
        role="editor",
    )
    current = current_version(engine)
    assert current is not None and current.id == second.version_id
    assert "targets: {2026-10: 4700, 2026-09: 4500}" in current.yaml_text
    assert "owner: Audience lead" in current.yaml_text
    assert len(versions(engine)) == 3
    with pytest.raises(EditRefused, match="needs the admin role"):
        apply_edit(
            engine, RetireKpi("video_views", "2026-11"), author="Joost", reason="x", role="editor"
        )
    with pytest.raises(EditRefused, match="the strategy changed since you opened it"):
        apply_edit(
            engine,
            SetTargets("followers", {"2026-10": 4800}),
            author="Ana",
            reason="late",
            role="editor",
            expected_version=second.version_id - 1,
        )
    assert len(versions(engine)) == 3


def test_edit_needs_author_and_reason(engine: Engine) -> None:
    from metrics.strategy_edits import SetTargets
    from workflows.strategy_versions import apply_edit, versions

    for author, reason, field in (("  ", "why", "author"), ("Ana", "", "reason")):
        with pytest.raises(EditRefused, match=f"{field} is required and was empty"):
            apply_edit(
                engine,
                SetTargets("followers", {"2026-10": 1}),
                author=author,
                reason=reason,
                role="admin",
                base=(strategy_text(), "s.yaml"),
            )
    assert versions(engine) == []


def test_role_comes_from_the_configuration(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from metrics.strategy_edits import SetTargets
    from workflows.strategy_versions import apply_edit, versions

    monkeypatch.setenv("SOCIALKPI_ROLES", "Ana=editor")
    with pytest.raises(EditRefused, match="you are viewer"):
        apply_edit(
            engine,
            SetTargets("followers", {"2026-10": 1}),
            author="Mallory",
            reason="x",
            base=(strategy_text(), "s.yaml"),
        )
    assert versions(engine) == []
    apply_edit(
        engine,
        SetTargets("followers", {"2026-10": 1}),
        author="ana",
        reason="x",
        base=(strategy_text(), "s.yaml"),
    )
    assert len(versions(engine)) == 2


def test_import_needs_the_role_of_its_changes(engine: Engine) -> None:
    from workflows.strategy_versions import import_text, versions

    first = import_text(
        engine, strategy_text(), source="a.yaml", author="Ana", reason="Plan", role="admin"
    )
    targets_only = strategy_text().replace("2026-10: 20000", "2026-10: 25000")
    saved = import_text(
        engine, targets_only, source="b.yaml", author="Joost", reason="Video push", role="editor"
    )
    assert [c.describe() for c in saved.changes] == [
        "KPI video_views: target 2026-10 20000 → 25000"
    ]
    definition = targets_only.replace("measure: saves", "measure: shares")
    with pytest.raises(
        EditRefused, match=r"needs the admin role .*KPI instagram_saves: definition"
    ):
        import_text(engine, definition, source="c.yaml", author="Joost", reason="x", role="editor")
    with pytest.raises(EditRefused, match="identical to the current version"):
        import_text(
            engine, targets_only, source="b.yaml", author="Joost", reason="again", role="admin"
        )
    broken = targets_only.replace("measure: saves", "measure: likes")
    with pytest.raises(StrategyInvalid) as exc:
        import_text(engine, broken, source="d.yaml", author="Ana", reason="x", role="admin")
    assert [(p.code, p.kpi_id) for p in exc.value.errors] == [
        ("unknown_measure", "instagram_saves")
    ]
    assert [v.id for v in versions(engine)] == [saved.version_id, first.version_id]


def test_a_viewer_is_refused_before_the_file_is_read(engine: Engine) -> None:
    """The role is checked before the YAML is parsed: a viewer's upload of an alias bomb
    (or of anything) is refused as not allowed, never parsed."""
    from workflows.strategy_versions import import_text, versions

    bomb = "a: &a [x, x]\n" + "".join(f"b{i}: &b{i} [*a, *a]\n" for i in range(200))
    with pytest.raises(EditRefused) as refused:
        import_text(engine, bomb, source="bomb.yaml", author="Mallory", reason="x", role="viewer")
    assert [p.code for p in refused.value.errors] == ["not_allowed"]
    assert versions(engine) == []
