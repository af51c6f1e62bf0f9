"""Month names, weekday names, the words around dates and the number symbols of every
locale Babel knows.

Nothing here is a list of our own: the words come from Babel's CLDR data (month and day names,
wide and abbreviated, the literal words of each locale's date patterns such as `de` in
`d 'de' MMMM 'de' y`, or 年/月/日), and so do the number symbols (decimal and group
separators such as `,` `.` NBSP `’` `٬`, minus and percent signs).

Ambiguity. A word can name different months in two locales (`listopad` is November in Czech
and Polish but October in Croatian; `may` is May in English but November in Basaa). It is
never resolved silently; the rule, in this order:

1. the column's own evidence (`resolve_column`): the locales in which *every* month word of
   the column is a month name; when that settles the word, the column's reading wins;
2. the interface languages the platforms' exports are written in (`PREFERRED_LANGUAGES`, the
   six socialkpi documents plus Italian and Swedish): when they give the word one month, that
   month (so `may` is May and `mar` is March);
3. every other locale: when they all agree, that month;
4. otherwise the cell cannot be read: `AmbiguousMonth` says which months the word names in
   which languages, and the row is set aside with that message.

Building the index of every locale takes a few seconds, so it is done once per machine and
Babel version and kept in the user's cache folder (and once per process in memory); the
preferred languages alone are indexed in a fraction of a second and answer the common case.
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

PREFERRED_LANGUAGES: tuple[str, ...] = ("en", "es", "nl", "pt", "fr", "de", "it", "sv")
WIDTHS = ("wide", "abbreviated")
CONTEXTS = ("format", "stand-alone")


def word(text: str) -> str:
    """The comparable form of a word: casefolded, accents and punctuation removed."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalpha())


@dataclass(frozen=True)
class CalendarWords:
    """Words of a set of locales: month word -> month -> languages; weekday and filler
    words -> languages; and the number symbols those locales write."""

    months: dict[str, dict[int, list[str]]]
    weekdays: dict[str, list[str]]
    fillers: dict[str, list[str]]
    groups: list[str]
    decimals: list[str]
    minus_signs: list[str]
    percent_signs: list[str]


class AmbiguousMonth(ValueError):
    """A word that names different months in different languages, with no evidence to choose."""

    def __init__(self, token: str, meanings: dict[int, list[str]]) -> None:
        self.token = token
        self.meanings = meanings
        described = "; ".join(
            f"month {month} in {', '.join(_language_names(langs))}"
            for month, langs in sorted(meanings.items())
        )
        super().__init__(f"'{token}' names different months in different languages ({described})")


def _language_names(codes: list[str], limit: int = 4) -> list[str]:
    from babel import Locale

    names = []
    for code in sorted(codes)[:limit]:
        try:
            names.append(Locale.parse(code).english_name or code)
        except (ValueError, TypeError):
            names.append(code)
    if len(codes) > limit:
        names.append(f"{len(codes) - limit} more")
    return names


def _index(locale_ids: Iterable[str]) -> CalendarWords:
    from babel import Locale
    from babel.dates import tokenize_pattern

    months: dict[str, dict[int, set[str]]] = {}
    weekdays: dict[str, set[str]] = {}
    fillers: dict[str, set[str]] = {}
    symbols: dict[str, set[str]] = {"group": set(), "decimal": set(), "minusSign": set()}
    symbols["percentSign"] = set()
    for code in locale_ids:
        try:
            locale = Locale.parse(code)
        except (ValueError, TypeError):
            continue
        language = code.split("_")[0]
        for context in CONTEXTS:
            for width in WIDTHS:
                for number, name in locale.months[context][width].items():
                    if w := word(name):
                        months.setdefault(w, {}).setdefault(int(number), set()).add(language)
                for name in locale.days[context][width].values():
                    if w := word(name):
                        weekdays.setdefault(w, set()).add(language)
        for system in locale.number_symbols.values():
            for name, found in symbols.items():
                if system.get(name):
                    found.add(system[name])
        patterns = [p.pattern for p in locale.date_formats.values()]
        patterns += [str(p) for p in locale.datetime_formats.values()]
        for pattern in patterns:
            for kind, value in tokenize_pattern(pattern):
                if kind != "chars":
                    continue
                for piece in value.split():
                    if w := word(piece):
                        fillers.setdefault(w, set()).add(language)
    # A word naming most months of one language is a unit ("月", Vietnamese "thg"), not a
    # month name: it is a filler between the numbers.
    for w, meanings in list(months.items()):
        per_language: dict[str, int] = {}
        for langs in meanings.values():
            for lang in langs:
                per_language[lang] = per_language.get(lang, 0) + 1
        if any(count >= 6 for count in per_language.values()):
            del months[w]
            fillers.setdefault(w, set()).update(per_language)
    return CalendarWords(
        months={w: {m: sorted(ls) for m, ls in ms.items()} for w, ms in months.items()},
        weekdays={w: sorted(ls) for w, ls in weekdays.items()},
        fillers={w: sorted(ls) for w, ls in fillers.items()},
        groups=sorted(symbols["group"]),
        decimals=sorted(symbols["decimal"]),
        minus_signs=sorted(symbols["minusSign"]),
        percent_signs=sorted(symbols["percentSign"]),
    )


