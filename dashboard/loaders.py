"""The dashboard's I/O boundary: configuration, the engine and every cached read.

Configuration is read from the environment when a loader runs, never at import:
SOCIALKPI_DATABASE_URL (warehouse.settings) and SOCIALKPI_STRATEGY (metrics.strategy_source,
which also falls back on the newest strategy version kept in the warehouse).
Cached reads take the warehouse's `data_version` as an argument, so a new import changes
the cache key and refreshes what it affects. Pages call these functions; nothing here
computes a KPI: the arithmetic is in metrics/.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

if TYPE_CHECKING:
    from metrics.scorecard import KpiResult

CACHE_TTL_SECONDS = 3600


def database_url() -> str:
    from warehouse.settings import resolve_database_url

    return resolve_database_url(None)


def strategy_source() -> Any:
    """Where the strategy in force comes from (metrics.strategy_source: --strategy /
    SOCIALKPI_STRATEGY / ./strategy.yaml / the newest warehouse version / the sample).
    Cheap: a stat or one indexed lookup, read on every run."""
    from metrics.strategy_source import locate_strategy

    return locate_strategy(None, engine())


def strategy_path() -> Path:
    """The strategy file in force; for a warehouse version, a file name in the folder its
    relative paths (the report logo) are taken from (use `strategy_dir` for that)."""
    source = strategy_source()
    if source.path is not None:
        return Path(source.path)
    return source.base_dir / "strategy.yaml"


def strategy_dir() -> Path:
    """The folder relative paths written in the strategy (the report logo) start from."""
    return Path(strategy_source().base_dir)


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    from warehouse.engine import open_database

    return open_database(url)


def engine() -> Engine:
    """The migrated warehouse engine of the configured URL (one per URL per process)."""
    return _engine_for(database_url())


def data_version() -> str:
    """Read on every run (cheap): changes whenever an import lands."""
    from warehouse.queries import data_version as _data_version

    with engine().connect() as conn:
        return _data_version(conn)


@st.cache_resource(show_spinner=False)
def _strategy_file(location: str, stamp: int) -> Any:
    """(path, modified_ns) of a file, or ("warehouse:<sha256>", version id)."""
    from metrics.strategy_source import (
        WAREHOUSE_KEY_PREFIX,
        StrategySource,
        load_source,
    )

    if location.startswith(WAREHOUSE_KEY_PREFIX):
        source = StrategySource(
            kind="warehouse",
            version_id=stamp,
            sha256=location.removeprefix(WAREHOUSE_KEY_PREFIX),
        )
    else:
        source = StrategySource(kind="option", path=Path(location))
    return load_source(source, engine())[0]


def strategy_file() -> Any:
    """The strategy in force; reloaded when its file changes on disk or a new version is
    saved in the warehouse.

    Raises metrics.strategy.StrategyInvalid (with every problem) when it does not check out.
    """
    return _strategy_file(*strategy_key())


def strategy_text() -> str | None:
    """The YAML text of the strategy in force (for download), or None when unreadable."""
    from warehouse.strategy_store import strategy_version

    source = strategy_source()
    if source.path is not None:
        try:
            return str(Path(source.path).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            return None
    with engine().connect() as conn:
        record = strategy_version(conn, source.version_id)
    return None if record is None else record.yaml_text


def strategy_version_stamp() -> tuple[int, str] | None:
    """(id, sha256) of the newest strategy version kept in the warehouse, or None."""
    from warehouse.strategy_store import latest_strategy_version_stamp

    with engine().connect() as conn:
        return latest_strategy_version_stamp(conn)


@st.cache_resource(show_spinner=False, max_entries=8)
def _strategy_history(url: str, stamp: tuple[int, str] | None) -> list[Any]:
    from workflows.strategy_versions import history

    return history(engine())


def strategy_history() -> list[Any]:
    """Every strategy version, newest first, with its changes (workflows.strategy_versions)."""
    return _strategy_history(database_url(), strategy_version_stamp())


def plain(record: Any) -> dict[str, Any]:
    """A dataclass, pydantic model or mapping as a plain dict (for tables and templates)."""
    if isinstance(record, dict):
        return dict(record)
    if is_dataclass(record) and not isinstance(record, type):
        return asdict(record)
    dump = getattr(record, "model_dump", None)
    if callable(dump):
        return dict(dump())
    return dict(vars(record))


def _read(reader: Callable[..., Any], *args: Any) -> Any:
    with engine().connect() as conn:
        return reader(conn, *args)


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def imports_history(version: str) -> pd.DataFrame:
    from warehouse.queries import list_imports

    return _read(list_imports)


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def platforms_with_data(version: str) -> pd.DataFrame:
    """Platforms that ever had data, as a one-column frame (`platform`)."""
    from warehouse.queries import platforms_with_data as _platforms_with_data

    return pd.DataFrame({"platform": _read(_platforms_with_data)}, dtype=object)


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def latest_fact_day(version: str) -> date | None:
    from warehouse.queries import latest_fact_day as _latest

    return _read(_latest)


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def default_period(version: str, grain: str, today: date) -> str:
    """The period a period type opens on: the latest complete one (metrics decides)."""
    from metrics.scorecard import latest_complete_period

    return latest_complete_period(engine(), grain, today)  # type: ignore[arg-type]


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def coverage(version: str) -> pd.DataFrame:
    from warehouse.queries import coverage as _coverage

    return _read(_coverage)


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def quarantined(version: str, import_id: int) -> pd.DataFrame:
    from warehouse.queries import quarantined_rows

    return _read(quarantined_rows, import_id)


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def import_details(version: str, import_id: int) -> dict[str, Any] | None:
    from warehouse.queries import import_details as _details

    return _read(_details, import_id)


def original_file(import_id: int) -> tuple[str, bytes] | None:
    """The uploaded bytes of one import (read on demand, not cached: they can be large)."""
    from warehouse.queries import import_blob

    with engine().connect() as conn:
        return import_blob(conn, import_id)


def known_accounts(platform: str) -> list[str]:
    from warehouse.store import known_accounts as _known

    with engine().connect() as conn:
        return _known(conn, platform)


def import_uploads(
    paths: Sequence[Path],
    *,
    account: str | None,
    timezone: str,
    progress: Callable[[Any, int, int | None], None] | None = None,
    platform: str | None = None,
) -> list[dict[str, Any]]:
    """Run the import pipeline on saved uploads; one plain result dict per file. Behind a
    login the signed-in identity uploads, and a viewer is refused (EditRefused) before any
    file is read; in single-user mode the one user uploads."""
    from dashboard.identity import acting
    from data_contracts.pipeline import import_files
    from workflows.uploads import upload

    actor, role = acting("")
    options: dict[str, Any] = {
        "account": account,
        "platform": platform,
        "timezone": timezone,
        "progress": progress,
    }
    if role is None:
        results = import_files(engine(), list(paths), **options)
    else:
        results = upload(engine(), list(paths), actor=actor, role=role, **options)
    return [plain(result) for result in results]


def refile_upload(
    import_id: int, *, account: str, platform: str | None, timezone: str
) -> dict[str, Any]:
    """File an upload that was filed under an assumed account under `account` (its kept
    bytes imported again, replacing what it stored); the new import's result."""
    from dashboard.identity import acting
    from data_contracts.refile import refile_import
    from workflows.uploads import refile

    actor, role = acting("")
    options: dict[str, Any] = {"account": account, "platform": platform, "timezone": timezone}
    if role is None:
        return plain(refile_import(engine(), import_id, **options))
    return plain(refile(engine(), import_id, actor=actor, role=role, **options))


