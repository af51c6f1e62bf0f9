"""The strategy file's structure (DESIGN.md "Strategy file", extended): pydantic models.

Structure only: types, allowed words, required fields. What the file *means* (measures that
exist, ids that are unique, expressions that parse...) is checked in strategy_rules.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from metrics.metric_types import Grain, MetricType, spec
from metrics.periods import Period
from warehouse.schema import PLATFORMS

Unit = Literal["count", "percent", "hours", "ratio", "currency"]
Direction = Literal["up", "down"]
Frequency = Literal["weekly", "monthly", "quarterly", "yearly"]
Level = Literal["output", "outtake", "outcome", "impact"]
ConeElement = Literal[
    "target_audience",
    "channel_choice",
    "goals",
    "resources",
    "policy",
    "content_activities",
    "monitoring",
]

ALL_PLATFORMS: tuple[str, ...] = PLATFORMS


def _period_text(value: Any) -> Any:
    """YAML reads `2026` as an int and `2026-10-01` as a date; periods are strings."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | date):
        return str(value)
    return value


def _retired_by(retired: str | None, period: Period | str) -> bool:
    """True when an item retired from `retired` no longer counts in `period`: the period
    starts on or after the first period the item is retired from."""
    if retired is None:
        return False
    return Period.parse(period).start >= Period.parse(retired).start


class _Model(BaseModel):
    # Unknown fields are kept and reported as warnings by the meaning rules (typos show up
    # without rejecting a file that carries extra notes).
    # `.inf` and `.nan` are YAML floats: no target, baseline or band may be one.
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, allow_inf_nan=False)


class Metric(_Model):
    type: MetricType
    measure: str | None = None
    grain: Grain | None = None
    numerator: str | None = None
    denominator: str | None = None
    of: str | None = None
    expr: str | None = None
    q: float | None = None
    threshold: float | None = None  # `within`: hours (the measure's unit)

    @property
    def resolved_grain(self) -> Grain:
        if self.grain is not None:
            return self.grain
        return spec(self.type).default_grain

    @property
    def measures(self) -> list[str]:
        return [m for m in (self.measure, self.numerator, self.denominator) if m]


class Baseline(_Model):
    period: str
    value: float | None = None

    _period = field_validator("period", mode="before")(_period_text)


