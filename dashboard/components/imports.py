"""Upload results and the coverage calendar of the Data page (pure builders + renderers)."""

from __future__ import annotations

import calendar
import html
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.components.palette import STATUS_STYLES
from dashboard.components.problems import problem_text
from dashboard.export_titles import export_title
from dashboard.formatting import format_month, format_number
from dashboard.i18n import N_, _
from dashboard.import_messages import import_text
from dashboard.import_provenance import provenance_lines

IMPORT_STATUS: dict[str, tuple[str, str]] = {
    "loaded": ("green", N_("Loaded")),
    "partial": ("amber", N_("Loaded, some rows quarantined")),
    "duplicate": ("no_target", N_("Already imported — nothing changed")),
    "rejected": ("red", N_("Rejected — nothing stored")),
    "replaced": ("no_data", N_("Filed again under another account")),
}


HISTORY_STATUS: dict[str, str] = {
    "loaded": N_("Loaded"),
    "partial": N_("Partly loaded"),
    "duplicate": N_("Duplicate"),
    "rejected": N_("Rejected"),
    "replaced": N_("Replaced"),
}


def history_status(status: str | None) -> str:
    """Short status for the history table: "● Loaded", "▲ Partly loaded", "■ Rejected"."""
    colour_key, _label = IMPORT_STATUS.get(status or "", ("no_data", ""))
    return f"{STATUS_STYLES[colour_key].symbol} {_(HISTORY_STATUS.get(status or '', status or ''))}"


def nest_history(history: pd.DataFrame) -> pd.DataFrame:
    """The import history with each ZIP's member files right under their ZIP.

    Uploads stay newest first; the members of a ZIP (rows whose `parent_id` is the ZIP's
    id) follow it in the order they were imported, with `depth` 1 and their file name
    shown as `↳ member.csv`. A member whose ZIP is not in `history` (a limited listing)
    stays where it is, at depth 0.
    """
    if history.empty or "parent_id" not in history.columns:
        return history.assign(depth=0, file_label=history.get("file_name", pd.Series(dtype=str)))
    ids = set(history["id"].astype(int))
    parent = history["parent_id"].map(lambda v: int(v) if pd.notna(v) else None)
    nested = parent.map(lambda v: v is not None and v in ids)
    children: dict[int, list[int]] = {}
    for position, (pid, is_child) in enumerate(zip(parent, nested, strict=True)):
        if is_child:
            children.setdefault(int(pid), []).append(position)
    order: list[int] = []
    depth: list[int] = []
    for position in range(len(history)):
        if nested.iloc[position]:
            continue
        order.append(position)
        depth.append(0)
        members = children.get(int(history["id"].iloc[position]), [])
        members.sort(key=lambda pos: int(history["id"].iloc[pos]))
        order.extend(members)
        depth.extend([1] * len(members))
    out = history.iloc[order].reset_index(drop=True)
    out["depth"] = depth
    out["file_label"] = [
        f"↳ {name}" if level else str(name)
        for name, level in zip(out["file_name"], out["depth"], strict=True)
    ]
    return out


def import_status_html(status: str) -> str:
    colour_key, label = IMPORT_STATUS.get(status, ("no_data", status))
    style = STATUS_STYLES[colour_key]
    return (
        f'<span style="color:{style.colour};background:{style.background};border-radius:999px;'
        f'padding:2px 10px;font-weight:600;font-size:0.85rem">{style.symbol} '
        f"{html.escape(_(label))}</span>"
    )


def import_progress(done: int, total: int | None) -> tuple[float | None, str]:
    """The Data page's progress bar for one upload, from the pipeline's `progress(path,
    rows_done, rows_total)`: the fraction (None: not known yet, keep the bar where it is)
    and its text. The pipeline's total is an estimate from the share of bytes read until
    its final call, where it equals the rows read."""
    if not total:
        return None, _("{done} rows read").format(done=format_number(done))
    if done >= total:
        return 1.0, _("{done} rows read").format(done=format_number(done))
    return done / total, _("{done} of about {total} rows").format(
        done=format_number(done), total=format_number(total)
    )


