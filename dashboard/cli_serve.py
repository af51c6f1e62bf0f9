"""`socialkpi demo` and `socialkpi serve`: start the Streamlit app on a database."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import typer

from dashboard.cli_database import EXIT_DATABASE, open_for_cli
from dashboard.i18n import _

APP_PATH = Path(__file__).resolve().parent / "app.py"
DEMO_DB_NAME = "demo.sqlite"


def sample_exports_dir() -> Path:
    from importlib.resources import files

    return Path(str(files("sample_data") / "exports"))


def sample_strategy_path() -> Path:
    from importlib.resources import files

    return Path(str(files("sample_data") / "strategy.yaml"))


def streamlit_command(host: str, port: int | None) -> list[str]:
    """The `streamlit run` command line; without --port Streamlit's own config decides."""
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_PATH),
        "--server.address",
        host,
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
        # Streamlit's CSV export of tables writes cells as they are (a post text
        # "=HYPERLINK(...)" runs as a formula): off; the pages offer escaped downloads.
        "--client.disableDataExport",
        "true",
        # No exception type, message or traceback in the browser: the pages' error boundary
        # (dashboard.components.boundary) shows a reference, the server log the details.
        "--client.showErrorDetails",
        "none",
        # Streamlit's default red accent clashes with the red/amber/green status palette.
        "--theme.primaryColor",
        "#0072B2",
    ]
    if port is not None:
        command += ["--server.port", str(port)]
    return command


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def secrets_files() -> list[Path]:
    """Where Streamlit reads `secrets.toml` for `serve` (run from this folder)."""
    return [Path.home() / ".streamlit" / "secrets.toml", Path.cwd() / ".streamlit" / "secrets.toml"]


def login_configured_in(paths: list[Path]) -> bool:
    """Whether any of these secrets files has an `[auth]` section (a login, docs/deploy.md)."""
    import tomllib

    for path in paths:
        try:
            if tomllib.loads(path.read_text(encoding="utf-8")).get("auth"):
                return True
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
    return False


def launch_dashboard(
    *, host: str, port: int | None, db_url: str, strategy: Path | None
) -> NoReturn:
    """Without `strategy` the app resolves it itself (SOCIALKPI_STRATEGY, ./strategy.yaml,
    the newest warehouse version, the sample), so versions saved in the app take effect."""
    env = dict(os.environ)
    env["SOCIALKPI_DATABASE_URL"] = db_url
    if strategy is not None:
        env["SOCIALKPI_STRATEGY"] = str(strategy.resolve())
    shown_port = port or env.get("STREAMLIT_SERVER_PORT", "8501")
    if host not in LOOPBACK and not login_configured_in(secrets_files()):
        typer.echo(
            _(
                "Warning: listening on {host} without a login: anyone who can reach this "
                "address reads and changes everything. Configure a login (docs/deploy.md) or "
                "serve on 127.0.0.1."
            ).format(host=host),
            err=True,
        )
    typer.echo(
        _("Dashboard on http://{host}:{port} (Ctrl+C stops it)").format(host=host, port=shown_port)
    )
    command = streamlit_command(host, port)
    sys.stdout.flush()
    sys.stderr.flush()
    # Streamlit takes this process's place (same PID), so a service manager's SIGTERM,
    # Ctrl+C and `kill` reach the server itself: nothing is left answering on the port.
    os.execve(command[0], command, env)


def demo_database_url(db: str | None) -> str:
    """The demo's own fresh SQLite file (or the URL given with --db)."""
    if db:
        return db
    from warehouse.settings import sqlite_url, user_data_dir

    path = user_data_dir() / DEMO_DB_NAME
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return sqlite_url(path)


def sample_files_by_platform() -> list[tuple[str, list[Path]]]:
    """Sample exports grouped by their platform folder, in a stable order."""
    root = sample_exports_dir()
    groups = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        if files:
            groups.append((folder.name, files))
    return groups


