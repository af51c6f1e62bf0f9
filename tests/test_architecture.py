"""The folder tree is the architecture: these rules fail the build when an import breaks it.

file → data_contracts → warehouse → metrics → workflows → reports / dashboard
(docs/architecture.md).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = {
    "data_contracts",
    "warehouse",
    "metrics",
    "workflows",
    "reports",
    "dashboard",
    "sample_data",
}
ALLOWED = {
    "warehouse": set(),
    "data_contracts": {"warehouse"},
    "metrics": {"warehouse"},
    "workflows": {"metrics", "warehouse"},
    "reports": {"metrics", "warehouse", "workflows"},
    "dashboard": {"data_contracts", "warehouse", "metrics", "workflows", "reports", "sample_data"},
}
HEAVY = {"great_expectations", "streamlit", "fpdf", "pptx", "vl_convert", "openpyxl", "altair"}


def _imports(path: Path, *, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_packages_only_import_downstream(package: str) -> None:
    offences = []
    for path in _modules(package):
        for name in _imports(path) & OURS - {package} - ALLOWED[package]:
            offences.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offences == []


def test_only_the_gx_runner_imports_great_expectations() -> None:
    users = [
        str(path.relative_to(ROOT))
        for package in ALLOWED
        for path in _modules(package)
        if "great_expectations" in _imports(path)
    ]
    assert users == ["data_contracts/gx_runner.py"]


def test_metrics_and_warehouse_never_import_streamlit() -> None:
    for package in ("metrics", "warehouse", "data_contracts", "workflows", "reports"):
        for path in _modules(package):
            assert "streamlit" not in _imports(path), path


def test_cli_modules_import_heavy_libraries_lazily() -> None:
    for path in sorted((ROOT / "dashboard").glob("cli*.py")):
        assert _imports(path, top_level_only=True) & HEAVY == set(), path
