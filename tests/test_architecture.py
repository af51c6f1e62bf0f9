"""The folder tree is the architecture: these rules fail the build when an import breaks it.

file → data_contracts → warehouse → metrics → workflows → reports / dashboard
(docs/architecture.md). Above the import pipeline only workflows write: the faces, the
reports and the metrics never open a transaction nor call a writer of the review records.
Both faces read the gettext catalogs and write figures through `language/`, below them: the
reports never import the dashboard, and no module but the formatter formats a number, a date
or a period with Babel.
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
    "language",
}
ALLOWED = {
    "warehouse": set(),
    "data_contracts": {"warehouse"},
    "metrics": {"warehouse"},
    "workflows": {"data_contracts", "metrics", "warehouse"},  # uploads wrap the import
    "language": {"metrics", "warehouse"},  # catalogs and the formatter; periods, platform names
    "reports": {"language", "metrics", "warehouse", "workflows"},
    "dashboard": {
        "data_contracts",
        "warehouse",
        "metrics",
        "workflows",
        "reports",
        "sample_data",
        "language",
    },
}
# Packages that only read: transactions are opened by the import pipeline (data_contracts),
# the migrations (warehouse) and workflows.
READ_ONLY = ("metrics", "reports", "dashboard")
PAGE_LINES = 120  # a page composes components; its logic lives below it
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
    for package in ("metrics", "warehouse", "data_contracts", "workflows", "reports", "language"):
        for path in _modules(package):
            assert "streamlit" not in _imports(path), path


def test_cli_modules_import_heavy_libraries_lazily() -> None:
    for path in sorted((ROOT / "dashboard").glob("cli*.py")):
        assert _imports(path, top_level_only=True) & HEAVY == set(), path


def test_every_page_is_at_most_120_lines() -> None:
    """Pages stay thin: a page that grows moves its blocks into dashboard/components/
    (the upload's steps, the review's forms...), where they are typed and tested alone."""
    pages = sorted((ROOT / "dashboard" / "views").glob("*.py"))
    assert len(pages) > 5, "no pages found: the rule reads nothing"
    offences = [
        f"{path.relative_to(ROOT)} has {lines} lines (at most {PAGE_LINES})"
        for path in pages
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > PAGE_LINES
    ]
    assert offences == []


def _calls_of(path: Path, attribute: str) -> list[int]:
    """Line numbers of `<anything>.attribute(...)` calls in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == attribute
    ]


@pytest.mark.parametrize("package", READ_ONLY)
def test_views_reports_and_metrics_never_open_a_transaction(package: str) -> None:
    offences = [
        f"{path.relative_to(ROOT)}:{line} calls .begin()"
        for path in _modules(package)
        for line in _calls_of(path, "begin")
    ]
    assert offences == []


def _writers(module: Path) -> set[str]:
    """Functions of a warehouse module that insert, update or delete rows."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any(
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id in ("insert", "update", "delete")
            for call in ast.walk(node)
        )
    }


def _uses_of(path: Path, module: str) -> set[str]:
    """Names a file takes from `warehouse.<module>`: imported from it, or read as attributes
    of the name it is imported under (`from warehouse import review` → `review.x`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    bound: set[str] = set()
    used: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == f"warehouse.{module}":
            used.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module == "warehouse":
            bound.update(alias.asname or alias.name for alias in node.names if alias.name == module)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in bound
        ):
            used.add(node.attr)
    return used


@pytest.mark.parametrize("module", ["review", "strategy_store", "deliveries", "assessments"])
def test_only_workflows_call_the_writers_of_reviews_and_versions(module: str) -> None:
    writers = _writers(ROOT / "warehouse" / f"{module}.py")
    assert writers, f"warehouse/{module}.py has no writers: the rule reads nothing"
    offences = [
        f"{path.relative_to(ROOT)} uses warehouse.{module}.{name}"
        for package in READ_ONLY
        for path in _modules(package)
        for name in sorted(_uses_of(path, module) & writers)
    ]
    assert offences == []


def test_only_the_language_package_reads_gettext_catalogs() -> None:
    """One loader of the catalogs for both faces: the dashboard (viewer's language) and the
    reports (strategy's language) never open a `.po` file nor build a translation of their
    own."""
    readers = sorted(
        str(path.relative_to(ROOT))
        for package in ALLOWED
        for path in _modules(package)
        if {"babel.messages", "babel.support", "gettext"} & _modules_imported(path)
    )
    assert readers == ["language/catalogs.py", "language/extract.py"]


def _modules_imported(path: Path) -> set[str]:
    """Full dotted names a module imports (`babel.support`, not `babel`), and their parents."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            dotted = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            dotted = [node.module]
        else:
            continue
        for name in dotted:
            parts = name.split(".")
            names.update(".".join(parts[: i + 1]) for i in range(len(parts)))
    return names


# Faces and the packages below them format numbers and dates only through the formatter
# (data_contracts reads the locales' patterns to *parse* exports: not a format).
FORMATTED_BY = ("warehouse", "metrics", "workflows", "reports", "dashboard", "language")


def test_only_the_formatter_formats_numbers_dates_and_periods() -> None:
    """One home for how a figure is written: `language/formatting.py` (`dashboard/formatting.py`
    binds it to the viewer's language and imports no Babel)."""
    formatters = sorted(
        str(path.relative_to(ROOT))
        for package in FORMATTED_BY
        for path in _modules(package)
        if {"babel.numbers", "babel.dates", "babel.core"} & _modules_imported(path)
        or _imports_name(path, "babel", "Locale")
    )
    assert formatters == ["language/formatting.py"]


def _imports_name(path: Path, module: str, name: str) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == module
        and any(alias.name == name for alias in node.names)
        for node in ast.walk(tree)
    )


def test_reports_never_import_the_dashboard() -> None:
    """Said by ALLOWED too; spelled out because the reports' words once tempted it."""
    offences = [
        str(path.relative_to(ROOT))
        for package in ("reports", "language", "workflows", "metrics")
        for path in _modules(package)
        if "dashboard" in _imports(path)
    ]
    assert offences == []


# One KPI result from the engine to the page and the report: the components that show a KPI
# take metrics.scorecard.KpiResult (a report's KpiLine is one), never a dict read by string keys.
RESULT_READERS = ("readings", "scorecard", "comparison", "status", "meeting")
RESULT_PARAMETERS = {"row", "kpi", "results", "overall", "per_platform", "rows"}


def test_components_take_the_typed_kpi_result() -> None:
    untyped = []
    for name in RESULT_READERS:
        path = ROOT / "dashboard" / "components" / f"{name}.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            for arg in node.args.args:
                if arg.arg not in RESULT_PARAMETERS or arg.annotation is None:
                    continue
                written = ast.unparse(arg.annotation)
                if "KpiResult" not in written and "KpiLine" not in written:
                    untyped.append(f"{name}.{node.name}({arg.arg}: {written})")
    assert untyped == []
    loaders = (ROOT / "dashboard" / "loaders.py").read_text(encoding="utf-8")
    assert ".to_dict()" not in loaders  # results reach the pages as they left the engine
