"""The words of the maturity assessment (metrics/maturity.py), translated: elements, stages,
what the evidence found and the next steps it suggests (metrics/maturity_steps.py). Shared by the CLI and the pages."""

from __future__ import annotations

from dashboard.formatting import format_period
from dashboard.i18n import N_, _
from language.formatting import platform_name
from metrics.maturity import ElementResult, Finding
from metrics.maturity_steps import Step, next_steps
from metrics.strategy_model import StrategyFile

ELEMENTS = {
    "target_audience": N_("Target audience"),
    "channel_choice": N_("Channel choice"),
    "goals": N_("Goals"),
    "resources": N_("Resources"),
    "policy": N_("Policy"),
    "content_activities": N_("Content activities"),
    "monitoring": N_("Monitoring"),
}
STAGES = {
    "initiation": N_("Initiation"),
    "diffusion": N_("Diffusion"),
    "maturity": N_("Maturity"),
    None: N_("Not yet at Initiation"),
}
FOUND = {
    "audiences_declared": N_("The strategy names {count} audiences."),
    "no_audiences_declared": N_("The strategy names no audiences: the self-assessment counts."),
    "no_platforms_named": N_("No KPI names its platforms."),
    "platforms_without_data": N_("No export stored for: {platforms}."),
    "every_platform_has_data": N_("Every platform of the strategy has data ({platforms})."),
    "objectives_without_measured_goal": N_(
        "Objectives without a KPI that has a baseline and dated targets: {objectives}."
    ),
    "every_objective_has_measured_goal": N_(
        "Every objective ({count}) has a KPI with a baseline and dated targets."
    ),
    "kpis_without_owner": N_("KPIs without an owner: {kpis}."),
    "every_kpi_has_owner": N_("Every KPI ({count}) has an owner."),
    "response_policy_declared": N_("The strategy declares a response policy."),
    "no_response_policy": N_("The strategy declares no response policy."),
    "platforms_without_posts": N_("No post-level export for: {platforms}."),
    "every_platform_has_posts": N_("Post-level data for every platform ({platforms})."),
    "months_without_exports": N_("Months without an export of every platform: {months}."),
    "months_not_closed": N_("Months not reviewed and closed: {months}."),
    "months_reported_and_closed": N_("Exports of every platform and a closed review in {months}."),
    "no_evidence": N_("The product has no evidence on this element: the self-assessment counts."),
}
STEPS = {
    "name_platforms": N_("Name the platforms of each KPI in the strategy file (platforms)."),
    "import_platform": N_("Import an export of {platform}, or drop it from the KPIs."),
    "add_objective": N_("Add an objective with a KPI that has a baseline and a dated target."),
    "add_measured_kpi": N_("Give objective {objective} a KPI with a baseline and a dated target."),
    "set_baseline_and_target": N_("Give KPI {kpi_name} a baseline and a dated target."),
    "set_baseline": N_("Give KPI {kpi_name} a baseline."),
    "set_target": N_("Give KPI {kpi_name} a dated target."),
    "name_owner": N_("Name an owner for KPI {kpi_name}."),
    "add_kpi": N_("Add KPIs to the strategy, each with an owner."),
    "write_response_policy": N_(
        "Write the response policy in the strategy file (response_policy)."
    ),
    "import_posts": N_("Import the post-level export of {platform}."),
    "import_month": N_("Import the exports of {month} for {platforms}."),
    "close_month": N_("Review and close {month} on the Monthly review page."),
    "list_audiences": N_("List the audiences in the strategy file (audiences)."),
    "raise_self_score": N_(
        "Put this element in place, then record it in a new self-assessment (2 or more)."
    ),
}


def _params(finding: Finding) -> dict[str, str]:
    """A finding's facts in the reader's words: platforms by name, months as "May 2026"."""
    out: dict[str, str] = {}
    for name, value in finding.params.items():
        if name == "months" and isinstance(value, dict):  # month -> platforms without export
            out[name] = "; ".join(
                f"{format_period(str(k))}: {', '.join(platform_name(str(p)) for p in v)}"
                for k, v in value.items()
            )
        elif name in ("months", "open_months") and isinstance(value, list | tuple):
            out[name] = ", ".join(format_period(str(m)) for m in value)
        elif name == "platforms" and isinstance(value, list | tuple):
            out[name] = ", ".join(platform_name(str(p)) for p in value)
        elif isinstance(value, dict):
            out[name] = "; ".join(f"{k}: {', '.join(map(str, v))}" for k, v in value.items())
        elif isinstance(value, list | tuple):
            out[name] = ", ".join(map(str, value))
        else:
            out[name] = str(value)
    return out


def found_text(finding: Finding) -> str:
    return _(FOUND.get(finding.code, finding.code)).format(**_params(finding))


def step_text(step: Step, *, lang: str | None = None) -> str:
    """One next step in the reader's words (months as "May 2026", platforms by name)."""
    params: dict[str, str] = {}
    for name, value in step.params.items():
        if name == "month":
            params[name] = format_period(str(value), lang=lang)
        elif name == "platform":
            params[name] = platform_name(str(value))
        elif name == "platforms" and isinstance(value, list | tuple):
            params[name] = ", ".join(platform_name(str(p)) for p in value)
        else:
            params[name] = str(value)
    return _(STEPS[step.code]).format(**params)


def next_step_texts(result: ElementResult, strategy: StrategyFile | None = None) -> list[str]:
    """What to do next for an element not in place, most concrete first (none when it is)."""
    return [step_text(step) for step in next_steps(result, strategy)]


def stage_name(stage: str | None) -> str:
    return _(STAGES[stage])


def element_name(element: str) -> str:
    return _(ELEMENTS[element])


SCORES = {
    0: N_("0 · absent"),
    1: N_("1 · started"),
    2: N_("2 · in place"),
    3: N_("3 · embedded"),
}
VERDICTS = {True: N_("met"), False: N_("not met"), None: N_("not measurable")}


def score_name(score: int | None) -> str:
    return _(SCORES[score]) if score in SCORES else "–"


def verdict_name(met: bool | None) -> str:
    return _(VERDICTS[met])
