"""Behind a login (issue 14): the role comes from the signed-in identity's e-mail through
SOCIALKPI_ROLES, never from a typed name; each write is refused on the server for a role
that may not make it, whatever the page shows; every write made is in the audit log, which
only admins see.

Streamlit's `st.user` is seeded with `AppTest.user` and the `[auth]` section with
`AppTest.secrets` (the OpenID Connect round trip itself is Streamlit's and the provider's).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from report_seed import seed, strategy_text
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from metrics.strategy_edits import EditRefused
from warehouse.audit import entries
from warehouse.engine import open_database
from workflows import review as workflow
from workflows.uploads import refile, upload

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
AUTH = {
    "redirect_uri": "http://localhost:8599/oauth2callback",
    "cookie_secret": "a-test-cookie-secret-of-enough-length",
    "client_id": "socialkpi",
    "client_secret": "secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ROLES = "ana@ngo.org=admin, joost@ngo.org=editor, group:board=viewer"
EXPORT = (
    Path(__file__).resolve().parents[2]
    / "sample_data/exports/x/account_analytics_content_2026-09-28_2026-10-31.csv"
)


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    url = f"sqlite:///{tmp_path / 'warehouse.sqlite'}"
    engine = open_database(url)
    seed(engine)
    strategy = tmp_path / "strategy.yaml"
    strategy.write_text(strategy_text("en"), encoding="utf-8")
    monkeypatch.setenv("SOCIALKPI_DATABASE_URL", url)
    monkeypatch.setenv("SOCIALKPI_STRATEGY", str(strategy))
    monkeypatch.setenv("SOCIALKPI_LANGUAGE", "en")
    monkeypatch.setenv("SOCIALKPI_ROLES", ROLES)
    return engine


def _app(user: dict[str, object], page: str | None = "views/review_page.py") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = user
    at.run()
    if page is not None and user.get("is_logged_in"):
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def test_nobody_signed_in_sees_only_the_sign_in(warehouse: Engine) -> None:
    at = _app({"is_logged_in": False}, page=None)
    assert [b.label for b in at.button] == ["Sign in"]
    assert [t.value for t in at.title] == ["socialkpi"]
    assert not at.metric and not at.text_input  # no figure, no form


def test_a_typed_name_gives_no_role(warehouse: Engine) -> None:
    """Joost (an editor) types the admin's name: the comment is still his, as editor, and
    he cannot close the month (the close form names him; the workflow refuses it)."""
    at = _app({"is_logged_in": True, "email": "joost@ngo.org", "name": "Joost"})
    assert not any(t.key == "review_author" for t in at.text_input)  # no name to type
    assert any(c.value == "As Joost" for c in at.caption)
    at.text_area(key="comment_body").set_value("Rates fell back.")
    _button(at, "Add").click().run()
    assert not at.exception
    _button(at, "Close the period").click().run()
    assert [e.value for e in at.error] == [
        "Not saved: closing a period needs the admin role; you are editor"
    ]
    with warehouse.connect() as conn:
        log = [(e.who, e.role, e.action) for e in entries(conn)]
    assert log == [
        ("joost@ngo.org", "editor", "review.comment"),
        ("joost@ngo.org", "editor", "login"),  # once per session, not per page
    ]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/audit_page.py")  # the audit log is no page of an editor's


def test_a_viewer_cannot_write_by_the_page_or_the_workflows(warehouse: Engine) -> None:
    at = _app({"is_logged_in": True, "email": "eve@ngo.org", "groups": ["board"]})
    at.text_area(key="comment_body").set_value("Let me in.")
    _button(at, "Add").click().run()
    assert [e.value for e in at.error] == [
        "Not saved: adding a comment needs the editor role; you are viewer"
    ]
    at.switch_page("views/data_page.py").run()
    assert any(
        i.value == "Viewers read and download; uploading exports needs the editor role."
        for i in at.info
    )
    # the workflows refuse the viewer's role directly, before anything is read or stored
    with pytest.raises(EditRefused):
        upload(warehouse, [EXPORT], actor="eve@ngo.org", role="viewer", account="x")
    with pytest.raises(EditRefused):
        refile(warehouse, 1, actor="eve@ngo.org", role="viewer", account="x")
    with pytest.raises(EditRefused):
        workflow.add_action(
            warehouse,
            title="t",
            owner="o",
            author="eve@ngo.org",
            opened_on=date(2026, 10, 1),
            role="viewer",
        )
    with warehouse.connect() as conn:
        assert [(e.who, e.action) for e in entries(conn)] == [("eve@ngo.org", "login")]


def test_an_admin_closes_the_month_and_reads_the_audit_log(warehouse: Engine) -> None:
    at = _app({"is_logged_in": True, "email": "ana@ngo.org", "name": "Ana"})
    _button(at, "Close the period").click().run()
    assert any("frozen" in s.value for s in at.success)
    [result] = upload(warehouse, [EXPORT], actor="ana@ngo.org", role="admin", account="x")
    assert result.status == "loaded"
    at.switch_page("views/audit_page.py").run()
    assert not at.exception
    [table] = at.dataframe
    shown = table.value
    assert list(shown["Who"]) == ["ana@ngo.org"] * 3
    assert list(shown["What"]) == ["upload", "review.close", "login"]
    assert list(shown["Role"]) == ["admin"] * 3
    assert shown["After"].iloc[0].startswith("loaded: ")
    assert [d.label for d in at.download_button] == ["Download the audit log (CSV)"]
