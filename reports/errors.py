"""Errors the report builders raise: a stable `code` and a plain-English message."""

from __future__ import annotations


class ReportBuildError(RuntimeError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
