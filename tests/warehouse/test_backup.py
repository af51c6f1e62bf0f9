"""Backup and restore: one file that moves between SQLite and PostgreSQL and gives back the
same uploads, facts, scorecard, reviews, strategy versions and audit log."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData, create_engine, select

from data_contracts.pipeline import import_files
from metrics.benchmarks import load_benchmarks
from metrics.scorecard import compute_scorecard
from metrics.strategy import parse_strategy
from metrics.strategy_edits import EditRefused
from warehouse.assessments import ElementScore
from warehouse.backup import BackupError, _encode, read_manifest
from warehouse.engine import current_revision, make_engine, open_database
from workflows import maturity, review, strategy_versions
from workflows.backup import restore_backup, take_backup

SAMPLE_EXPORTS = Path(__file__).resolve().parents[2] / "sample_data" / "exports"
COMPETITORS = (
    Path(__file__).resolve().parents[1]
    / "data_contracts/cases/files/competitors/competitor_template.csv"
)
STRATEGY = """\
organisation: Test
objectives:
  - id: reach
    name: Reach
    kpis:
      - id: impressions
        name: Impressions
        metric: {type: sum, measure: impressions}
        platforms: [facebook]
        targets: {2026-10: 20000}
"""


def _seed(engine: Engine) -> None:
    files = sorted(SAMPLE_EXPORTS.rglob("*.csv"))
    facebook = [f for f in files if "facebook" in f.name.lower()][:2]
    assert facebook, "the sample exports hold Facebook files"
    import_files(engine, facebook, account=None, store=True)
    [competitors] = import_files(engine, [COMPETITORS], account=None, store=True)
    assert competitors.rows_loaded == 6  # competitor observations (issue 16)
    strategy_versions.import_text(
        engine, STRATEGY, source="strategy.yaml", author="Ana", reason="first"
    )
    review.add_comment(engine, period="2026-10", author="Ana", body="Café ☕ «quoted»")
    review.close_month(engine, "2026-10", snapshot='{"x": 1}', closed_by="Ana")
    maturity.save_assessment(
        engine,
        assessed_on=date(2026, 11, 6),
        author="Ana",
        elements={
            "goals": ElementScore(2, "Targets agreed «2027»", "Joost", "Baseline for X"),
            "monitoring": ElementScore(1),
        },
    )


def _contents(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    meta = MetaData()
    meta.reflect(engine)
    out = {}
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = conn.execute(select(table)).mappings().all()
            out[table.name] = sorted(
                tuple((k, repr(_encode(v))) for k, v in sorted(r.items())) for r in rows
            )
    return out


def test_a_backup_restored_elsewhere_gives_back_everything(
    engine: Engine, second_database_url: str, tmp_path: Path
) -> None:
    _seed(engine)
    path = tmp_path / "warehouse.skb"
    manifest = take_backup(engine, path)
    assert manifest.tables["posts"] > 0 and manifest.tables["blobs"] >= 1
    assert manifest.tables["competitor_observations"] == 6
    assert manifest.tables["maturity_assessments"] == 1
    assert manifest.tables["maturity_assessment_elements"] == 2
    target = make_engine(second_database_url)
    try:
        restored = restore_backup(target, path, actor="Joost")
        assert restored.tables == manifest.tables
        assert current_revision(target) == current_revision(engine)
        before, after = _contents(engine), _contents(target)
        audit_after = after.pop("audit_log")
        audit_before = before.pop("audit_log")
        assert after == before  # uploads (bytes), facts, reviews, closes, strategy versions,
        # maturity self-assessments
        (restored_version,) = maturity.assessment_versions(target)
        assert restored_version.assessed_on == date(2026, 11, 6)
        assert restored_version.elements["goals"] == ElementScore(
            2, "Targets agreed «2027»", "Joost", "Baseline for X"
        )
        added = set(audit_after) - set(audit_before)
        assert set(audit_before) <= set(audit_after) and len(added) == 1
        assert dict(added.pop())["action"] == "'backup.restore'"  # and who restored it
        strategy = parse_strategy(STRATEGY, file="s")
        values = [
            (r.kpi_id, r.value, r.status) for r in compute_scorecard(engine, strategy, "2026-10")
        ]
        assert values == [
            (r.kpi_id, r.value, r.status) for r in compute_scorecard(target, strategy, "2026-10")
        ]
        assert load_benchmarks(target, "2026-Q4").rows == load_benchmarks(engine, "2026-Q4").rows
        assert load_benchmarks(target, "2026-10").rows  # the template's October is read
        # the restored database keeps working: new ids follow the restored ones
        review.add_comment(target, period="2026-10", author="Joost", body="after the restore")
        maturity.save_assessment(
            target,
            assessed_on=date(2026, 12, 6),
            author="Joost",
            elements={"goals": ElementScore(3)},
        )
    finally:
        target.dispose()


def test_a_restore_never_merges_and_a_viewer_cannot_restore(
    sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(sqlite_engine)
    path = tmp_path / "warehouse.skb"
    take_backup(sqlite_engine, path)
    with pytest.raises(BackupError) as full:
        restore_backup(sqlite_engine, path, actor="Ana")
    assert full.value.code == "database_not_empty"
    monkeypatch.setenv("SOCIALKPI_ROLES", "Ana=admin, *=viewer")
    empty = create_engine(f"sqlite:///{tmp_path / 'new.sqlite'}")
    with pytest.raises(EditRefused) as refused:
        restore_backup(empty, path, actor="Mallory")
    assert "restoring a backup needs the admin role" in refused.value.errors[0].message
    assert current_revision(empty) is None  # refused before anything was created
    empty.dispose()


def test_a_file_that_is_not_a_backup_or_is_damaged_changes_nothing(tmp_path: Path) -> None:
    other = tmp_path / "export.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("Content.csv", "a,b\n")
    with pytest.raises(BackupError) as caught:
        read_manifest(other)
    assert caught.value.code == "not_a_backup"

    source = open_database(f"sqlite:///{tmp_path / 'source.sqlite'}")
    _seed(source)
    good = tmp_path / "good.skb"
    take_backup(source, good)
    damaged = tmp_path / "damaged.skb"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(damaged, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "tables/posts.jsonl":
                data = b"\n".join(data.splitlines()[:-1]) + b"\n"  # one post lost
            zout.writestr(item, data)
    target = make_engine(f"sqlite:///{tmp_path / 'target.sqlite'}")
    with pytest.raises(BackupError) as broken:
        restore_backup(target, damaged, actor="Ana")
    assert broken.value.code == "backup_damaged"
    with target.connect() as conn:
        from warehouse.schema import imports

        assert conn.execute(select(imports)).first() is None  # nothing was restored
    target.dispose()
    source.dispose()
