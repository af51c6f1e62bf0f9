"""The monthly review page (AppTest): KPIs off target first, commentary recorded, month
close freezing the figures, reports prepared for download."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from report_seed import seed, strategy_text
from streamlit.testing.v1 import AppTest

from warehouse.engine import open_database

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


@pytest.fixture
def review_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    url = f"sqlite:///{tmp_path / 'warehouse.sqlite'}"
    engine = open_database(url)
    seed(engine)
    engine.dispose()
    strategy = tmp_path / "strategy.yaml"
    strategy.write_text(strategy_text("en"), encoding="utf-8")
    monkeypatch.setenv("SOCIALKPI_DATABASE_URL", url)
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(strategy))
    monkeypatch.setenv("SOCIALKPI_LANGUAGE", "en")
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.switch_page("views/review_page.py").run()
    assert not at.exception
    yield at


def _button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def test_off_target_kpi_comes_first_and_comment_is_recorded(review_app: AppTest) -> None:
    at = review_app
    assert [s.value for s in at.subheader] == ["Engage tenants online"]
    labels = [m.label for m in at.metric][:2]
    assert labels == ["Value", "Target"]
    assert [m.value for m in at.metric][:2] == ["4.4%", "5.0%"]  # the red KPI leads
    # its change names the month it is compared with
    assert any("-0.8\xa0pp vs September 2026" in m.value for m in at.markdown)
    at.text_input(key="review_author").set_value("Ana").run()
    at.text_area(key="comment_body").set_value("Rates fell back after the campaign.")
    _button(at, "Add").click().run()
    assert not at.exception
    assert any("Rates fell back after the campaign." in m.value for m in at.markdown)


def test_close_then_prepare_reports(review_app: AppTest) -> None:
    at = review_app
    _button(at, "Close the period").click().run()
    assert [e.value for e in at.error] == ["Say who is recording at the top of the page."]
    at.text_input(key="review_author").set_value("Joost")
    _button(at, "Close the period").click().run()
    assert not at.exception
    assert any("Joost" in s.value and "frozen" in s.value for s in at.success)
    _button(at, "Prepare the reports").click().run()
    assert [d.label for d in at.download_button] == [
        "Download PDF",
        "Download PowerPoint",
        "Download Excel",
    ]


def test_target_change_and_event_are_recorded(review_app: AppTest) -> None:
    at = review_app
    at.text_input(key="review_author").set_value("Ana").run()
    at.number_input(key="target_value").set_value(0.045)
    at.text_input(key="target_reason").set_value("Campaign budget halved")
    _button(at, "Record target change").click().run()
    assert not at.exception
    assert any(
        "Engagement rate per impression, October 2026: 5.0% → 4.5%" in c.value
        and "Campaign budget halved" in c.value
        for c in at.caption
    )
    at.text_input(key="event_label").set_value("Rent campaign")
    _button(at, "Add event").click().run()
    assert [e.value for e in at.error] == ["Give a date and the event."]


def test_target_change_becomes_a_strategy_version_when_the_database_keeps_the_strategy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from metrics.strategy import parse_strategy
    from workflows.strategy_versions import current_version, save_version

    url = f"sqlite:///{tmp_path / 'warehouse.sqlite'}"
    engine = open_database(url)
    seed(engine)
    save_version(engine, strategy_text("en"), source="plan.yaml", reason="Plan", author="Ana")
    monkeypatch.chdir(tmp_path)  # no ./strategy.yaml, no SOCIALKPI_STRATEGY: version 1 is in force
    monkeypatch.delenv("SOCIALKPI_STRATEGY", raising=False)
    monkeypatch.delenv("SOCIALKPI_ROLES", raising=False)
    monkeypatch.setenv("SOCIALKPI_DATABASE_URL", url)
    monkeypatch.setenv("SOCIALKPI_LANGUAGE", "en")
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.switch_page("views/review_page.py").run()
    assert [m.value for m in at.metric][:2] == ["4.4%", "5.0%"]
    at.text_input(key="review_author").set_value("Ana").run()
    at.number_input(key="target_value").set_value(0.044)
    at.text_input(key="target_reason").set_value("Campaign budget halved")
    _button(at, "Record target change").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Saved as strategy version 2."]
    saved = current_version(engine)
    assert saved is not None and saved.id == 2 and saved.reason == "Campaign budget halved"
    kpi = parse_strategy(saved.yaml_text, file="v2").kpi("engagement_rate")
    assert kpi.targets == {"2026-10": 0.044, "2026-09": 0.05, "2026": 0.045}  # others kept
    assert any(  # the reason is in the target-change record too
        "Engagement rate per impression, October 2026: 5.0% → 4.4%" in c.value
        and "Campaign budget halved" in c.value
        for c in at.caption
    )
    engine.dispose()


def test_action_done_story_and_reopen_are_recorded(review_app: AppTest) -> None:
    at = review_app
    at.text_input(key="review_author").set_value("Ana").run()
    at.text_input(key="action_title").set_value("Test repair videos")
    at.text_input(key="action_owner").set_value("Video producer")
    _button(at, "Add action").click().run()
    assert not at.exception
    assert any(m.value == "**Test repair videos**" for m in at.markdown)
    _button(at, "Mark done").click().run()
    assert not at.exception
    assert not any(b.label == "Mark done" for b in at.button)
    assert "done" in [m.value for m in at.markdown]
    at.text_input(key="story_title").set_value("Heating guide")
    at.text_area(key="story_body").set_value("Shared by the city.")
    _button(at, "Add story").click().run()
    assert any(m.value == "**Heating guide** — Shared by the city.  \nAna" for m in at.markdown)
    _button(at, "Close the period").click().run()
    assert any("frozen" in s.value for s in at.success)
    at.text_input(key="reopen_reason").set_value("Re-export arrived")
    _button(at, "Re-open").click().run()
    assert not at.exception
    assert not any("frozen" in s.value for s in at.success)
    assert any(b.label == "Close the period" for b in at.button)


def test_meeting_mode_moves_between_objectives_without_scrolling(review_app: AppTest) -> None:
    at = review_app
    assert [s.value for s in at.subheader] == ["Engage tenants online"]
    _button(at, "Next ▶").click().run()
    assert [s.value for s in at.subheader] == ["Grow our audience"]
    assert at.selectbox(key="review_obj").value == "audience"
    _button(at, "Next ▶").click().run()  # past the last: back to the first
    assert [s.value for s in at.subheader] == ["Engage tenants online"]
    _button(at, "◀ Previous").click().run()
    assert [s.value for s in at.subheader] == ["Grow our audience"]


def test_forms_are_folded_and_the_recorder_is_asked_once(review_app: AppTest) -> None:
    at = review_app
    labels = [e.label for e in at.expander]
    assert labels[:5] == [
        "Add a comment or decision",
        "Add an action",
        "Add a success story",
        "Add an event or change a target",
        "Close this period",
    ]
    assert [t.label for t in at.text_input if t.key == "review_author"] == ["Recording as"]
    assert not any(t.label == "Your name" for t in at.text_input)


def test_last_months_commentary_opens_the_objective(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from workflows.review import add_comment

    url = f"sqlite:///{tmp_path / 'warehouse.sqlite'}"
    engine = open_database(url)
    seed(engine)
    add_comment(
        engine,
        period="2026-09",
        author="Ana",
        body="The rent campaign starts on 14 September.",
        kpi_id="engagement_rate",
    )
    engine.dispose()
    strategy = tmp_path / "strategy.yaml"
    strategy.write_text(strategy_text("en"), encoding="utf-8")
    monkeypatch.setenv("SOCIALKPI_DATABASE_URL", url)
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(strategy))
    monkeypatch.setenv("SOCIALKPI_LANGUAGE", "en")
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.switch_page("views/review_page.py").run()
    assert "##### Said in September 2026" in [m.value for m in at.markdown]
    assert any("The rent campaign starts on 14 September." in m.value for m in at.markdown)


def test_closing_the_month_emails_the_report_once(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from smtp_server import smtp_server

    from workflows.delivery import delivery_history

    url = f"sqlite:///{tmp_path / 'warehouse.sqlite'}"
    engine = open_database(url)
    seed(engine)
    strategy = tmp_path / "strategy.yaml"
    strategy.write_text(
        strategy_text("en").replace(
            "    name: Tenant communication 2026\n",
            "    name: Tenant communication 2026\n    recipients: [director@lakeside.example]\n",
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("SOCIALKPI_DATABASE_URL", url)
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(strategy))
    monkeypatch.setenv("SOCIALKPI_LANGUAGE", "en")
    with smtp_server() as server:
        for name, value in server.environ().items():
            monkeypatch.setenv(name, value)
        at = AppTest.from_file(str(APP), default_timeout=120).run()
        at.switch_page("views/review_page.py").run()
        at.text_input(key="review_author").set_value("Joost")
        _button(at, "Close the period").click().run()
        assert not at.exception
        assert [i.value for i in at.info] == [
            "The report was e-mailed to director@lakeside.example."
        ]
        at.run()  # the note is shown once; nothing is sent again
        assert [i.value for i in at.info] == []
    [received] = server.mailbox.received
    [attachment] = list(received.message.iter_attachments())
    assert attachment.get_content()[:5] == b"%PDF-"
    assert [(d.status, d.trigger) for d in delivery_history(engine)] == [("sent", "close")]
    engine.dispose()


def test_the_pack_is_built_once_per_state_not_on_every_rerun(
    review_app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reports.review_pack as review_pack

    built: list[str] = []
    real = review_pack.build_review_pack

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(str(args[2]))
        return real(*args, **kwargs)

    monkeypatch.setattr(review_pack, "build_review_pack", counting)
    at = review_app  # built (uncounted) when the page opened
    at.text_input(key="review_author").set_value("Ana").run()
    _button(at, "Next ▶").click().run()
    _button(at, "◀ Previous").click().run()
    assert built == []  # three reruns, same data and records: the cached pack
    at.text_area(key="comment_body").set_value("Rates fell back after the campaign.")
    _button(at, "Add").click().run()
    assert built == ["2026-10"]  # a comment recorded: built again, and shown
    assert any("Rates fell back after the campaign." in m.value for m in at.markdown)
    _button(at, "Close the period").click().run()
    assert built == ["2026-10", "2026-10"]  # closed: frozen figures, the close shown
    assert any("Ana" in s.value and "frozen" in s.value for s in at.success)
