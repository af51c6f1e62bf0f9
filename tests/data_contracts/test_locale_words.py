"""Month names and number symbols of any locale Babel knows; ambiguous month words are never
resolved silently; spreadsheet-rounded ids are recognised."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from data_contracts.locale_words import (
    AmbiguousMonth,
    all_words,
    month_of,
    preferred_words,
    resolve_column,
)
from data_contracts.mapping import _month_hint
from data_contracts.parsing import parse_datetime, parse_number, parse_percent, rounded_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8 de março de 2026", datetime(2026, 3, 8)),  # Portuguese
        ("27. Sept. 2024", datetime(2024, 9, 27)),  # German
        ("12 févr. 2025", datetime(2025, 2, 12)),  # French
        ("3 mrt 2025", datetime(2025, 3, 3)),  # Dutch
        ("14 października 2025", datetime(2025, 10, 14)),  # Polish, genitive
        ("5 Ekim 2025", datetime(2025, 10, 5)),  # Turkish: no preferred language knows it
        ("2026年4月12日", datetime(2026, 4, 12)),  # Japanese: 年/月/日 are Babel's pattern words
        ("mar., 14 abr. 2026", datetime(2026, 4, 14)),  # Spanish Tuesday is also March
        ("2016-11-26 5:8:54", datetime(2016, 11, 26, 5, 8, 54)),  # re-saved by a spreadsheet
    ],
)
def test_month_names_of_any_locale(text: str, expected: datetime) -> None:
    assert parse_datetime(text, order="DMY") == expected


def test_a_word_naming_two_months_is_never_resolved_silently() -> None:
    # `listopad` is November in Czech and Polish but October in Croatian
    with pytest.raises(AmbiguousMonth) as caught:
        parse_datetime("3 listopad 2025", order="DMY")
    assert caught.value.meanings == {10: ["hr"], 11: ["cs", "pl", "szl"]}
    assert "'listopad' names different months in different languages" in str(caught.value)
    assert "month 10 in Croatian" in str(caught.value)


def test_the_columns_other_words_settle_an_ambiguous_month() -> None:
    # with `sierpień` (August, Polish only) in the column, `lip` is Polish July
    assert resolve_column(["lip", "sie"]) == {"lip": 7, "sie": 8}
    # with `lipanj` (June, Croatian only), `listopad` is Croatian October
    assert resolve_column(["listopad", "lipanj"]) == {"listopad": 10, "lipanj": 6}
    hint = _month_hint(pd.Series(["3 lip 2025", "12 sie 2025"]))
    assert parse_datetime("3 lip 2025", order="DMY", months=hint) == datetime(2025, 7, 3)


def test_the_interface_languages_come_before_other_locales() -> None:
    # `may` is May in English, November in Basaa; `out` is October in Portuguese
    assert all_words().months["may"].keys() >= {5, 11}
    assert month_of("May") == 5 and month_of("out.") == 10 and month_of("mar") == 3
    # no word of the preferred languages names two months
    assert [w for w, m in preferred_words().months.items() if len(m) > 1] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1\u202f234,5", 1234.5),  # French: narrow no-break space groups, comma decimal
        ("1’234.5", 1234.5),  # Swiss German apostrophe group
        ("١٢٣٫٥", 123.5),  # Arabic-Indic digits and decimal separator
        ("\u200e-7", -7.0),  # a minus sign with its bidi mark
        ("−12", -12.0),  # U+2212
    ],
)
def test_number_symbols_of_any_locale(text: str, expected: float) -> None:
    assert parse_number(text) == expected


def test_percent_signs_of_any_locale() -> None:
    assert parse_percent("12,5 %", points=False, decimal_comma=True) == pytest.approx(0.125)
    assert parse_percent("4,5\u00a0%", points=False, decimal_comma=True) == pytest.approx(0.045)


@pytest.mark.parametrize(
    ("cells", "found"),
    [
        (["6.49E+17", "6.49E+17"], (2, "6.49E+17")),
        (["1123180000000000.00"], (2, "1123180000000000.00")),
        ([6.49e17], (2, 6.49e17)),  # a spreadsheet's number cell: digits past 15 are lost
        (["1827720132094663", "1827720132094660"], None),  # genuine 16-digit ids
        (["dQw4w9WgXcQ", "12345678e90"], None),  # YouTube ids: no spreadsheet `E+`
        (["802461234567890123"], None),
        (
            ["1802460000000000000", "1802470000000000000", "1802480000000000000"],
            (2, "1802460000000000000"),
        ),
        (["1802460000000000000", "1802461234567890123", "1802471234567890123"], None),
    ],
)
def test_rounded_ids(cells: list[object], found: tuple[int, object] | None) -> None:
    assert rounded_id(pd.Series(cells, index=range(2, 2 + len(cells)), dtype=object)) == found