def reasons_text(reasons: list[dict[str, Any]]) -> str:
    """Quarantine reasons as one readable line: `impressions = "abc": expected a number`."""
    parts = []
    for reason in reasons:
        column = reason.get("column") or ""
        value = reason.get("value")
        expected = reason.get("expected") or reason.get("message") or ""
        shown = f'{column} = "{value}"' if value is not None else column
        parts.append(_("{cell}: expected {expected}").format(cell=shown, expected=expected))
    return "; ".join(parts)


def quarantine_table(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("Row"): rows["row_number"].astype(int),
            _("Reasons"): [reasons_text(r) for r in rows["reasons"]],
            _("Original cells"): [
                ", ".join(f"{k}: {v}" for k, v in raw.items()) for raw in rows["raw"]
            ],
        }
    )


def problems_frame(problems: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("Row"): [p.get("row") if p.get("row") is not None else "" for p in problems],
            _("Column"): [p.get("column") or "" for p in problems],
            _("Problem"): [
                import_text(p, with_file=False) if p.get("params") else problem_text(p)
                for p in problems
            ],
        }
    )


def problem_line(problem: dict[str, Any]) -> str:
    """ "Row 4, column Impressions: …" — where the problem is, then what it is. A problem
    whose message names its place itself (file, row, column) is shown as it reads."""
    if problem.get("params"):
        return import_text(problem)
    where = []
    if problem.get("row") is not None:
        where.append(_("row {row}").format(row=problem["row"]))
    if problem.get("column"):
        where.append(_("column {column}").format(column=problem["column"]))
    text = problem_text(problem)
    return f"{', '.join(where)}: {text}" if where else text


def warnings_frame(warnings: list[dict[str, Any]]) -> pd.DataFrame:
    """Warnings of one import: the row (empty for the whole file), the columns as written
    in the file, and what looks odd, in the reader's language."""
    return pd.DataFrame(
        {
            _("Row"): [w.get("row") if w.get("row") is not None else "" for w in warnings],
            _("Columns"): [
                ", ".join(w.get("columns") or [w.get("column") or ""]) for w in warnings
            ],
            _("Warning"): [import_text(w, with_file=False) for w in warnings],
        }
    )


def import_findings(
    warnings: list[dict[str, Any]], count: int | None, notes: list[dict[str, Any]]
) -> None:
    """The warnings (rows loaded although their numbers look odd, measures the file does not
    give) and the notes (columns not read) of one import."""
    total = len(warnings) if count is None else int(count)
    if total:
        st.warning(
            _(
                "{n} warning(s): the rows were loaded as the platform wrote them, but these "
                "numbers or columns look odd. Check them on the platform:"
            ).format(n=format_number(total))
        )
        st.dataframe(warnings_frame(warnings), hide_index=True, width="stretch")
        if total > len(warnings):
            st.caption(
                _("The first {shown} of {total} warnings are listed.").format(
                    shown=format_number(len(warnings)), total=format_number(total)
                )
            )
    for note in notes:
        st.caption("ⓘ " + import_text(shorten_note(note), with_file=False))


NOTE_NAMES_SHOWN = 12


def shorten_note(note: dict[str, Any], limit: int = NOTE_NAMES_SHOWN) -> dict[str, Any]:
    """A note listing many columns (a wide Facebook export has 280 it does not read) names the
    first `limit` and says how many more; the import's JSON keeps them all."""
    columns = list(note.get("columns") or [])
    params = note.get("params") or {}
    if len(columns) <= limit or "columns" not in params:
        return note
    shown = ", ".join(f"'{c}'" for c in columns[:limit])
    more = _("… and {n} more").format(n=format_number(len(columns) - limit))
    return {**note, "params": {**params, "columns": f"{shown} {more}"}}


