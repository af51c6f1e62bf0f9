"""The vectorised cleaning of text and id columns gives exactly what the per-cell cleaners
give, whatever the cell holds (edges of any Unicode whitespace, entities, invisible
characters, null tokens, quotes); the vectorised null test and number columns give exactly
what folding and parsing every cell gave, with the same reasons."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from data_contracts.mapping import (
    INVISIBLE,
    MAX_MAGNITUDE,
    WHITESPACE,
    Reasons,
    _decimal_comma,
    _numbers,
    _texts,
    null_mask,
)
from data_contracts.model import ColumnSpec
from data_contracts.parsing import (
    _INVISIBLE,
    NULL_TOKENS,
    clean_id,
    clean_text,
    parse_duration_seconds,
    parse_number,
    parse_percent,
)

PIECES = st.sampled_from(
    [*WHITESPACE, *INVISIBLE, "&", "&amp;", "&#39;", "'", "a", "Z", "é", "💧", ",", '"', "-", "1"]
)
CELLS = st.one_of(
    st.lists(PIECES, max_size=8).map("".join),
    st.sampled_from(sorted(NULL_TOKENS)),
    st.text(),
)


def test_the_fast_path_knows_every_character_the_cleaners_treat_specially() -> None:
    assert "".join(c for c in map(chr, range(0x110000)) if c.isspace()) == WHITESPACE
    assert {ord(c) for c in INVISIBLE} == set(_INVISIBLE)


@settings(max_examples=300)
@given(st.lists(CELLS, min_size=1, max_size=30), st.sampled_from(["text", "id"]))
def test_vectorised_cleaning_equals_the_per_cell_cleaner(cells: list[str], kind: str) -> None:
    series = pd.Series(cells, dtype="str", index=range(2, 2 + len(cells)))
    cleaner = clean_id if kind == "id" else clean_text
    got = _texts(series, ColumnSpec(aliases={"en": ["Cell"]}, type=kind))
    assert got.tolist() == [cleaner(c) for c in cells]
    assert list(got.index) == list(series.index)


# The number columns and null tests as they were before the vectorised paths: the
# reference the fast paths must equal, cell for cell, reason for reason.
def _null_mask_reference(series: pd.Series) -> pd.Series:
    stripped = series.str.strip().str.casefold()
    return (series.isna() | stripped.isin(NULL_TOKENS)).astype(bool)


def _numbers_reference(series: pd.Series, spec: ColumnSpec, reasons: Reasons) -> list[float]:
    values = series.astype(object)
    decimal_comma = _decimal_comma(values) if spec.type != "duration" else None
    nulls = _null_mask_reference(series).to_numpy()
    fast = pd.to_numeric(values.where(~nulls, None), errors="coerce").astype("float64")
    out: list[float | None] = []
    for (row, value), quick in zip(values.items(), fast.to_numpy(), strict=True):
        if quick == quick and spec.type in ("integer", "number") and not decimal_comma:
            number: float | None = float(quick)
        else:
            try:
                if spec.type == "percent":
                    number = parse_percent(value, points=False, decimal_comma=decimal_comma)
                elif spec.type == "percent_points":
                    number = parse_percent(value, points=True, decimal_comma=decimal_comma)
                elif spec.type == "duration":
                    number = parse_duration_seconds(value)
                else:
                    number = parse_number(value, decimal_comma=decimal_comma)
            except ValueError:
                reasons.setdefault(int(row), []).append(
                    {
                        "code": "unparseable_number",
                        "column": "Cell",
                        "value": value,
                        "expected": "a number such as 1234 or 1,234.5",
                    }
                )
                number = None
        if number is not None and spec.divide_by:
            number = number / spec.divide_by
        if number is not None and not abs(number) <= MAX_MAGNITUDE:  # inf, 1e309, 2e15
            reasons.setdefault(int(row), []).append(
                {
                    "code": "impossible_number",
                    "column": "Cell",
                    "value": value,
                    "expected": "a finite number no larger than 10^15",
                }
            )
            number = None
        out.append(number)
    return pd.Series(out, index=series.index, dtype="float64").tolist()


AWKWARD_NUMBERS = [
    "-0",
    "0005",
    "1e5",
    " 12 ",
    "1,234",
    "1.234,5",
    "12,5",
    "(1,234)",
    "12%",
    "4.5 %",
    "1:02:03",
    "02:03",
    "1h",
    "12.0",
    "1 234",
    "1'234",
    "+7",
    "--",
    "N/A",
    "ＮＵＬＬ",
    "ﬁ",
    "NaN",
    "inf",
    "abc",
    "12abc",
    "\u00a012\u00a0",
    "٣",
    "",
    "   ",
]
NUMBER_CELLS = st.one_of(
    st.integers(min_value=-(10**18), max_value=10**18).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(places=3, min_value=-(10**9), max_value=10**9, allow_nan=False).map(
        lambda d: format(d, ",")
    ),
    st.sampled_from(AWKWARD_NUMBERS),
    st.sampled_from(sorted(NULL_TOKENS)).map(str.upper),
    st.text(max_size=12),
)


@settings(max_examples=400)
@given(st.lists(NUMBER_CELLS, min_size=1, max_size=25))
def test_null_mask_equals_folding_every_cell(cells: list[str]) -> None:
    series = pd.Series(cells, dtype="str", index=range(3, 3 + len(cells)))
    expected = _null_mask_reference(series)
    got = null_mask(series)
    assert got.tolist() == expected.tolist()
    assert list(got.index) == list(series.index)


@settings(max_examples=400)
@given(
    st.lists(NUMBER_CELLS, min_size=1, max_size=25),
    st.sampled_from(["integer", "number", "percent", "percent_points", "duration"]),
    st.sampled_from([None, 100.0, 3600.0, 7.0]),
)
def test_number_columns_equal_the_per_cell_parse(
    cells: list[str], kind: str, divide_by: float | None
) -> None:
    series = pd.Series(cells, dtype="str", index=range(2, 2 + len(cells)))
    spec = ColumnSpec(aliases={"en": ["Cell"]}, type=kind, divide_by=divide_by)
    expected_reasons: Reasons = {}
    expected = _numbers_reference(series, spec, expected_reasons)
    reasons: Reasons = {}
    got = _numbers(series, spec, "Cell", reasons)
    assert got.dtype == "float64"
    assert list(got.index) == list(series.index)
    assert np.array_equal(got.to_numpy(), np.array(expected, dtype="float64"), equal_nan=True)
    assert np.signbit(got.to_numpy()).tolist() == np.signbit(np.array(expected)).tolist()
    assert reasons == expected_reasons
