"""The competitor grain (issue 16): the period each row covers, the checks of its own cells,
its key, and which Page is the organisation's own.

A competitor export (LinkedIn's Competitors download) or the competitor template lists Pages
side by side, the organisation's own among them. Which one is the organisation's is settled
once per file, in this order, and recorded on the import (`provenance.own_page`):

1. the file's `Own` column (the template), row by row;
2. the account the user gave (`--account`, the upload form), which must be one of the Pages;
3. the Page whose name is an account socialkpi already knows on that platform (letters and
   digits compared: `northwind-policy-institute` is `Northwind Policy Institute`);
4. otherwise a LinkedIn export is refused with the question (it always lists the own Page);
   a template without an `Own` column is stored with every row a competitor, and the import
   says so in a note.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from data_contracts.model import PLATFORMS
from data_contracts.planning import Plan
from data_contracts.problems import FileRejected, Problem
from warehouse import store
from warehouse.competitors import page_key

YES, NO = "yes", "no"
FIRST_MONTH, LAST_MONTH = date(1970, 1, 1), date(2100, 12, 1)


@dataclass
class OwnPage:
    """The organisation's own Page in a competitor file: its name as the file writes it (None:
    not told), where that came from (`file_column`, `user`, `known_account`, None), and the
    account the import is filed under: the stored account the Page was matched with
    (`northwind-policy-institute`, so the Page's other exports and this one are one account),
    else the name."""

    name: str | None
    source: str | None
    known_as: str | None = None

    @property
    def account(self) -> str | None:
        return self.known_as or self.name

    def as_dict(self) -> dict[str, Any]:
        return {"own_page": self.name, "own_page_source": self.source}


def _add(
    reasons: dict[int, list[dict[str, Any]]],
    row: int,
    code: str,
    column: str,
    value: Any,
    expected: str,
) -> None:
    reasons.setdefault(row, []).append(
        {"code": code, "column": column, "value": value, "expected": expected}
    )


def check_cells(
    frame: pd.DataFrame, headers: dict[str, str], reasons: dict[int, list[dict[str, Any]]]
) -> None:
    """Reasons for rows whose platform, `Own` cell or month cannot be stored truthfully."""
    if "platform" in frame.columns and "platform" in headers:
        for row, value in frame["platform"].items():
            if value is not None and value == value and value not in PLATFORMS:
                _add(
                    reasons,
                    int(row),
                    "unknown_platform",
                    headers["platform"],
                    value,
                    "one of " + ", ".join(PLATFORMS),
                )
    if "own" in frame.columns:
        for row, value in frame["own"].items():
            if isinstance(value, str) and value not in (YES, NO):
                _add(
                    reasons,
                    int(row),
                    "not_yes_no",
                    headers.get("own", "Own"),
                    value,
                    "yes, no or an empty cell",
                )
    if "month" in frame.columns:
        for row, value in frame["month"].items():
            if value is None or value is pd.NaT or value != value:
                continue
            first = date(value.year, value.month, 1)
            if not FIRST_MONTH <= first <= LAST_MONTH:
                reasons.setdefault(int(row), []).append(
                    {
                        "code": "date_out_of_range",
                        "column": headers.get("month", "Month"),
                        "value": f"{value:%Y-%m-%d}",
                        "expected": "a date from 1970-01-01 to 2100-12-31",
                        "params": {"first": "1970-01-01", "last": "2100-12-31"},
                    }
                )


def with_periods(frame: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """`period_start` / `period_end` of each row: its month (a date stands for its calendar
    month), else the range the export states; a file stating neither is refused."""
    if "month" in frame.columns:
        starts, ends = [], []
        for value in frame["month"]:
            if value is None or value is pd.NaT or value != value:
                starts.append(None)
                ends.append(None)
                continue
            last = calendar.monthrange(value.year, value.month)[1]
            starts.append(date(value.year, value.month, 1))
            ends.append(date(value.year, value.month, last))
        return frame.assign(period_start=starts, period_end=ends)
    if plan.stated_start is None or plan.stated_end is None:
        raise FileRejected(
            Problem.of(
                "competitor_period_unknown",
                file=plan.unit.label,
                expected="the start and end dates above the header",
            )
        )
    return frame.assign(period_start=plan.stated_start, period_end=plan.stated_end)


def key_values(frame: pd.DataFrame) -> pd.Series:
    """The key of each row (Page, platform, period) as one text, for the duplicate check."""
    return (
        frame["account"].astype(str)
        + " | "
        + frame["platform"].astype(str)
        + " | "
        + frame["period_start"].astype(str)
        + " – "
        + frame["period_end"].astype(str)
    )


def settle_own(conn: Any, frame: pd.DataFrame, plan: Plan) -> OwnPage:
    """Which Page of the file (its checked rows) is the organisation's (module docstring)."""
    if "own" in frame.columns and frame["own"].eq(YES).any():
        names = sorted({str(n) for n in frame.loc[frame["own"].eq(YES), "account"]})
        return OwnPage(", ".join(names), "file_column")
    pages = sorted({str(n) for n in frame["account"].dropna()})
    by_key = {page_key(p): p for p in pages}
    if plan.user_account:
        found = by_key.get(page_key(plan.user_account))
        if found is None:
            raise FileRejected(
                Problem.of(
                    "own_page_not_listed",
                    file=plan.unit.label,
                    value=plan.user_account,
                    expected="one of the Pages the file lists",
                    params={"value": plan.user_account, "pages": ", ".join(pages)},
                )
            )
        return OwnPage(found, "user")
    platforms = sorted({str(p) for p in frame["platform"].dropna()}) or [plan.platform]
    for platform in platforms:
        for known in store.known_accounts(conn, platform):
            if page_key(known) in by_key:
                return OwnPage(by_key[page_key(known)], "known_account", known_as=known)
    if "own" in plan.detection.columns.values() or plan.contract.platform_rule.column:
        return OwnPage(None, None)  # the template: stored, every row a competitor (a note)
    raise FileRejected(
        Problem.of(
            "own_page_unknown",
            file=plan.unit.label,
            expected="--account NAME",
            params={"count": len(pages), "pages": ", ".join(pages)},
        )
    )


def mark_own(frame: pd.DataFrame, own: OwnPage) -> pd.DataFrame:
    """The rows as the warehouse stores them: `competitor` and `is_own`."""
    if "own" in frame.columns and own.source == "file_column":
        is_own = frame["own"].eq(YES).to_numpy()
    else:
        key = page_key(own.name) if own.name else None
        is_own = [key is not None and page_key(str(n)) == key for n in frame["account"]]
    out = frame.rename(columns={"account": "competitor"}).assign(is_own=is_own)
    return out.drop(columns=[c for c in ("month", "own") if c in out.columns])


NOTE_OF_SOURCE = {
    "file_column": "own_page_marked",
    "user": "own_page_given",
    "known_account": "own_page_known",
}


def own_note(label: str, own: OwnPage, rows: int) -> dict[str, Any]:
    """The note that says which Page was taken as the organisation's, and why."""
    if own.name is None or own.source is None:
        return Problem.of("own_page_none", file=label, params={"rows": rows}).as_dict()
    return Problem.of(
        NOTE_OF_SOURCE[own.source], file=label, value=own.name, params={"value": own.name}
    ).as_dict()