def _locales(languages: Iterable[str] | None) -> list[str]:
    from babel import localedata

    ids = localedata.locale_identifiers()
    if languages is None:
        return sorted(ids)
    wanted = set(languages)
    return sorted(i for i in ids if i.split("_")[0] in wanted)


@cache
def preferred_words() -> CalendarWords:
    """The words of the preferred interface languages (and their regional variants)."""
    return _index(_locales(PREFERRED_LANGUAGES))


def _cache_file() -> Path:
    import babel
    import platformdirs

    folder = Path(platformdirs.user_cache_dir("socialkpi", appauthor=False))
    return folder / f"locale-words-babel-{babel.__version__}.json"


@cache
def all_words() -> CalendarWords:
    """The words of every locale Babel knows (built once, then read from the cache folder)."""
    path = _cache_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["months"] = {
            w: {int(m): ls for m, ls in ms.items()} for w, ms in data["months"].items()
        }
        return CalendarWords(**data)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    words = _index(_locales(None))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
        ) as handle:
            json.dump(asdict(words), handle, ensure_ascii=False)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home: the index lives in memory for this process only
    return words


@cache
def number_symbols() -> tuple[dict[int, str | None], tuple[str, ...]]:
    """(translation table, percent signs) of every locale: the table removes the spacing and apostrophe group separators and bidi marks,
    turns minus signs into `-` and every decimal digit into ASCII; `,` and `.` are left for
    the column's evidence to decide (thousands or decimal)."""
    words = all_words()
    table: dict[int, str | None] = {}
    marks = {"\u200e", "\u200f", "\u061c"}
    for sign in words.minus_signs:
        core = "".join(c for c in sign if c not in marks)
        if len(core) == 1 and core != "-":
            table[ord(core)] = "-"
    for mark in marks:
        table[ord(mark)] = None
    for group in words.groups:
        if group not in {",", "."} and len(group) == 1:
            table[ord(group)] = None
    for decimal in words.decimals:
        if decimal not in {",", "."} and len(decimal) == 1:
            table[ord(decimal)] = "."
    table[ord(" ")] = None
    percent = tuple(
        sorted({"".join(c for c in sign if c not in marks) for sign in words.percent_signs})
    )
    return table, percent


def _single(meanings: dict[int, list[str]]) -> int | None:
    return next(iter(meanings)) if len(meanings) == 1 else None


def month_of(token: str, hint: dict[str, int] | None = None) -> int | None:
    """The month `token` names (1-12), None when it names no month in any locale.

    Raises `AmbiguousMonth` when it names different months and nothing settles which."""
    w = word(token)
    if not w:
        return None
    if hint and w in hint:
        return hint[w]
    preferred = preferred_words().months.get(w)
    if preferred:
        month = _single(preferred)
        if month is None:
            raise AmbiguousMonth(token, preferred)
        return month
    if w in preferred_words().fillers or w in preferred_words().weekdays:
        return None  # `Sun` is Sunday here, whatever it names in Tsonga
    meanings = all_words().months.get(w)
    if not meanings:
        return None
    month = _single(meanings)
    if month is None:
        raise AmbiguousMonth(token, meanings)
    return month


def is_weekday(token: str) -> bool:
    w = word(token)
    return w in preferred_words().weekdays or w in all_words().weekdays


def is_filler(token: str) -> bool:
    """A word that stands between the parts of a date in some locale (`de`, `年`, `at`)."""
    w = word(token)
    return w in preferred_words().fillers or w in all_words().fillers


def resolve_column(tokens: Iterable[str]) -> dict[str, int]:
    """Readings for the month words of one column, from the column's own evidence: the
    languages in which every month word of the column is a month name. A word this settles
    is returned with its month; a word it does not settle is left out (see `month_of`)."""
    words = {word(t) for t in tokens} - {""}
    index = all_words().months
    monthly = {w: index[w] for w in words if w in index}
    if not monthly:
        return {}
    explaining: set[str] | None = None
    for meanings in monthly.values():
        languages = {lang for langs in meanings.values() for lang in langs}
        explaining = languages if explaining is None else explaining & languages
    if not explaining:
        return {}
    preferred = explaining & set(PREFERRED_LANGUAGES)
    chosen = preferred or explaining
    readings: dict[str, int] = {}
    for w, meanings in monthly.items():
        months = {m for m, langs in meanings.items() if chosen & set(langs)}
        if len(months) == 1:
            readings[w] = months.pop()
    return readings
