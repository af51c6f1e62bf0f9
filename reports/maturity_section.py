"""The executive report's maturity section: where the strategy stands in the Social Strategy
Cone for the report's period, and the next steps (docs/maturity.md).

`maturity_summary` reads it for the review pack (the evidence of the period with the newest
stored self-assessment, as the dashboard's Maturity page); the words are the report's own
(context `report` of the catalogs, in the strategy's language), looked up by the codes of
metrics/maturity.py and metrics/maturity_steps.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from language.catalogs import RN_, rt
from language.formatting import format_date, format_period, platform_name
from metrics.maturity_steps import Step, element_stage, next_steps
from metrics.periods import Period
from metrics.strategy_model import StrategyFile
from workflows.maturity import current_assessment, default_strategy_id

ELEMENT_NAMES: dict[str, str] = {
    "target_audience": RN_("Target audience"),
    "channel_choice": RN_("Channel choice"),
    "goals": RN_("Goals"),
    "resources": RN_("Resources"),
    "policy": RN_("Policy"),
    "content_activities": RN_("Content activities"),
    "monitoring": RN_("Monitoring"),
}
STAGE_NAMES: dict[str | None, str] = {
    "initiation": RN_("Initiation"),
    "diffusion": RN_("Diffusion"),
    "maturity": RN_("Maturity"),
    None: RN_("Not yet at Initiation"),
}
VERDICTS: dict[bool | None, str] = {
    True: RN_("met"),
    False: RN_("not met"),
    None: RN_("not measurable"),
}
STEP_WORDS: dict[str, str] = {
    "name_platforms": RN_("Name the platforms of each KPI in the strategy file."),
    "import_platform": RN_("Import an export of {platform}, or drop it from the KPIs."),
    "add_objective": RN_("Add an objective with a KPI that has a baseline and a dated target."),
    "add_measured_kpi": RN_("Give objective {objective} a KPI with a baseline and a dated target."),
    "set_baseline_and_target": RN_("Give KPI {kpi_name} a baseline and a dated target."),
    "set_baseline": RN_("Give KPI {kpi_name} a baseline."),
    "set_target": RN_("Give KPI {kpi_name} a dated target."),
    "name_owner": RN_("Name an owner for KPI {kpi_name}."),
    "add_kpi": RN_("Add KPIs to the strategy, each with an owner."),
    "write_response_policy": RN_("Write the response policy in the strategy file."),
    "import_posts": RN_("Import the post-level export of {platform}."),
    "import_month": RN_("Import the exports of {month} for {platforms}."),
    "close_month": RN_("Review and close {month}."),
    "list_audiences": RN_("List the audiences in the strategy file."),
    "raise_self_score": RN_("Put this element in place, then assess it again."),
}


@dataclass(frozen=True)
class MaturityLine:
    element: str
    stage: str
    in_place: bool
    met: bool | None  # the evidence verdict
    overruled: bool
    self_score: int | None
    owner: str
    steps: tuple[Step, ...]
    own_step: str


@dataclass(frozen=True)
class MaturitySummary:
    stage: str | None
    assessed_on: date | None
    assessed_by: str | None
    elements: tuple[MaturityLine, ...]


def maturity_summary(
    engine: Engine, strategy: StrategyFile, period: Period, strategy_id: str | None
) -> MaturitySummary:
    """The stage for `period` and each element's verdict and next steps."""
    key_id = strategy_id if strategy_id is not None else default_strategy_id(strategy)
    result, version = current_assessment(engine, strategy, period, key_id)
    own = version.elements if version is not None else {}
    lines = []
    for r in result.elements:
        mine = own.get(r.element)
        lines.append(
            MaturityLine(
                element=r.element,
                stage=element_stage(r.element),
                in_place=r.in_place,
                met=r.evidence.met,
                overruled=r.overruled,
                self_score=r.self_score,
                owner=mine.owner if mine is not None else "",
                steps=next_steps(r, strategy),
                own_step=mine.next_step if mine is not None else "",
            )
        )
    return MaturitySummary(
        result.stage,
        version.assessed_on if version is not None else None,
        version.author if version is not None else None,
        tuple(lines),
    )


# --- words ------------------------------------------------------------------------------


def element_name(lang: str, element: str) -> str:
    return rt(lang, ELEMENT_NAMES[element])


def stage_name(lang: str, stage: str | None) -> str:
    return rt(lang, STAGE_NAMES[stage])


def verdict(lang: str, met: bool | None) -> str:
    return rt(lang, VERDICTS[met])


def step_text(lang: str, step: Step) -> str:
    """A next step in the report's language (months as "May 2026", platforms by name)."""
    params: dict[str, object] = {}
    for name, value in step.params.items():
        if name == "month":
            params[name] = format_period(str(value), lang)
        elif name == "platform":
            params[name] = platform_name(str(value))
        elif name == "platforms" and isinstance(value, list | tuple):
            params[name] = ", ".join(platform_name(str(p)) for p in value)
        else:
            params[name] = value
    return rt(lang, STEP_WORDS[step.code], **params)


def step_lines(lang: str, summary: MaturitySummary) -> list[str]:
    """Every next step, each after its element's name: the evidence's, then the assessor's."""
    out: list[str] = []
    for line in summary.elements:
        name = element_name(lang, line.element)
        out += [f"{name}: {step_text(lang, s)}" for s in line.steps]
        if line.own_step:
            out.append(
                rt(lang, "{element} (self-assessment): {step}", element=name, step=line.own_step)
            )
    return out


def stage_sentence(lang: str, summary: MaturitySummary) -> str:
    stage = stage_name(lang, summary.stage)
    if summary.assessed_on is None:
        return rt(
            lang,
            "Social Strategy Cone stage: {stage}, on the warehouse's evidence (no "
            "self-assessment recorded).",
            stage=stage,
        )
    return rt(
        lang,
        "Social Strategy Cone stage: {stage}, on the warehouse's evidence and the "
        "self-assessment of {date} by {author}; evidence that an element is not in place "
        "overrules the self-assessment.",
        stage=stage,
        date=format_date(summary.assessed_on, lang),
        author=summary.assessed_by,
    )
