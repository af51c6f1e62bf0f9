"""Branding of the reports: organisation name, logo and colours.

Read from the strategy file's optional `branding:` block, e.g.
```yaml
branding: {name: Northwind Policy Institute, logo: assets/logo.png,
           primary: "#1F4E79", accent: "#2E86AB", target: "#D97B00"}
```
A relative logo path is taken relative to the strategy file's folder.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")

STATUS_COLOURS: dict[str, str] = {
    "green": "#2E7D32",
    "amber": "#B26A00",
    "red": "#C62828",
    "no_data": "#616161",
    "no_target": "#455A64",
}


class BrandingError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Branding(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str | None = None
    logo: str | None = None
    primary: str = "#1F4E79"
    accent: str = "#2E86AB"
    # The target line of every chart: a warm colour against the (blue) value line, so the
    # two differ in hue as well as in dash.
    target: str = "#D97B00"
    text: str = "#222222"

    @field_validator("primary", "accent", "target", "text")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not HEX.match(value):
            raise ValueError(f"colour {value!r} is not of the form #RRGGBB")
        return value.upper()

    def logo_path(self, base: Path | None) -> Path | None:
        """The logo file, when configured and present."""
        if not self.logo:
            return None
        path = Path(self.logo)
        if not path.is_absolute() and base is not None:
            path = base / path
        return path if path.is_file() else None


def branding_from_block(block: Any, *, source: str = "strategy file") -> Branding:
    """The `branding:` block (a mapping, or None for the defaults)."""
    if block is None:
        return Branding()
    if not isinstance(block, dict):
        raise BrandingError("wrong_type", f"{source}: branding must be a mapping of fields")
    try:
        return Branding(**block)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise BrandingError(
            "invalid_value", f"{source}: branding.{field}: {first['msg']}"
        ) from None


def rgb(colour: str) -> tuple[int, int, int]:
    """'#1F4E79' → (31, 78, 121)."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
