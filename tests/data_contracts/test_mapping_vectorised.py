"""The vectorised cleaning of text and id columns gives exactly what the per-cell cleaners
give, whatever the cell holds (edges of any Unicode whitespace, entities, invisible
characters, null tokens, quotes)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from data_contracts.mapping import INVISIBLE, WHITESPACE, _texts
from data_contracts.model import ColumnSpec
from data_contracts.parsing import _INVISIBLE, NULL_TOKENS, clean_id, clean_text

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
