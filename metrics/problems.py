"""Problems found in a strategy file: every one carries where it is and a stable code."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class StrategyProblem:
    """One problem: `code` is stable (for translation), `message` is plain English."""

    file: str
    line: int | None
    kpi_id: str | None
    code: str
    message: str
    level: Literal["error", "warning"] = "error"
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        who = f" {self.kpi_id}:" if self.kpi_id else ""
        return f"{where}:{who} {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "kpi_id": self.kpi_id,
            "code": self.code,
            "message": self.message,
            "level": self.level,
        }


class StrategyInvalid(Exception):
    """The strategy file cannot be used; `problems` lists every error (and the warnings)."""

    def __init__(self, problems: list[StrategyProblem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.level == "error"]
        head = f"{len(errors)} problem(s) in the strategy file"
        super().__init__(head + "\n" + "\n".join(str(p) for p in errors))

    @property
    def errors(self) -> list[StrategyProblem]:
        return [p for p in self.problems if p.level == "error"]
