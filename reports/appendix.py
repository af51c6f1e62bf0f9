"""The data-quality appendix of every report format, as words: what is missing (KPIs
without data, figures covering part of their period, months an account has no data for),
listed once, and the imports used grouped by platform and account."""

from __future__ import annotations

from dataclasses import dataclass

from language.catalogs import rt
from language.formatting import number, period_label, platform_name
from reports.narrative import kpi_label
from reports.review_pack import ImportUsed, ReviewPack


@dataclass(frozen=True)
class ImportGroup:
    """The imports of one platform and account that the period's figures used."""

    platform: str | None
    account: str | None
    imports: tuple[ImportUsed, ...]

    @property
    def rows_loaded(self) -> int:
        return sum(i.rows_loaded for i in self.imports)

    @property
    def rows_rejected(self) -> int:
        return sum(i.rows_rejected for i in self.imports)


def missing_lines(pack: ReviewPack) -> list[str]:
    """One sentence per kind of missing figure; empty when nothing is missing."""
    lang = pack.language
    kpis = pack.kpis()
    empty = [k.name for k in kpis if k.status == "no_data"]
    partial = [kpi_label(k, lang) for k in kpis if k.in_progress]
    period = period_label(pack.period, lang, in_sentence=True)
    lines: list[str] = []
    if empty:
        lines.append(
            rt(
                lang,
                "KPIs without data for {period}: {names}.",
                period=period,
                names=", ".join(empty),
            )
        )
    if partial:
        lines.append(
            rt(
                lang,
                "Figures covering only part of their period: {names}.",
                names="; ".join(partial),
            )
        )
    lines.extend(
        rt(
            lang,
            "{platform} / {account}: no data for {month}",
            platform=platform_name(gap.platform),
            account=gap.account,
            month=period_label(gap.month, lang, in_sentence=True),
        )
        for gap in pack.data_quality.gaps
    )
    return lines


def import_groups(pack: ReviewPack) -> list[ImportGroup]:
    """The imports used, grouped by platform and account in the order they come."""
    groups: dict[tuple[str, str], list[ImportUsed]] = {}
    for item in pack.data_quality.imports:
        groups.setdefault((item.platform or "", item.account or ""), []).append(item)
    return [
        ImportGroup(platform or None, account or None, tuple(items))
        for (platform, account), items in groups.items()
    ]


def imports_summary(pack: ReviewPack) -> str:
    """ "24 files from 6 accounts were used; 7,982 rows loaded, 0 quarantined." """
    lang = pack.language
    quality = pack.data_quality
    return rt(
        lang,
        "{files} files from {accounts} accounts were used; {rows} rows loaded, {quarantined} quarantined.",
        files=len(quality.imports),
        accounts=len(import_groups(pack)),
        rows=number(sum(i.rows_loaded for i in quality.imports), lang),
        quarantined=number(quality.quarantined_rows, lang),
    )
