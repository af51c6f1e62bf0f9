"""Page one of the executive report: what a director needs to decide, in one page (pure:
pack in, parts out). The PDF lays it out, the deck puts it on its first slides and the
e-mail carries its text.

- how many KPIs are on target, near, off, without data (words and colour);
- per objective a row of status chips, one per KPI;
- the largest movements that compare like with like, each with its recorded commentary;
- what needs attention: off target first, then near target;
- the decisions and actions the meeting recorded (owners, due dates);
- what changed in the strategy since the period began.
"""

from __future__ import annotations

from dataclasses import dataclass

from language.catalogs import rt
from language.formatting import (
    kpi_value,
    percent,
    period_label,
    short_date,
    span_label,
    status_count_word,
    status_label,
)
from reports.narrative import (
    _magnitude,
    change_text,
    declines,
    improvements,
    kpi_label,
    off_target,
)
from reports.review_pack import (
    ActionItem,
    CommentItem,
    KpiLine,
    ReviewPack,
    StrategyChange,
)

STATUS_ORDER: tuple[str, ...] = ("green", "amber", "red", "no_data", "no_target")
MOVEMENTS = 5
ATTENTION = 6
DECISIONS = 5
ACTIONS = 6
CHANGES = 4
COMMENT_CHARS = 220


@dataclass(frozen=True)
class Chip:
    kpi_id: str
    name: str
    status: str


@dataclass(frozen=True)
class ObjectiveRow:
    objective_id: str
    name: str
    chips: tuple[Chip, ...]

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for c in self.chips if c.status == s) for s in STATUS_ORDER}


@dataclass(frozen=True)
class Movement:
    kpi: KpiLine
    improved: bool  # went the KPI's good way (the colour)
    line: str  # "Link clicks: 4,332 → 9,544 (+120.3% vs September 2026)"
    comments: tuple[CommentItem, ...]

    @property
    def rose(self) -> bool:
        """The value went up (the arrow: a response time that fell is ▼, in green)."""
        return (self.kpi.value or 0) > (self.kpi.previous or 0)


@dataclass(frozen=True)
class PageOne:
    title: str
    counts: dict[str, int]
    headline: str
    objectives: tuple[ObjectiveRow, ...]
    movements: tuple[Movement, ...]
    attention: tuple[str, ...]  # every KPI off or near target (the PDF shows ATTENTION)
    decisions: tuple[CommentItem, ...]
    actions: tuple[ActionItem, ...]
    more_actions: int
    changes: tuple[str, ...]
    more_changes: int

    def text(self, lang: str) -> str:
        """The page as plain text (the body of the report's e-mail)."""
        lines = [self.title, "", self.headline, ""]
        lines.append(rt(lang, "By objective"))
        for row in self.objectives:
            counts = row.counts()
            parts = [f"{counts[s]} {status_count_word(lang, s)}" for s in STATUS_ORDER if counts[s]]
            lines.append(f"- {row.name}: {', '.join(parts)}")
        if self.movements:
            lines += ["", rt(lang, "What moved most (each against the period it names)")]
            for move in self.movements:
                lines.append(f"- {move.line}")
                lines += [f"    “{quote(c.body)}” ({c.author})" for c in move.comments]
        if self.attention:
            lines += ["", rt(lang, "Needs attention")]
            lines += [f"- {line}" for line in self.attention]
        if self.decisions or self.actions:
            lines += ["", rt(lang, "Decisions and actions")]
            decision = rt(lang, "Decision")
            lines += [f"- {decision}: {quote(d.body)} ({d.author})" for d in self.decisions]
            lines += [f"- {action_line(a, lang)}" for a in self.actions]
            if self.more_actions:
                lines.append(
                    "- "
                    + rt(
                        lang,
                        "… and {n} more open actions: see the objectives' pages.",
                        n=self.more_actions,
                    )
                )
        if self.changes:
            lines += ["", rt(lang, "Changes to the strategy")]
            lines += [f"- {line}" for line in self.changes]
            if self.more_changes:
                lines.append(
                    "- " + rt(lang, "… and {n} more: see the scorecard.", n=self.more_changes)
                )
        return "\n".join(lines) + "\n"


