"""One accessible palette for every chart and badge (Okabe–Ito, safe for colour-blind readers).

Status is never told by colour alone: each status also has a symbol and a text label.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import N_, _, get_language
from language.formatting import STATUS_LABELS
from language.formatting import status_label as written_status


@dataclass(frozen=True)
class StatusStyle:
    colour: str
    background: str
    symbol: str
    label: str  # msgid, translated when shown (status_label)


# A status's words are the report's (language.formatting.STATUS_LABELS): one home, so the
# badge on screen and the status in the PDF can never drift apart.
STATUS_STYLES: dict[str, StatusStyle] = {
    "green": StatusStyle("#007A5E", "#E3F4EE", "●", STATUS_LABELS["green"]),
    "amber": StatusStyle("#9A5B00", "#FDF1DC", "▲", STATUS_LABELS["amber"]),
    "red": StatusStyle("#B8400A", "#FBE6DC", "■", STATUS_LABELS["red"]),
    "no_target": StatusStyle("#3D5A80", "#E6EEF7", "○", STATUS_LABELS["no_target"]),
    "no_data": StatusStyle("#5F6B76", "#EEF0F2", "–", STATUS_LABELS["no_data"]),
}
STATUS_ORDER: tuple[str, ...] = ("red", "amber", "green", "no_target", "no_data")
# What a reader sees instead of a status when a value is not judged (dashboard.components.
# readings.display_status): part of the whole in a filtered view, or a period in progress.
DISPLAY_STYLES: dict[str, StatusStyle] = {
    "in_progress": StatusStyle("#3D5A80", "#E6EEF7", "◔", N_("In progress")),
    "part_of_whole": StatusStyle("#5F6B76", "#F1F3F5", "◐", N_("Part of the whole")),
}
DISPLAY_ORDER: tuple[str, ...] = (
    *STATUS_ORDER[:3],
    "in_progress",
    "part_of_whole",
    *STATUS_ORDER[3:],
)

# Series colours (Okabe–Ito) and one per platform, so a platform keeps its colour everywhere.
SERIES: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
PLATFORM_COLOURS: dict[str, str] = {
    "facebook": "#0072B2",
    "instagram": "#CC79A7",
    "x": "#000000",
    "linkedin": "#56B4E9",
    "youtube": "#D55E00",
    "tiktok": "#009E73",
}
ACCENT = "#0072B2"
TARGET = "#9A5B00"
BASELINE = "#5F6B76"


def status_style(status: str | None) -> StatusStyle:
    key = status or "no_data"
    return STATUS_STYLES.get(key) or DISPLAY_STYLES.get(key) or STATUS_STYLES["no_data"]


def status_label(status: str | None) -> str:
    """The words of a status (or of what is shown instead of one) in the reader's language."""
    key = status or "no_data"
    if key in DISPLAY_STYLES:
        return _(DISPLAY_STYLES[key].label)
    return written_status(get_language(), key if key in STATUS_LABELS else "no_data")