def assumed_imports(version: str) -> pd.DataFrame:
    """Uploads still filed under an assumed account, newest first."""
    return _assumed_imports(database_url(), version)


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def _assumed_imports(url: str, version: str) -> pd.DataFrame:
    # keyed on the URL too: two warehouses can be at the same version ("7:7")
    from warehouse.replaced import assumed_imports as _assumed

    return _read(_assumed)


def possible_platforms(contract_ids: str | None) -> list[str]:
    """The platforms that write an export (several for Meta's daily charts and the follower
    history TikTok and Facebook share)."""
    from data_contracts.model import all_contracts

    ids = set((contract_ids or "").split("+"))
    return sorted({p for c in all_contracts() if c.id in ids for p in c.possible_platforms()})


# --- metrics: every value on screen comes from metrics.scorecard -------------------------
# `strategy_key` is (path, modified_ns) of the strategy file, or ("warehouse:<sha256>",
# version id) of a warehouse version: hashable, and it changes when the file is edited or a
# new version is saved, so cached KPI values follow the strategy as well as the data.


def strategy_key() -> tuple[str, int]:
    return tuple(strategy_source().key)  # type: ignore[return-value]


def _sf(key: tuple[str, int]) -> Any:
    return _strategy_file(*key)


def _platforms(platforms: tuple[str, ...]) -> list[str] | None:
    return list(platforms) if platforms else None


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def scorecard(
    version: str,
    key: tuple[str, int],
    period: str,
    platforms: tuple[str, ...],
    strategy_id: str | None,
) -> list[KpiResult]:
    from metrics.scorecard import compute_scorecard

    return compute_scorecard(
        engine(), _sf(key), period, platforms=_platforms(platforms), strategy_id=strategy_id
    )


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def platform_scorecards(
    version: str,
    key: tuple[str, int],
    period: str,
    platforms: tuple[str, ...],
    strategy_id: str | None,
) -> dict[str, list[KpiResult]]:
    """`scorecard` of each platform alone, in one batch of statements."""
    from metrics.scorecard import compute_platform_scorecards

    return compute_platform_scorecards(
        engine(), _sf(key), period, list(platforms), strategy_id=strategy_id
    )


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def overview(
    version: str,
    key: tuple[str, int],
    period: str,
    periods: tuple[str, ...],
    platforms: tuple[str, ...],
    strategy_id: str | None,
) -> tuple[list[KpiResult], pd.DataFrame]:
    """The Overview's scorecard and its KPIs' sparkline series, in one batched call (the
    series' months are read in the same statements as the scorecard's)."""
    from metrics.scorecard import compute_overview

    results, series_frame = compute_overview(
        engine(),
        _sf(key),
        period,
        list(periods),
        platforms=_platforms(platforms),
        strategy_id=strategy_id,
    )
    return list(results), series_frame


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def series(
    version: str,
    key: tuple[str, int],
    periods: tuple[str, ...],
    kpi_ids: tuple[str, ...] | None,
    platforms: tuple[str, ...],
) -> pd.DataFrame:
    from metrics.scorecard import compute_series

    return compute_series(
        engine(),
        _sf(key),
        list(periods),
        kpi_ids=list(kpi_ids) if kpi_ids else None,
        platforms=_platforms(platforms),
    )


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def breakdown(
    version: str,
    key: tuple[str, int],
    kpi_id: str,
    period: str,
    by: str,
    platforms: tuple[str, ...],
) -> pd.DataFrame:
    from metrics.scorecard import breakdown as _breakdown

    return _breakdown(engine(), _sf(key), kpi_id, period, by=by, platforms=_platforms(platforms))


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def top_posts(
    version: str,
    period: str,
    platforms: tuple[str, ...],
    measure: str,
    n: int,
    ascending: bool,
) -> pd.DataFrame:
    from metrics.scorecard import top_posts as _top_posts

    return _top_posts(
        engine(),
        period,
        platforms=_platforms(platforms),
        measure=measure,
        n=n,
        ascending=ascending,
    )


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def trace(
    version: str, key: tuple[str, int], kpi_id: str, period: str, platforms: tuple[str, ...]
) -> pd.DataFrame:
    from metrics.scorecard import trace as _trace

    return _trace(engine(), _sf(key), kpi_id, period, platforms=_platforms(platforms))


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def period_coverage(version: str, period: str, platforms: tuple[str, ...]) -> pd.DataFrame:
    from metrics.scorecard import data_coverage

    return data_coverage(engine(), period, platforms=_platforms(platforms))


