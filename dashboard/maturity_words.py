"""The words of the maturity assessment (metrics/maturity.py), translated: elements, stages,
what the evidence found and the next step it suggests. Shared by the CLI and the pages."""

from __future__ import annotations

from dashboard.i18n import N_, _
from metrics.maturity import ElementResult, Finding

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
NEXT_STEP = {
    "no_audiences_declared": N_("List the audiences in the strategy file (audiences)."),
    "no_platforms_named": N_("Name the platforms of each KPI (platforms)."),
    "platforms_without_data": N_("Import the exports of {platforms}, or drop them from the KPIs."),
    "objectives_without_measured_goal": N_(
        "Give a KPI of each of these objectives a baseline and dated targets."
    ),
    "kpis_without_owner": N_("Name an owner for each of these KPIs."),
    "no_response_policy": N_("Write the response policy in the strategy file (response_policy)."),
    "platforms_without_posts": N_("Import the post exports of {platforms}."),
    "months_without_exports": N_("Import the missing months' exports."),
    "months_not_closed": N_("Review and close these months on the Monthly review page."),
}


def _params(finding: Finding) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in finding.params.items():
        if isinstance(value, dict):
            out[name] = "; ".join(f"{k}: {', '.join(map(str, v))}" for k, v in value.items())
        elif isinstance(value, list | tuple):
            out[name] = ", ".join(map(str, value))
        else:
            out[name] = str(value)
    return out


def found_text(finding: Finding) -> str:
    return _(FOUND.get(finding.code, finding.code)).format(**_params(finding))


def next_step(result: ElementResult) -> str | None:
    """What to do next for an element not in place (None when it is in place)."""
    if result.in_place:
        return None
    step = NEXT_STEP.get(result.evidence.code)
    if step is None:
        return _("Raise the self-assessment's evidence and score for this element.")
    return _(step).format(**_params(result.evidence))


def stage_name(stage: str | None) -> str:
    return _(STAGES[stage])


def element_name(element: str) -> str:
    return _(ELEMENTS[element])