class Kpi(_Model):
    id: str
    name: str
    description: str | None = None
    metric: Metric
    platforms: list[str] | None = None
    accounts: list[str] | None = None
    unit: Unit = "count"
    direction: Direction = "up"
    owner: str | None = None
    frequency: Frequency = "monthly"
    source: str | None = None
    level: Level | None = None
    baseline: Baseline | None = None
    targets: dict[str, float] = Field(default_factory=dict)
    # Extension of DESIGN.md: targets for single platforms, {platform: {period: value}}.
    # `targets` are for all the KPI's platforms together; a view filtered to some of them
    # is judged only against these (docs/strategy.md).
    platform_targets: dict[str, dict[str, float]] = Field(default_factory=dict)
    cumulative: bool = False
    # Extension of DESIGN.md: the first period in which the KPI no longer counts. A retired
    # KPI stays in the file (its history and closed months stay readable) but is left out of
    # the scorecard of that period and later ones.
    retired: str | None = None

    _retired = field_validator("retired", mode="before")(_period_text)

    def in_force(self, period: Period | str) -> bool:
        return not _retired_by(self.retired, period)

    @field_validator("targets", mode="before")
    @classmethod
    def _target_keys(cls, value: Any) -> Any:
        if value is None:
            return {}
        if isinstance(value, dict):
            return {_period_text(k): v for k, v in value.items()}
        return value

    @field_validator("platform_targets", mode="before")
    @classmethod
    def _platform_target_keys(cls, value: Any) -> Any:
        if value is None:
            return {}
        if isinstance(value, dict):
            return {
                str(platform): (
                    {_period_text(k): v for k, v in targets.items()}
                    if isinstance(targets, dict)
                    else ({} if targets is None else targets)
                )
                for platform, targets in value.items()
            }
        return value

    @field_validator("platforms", "accounts", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [value]
        return value

    @property
    def effective_platforms(self) -> list[str]:
        return list(self.platforms) if self.platforms else list(ALL_PLATFORMS)

    @property
    def additive(self) -> bool:
        return spec(self.metric.type).additive


class Objective(_Model):
    id: str
    strategy: str | None = None
    name: str
    description: str | None = None
    cone_element: ConeElement | None = None
    kpis: list[Kpi] = Field(default_factory=list)
    # Extension of DESIGN.md: retiring an objective retires every KPI under it (see Kpi).
    retired: str | None = None

    _retired = field_validator("retired", mode="before")(_period_text)

    def in_force(self, period: Period | str) -> bool:
        return not _retired_by(self.retired, period)


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class BusinessHours(_Model):
    """Extension of DESIGN.md: the organisation's working week, in its `timezone`, for the
    business-hour message measures (metrics/business_hours.py; docs/strategy.md)."""

    days: list[Weekday] = Field(default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"])
    start: str = "09:00"
    end: str = "17:00"
    holidays: list[date] = Field(default_factory=list)

    @field_validator("start", "end", mode="before")
    @classmethod
    def _clock(cls, value: Any) -> Any:
        # YAML 1.1 reads an unquoted 09:00 as a sexagesimal number (540)
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value // 60:02d}:{value % 60:02d}"
        return value


class StrategyInfo(_Model):
    id: str
    name: str | None = None
    description: str | None = None
    # Extension of DESIGN.md: who receives this strategy's executive report by e-mail
    # (docs/reports.md "By e-mail"); each entry an address, optionally "Name <address>".
    recipients: list[str] = Field(default_factory=list)

    @field_validator("recipients", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        if value is None:
            return []
        return [value] if isinstance(value, str) else value


class StrategyFile(_Model):
    organisation: str = ""
    timezone: str = "UTC"
    language: Literal["en", "es", "nl"] = "en"
    amber_band: float = 0.10
    # Report branding (organisation name, logo, colours); its fields are checked by
    # reports/branding.py, which is the only reader.
    branding: dict[str, Any] | None = None
    business_hours: BusinessHours | None = None
    # Extensions of DESIGN.md read by the maturity evidence (metrics/maturity.py): the
    # audiences the strategy addresses, and its policy for answering the public.
    audiences: list[str] = Field(default_factory=list)
    response_policy: str | None = None
    strategies: list[StrategyInfo] = Field(default_factory=lambda: [StrategyInfo(id="main")])
    objectives: list[Objective]
    source: str = Field(default="", exclude=True)
    warnings: list[Any] = Field(default_factory=list, exclude=True)

    @field_validator("language", mode="before")
    @classmethod
    def _language(cls, value: Any) -> Any:
        return value.strip().lower()[:2] if isinstance(value, str) else value

    def kpis(self) -> list[Kpi]:
        return [kpi for objective in self.objectives for kpi in objective.kpis]

    def kpi(self, kpi_id: str) -> Kpi:
        for kpi in self.kpis():
            if kpi.id == kpi_id:
                return kpi
        raise KeyError(f"no KPI {kpi_id!r} in {self.source or 'the strategy file'}")

    def objective_of(self, kpi_id: str) -> Objective:
        for objective in self.objectives:
            if any(kpi.id == kpi_id for kpi in objective.kpis):
                return objective
        raise KeyError(f"no KPI {kpi_id!r} in {self.source or 'the strategy file'}")

    def strategy_of(self, kpi_id: str) -> str:
        return self.objective_of(kpi_id).strategy or self.strategies[0].id

    def kpis_in_force(self, period: Period | str, strategy_id: str | None = None) -> list[Kpi]:
        """The KPIs (of one strategy, or all) that count in `period`: neither they nor their
        objective are retired by then."""
        return [
            kpi
            for objective in self.objectives_of(strategy_id)
            if objective.in_force(period)
            for kpi in objective.kpis
            if kpi.in_force(period)
        ]

    def objectives_of(self, strategy_id: str | None) -> list[Objective]:
        if strategy_id is None:
            return list(self.objectives)
        return [o for o in self.objectives if (o.strategy or self.strategies[0].id) == strategy_id]


def valid_address(text: str) -> bool:
    """An e-mail address as a strategy file or a setting writes it: `name@domain`, or
    `Name <name@domain>`; one @, a local part, a domain, no spaces. Whether it exists is
    the mail server's business; this catches typos."""
    from email.utils import parseaddr

    address = parseaddr(text)[1] if "<" in text else text.strip()
    if not address or any(c.isspace() for c in address):
        return False
    local, at, domain = address.rpartition("@")
    return bool(at and local and domain) and "@" not in local and not domain.startswith(".")
