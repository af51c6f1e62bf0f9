"""The data-contract model: one YAML file per export format, checked by pydantic on load."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from data_contracts.parsing import normalise_header

CONTRACTS_DIR = Path(__file__).resolve().parent / "contracts"

POST_COLUMNS = (
    "post_id", "published_at", "post_type", "text", "permalink",
    "impressions", "reach", "engagements", "reactions", "comments", "shares", "saves",
    "clicks", "link_clicks", "video_views", "watch_time_hours",
)  # fmt: skip
DAY_COLUMNS = (
    "date", "followers", "follows", "unfollows", "impressions", "reach", "engagements",
    "reactions", "comments", "shares", "clicks", "profile_visits", "video_views",
    "watch_time_hours", "posts", "viewers", "new_viewers", "returning_viewers",
)  # fmt: skip
MESSAGE_COLUMNS = (
    "message_id", "received_at", "first_response_at", "resolved_at", "tags", "sentiment",
)  # fmt: skip
# Competitor grain (issue 16): one row per Page/account (`account`), platform and period;
# `month` (any day of it) when the row names its month, else the export's stated range;
# `own` marks the organisation's own Page (yes/no). See docs/exports.md "Competitors".
COMPETITOR_COLUMNS = (
    "month", "own", "followers", "new_followers", "posts", "engagements",
)  # fmt: skip
VOCABULARY: dict[str, tuple[str, ...]] = {
    "post": POST_COLUMNS,
    "day": DAY_COLUMNS,
    "message": MESSAGE_COLUMNS,
    "competitor": COMPETITOR_COLUMNS,
}
# The competitor grain's key is (account, platform, period): checked in data_contracts.loading.
KEY_COLUMN = {"post": "post_id", "day": "date", "message": "message_id", "competitor": "account"}
PLATFORMS = ("facebook", "instagram", "x", "linkedin", "youtube", "tiktok")
ColumnType = Literal[
    "id", "text", "integer", "number", "percent", "percent_points",
    "date", "datetime", "yearless_date", "duration",
]  # fmt: skip


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


UI_LANGUAGES = ("en", "es", "nl", "pt", "fr", "de")
"""Every column's header is known in at least these interface languages (`aliases`), unless
the platform writes it in English whatever the language (`english_everywhere`)."""


class ColumnSpec(Strict):
    """One source column: its header in each UI language and how to read it."""

    aliases: dict[str, list[str]]
    english_everywhere: bool = False  # seen in English in a genuine non-English export
    type: ColumnType
    maps_to: str | None = None
    required: bool = False
    negative_allowed: bool = False
    divide_by: float | None = None
    value_map: dict[str, str] = Field(default_factory=dict)

    def names(self) -> list[str]:
        return [name for names in self.aliases.values() for name in names]


class Derivation(Strict):
    """A measure computed from others where the export does not report it."""

    measure: str
    sum_of: list[str]
    note: str


class TitleRule(Strict):
    """Meta daily files: the metric-title line above the header names the measure and platform."""

    measures: dict[str, str]  # regex on the title -> canonical measure
    platforms: dict[str, str] = Field(default_factory=dict)  # regex -> platform


class DateRange(Strict):
    column: str
    rule: Literal["within_period", "not_after_end"]


class TableSpec(Strict):
    id: str
    grain: Literal["post", "day", "message", "competitor"]
    sheets: list[str] = Field(default_factory=list)
    member_names: list[str] = Field(default_factory=list)
    title: TitleRule | None = None
    columns: dict[str, ColumnSpec]
    require_one_of: list[str] = Field(default_factory=list)
    name_required: bool = False  # generic headers (Date + one metric): the file name must match too
    excluded_headers: list[str] = Field(default_factory=list)
    # Columns the export has that socialkpi reads past on purpose (language -> header names):
    # not stored, and not reported as unread columns.
    not_stored: dict[str, list[str]] = Field(default_factory=dict)
    # The user picks the file's metric columns (YouTube Studio): a measure without a column is
    # a note on the import, not a warning.
    columns_chosen_by_user: bool = False
    skip_rows_where: dict[str, list[str]] = Field(default_factory=dict)
    description_row: bool = False
    date_order: Literal["MDY", "DMY", "YMD"] = "MDY"
    date_formats: list[str] = Field(default_factory=list)
    yearless: Literal["series", "single"] | None = None
    derive: list[Derivation] = Field(default_factory=list)
    date_range: DateRange | None = None
    constants: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _targets_are_vocabulary(self) -> TableSpec:
        allowed = set(VOCABULARY[self.grain]) | {"account", "platform"}
        for key, column in self.columns.items():
            if column.maps_to is not None and column.maps_to not in allowed:
                raise ValueError(
                    f"column {key!r} maps to {column.maps_to!r}, not a {self.grain}-grain name"
                )
        seen: dict[str, str] = {}
        for key, column in self.columns.items():
            for name in column.names():
                norm = normalise_header(name)
                if norm in seen and seen[norm] != key:
                    raise ValueError(f"header {name!r} is an alias of both {seen[norm]} and {key}")
                seen[norm] = key
        for derivation in self.derive:
            if derivation.measure not in VOCABULARY[self.grain]:
                raise ValueError(f"derived measure {derivation.measure!r} is not in the vocabulary")
        if self.title is not None:
            for measure in self.title.measures.values():
                if measure not in VOCABULARY[self.grain]:
                    raise ValueError(f"title measure {measure!r} is not in the vocabulary")
        return self

    def not_stored_names(self) -> list[str]:
        return [name for names in self.not_stored.values() for name in names]

    def required_keys(self) -> list[str]:
        return [key for key, column in self.columns.items() if column.required]

    def alias_index(self) -> dict[str, str]:
        return {
            normalise_header(name): key
            for key, column in self.columns.items()
            for name in column.names()
        }


class LinkRule(Strict):
    """Links in a column that name the account (`x.com/<handle>/status/…`)."""

    column: str  # a column key of the contract's tables
    patterns: list[str]

    @field_validator("patterns")
    @classmethod
    def _named_group(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            if "(?P<account>" not in pattern:
                raise ValueError(f"link pattern {pattern!r} lacks a (?P<account>...) group")
            re.compile(pattern)
        return patterns


class AccountRule(Strict):
    """Where an export names its account, best first: a column of every row, the links of
    its rows, the file, ZIP or folder name. Anything else comes from the user, or is an
    assumption (the only account of the platform already known) that the import reports."""

    column: str | None = None
    links: LinkRule | None = None
    name_patterns: list[str] = Field(default_factory=list)
    case_insensitive: bool = False  # handles: `AlexAiSurfer` is the known `alexaisurfer`
    note: str = ""

    @field_validator("name_patterns")
    @classmethod
    def _named_group(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            if "(?P<account>" not in pattern:
                raise ValueError(f"account pattern {pattern!r} lacks a (?P<account>...) group")
            re.compile(pattern)
        return patterns

    @property
    def named_by_file(self) -> bool:
        """The export itself (a column, its links or its name) can name its account."""
        return bool(self.column or self.links or self.name_patterns)


class PeriodRule(Strict):
    """Where the export states the dates it covers (file name, ZIP name, a note row)."""

    name_patterns: list[str] = Field(default_factory=list)
    preamble_patterns: list[str] = Field(default_factory=list)
    date_formats: list[str] = Field(default_factory=list)


class PlatformRule(Strict):
    """How a contract written by several platforms tells which one wrote a file."""

    column: str | None = None  # per-row platform from a column (inbox exports)
    # regex on the file, ZIP or folder names -> platform (`^Followers_` -> tiktok)
    name_patterns: dict[str, str] = Field(default_factory=dict)

    @field_validator("name_patterns")
    @classmethod
    def _known(cls, patterns: dict[str, str]) -> dict[str, str]:
        for pattern, platform in patterns.items():
            re.compile(pattern)
            if platform not in PLATFORMS:
                raise ValueError(f"unknown platform {platform!r} for pattern {pattern!r}")
        return patterns


class IdTimeRule(Strict):
    """Ids that carry their posting time: TikTok video ids hold the Unix time in their top
    32 bits (`7527623000473079054` >> 32 = 1752661308, 2025-07-16)."""

    column: str
    pattern: str  # a (?P<id>digits) group
    shift: int = 32

    @field_validator("pattern")
    @classmethod
    def _id_group(cls, pattern: str) -> str:
        if "(?P<id>" not in pattern:
            raise ValueError(f"id pattern {pattern!r} lacks a (?P<id>...) group")
        re.compile(pattern)
        return pattern


class YearRule(Strict):
    """Where the year of year-less dates comes from besides the ZIP entries' times, the
    period in the file name and today: a column holding the download day, and ids that
    carry their posting time."""

    download_day_column: str | None = None
    id_time: IdTimeRule | None = None


class AliasEvidence(Strict):
    """Where a language's header names come from. `genuine_file`: seen in an export the
    platform wrote; `parser_of_genuine_files`: in public parsers written against such exports;
    `platform_ui_term`: the platform's own interface word, not seen in an export file;
    `socialkpi_template`: the headers of socialkpi's own template (docs/competitor_template.csv).
    `columns` (optional) narrows the first two kinds to those column keys; the contract's
    other columns in that language are platform UI terms."""

    kind: Literal[
        "genuine_file", "parser_of_genuine_files", "platform_ui_term", "socialkpi_template"
    ]
    note: str
    columns: list[str] = Field(default_factory=list)


class Contract(Strict):
    id: str
    name: str
    # what the user downloaded, in their words, to be read after "an export of" and as a
    # label ("Facebook posts from Meta Business Suite"); translated through the dashboard's
    # catalogs (dashboard/locales/README.md extracts it from these files)
    title: str
    platform: str | None = None
    platforms: list[str] = Field(default_factory=list)
    platform_rule: PlatformRule = PlatformRule()
    container: Literal["csv", "excel", "zip", "any"] = "any"
    file_names: list[str] = Field(default_factory=list)
    account: AccountRule = AccountRule()
    period: PeriodRule = PeriodRule()
    year: YearRule = YearRule()
    tables: list[TableSpec]
    documentation: str = ""
    alias_evidence: dict[str, AliasEvidence] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _platforms(self) -> Contract:
        names = [self.platform] if self.platform else list(self.platforms)
        if not names:
            raise ValueError("a contract names its platform (or platforms)")
        for name in names:
            if name not in PLATFORMS:
                raise ValueError(f"unknown platform {name!r}")
        for platform in self.platform_rule.name_patterns.values():
            if platform not in names:
                raise ValueError(f"name pattern names {platform!r}, not a platform of {self.id}")
        keys = {key for table in self.tables for key in table.columns}
        referenced = [
            self.account.column,
            self.account.links.column if self.account.links else None,
            self.year.download_day_column,
            self.year.id_time.column if self.year.id_time else None,
        ]
        for key in referenced:
            if key is not None and key not in keys:
                raise ValueError(f"rule names column {key!r}, which no table of {self.id} has")
        return self

    @model_validator(mode="after")
    def _evidence_names_columns(self) -> Contract:
        keys = {key for table in self.tables for key in table.columns}
        for language, evidence in self.alias_evidence.items():
            unknown = set(evidence.columns) - keys
            if unknown:
                raise ValueError(
                    f"alias_evidence {language!r} names unknown columns {sorted(unknown)}"
                )
        return self

    def possible_platforms(self) -> list[str]:
        return [self.platform] if self.platform else list(self.platforms)


def load_contract(path: Path) -> Contract:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Contract.model_validate(data)


@cache
def all_contracts() -> tuple[Contract, ...]:
    """Every contract shipped in data_contracts/contracts/, sorted by id."""
    contracts = [load_contract(p) for p in sorted(CONTRACTS_DIR.glob("*.yaml"))]
    ids = [c.id for c in contracts]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate contract ids: {sorted(duplicates)}")
    return tuple(contracts)


def contract_by_id(contract_id: str) -> Contract:
    for contract in all_contracts():
        if contract.id == contract_id:
            return contract
    raise KeyError(contract_id)