def quote(text: str, limit: int = COMMENT_CHARS) -> str:
    """A comment on one line, cut at a word boundary with "…" when longer than `limit`."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def compared_label(kpi: KpiLine, lang: str) -> str:
    """What the change compares with, named: "September 2026", "Jan – Oct 2025"."""
    return span_label(kpi.compared_with, lang, in_sentence=True) if kpi.compared_with else ""


def change_against(kpi: KpiLine, lang: str) -> str:
    """ "+35.2% vs September 2026": a change always names what it is compared with."""
    change = change_text(kpi, lang)
    named = compared_label(kpi, lang)
    if change == "–" or not named:
        return change
    return rt(lang, "{change} vs {period}", change=change, period=named)


def movement_line(kpi: KpiLine, lang: str) -> str:
    return rt(
        lang,
        "{name}: {previous} → {value} ({change})",
        name=kpi.name,
        previous=kpi_value(kpi.previous, kpi.unit, lang),
        value=kpi_value(kpi.value, kpi.unit, lang),
        change=change_against(kpi, lang),
    )


def reached_text(kpi: KpiLine, lang: str) -> str:
    """ "78%" of the target reached (an en dash when it cannot be said)."""
    share = kpi.target_reached
    return "–" if share is None else percent(share, lang, digits=0)


def attention_line(kpi: KpiLine, lang: str) -> str:
    return rt(
        lang,
        "{name}: {status}, {value} against {target} (target reached: {reached})",
        name=kpi_label(kpi, lang),
        status=status_label(lang, kpi.status),
        value=kpi_value(kpi.value, kpi.unit, lang),
        target=kpi_value(kpi.target, kpi.unit, lang),
        reached=reached_text(kpi, lang),
    )


def action_line(action: ActionItem, lang: str) -> str:
    due = short_date(action.due, lang) if action.due else rt(lang, "no due date")
    if action.carried_over:
        return rt(
            lang,
            "{title} — {owner}, due {due} (carried over)",
            title=action.title,
            owner=action.owner,
            due=due,
        )
    return rt(lang, "{title} — {owner}, due {due}", title=action.title, owner=action.owner, due=due)


def change_line(change: StrategyChange, names: dict[str, tuple[str, str]], lang: str) -> str:
    """A strategy change in the report's words, with its reason and who made it."""
    name, unit = names.get(change.kpi_id or "", (change.kpi_id or change.objective_id or "", ""))
    when = short_date(change.on, lang)
    if change.kind != "target":  # the review pack reports target changes only
        raise ValueError(f"no report wording for a strategy change of kind {change.kind!r}")
    what = rt(
        lang,
        "{name}: target for {period} {old} → {new}",
        name=name,
        period=period_label(change.period or "", lang, in_sentence=True),
        old=kpi_value(change.old, unit, lang),
        new=kpi_value(change.new, unit, lang),
    )
    return rt(
        lang,
        "{what} ({reason}; {author}, {date})",
        what=what,
        reason=change.reason,
        author=change.author,
        date=when,
    )


def _comments_on(pack: ReviewPack, kpi: KpiLine) -> tuple[CommentItem, ...]:
    """The thread starts recorded on a KPI (its replies follow them in the PDF body)."""
    section = next(o for o in pack.objectives if o.objective_id == kpi.objective_id)
    return tuple(c for c in section.comments if c.kpi_id == kpi.kpi_id and c.depth == 0)[:2]


def page_one(pack: ReviewPack) -> PageOne:
    lang = pack.language
    kpis = pack.kpis()
    counts = {s: sum(1 for k in kpis if k.status == s) for s in STATUS_ORDER}
    period = period_label(pack.period, lang, in_sentence=True)
    headline = rt(
        lang,
        "{total} KPIs were reviewed for {period}: {green} on target, {amber} near target, {red} off target, {no_data} without data and {no_target} without a target.",
        total=len(kpis),
        period=period,
        **counts,
    )
    rows = tuple(
        ObjectiveRow(
            o.objective_id, o.name, tuple(Chip(k.kpi_id, k.name, k.status) for k in o.kpis)
        )
        for o in pack.objectives
    )
    moved = sorted(
        [(k, True) for k in improvements(kpis, MOVEMENTS)]
        + [(k, False) for k in declines(kpis, MOVEMENTS)],
        key=lambda pair: -_magnitude(pair[0]),
    )[:MOVEMENTS]
    movements = tuple(
        Movement(k, up, movement_line(k, lang), _comments_on(pack, k)) for k, up in moved
    )
    missed = off_target(kpis)
    decisions = tuple(c for o in pack.objectives for c in o.comments if c.kind == "decision")[
        :DECISIONS
    ]
    open_actions = [a for a in pack.actions if a.status == "open"]
    open_actions.sort(key=lambda a: (a.due is None, a.due or pack.generated_on))
    names = {k.kpi_id: (k.name, k.unit) for k in kpis}
    changes = [change_line(c, names, lang) for c in pack.strategy_changes]
    return PageOne(
        title=rt(lang, "{period} at a glance", period=period_label(pack.period, lang)),
        counts=counts,
        headline=headline,
        objectives=rows,
        movements=movements,
        attention=tuple(attention_line(k, lang) for k in missed),
        decisions=decisions,
        actions=tuple(open_actions[:ACTIONS]),
        more_actions=max(0, len(open_actions) - ACTIONS),
        changes=tuple(changes[:CHANGES]),
        more_changes=max(0, len(changes) - CHANGES),
    )
