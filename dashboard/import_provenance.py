"""Where an import's account, platform and year came from, and the questions the Data page
asks when the file does not say, in the reader's language (pure: no Streamlit)."""

from __future__ import annotations

from datetime import date
from typing import Any

from dashboard.export_titles import export_title
from dashboard.formatting import format_date
from dashboard.i18n import N_, _
from warehouse.schema import PLATFORM_NAMES

ACCOUNT_SOURCES: dict[str, str] = {
    "links": N_("Account {account}: from the links in the file."),
    "file_name": N_("Account {account}: from the file, ZIP or folder name."),
    "user": N_("Account {account}: as you gave it."),
}
PLATFORM_SOURCES: dict[str, str] = {
    "file_title": N_("Platform {platform}: the chart's title says so."),
    "file_name": N_("Platform {platform}: the file, ZIP or folder name says so."),
    "sibling_files": N_("Platform {platform}: the other files in its folder say so."),
    "user": N_("Platform {platform}: as you gave it."),
    "account": N_("Platform {platform}: the account is known there only."),
}
YEAR_SOURCES: dict[str, str] = {
    "file_date": N_(
        "The dates have no year: the year comes from the download day written in the file ({day})."
    ),
    "zip_entry_time": N_(
        "The dates have no year: the year comes from the download day stored in the ZIP ({day})."
    ),
    "file_name": N_(
        "The dates have no year: the year comes from the period in the file name (up to {day})."
    ),
    "video_id": N_(
        "The dates have no year: the year comes from the upload day of the newest video ({day})."
    ),
    "today": N_(
        "The dates have no year: each took the latest year that keeps it on or before today "
        "({day}). If the file is older, upload it in its ZIP, which records the download day."
    ),
}
# the account question, by the reason the import gave
QUESTIONS: dict[str, str] = {
    "no_account": N_(
        "{name} is an export of {export} and does not say which {platform} account it "
        "belongs to. Which account is it?"
    ),
    "several_in_links": N_(
        "The links in {name} name several {platform} accounts ({accounts}). Which account does "
        "the export belong to?"
    ),
    "platform_unknown": N_(
        "{name} is an export of {export}, which {platforms} both write, and nothing in the file "
        "says which. Which platform and account is it?"
    ),
}
# whole-file problems of an upload, by code and reason: the line under "Why the file was
# rejected" (the Data page asks the account question right below)
WHOLE_FILE: dict[str, str] = {
    "unknown_format": N_(
        "{file} is not an export socialkpi knows: none of them has these column headers in "
        "its first rows. Upload one of the exports listed in the guide, as the platform wrote it."
    ),
    "unknown_format.title": N_(
        "{file} looks like one daily chart from Meta Business Suite, but its title '{title}' "
        "names no figure socialkpi stores."
    ),
    "missing_column": N_(
        "{file} looks like an export of {export}, but the column '{column}' is missing. Download "
        "the export again, without removing or renaming columns, and upload it as it is."
    ),
    "account_required.no_account": N_(
        "{file} is an export of {export} and does not say which {platform} account it belongs to."
    ),
    "account_required.several_in_links": N_(
        "The links in {file} name several {platform} accounts ({accounts})."
    ),
    "account_required.platform_unknown": N_(
        "{file} is an export of {export}, which {platforms} both write, and nothing in the file "
        "says which."
    ),
    "not_refileable.named_by_file": N_(
        "{file} names its own account ({account}); it cannot be filed under another one."
    ),
}
# what to type when the command line asks (the Data page asks with a form instead)
COMMAND_HINTS: dict[str, str] = {
    "no_account": N_("Give the account: --account NAME."),
    "several_in_links": N_("Say which account it belongs to: --account NAME."),
    "platform_unknown": N_("Give the platform and the account: --platform NAME --account NAME."),
}
ASSUMED = N_(
    "Filed under {account} because it is the only {platform} account socialkpi knows: the "
    "file does not say."
)
CHANGE_HERE = N_("If it belongs to another account, name it here.")


def platform_name(platform: str | None) -> str:
    return PLATFORM_NAMES.get(platform or "", platform or "")


def either(platforms: list[str]) -> str:
    """ "Facebook or Instagram" (the platforms an export may come from)."""
    names = [platform_name(p) for p in platforms]
    if len(names) == 2:
        return _("{one} and {other}").format(one=names[0], other=names[1])
    return ", ".join(names)


def _day(value: Any) -> str:
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return format_date(value) if value is not None else ""


def provenance_lines(result: dict[str, Any]) -> list[str]:
    """What the reader should know about where the import's account, platform and year came
    from (nothing for what the file plainly states, and not the assumption: see
    `assumption_text`)."""
    lines = []
    platform, account = result.get("platform"), result.get("account")
    template = PLATFORM_SOURCES.get(str(result.get("platform_source")))
    if template and platform:
        lines.append(_(template).format(platform=platform_name(platform)))
    template = ACCOUNT_SOURCES.get(str(result.get("account_source")))
    if template and account:
        lines.append(_(template).format(account=account))
    template = YEAR_SOURCES.get(str(result.get("year_source")))
    if template:
        lines.append(_(template).format(day=_day(result.get("year_anchor"))))
    return lines


def assumption_text(result: dict[str, Any], *, here: bool = True) -> str:
    """ "Filed under @x because it is the only X account …" for an assumed account, and with
    `here` the invitation to name another one (the Data page's form follows)."""
    text = _(ASSUMED).format(
        account=result.get("account") or "", platform=platform_name(result.get("platform"))
    )
    return f"{text} {_(CHANGE_HERE)}" if here else text


def question(result: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The account question for a file rejected with `account_required`: its text and the
    problem's params (reason, platforms, accounts, known)."""
    problem = next(
        (p for p in result.get("problems", []) if p.get("code") == "account_required"), {}
    )
    params = dict(problem.get("params") or {})
    reason = params.get("reason") or "no_account"
    platforms = params.get("platforms") or []
    template = QUESTIONS.get(reason) or QUESTIONS["no_account"]
    text = _(template).format(
        name=result.get("name") or result.get("path") or "",
        export=export_title(result.get("format") or params.get("export")),
        platform=platform_name(result.get("platform") or params.get("platform")),
        platforms=either(platforms),
        accounts=", ".join(params.get("accounts") or []),
    )
    return text, {**params, "reason": reason}


def whole_file_text(problem: dict[str, Any]) -> str | None:
    """A whole-file problem of an upload in the reader's words (None: not one of these, or
    its params do not fill the template; the caller shows the message as it came)."""
    params = dict(problem.get("params") or {})
    code = str(problem.get("code") or "")
    key = f"{code}.{params['reason']}" if params.get("reason") else code
    template = WHOLE_FILE.get(key)
    if template is None:
        return None
    fields = {
        **{k: v for k, v in params.items() if isinstance(v, str | int)},
        "export": export_title(params.get("export")),
        "platform": platform_name(params.get("platform")),
        "platforms": either(list(params.get("platforms") or [])),
        "accounts": ", ".join(params.get("accounts") or []),
    }
    try:
        return _(template).format(**fields)
    except (KeyError, IndexError, ValueError):
        return None


def command_hint(problem: dict[str, Any]) -> str | None:
    """What to type on the command line to answer an account question (None: not one)."""
    if problem.get("code") != "account_required":
        return None
    template = COMMAND_HINTS.get(str((problem.get("params") or {}).get("reason")))
    return _(template) if template else None
