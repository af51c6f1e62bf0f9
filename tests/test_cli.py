"""The command line of DESIGN.md: every command exists with its --help and options."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from dashboard.cli import app

runner = CliRunner()
COMMANDS = ["demo", "serve", "import", "validate", "kpis", "report", "strategy"]


def _plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_top_level_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = re.findall(r"^[│ ]+(\w+)\s{2,}", _plain(result.output), flags=re.MULTILINE)
    assert set(COMMANDS) <= set(listed)


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("demo", ["--host", "--port", "--db"]),
        ("serve", ["--host", "--port", "--db", "--strategy"]),
        ("import", ["--account", "--json", "--db"]),
        ("validate", ["--json"]),
        ("kpis", ["--period", "--strategy", "--platform", "--json"]),
        ("report", ["--period", "--format", "--out", "--strategy"]),
        ("strategy versions", ["--json", "--db"]),
        ("strategy export", ["--out", "--version", "--db"]),
        ("strategy import", ["--reason", "--author", "--db"]),
    ],
)
def test_command_help_names_its_options(command: str, options: list[str]) -> None:
    result = runner.invoke(app, [*command.split(), "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    text = _plain(result.output)
    for option in options:
        assert option in text, f"{command} --help lacks {option}"


def test_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["kpis"]).exit_code == 2  # --period is required
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2


def test_console_script_runs_as_a_module() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0
    assert "kpis" in proc.stdout


def test_serve_passes_host_and_leaves_port_to_streamlit_config() -> None:
    from dashboard.cli_serve import streamlit_command

    command = streamlit_command("127.0.0.1", None)
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert "--server.port" not in command  # STREAMLIT_SERVER_PORT keeps working
    with_port = streamlit_command("0.0.0.0", 8600)
    assert with_port[with_port.index("--server.port") + 1] == "8600"