def audit_entries(who: str | None = None, action: str | None = None) -> pd.DataFrame:
    """The audit log, newest first, narrowed by who and by the kind of write (not cached:
    an admin looks at it to see what just happened)."""
    from warehouse.audit import entries

    with engine().connect() as conn:
        rows = entries(conn, who=who or None, action=action or None)
    return pd.DataFrame(
        [r.__dict__ for r in rows],
        columns=["id", "at", "who", "role", "action", "subject", "before", "after"],
    )


def review_version() -> str:
    """Read on every run (cheap): changes whenever a review record, a close or a re-opening
    is written (warehouse.review.review_version)."""
    from warehouse.review import review_version as _review_version

    with engine().connect() as conn:
        return _review_version(conn)


def review_pack(period: str, strategy_id: str | None) -> Any:
    """The review pack of `period` (reports.review_pack: figures frozen once the period is
    closed, the review records, in the strategy's language), built once per state of the
    data, the review records, the strategy and the day, not on every rerun."""
    return _review_pack(
        database_url(),
        data_version(),
        review_version(),
        strategy_key(),
        period,
        strategy_id,
        str(strategy_dir()),
        date.today(),
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def _review_pack(
    url: str,
    version: str,
    review_state: str,
    key: tuple[str, int],
    period: str,
    strategy_id: str | None,
    folder: str,
    today: date,
) -> Any:
    # a frozen dataclass, shared by the reruns and sessions that ask for the same state
    from reports.review_pack import build_review_pack

    return build_review_pack(
        engine(), _sf(key), period, strategy_id=strategy_id, strategy_dir=Path(folder), today=today
    )


@st.cache_data(show_spinner=False, ttl=CACHE_TTL_SECONDS)
def benchmarks(version: str, period: str, platforms: tuple[str, ...]) -> Any:
    """Competitor benchmarks of a period (metrics.benchmarks.Benchmarks)."""
    from metrics.benchmarks import load_benchmarks

    return load_benchmarks(engine(), period, _platforms(platforms))
