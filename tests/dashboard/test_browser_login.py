"""Login through a real OpenID Connect provider in Chromium (issue 14).

`oidc-provider-mock` runs a local provider; the app is served with an `[auth]` section that
points at it. A viewer signs in, sees the figures, cannot upload (the uploader is disabled
and the server refuses the write anyway) nor comment (the workflow refuses it, with the
reason); an admin signs in and finds the Audit log page that names the viewer's attempt
nowhere (nothing was written) and their own close.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
from browser_server import CHROMIUM, CHROMIUM_ARGS, free_port, need_chromium, serve, settle
from dashboard_seed import STRATEGY_YAML, seed

ROLES = "ana@ngo.org=admin, joost@ngo.org=editor, *=viewer"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/.well-known/openid-configuration") as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the OIDC provider did not start")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def app(provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    need_chromium()
    folder = tmp_path_factory.mktemp("login")
    url = f"sqlite:///{folder / 'warehouse.sqlite'}"
    seed(url)
    strategy = folder / "strategy.yaml"
    strategy.write_text(STRATEGY_YAML, encoding="utf-8")
    port = free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "a-cookie-secret-for-the-browser-login-test"\n'
        'client_id = "socialkpi"\n'
        'client_secret = "socialkpi-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    with serve(
        url,
        strategy,
        folder,
        port=port,
        options=("--secrets.files", str(secrets)),
        environ={"SOCIALKPI_ROLES": ROLES, "SOCIALKPI_LANGUAGE": "en"},
    ) as base:
        yield {"base": base, "url": url}


@pytest.fixture
def page(app: dict[str, str]) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 1400})
        tab.set_default_timeout(60_000)
        yield tab
        browser.close()


def _sign_in(page, base: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/")
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=sub]").fill(email)  # the provider's own form
    page.get_by_role("button", name="Authorize").click()
    page.get_by_text(f"Signed in as {email}").wait_for()


def test_a_viewer_signs_in_and_cannot_write(page, app: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    from warehouse.audit import entries
    from warehouse.engine import open_database

    page.goto(f"{app['base']}/")
    page.get_by_role("button", name="Sign in").wait_for()
    assert page.get_by_text("Engagement rate").count() == 0  # nothing before signing in
    _sign_in(page, app["base"], "eve@ngo.org")
    assert page.get_by_text("Signed in as eve@ngo.org · viewer").count() == 1
    page.goto(f"{app['base']}/data")
    settle(page, "Data")
    page.get_by_text("uploading exports needs the editor role").wait_for()
    assert page.get_by_test_id("stFileUploader").locator("input[type=file]").is_disabled()
    page.goto(f"{app['base']}/review")
    # the meeting mode folds its forms away until someone records something
    page.get_by_text("Add a comment or decision").click()
    page.get_by_label("Text", exact=True).fill("Let me in.")
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_text("Not saved: adding a comment needs the editor role; you are viewer").wait_for()
    engine = open_database(app["url"])
    with engine.connect() as conn:
        assert [(e.who, e.role, e.action) for e in entries(conn)] == [
            ("eve@ngo.org", "viewer", "login")
        ]
    engine.dispose()


def test_an_admin_signs_in_and_reads_the_audit_log(page, app: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    _sign_in(page, app["base"], "ana@ngo.org")
    page.goto(f"{app['base']}/review")
    page.get_by_text("Close this period").click()
    page.get_by_role("button", name="Close the period").click()
    page.get_by_text("the figures below are frozen").wait_for()
    page.goto(f"{app['base']}/audit")
    settle(page, "Audit log")
    page.get_by_text("Entries: 3, newest first.").wait_for()  # eve's and ana's sign-ins, the close
    page.get_by_text("Download the audit log (CSV)").wait_for()
