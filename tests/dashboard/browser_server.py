"""The dashboard served for browser tests: `socialkpi serve`'s own Streamlit command, headless,
on a free port of 127.0.0.1, and the wait for a page to finish drawing."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from dashboard_seed import APP

from dashboard.cli_serve import streamlit_command

CHROMIUM = Path("/usr/bin/chromium")
REPO = APP.parents[1]
SHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def need_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")


@contextmanager
def serve(
    url: str,
    strategy: Path,
    folder: Path,
    *,
    port: int | None = None,
    options: tuple[str, ...] = (),
    environ: dict[str, str] | None = None,
) -> Iterator[str]:
    """The dashboard on `url` with `strategy`; yields its base URL. `options` are more
    Streamlit options, `environ` more environment variables."""
    port = port or free_port()
    env = {
        **os.environ,
        "SOCIALKPI_DATABASE_URL": url,
        "SOCIALKPI_STRATEGY": str(strategy),
        "PYTHONPATH": str(REPO),
        **(environ or {}),
    }
    log_path = folder / "streamlit.log"
    log = log_path.open("w")
    # the command `socialkpi serve` runs (error details hidden, toolbar minimal...), headless
    command = [*streamlit_command("127.0.0.1", port), "--server.headless", "true", *options]
    proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as reply:
                    if reply.read() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start: {log_path.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: do not leave it running
            proc.kill()
            proc.wait()
        log.close()


def settle(page, title: str) -> None:  # type: ignore[no-untyped-def]
    page.locator("h1", has_text=title).wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        '() => !document.querySelector(\'[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]\')',
        timeout=30_000,
    )
    page.wait_for_timeout(1200)  # charts draw after the script run finishes