def coverage_grid(coverage: pd.DataFrame, months: list[str]) -> pd.DataFrame:
    """Every account × every month, each cell `covered`, `partial` or `missing`."""
    accounts = (
        coverage[["platform", "account"]].drop_duplicates().sort_values(["platform", "account"])
        if not coverage.empty
        else pd.DataFrame(columns=["platform", "account"])
    )
    facts = {(r.platform, r.account, r.month): r for r in coverage.itertuples(index=False)}
    labels = {
        "covered": _("Covered"),
        "partial": _("Some days missing"),
        "missing": _("No export"),
    }
    rows = []
    for acc in accounts.itertuples(index=False):
        for month in months:
            year, mon = int(month[:4]), int(month[5:7])
            fact = facts.get((acc.platform, acc.account, month))
            days, posts = (int(fact.days), int(fact.posts)) if fact else (0, 0)
            messages = int(fact.messages) if fact else 0
            if days >= calendar.monthrange(year, mon)[1] or (days == 0 and (posts or messages)):
                cell = "covered"
            elif days > 0:
                cell = "partial"
            else:
                cell = "missing"
            rows.append(
                {
                    "account_label": f"{state.PLATFORM_NAMES.get(acc.platform, acc.platform)}"
                    f" · {acc.account}",
                    "month": month,
                    "month_label": format_month(year, mon, short=True),
                    "state": cell,
                    "state_label": labels[cell],
                    "detail": _("{days} days, {posts} posts").format(
                        days=format_number(days), posts=format_number(posts)
                    ),
                }
            )
    return pd.DataFrame(
        rows,
        columns=["account_label", "month", "month_label", "state", "state_label", "detail"],
    )


def month_range(last: str, count: int) -> list[str]:
    """`count` month ids ending at `last` (YYYY-MM), oldest first."""
    year, month = int(last[:4]), int(last[5:7])
    out = []
    for _i in range(count):
        out.append(f"{year}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(out))


def file_report(
    result: dict[str, Any], quarantined: pd.DataFrame | None, *, asking: bool = False
) -> None:
    """The validation report of one file: what it was recognised as and where its account,
    platform and year came from; accepted, quarantined with reasons, or rejected (when the
    page `asking` the account right below, the question says why)."""
    name = result.get("name") or str(result.get("path", ""))
    with st.container(border=True):
        top = st.columns([4, 3], vertical_alignment="center")
        top[0].markdown(f"**{html.escape(name)}**")
        top[1].markdown(import_status_html(str(result.get("status"))), unsafe_allow_html=True)
        details = [
            export_title(result.get("format"), capital=True),
            state.PLATFORM_NAMES.get(result.get("platform") or "", result.get("platform") or ""),
            result.get("account") or "",
        ]
        if any(details):
            st.caption(" · ".join(d for d in details if d))
        rejected = result.get("status") == "rejected"
        notes = [] if rejected else provenance_lines(result)
        if notes:
            st.caption("  \n".join(notes))
        if not rejected:  # a rejected file stored nothing: no "0" x 3
            cols = st.columns(3)
            cols[0].metric(_("Rows read"), format_number(result.get("rows_read")))
            cols[1].metric(_("Rows accepted"), format_number(result.get("rows_loaded")))
            cols[2].metric(_("Rows quarantined"), format_number(result.get("rows_rejected")))
        problems = list(result.get("problems") or [])
        if rejected and problems and not asking:
            st.error(
                _("Why the file was rejected:")
                + "\n"
                + "\n".join(f"- {problem_line(p)}" for p in problems)
            )
        if quarantined is not None and not quarantined.empty:
            st.warning(
                _(
                    "{n} row(s) were kept out of the figures. Fix them in the export and "
                    "upload it again:"
                ).format(n=format_number(len(quarantined)))
            )
            st.dataframe(quarantine_table(quarantined), hide_index=True, width="stretch")
        elif result.get("status") != "rejected" and problems:
            st.dataframe(problems_frame(problems), hide_index=True, width="stretch")
        import_findings(
            list(result.get("warnings") or []),
            result.get("warnings_count"),
            list(result.get("notes") or []),
        )
