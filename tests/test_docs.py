"""Docs stay true: every CLI command appears in docs/cli.md with its current --help.

Refresh the generated part with `SOCIALKPI_UPDATE_GOLDEN=1 pytest tests/test_docs.py`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from typer.testing import CliRunner

from dashboard.cli import app

ROOT = Path(__file__).resolve().parent.parent
CLI_DOC = ROOT / "docs" / "cli.md"
BEGIN = "<!-- BEGIN GENERATED HELP -->"
END = "<!-- END GENERATED HELP -->"
COMMANDS = [
    "demo",
    "serve",
    "import",
    "validate",
    "kpis",
    "report",
    "maturity",
    "backup",
    "restore",
    "strategy",
    "strategy versions",
    "strategy export",
    "strategy import",
]


def _help(args: list[str]) -> str:
    result = CliRunner().invoke(
        app,
        [*args, "--help"],
        terminal_width=100,
        color=False,
        env={"NO_COLOR": "1", "COLUMNS": "100"},
    )
    assert result.exit_code == 0, result.output
    text = re.sub(r"\x1b\[[0-9;]*m", "", result.output)
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def generated_help() -> str:
    parts = [f"### `socialkpi --help`\n\n```\n{_help([])}\n```"]
    for command in COMMANDS:
        parts.append(f"### `socialkpi {command} --help`\n\n```\n{_help(command.split())}\n```")
    return "\n\n".join(parts)


def test_cli_doc_holds_the_current_help_of_every_command() -> None:
    text = CLI_DOC.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    expected = generated_help()
    if os.environ.get("SOCIALKPI_UPDATE_GOLDEN"):
        CLI_DOC.write_text(f"{head}{BEGIN}\n{expected}\n{END}{tail}", encoding="utf-8")
        return
    assert rest.split(END, 1)[0].strip() == expected, "refresh with SOCIALKPI_UPDATE_GOLDEN=1"
    for command in COMMANDS:
        assert f"socialkpi {command}" in head, f"docs/cli.md does not describe {command}"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, flags=re.DOTALL)
    commands = [line.split("#", 1)[0].strip() for block in blocks for line in block.splitlines()]
    assert "make demo" in commands and "make test" in commands
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert ci_lines[-1] == "make test"
