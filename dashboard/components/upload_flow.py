"""The Data page's upload, step by step: upload → import (with its progress) → the file's
validation report → when the file does not name its account, the question (choose or type
the account, import again, or dismiss) → when it was filed under an assumed account, the
form to file it under another one → the new result.

The step of each result is a pure decision (`next_step`); the uploads waiting for their
account stay on disk in the session's `UploadSpool`, never in the session itself. The
session keys (`RESULTS`, `SPOOL`, `UPLOADER_GENERATION`) are read by the page's tests.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import streamlit as st

from dashboard import loaders
from dashboard.components.imports import file_report, import_progress, problem_line
from dashboard.i18n import _
from dashboard.identity import acting
from dashboard.import_provenance import assumption_text, platform_name, question
from dashboard.upload_spool import UploadSpool

UploadResult = dict[str, Any]
"""One upload's result as the page keeps it: `FileResult.as_dict()` plus its `name` (and,
while it waits for its account, `spooled`; after a refused re-filing, `refile_problems`)."""
Step = Literal["ask_account", "change_account", "report"]

RESULTS = "data_import_results"
SPOOL = "data_upload_spool"  # an UploadSpool: the folder of this session's waiting uploads
SPOOLED = "spooled"  # a result's key: the path of its upload on disk, while it waits
UPLOADER_GENERATION = "data_uploads_generation"
ASSUMED_LISTED = 20  # uploads filed under an assumed account listed with their change form


def next_step(result: UploadResult) -> Step:
    """What the page shows under an upload's report: the account question (the pipeline
    said the file `needs_account`), the form to file it under another account (it was
    stored under an assumed one), or nothing more."""
    if result.get("needs_account"):
        return "ask_account"
    if (
        result.get("account_assumed")
        and result.get("import_id")
        and result.get("status") in ("loaded", "partial")
    ):
        return "change_account"
    return "report"


def waiting_of(results: Iterable[UploadResult], holds: Callable[[str], bool]) -> list[UploadResult]:
    """The results whose upload is still on disk (`holds`), waiting for the account question."""
    return [r for r in results if r.get(SPOOLED) and holds(r[SPOOLED])]


def spool() -> UploadSpool:
    """This session's folder of uploads waiting on disk (the session holds no file bytes)."""
    current = st.session_state.get(SPOOL)
    if not isinstance(current, UploadSpool):
        current = st.session_state[SPOOL] = UploadSpool()
    return current


def run_import(
    name: str, path: Path, account: str | None, timezone: str, platform: str | None = None
) -> UploadResult:
    """Import one spooled upload and show its progress; the file stays on disk only while
    the import waits for the user (which account?), else it is removed (the warehouse keeps
    the original bytes)."""
    with st.status(_("Importing {name}").format(name=name), expanded=False) as box:
        bar = st.progress(0.0, text=_("Reading rows"))
        shown = [0.0]  # the bar's fraction: it only moves forward

        def progress(_path: Any, done: int, total: int | None) -> None:
            fraction, text = import_progress(done, total)
            shown[0] = max(shown[0], fraction if fraction is not None else 0.0)
            bar.progress(shown[0], text=text)

        result = loaders.import_uploads(
            [path], account=account, platform=platform, timezone=timezone, progress=progress
        )[0]
        bar.progress(1.0, text=_("Done"))
        failed = result.get("status") == "rejected"
        box.update(
            label=_("{name}: rejected").format(name=name)
            if failed
            else _("{name}: imported").format(name=name),
            state="error" if failed else "complete",
        )
    result = {**result, "name": name}
    if result.get("needs_account"):
        return {**result, SPOOLED: str(path)}
    spool().discard(path)
    return result


def change_account(
    key: str, import_id: int, name: str, current: UploadResult, timezone: str
) -> UploadResult | None:
    """The form under an upload filed under an assumed account: the account it belongs to
    (and the platform, for exports two platforms write); the new result once re-filed."""
    platforms = loaders.possible_platforms(current.get("format"))
    platform = current.get("platform")
    if len(platforms) > 1:
        platform = st.selectbox(
            _("Platform"),
            options=platforms,
            index=platforms.index(platform) if platform in platforms else 0,
            format_func=platform_name,
            key=f"{key}_platform",
        )
    account = st.text_input(
        _("Account it belongs to"),
        placeholder=_("e.g. the page or handle name"),
        key=f"{key}_account",
    )
    # under the box, not beside it: a translated label never gets cut on a narrow column
    if not st.button(
        _("File under this account"), key=f"{key}_refile", disabled=not account.strip()
    ):
        return None
    with st.spinner(_("Filing {name} under {account}").format(name=name, account=account)):
        done = loaders.refile_upload(
            import_id, account=account.strip(), platform=platform, timezone=timezone
        )
    return {**done, "name": name}


