"""Fixtures of the workflow tests: the strategy texts of the report tests are shared
(tests/reports/report_seed.py), so a workflow and the report it feeds read the same plan."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "reports"))
