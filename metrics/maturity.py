"""Where the strategy stands in the Social Strategy Cone (Effing & Spil, 2016), on evidence.

The cone has seven key elements in three stages: Initiation (target audience, channel
choice), Diffusion (goals, resources, policy) and Maturity (content activities,
monitoring). A strategy is in the highest stage whose elements, and every element of the
stages below it, are in place (docs/maturity.md).

An element is in place when the product's own evidence says so, or, for an element the
product cannot see, when the organisation's self-assessment scores it "in place" (2) or
"embedded" (3). Evidence that an element is NOT in place overrules any self-assessment:
a strategy without closed reviews is not monitored, whatever the form says.

Pure: `assess(evidence, self_scores)`; the evidence is gathered by `maturity_evidence`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import Connection, and_, select

from metrics.periods import Period
from metrics.strategy_model import StrategyFile
from warehouse.review import current_close, strategy_key
from warehouse.schema import imports, posts

Element = Literal[
    "target_audience",
    "channel_choice",
    "goals",
    "resources",
    "policy",
    "content_activities",
    "monitoring",
]
Stage = Literal["initiation", "diffusion", "maturity"]
STAGES: tuple[tuple[Stage, tuple[Element, ...]], ...] = (
    ("initiation", ("target_audience", "channel_choice")),
    ("diffusion", ("goals", "resources", "policy")),
    ("maturity", ("content_activities", "monitoring")),
)
ELEMENTS: tuple[Element, ...] = tuple(e for _, elements in STAGES for e in elements)
IN_PLACE = 2  # self-assessment scores: 0 absent, 1 started, 2 in place, 3 embedded
MONITORED_MONTHS = 3


@dataclass(frozen=True)
class Finding:
    """The product's evidence on one element: met (True / False) or not measurable (None),
    with the facts it rests on (`code` for translation, `params` its values)."""

    met: bool | None
    code: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ElementResult:
    element: Element
    evidence: Finding
    self_score: int | None
    in_place: bool
    overruled: bool  # the self-assessment said in place; the evidence says not


@dataclass(frozen=True)
class Assessment:
    stage: Stage | None  # None: not yet at Initiation
    elements: tuple[ElementResult, ...]

    def result(self, element: Element) -> ElementResult:
        return next(r for r in self.elements if r.element == element)


def assess(evidence: dict[Element, Finding], self_scores: dict[Element, int]) -> Assessment:
    results = []
    for element in ELEMENTS:
        finding = evidence.get(element, Finding(None, "no_evidence"))
        score = self_scores.get(element)
        claimed = score is not None and score >= IN_PLACE
        in_place = claimed if finding.met is None else finding.met
        results.append(
            ElementResult(element, finding, score, in_place, claimed and finding.met is False)
        )
    placed = {r.element for r in results if r.in_place}
    stage: Stage | None = None
    for name, elements in STAGES:
        if not set(elements) <= placed:
            break
        stage = name
    return Assessment(stage, tuple(results))


@dataclass(frozen=True)
class Facts:
    """What the warehouse holds that the evidence reads (see `read_facts`)."""

    platforms_with_data: frozenset[str]
    platforms_with_posts: frozenset[str]
    platforms_by_month: dict[str, frozenset[str]]  # "2026-10" -> platforms an export covers
    closed_months: frozenset[str]


def named_platforms(strategy: StrategyFile, period: Period) -> list[str]:
    """The platforms the strategy's KPIs in force name explicitly (a KPI without
    `platforms` names none: it counts whatever exists)."""
    named = {p for kpi in strategy.kpis_in_force(period) for p in (kpi.platforms or [])}
    return sorted(named)


def recent_months(period: Period, n: int = MONITORED_MONTHS) -> list[Period]:
    """The n months ending with the last month of `period`, oldest first."""
    month = Period.parse(period.end.strftime("%Y-%m"))
    out = [month]
    for _ in range(n - 1):
        out.insert(0, out[0].previous())
    return out


def evidence(strategy: StrategyFile, period: Period, facts: Facts) -> dict[Element, Finding]:
    """The product's evidence on each element for `period` (its last MONITORED_MONTHS
    months for monitoring)."""
    kpis = strategy.kpis_in_force(period)
    objectives = [o for o in strategy.objectives if o.in_force(period)]
    platforms = named_platforms(strategy, period)
    out: dict[Element, Finding] = {}

    audiences = [a for a in strategy.audiences if a.strip()]
    out["target_audience"] = (
        Finding(True, "audiences_declared", {"count": len(audiences)})
        if audiences
        else Finding(None, "no_audiences_declared")
    )

    if not platforms:
        out["channel_choice"] = Finding(False, "no_platforms_named")
    else:
        missing = [p for p in platforms if p not in facts.platforms_with_data]
        out["channel_choice"] = (
            Finding(False, "platforms_without_data", {"platforms": missing})
            if missing
            else Finding(True, "every_platform_has_data", {"platforms": platforms})
        )

    unset = [
        o
        for o in objectives
        if not any(k.baseline is not None and k.targets for k in o.kpis if k.in_force(period))
    ]
    out["goals"] = (
        Finding(
            False,
            "objectives_without_measured_goal",
            {
                "objectives": [o.id for o in unset],
                # what each of their KPIs lacks: "baseline", "targets" or both
                "lacking": {
                    k.id: [
                        part
                        for part, missing in (
                            ("baseline", k.baseline is None),
                            ("targets", not k.targets),
                        )
                        if missing
                    ]
                    for o in unset
                    for k in o.kpis
                    if k.in_force(period)
                },
            },
        )
        if unset or not objectives
        else Finding(True, "every_objective_has_measured_goal", {"count": len(objectives)})
    )

    ownerless = [k.id for k in kpis if not (k.owner or "").strip()]
    out["resources"] = (
        Finding(False, "kpis_without_owner", {"kpis": ownerless})
        if ownerless or not kpis
        else Finding(True, "every_kpi_has_owner", {"count": len(kpis)})
    )

    policy = (strategy.response_policy or "").strip()
    out["policy"] = (
        Finding(True, "response_policy_declared")
        if policy
        else Finding(False, "no_response_policy")
    )

    if not platforms:
        out["content_activities"] = Finding(False, "no_platforms_named")
    else:
        silent = [p for p in platforms if p not in facts.platforms_with_posts]
        out["content_activities"] = (
            Finding(False, "platforms_without_posts", {"platforms": silent})
            if silent
            else Finding(True, "every_platform_has_posts", {"platforms": platforms})
        )

    months = recent_months(period)
    gaps = {
        str(m): [p for p in platforms if p not in facts.platforms_by_month.get(str(m), ())]
        for m in months
    }
    unreported = {m: ps for m, ps in gaps.items() if ps}
    open_months = [str(m) for m in months if str(m) not in facts.closed_months]
    if not platforms:
        out["monitoring"] = Finding(False, "no_platforms_named")
    elif unreported:
        out["monitoring"] = Finding(
            False, "months_without_exports", {"months": unreported, "open_months": open_months}
        )
    elif open_months:
        out["monitoring"] = Finding(False, "months_not_closed", {"months": open_months})
    else:
        out["monitoring"] = Finding(True, "months_reported_and_closed", {"months": list(gaps)})
    return out


def read_facts(
    conn: Connection, strategy: StrategyFile, period: Period, strategy_id: str | None = None
) -> Facts:
    """The warehouse facts the evidence needs: platforms with any stored import, with
    posts, covered per month by a stored export, and the closed months."""
    stored = imports.c.status.in_(["loaded", "partial"])
    with_data = conn.execute(select(imports.c.platform).where(stored).distinct()).scalars()
    with_posts = conn.execute(select(posts.c.platform).distinct()).scalars()
    by_month: dict[str, frozenset[str]] = {}
    for month in recent_months(period):
        found = conn.execute(
            select(imports.c.platform)
            .where(
                stored,
                and_(imports.c.period_start <= month.end, imports.c.period_end >= month.start),
            )
            .distinct()
        ).scalars()
        by_month[str(month)] = frozenset(p for p in found if p)
    key = strategy_key(strategy_id)
    closed = {str(m) for m in recent_months(period) if current_close(conn, key, str(m)) is not None}
    return Facts(
        frozenset(p for p in with_data if p),
        frozenset(p for p in with_posts if p),
        by_month,
        frozenset(closed),
    )


def maturity(
    conn: Connection,
    strategy: StrategyFile,
    period: Period,
    self_scores: dict[Element, int] | None = None,
    strategy_id: str | None = None,
) -> Assessment:
    """The strategy's stage for `period`, on the warehouse's evidence and the scores given."""
    facts = read_facts(conn, strategy, period, strategy_id)
    return assess(evidence(strategy, period, facts), self_scores or {})