def load_sample_data(engine: Any) -> int:
    """Import every sample export with a progress bar; returns the number of files loaded.

    Some exports do not name their account (Meta daily files, loose YouTube/TikTok CSVs),
    and Meta's daily files do not even name their platform; the sample keeps each platform's
    files in its own folder, so each folder is imported with that platform's account, as a
    user would pass `--account`.
    """
    from rich.progress import Progress

    from data_contracts.pipeline import import_files
    from metrics.strategy import load_strategy
    from sample_data.truth import ACCOUNTS

    strategy = load_strategy(sample_strategy_path())
    groups = sample_files_by_platform()
    results = []
    try:
        with Progress(transient=False) as progress:
            task = progress.add_task(
                _("Loading sample exports"), total=sum(len(files) for _p, files in groups)
            )

            def advance(path: Path) -> None:
                progress.update(task, advance=1, description=path.name[:40])

            for platform, files in groups:
                results += import_files(
                    engine,
                    files,
                    account=ACCOUNTS.get(platform),
                    timezone=strategy.timezone,
                    store=True,
                    on_file_done=advance,
                )
    finally:
        engine.dispose()
    loaded = [r for r in results if r.status in ("loaded", "partial", "duplicate")]
    rejected = [r for r in results if r.status == "rejected"]
    typer.echo(
        _("{loaded} sample files loaded, {rejected} rejected.").format(
            loaded=len(loaded), rejected=len(rejected)
        )
    )
    for result in rejected:
        for problem in result.problems:
            typer.echo(f"{result.path}: {problem.get('message', problem)}", err=True)
    return len(loaded)


def sample_review_path() -> Path:
    return Path(__file__).resolve().parent.parent / "sample_data" / "review.yaml"


def load_sample_review(engine: Any) -> int:
    """Record the demo's September and October meetings (sample_data/review.yaml) through
    workflows.review, as the team would on the Monthly review page; returns the records."""
    from datetime import date

    import yaml

    from workflows import review

    data = yaml.safe_load(sample_review_path().read_text(encoding="utf-8"))
    periods = {str(c["period"]) for c in data.get("comments", [])}
    if any(review.comments(engine, p) for p in periods):  # a demo --db loaded before
        return 0
    count = 0
    for c in data.get("comments", []):
        review.add_comment(
            engine,
            period=str(c["period"]),
            author=c["author"],
            body=c["body"],
            kind=c.get("kind", "comment"),
            kpi_id=c.get("kpi"),
            objective_id=c.get("objective"),
        )
        count += 1
    for a in data.get("actions", []):
        review.add_action(
            engine,
            title=a["title"],
            owner=a["owner"],
            author=a["author"],
            opened_on=date.fromisoformat(str(a["opened_on"])),
            due_date=date.fromisoformat(str(a["due"])) if a.get("due") else None,
            kpi_id=a.get("kpi"),
            objective_id=a.get("objective"),
        )
        count += 1
    for s in data.get("stories", []):
        review.add_story(
            engine,
            period=str(s["period"]),
            title=s["title"],
            body=s["body"],
            author=s["author"],
            objective_id=s.get("objective"),
            kpi_id=s.get("kpi"),
        )
        count += 1
    for t in data.get("target_changes", []):
        review.record_target_change(
            engine,
            kpi_id=t["kpi"],
            target_period=str(t["target_period"]),
            old_value=t.get("old"),
            new_value=t.get("new"),
            reason=t["reason"],
            author=t["author"],
        )
        count += 1
    return count


def run_demo(*, host: str, port: int | None, serve: bool, db: str | None) -> int:
    from warehouse.engine import display_url

    db_url = demo_database_url(db)
    typer.echo(_("Demo database: {url}").format(url=display_url(db_url)))
    engine = open_for_cli(db_url, sys.stderr)
    if engine is None:
        return EXIT_DATABASE
    load_sample_data(engine)
    load_sample_review(engine)
    if not serve:
        return 0
    # The demo database is fresh, so the sample strategy is in force until the first edit
    # in the app saves a version (unless SOCIALKPI_STRATEGY or ./strategy.yaml override it).
    launch_dashboard(host=host, port=port, db_url=db_url, strategy=None)


def run_serve(*, host: str, port: int | None, db: str | None, strategy: Path | None) -> int:
    from warehouse.settings import resolve_database_url

    engine = open_for_cli(db, sys.stderr)  # migrate before the app starts
    if engine is None:
        return EXIT_DATABASE
    engine.dispose()
    launch_dashboard(host=host, port=port, db_url=resolve_database_url(db), strategy=strategy)
