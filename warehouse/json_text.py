"""JSON as the product writes it: always valid JSON, never `NaN` or `Infinity`.

Python's `json.dumps` writes a float that is not finite as `NaN`/`Infinity`, which no JSON
reader has to accept (issue 14, hole 1). Every JSON the product writes, to a terminal, a
file or the warehouse, goes through `dumps`: such a value becomes `null` (or, where the
original should stay readable, as in a quarantined row's cells, its text: `"inf"`), and the
encoder is run with `allow_nan=False`, so one that slipped through fails loudly instead of
writing invalid JSON.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any, Literal


def finite(value: Any, nonfinite: Literal["null", "text"] = "null") -> Any:
    """`value` with every float that is not finite replaced, in lists, tuples and mappings
    too (numpy floats included: they are floats)."""
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return None if nonfinite == "null" else repr(float(value))
    if isinstance(value, Mapping):
        return {k: finite(v, nonfinite) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v, nonfinite) for v in value]
    return value


def dumps(value: Any, *, nonfinite: Literal["null", "text"] = "null", **options: Any) -> str:
    """`json.dumps` that writes valid JSON whatever the floats inside `value` are."""
    return json.dumps(finite(value, nonfinite), allow_nan=False, **options)