def ask_account(
    index: int, result: UploadResult, results: list[UploadResult], timezone: str
) -> None:
    """The question under a file that does not say its account (or its platform, or whose
    links name several accounts): answered, the waiting upload is imported again."""
    spooled = result.get(SPOOLED)
    if not spooled or not spool().holds(spooled):
        st.warning(
            _("{name} is no longer on the server; upload it again to import it.").format(
                name=result["name"]
            )
        )
        return
    text, params = question(result)
    st.info(text)
    platforms: list[str] = list(params.get("platforms") or [])
    platform = None
    if platforms:
        platform = st.selectbox(
            _("Platform"),
            options=platforms,
            index=None,
            format_func=platform_name,
            placeholder=_("Choose the platform"),
            key=f"data_platform_{index}",
        )
    linked: list[str] = list(params.get("accounts") or [])
    if linked:
        account = st.radio(_("Account"), options=linked, key=f"data_linked_{index}") or ""
    else:
        known = loaders.known_accounts(platform or result.get("platform") or "")
        account = st.text_input(
            _("Account name"),
            value=known[0] if len(known) == 1 else "",
            placeholder=", ".join(known) if known else _("e.g. the page or handle name"),
            key=f"data_account_{index}",
        )
    left, right = st.columns([3, 1])
    if left.button(
        _("Import {name} for this account").format(name=result["name"]),
        key=f"data_retry_{index}",
        disabled=not account.strip() or (bool(platforms) and platform is None),
    ):
        results[index] = run_import(
            result["name"], Path(spooled), account.strip(), timezone, platform
        )
        st.session_state[RESULTS] = results
        st.rerun()
    if right.button(_("Dismiss"), key=f"data_dismiss_{index}"):
        spool().discard(spooled)
        st.session_state[RESULTS] = results[:index] + results[index + 1 :]
        st.rerun()


def assumed_here(
    index: int, result: UploadResult, results: list[UploadResult], timezone: str
) -> None:
    """The notice under an upload just filed under an assumed account, with its change."""
    st.warning(assumption_text(result))
    if result.get("refile_problems"):
        st.error(
            _("Not filed under the account you named; nothing changed:")
            + "\n"
            + "\n".join(f"- {problem_line(p)}" for p in result["refile_problems"])
        )
    done = change_account(
        f"data_change_{index}", int(result["import_id"]), result["name"], result, timezone
    )
    if done is None:
        return
    if done.get("status") == "rejected":
        results[index] = {**result, "refile_problems": done.get("problems", [])}
    else:
        results[index] = done
    st.session_state[RESULTS] = results
    st.rerun()


def waiting(results: list[UploadResult]) -> list[UploadResult]:
    """The results whose upload is still on disk, waiting for the account question."""
    return waiting_of(results, spool().holds)


def upload_exports(timezone: str) -> None:
    """The uploader, the import button and, under it, each upload's report and next step."""
    may_upload = acting("")[1] != "viewer"  # the import refuses a viewer too (workflows.uploads)
    if not may_upload:
        st.info(_("Viewers read and download; uploading exports needs the editor role."))
    with st.container():
        generation = int(st.session_state.get(UPLOADER_GENERATION, 0))
        uploads = st.file_uploader(
            _("Export files (CSV, XLS, XLSX or ZIP) — several at once"),
            type=["csv", "xlsx", "xls", "zip"],
            accept_multiple_files=True,
            disabled=not may_upload,
            key=f"data_uploads_{generation}",  # a new key after an import empties the uploader
        )
        if uploads and st.button(
            _("Import {n} file(s)").format(n=len(uploads)), type="primary", key="data_import"
        ):
            # Uploads still waiting for their account stay (with their files); anything else
            # left in the spool is no longer referenced.
            earlier = waiting(st.session_state.get(RESULTS, []))
            spool().keep_only(r[SPOOLED] for r in earlier)
            fresh = [run_import(u.name, spool().save(u.name, u), None, timezone) for u in uploads]
            st.session_state[RESULTS] = earlier + fresh
            # Streamlit drops its in-memory copy of the files with the old uploader key.
            st.session_state[UPLOADER_GENERATION] = generation + 1
            st.rerun()
        results: list[UploadResult] = st.session_state.get(RESULTS, [])
        version = loaders.data_version()
        for index, result in enumerate(results):
            quarantined = (
                loaders.quarantined(version, int(result["import_id"]))
                if result.get("import_id") and result.get("rows_rejected")
                else None
            )
            step = next_step(result)
            file_report(result, quarantined, asking=step == "ask_account")
            if step == "ask_account":
                ask_account(index, result, results, timezone)
            elif step == "change_account":
                assumed_here(index, result, results, timezone)
        if not results:
            st.caption(
                _(
                    "Exports that do not name their account (Meta daily files, X account "
                    "overview) ask for it after the upload."
                )
            )


def assumed_uploads(version: str, timezone: str) -> None:
    """Earlier uploads still filed under an assumed account (those not shown above), each
    with the form to file it under another account."""
    shown = {int(r["import_id"]) for r in st.session_state.get(RESULTS, []) if r.get("import_id")}
    assumed: pd.DataFrame = loaders.assumed_imports(version)
    assumed = assumed[~assumed["id"].isin(shown)] if not assumed.empty else assumed
    if assumed.empty:
        return
    st.markdown("**" + _("Filed under an assumed account") + "**")
    for row in assumed.head(ASSUMED_LISTED).to_dict("records"):
        with st.container(border=True):
            st.markdown(f"**#{int(row['id'])} · {html.escape(str(row['file_name']))}**")
            st.warning(assumption_text(row))
            done = change_account(
                f"data_assumed_{int(row['id'])}", int(row["id"]), row["file_name"], row, timezone
            )
            if done is not None and done.get("status") == "rejected":
                st.error(
                    _("Not filed under the account you named; nothing changed:")
                    + "\n"
                    + "\n".join(f"- {problem_line(p)}" for p in done.get("problems", []))
                )
            elif done is not None:
                st.session_state[RESULTS] = [*st.session_state.get(RESULTS, []), done]
                st.rerun()
