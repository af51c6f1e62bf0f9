"""Review records: threaded comments, annotations, actions that carry over, stories, target
changes, month close / re-open, strategy versions."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Engine

from warehouse import review, strategy_store


def test_comment_threads_read_in_reply_order(engine: Engine) -> None:
    with engine.begin() as conn:
        first = review.add_comment(
            conn,
            period="2026-10",
            author="Ana",
            body="Rates fell.",
            kpi_id="engagement_rate",
            at=datetime(2026, 11, 3, 9, 0),
        )
        second = review.add_comment(
            conn,
            period="2026-10",
            author="Joost",
            body="Keep the target.",
            kind="decision",
            objective_id="engagement",
            at=datetime(2026, 11, 3, 9, 5),
        )
        reply = review.add_comment(
            conn,
            period="2026-10",
            author="Joost",
            body="Campaign ended.",
            parent_id=first,
            kpi_id="engagement_rate",
            at=datetime(2026, 11, 3, 9, 10),
        )
        review.add_comment(conn, period="2026-09", author="Ana", body="Older.")
        ordered = review.thread_order(review.list_comments(conn, "2026-10"))
    assert [(depth, c.id) for depth, c in ordered] == [(0, first), (1, reply), (0, second)]
    assert ordered[2][1].kind == "decision"
    assert ordered[1][1].author == "Joost"


def test_reply_to_another_period_or_empty_comment_is_refused(sqlite_engine: Engine) -> None:
    with sqlite_engine.begin() as conn:
        parent = review.add_comment(conn, period="2026-09", author="Ana", body="September.")
        with pytest.raises(review.ReviewError) as other:
            review.add_comment(conn, period="2026-10", author="Ana", body="x", parent_id=parent)
        with pytest.raises(review.ReviewError) as empty:
            review.add_comment(conn, period="2026-10", author="Ana", body="   ")
    assert other.value.code == "parent_other_period"
    assert "belongs to 2026-09" in other.value.message
    assert empty.value.code == "missing_field"


def test_open_actions_carry_into_the_next_month(engine: Engine) -> None:
    with engine.begin() as conn:
        carried = review.add_action(
            conn,
            title="Test repair videos",
            owner="Video producer",
            author="Ana",
            opened_on=date(2026, 9, 20),
            due_date=date(2026, 11, 15),
        )
        finished = review.add_action(
            conn,
            title="Fix link in bio",
            owner="Social media officer",
            author="Ana",
            opened_on=date(2026, 9, 21),
        )
        review.set_action_status(conn, finished, "done", on=date(2026, 9, 30))
        late_done = review.add_action(
            conn,
            title="Brief the board",
            owner="Director",
            author="Ana",
            opened_on=date(2026, 9, 22),
        )
        review.set_action_status(conn, late_done, "done", on=date(2026, 10, 12))
        future = review.add_action(
            conn, title="Plan 2027", owner="Director", author="Ana", opened_on=date(2026, 11, 2)
        )
        october = review.actions_for_period(conn, date(2026, 10, 1), date(2026, 10, 31))
        november = review.actions_for_period(conn, date(2026, 11, 1), date(2026, 11, 30))
    assert [a.id for a in october] == [carried, late_done]
    assert {a.id for a in november} == {carried, future}
    assert next(a for a in october if a.id == late_done).closed_on == date(2026, 10, 12)


def test_unknown_action_status_is_refused(sqlite_engine: Engine) -> None:
    with sqlite_engine.begin() as conn:
        action = review.add_action(
            conn, title="x", owner="y", author="z", opened_on=date(2026, 10, 1)
        )
        with pytest.raises(review.ReviewError, match="status 'finished' is not one of"):
            review.set_action_status(conn, action, "finished", on=date(2026, 10, 2))
        with pytest.raises(review.ReviewError, match="action 999 does not exist"):
            review.set_action_status(conn, 999, "done", on=date(2026, 10, 2))


def test_stories_annotations_and_target_changes(engine: Engine) -> None:
    with engine.begin() as conn:
        review.add_story(
            conn,
            period="2026-10",
            title="Heating guide",
            body="Shared 300 times.",
            author="Ana",
            objective_id="engagement",
            link=" https://example.org/guide ",
        )
        review.add_annotation(conn, on_date=date(2026, 9, 14), label="Rent campaign", author="Ana")
        review.add_annotation(conn, on_date=date(2025, 1, 1), label="Too old", author="Ana")
        review.record_target_change(
            conn,
            kpi_id="engagement_rate",
            target_period="2026-Q4",
            old_value=0.05,
            new_value=0.045,
            reason="Campaign budget halved",
            author="Joost",
        )
        stories = review.list_stories(conn, "2026-10")
        notes = review.list_annotations(conn, date(2026, 1, 1), date(2026, 10, 31))
        changes = review.list_target_changes(conn)
    assert [(s.title, s.link) for s in stories] == [("Heating guide", "https://example.org/guide")]
    assert [n.label for n in notes] == ["Rent campaign"]
    assert [(c.kpi_id, c.old_value, c.new_value, c.reason) for c in changes] == [
        ("engagement_rate", 0.05, 0.045, "Campaign budget halved")
    ]


def test_close_reopen_and_close_again(engine: Engine) -> None:
    with engine.begin() as conn:
        first = review.close_period(
            conn, strategy_key="main", period="2026-10", snapshot='{"a": 1}', closed_by="Ana"
        )
        with pytest.raises(review.ReviewError) as twice:
            review.close_period(
                conn, strategy_key="main", period="2026-10", snapshot="{}", closed_by="Ana"
            )
        assert review.current_close(conn, "main", "2026-10").id == first  # type: ignore[union-attr]
        assert review.current_close(conn, "other", "2026-10") is None
        review.reopen_period(
            conn,
            strategy_key="main",
            period="2026-10",
            reopened_by="Joost",
            reason="LinkedIn export arrived late",
        )
        assert review.current_close(conn, "main", "2026-10") is None
        second = review.close_period(
            conn, strategy_key="main", period="2026-10", snapshot='{"a": 2}', closed_by="Ana"
        )
        history = review.close_history(conn, "main", "2026-10")
    assert twice.value.code == "already_closed"
    assert [(h.id, h.is_closed, h.reopen_reason) for h in history] == [
        (first, False, "LinkedIn export arrived late"),
        (second, True, None),
    ]
    assert history[1].snapshot == '{"a": 2}'


def test_reopening_an_open_period_is_refused(sqlite_engine: Engine) -> None:
    with sqlite_engine.begin() as conn, pytest.raises(review.ReviewError) as exc:
        review.reopen_period(
            conn, strategy_key="main", period="2026-10", reopened_by="Ana", reason="x"
        )
    assert exc.value.code == "not_closed"


def test_strategy_versions_keep_the_yaml_text(engine: Engine) -> None:
    text = "organisation: Lakeside\nobjectives: []\n# ñ €\n"
    with engine.begin() as conn:
        first = strategy_store.save_strategy_version(
            conn, yaml_text=text, source="strategy.yaml", reason="First version", author="Ana"
        )
        second = strategy_store.save_strategy_version(
            conn,
            yaml_text=text + "# v2\n",
            source="strategy.yaml",
            reason="Q4 targets",
            author="Joost",
        )
        versions = strategy_store.list_strategy_versions(conn)
        stored = strategy_store.strategy_version(conn, first)
    assert [v.id for v in versions] == [second, first]
    assert stored is not None and stored.yaml_text == text
    assert len(stored.sha256) == 64 and stored.sha256 != versions[0].sha256


def test_migration_0002_downgrades_cleanly(sqlite_engine: Engine) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from warehouse.engine import alembic_config, upgrade
    from warehouse.review_schema import REVIEW_TABLES
    from warehouse.strategy_schema import strategy_versions

    names = {t.name for t in REVIEW_TABLES} | {strategy_versions.name}
    assert names <= set(inspect(sqlite_engine).get_table_names())
    command.downgrade(alembic_config(sqlite_engine), "0001")
    assert names.isdisjoint(inspect(sqlite_engine).get_table_names())
    upgrade(sqlite_engine)
    assert names <= set(inspect(sqlite_engine).get_table_names())


def test_review_version_moves_with_every_review_write_and_only_then(engine: Engine) -> None:
    def version() -> str:
        with engine.connect() as conn:
            return review.review_version(conn)

    seen = [version()]
    assert version() == seen[0]  # reading changes nothing
    with engine.begin() as conn:
        action = review.add_action(
            conn, title="Fix bio link", owner="Ana", author="Ana", opened_on=date(2026, 10, 2)
        )
    seen.append(version())
    with engine.begin() as conn:  # an update, no new row: the count per status moves
        review.set_action_status(conn, action, "done", on=date(2026, 10, 9))
    seen.append(version())
    with engine.begin() as conn:
        review.set_action_status(conn, action, "dropped", on=date(2026, 10, 9))
    seen.append(version())
    with engine.begin() as conn:
        review.close_period(
            conn, strategy_key="main", period="2026-10", snapshot="{}", closed_by="Ana"
        )
    seen.append(version())
    with engine.begin() as conn:
        review.reopen_period(
            conn, strategy_key="main", period="2026-10", reopened_by="Joost", reason="late"
        )
    seen.append(version())
    with engine.begin() as conn:
        review.add_comment(conn, period="2026-10", author="Ana", body="Better.")
    seen.append(version())
    assert len(set(seen)) == len(seen) == 7
