"""Raw cells of a detected table → the canonical vocabulary, with every cell that cannot be read.

Pure: the caller passes everything the file itself does not say (account, platform, period,
time zone), and gets back a canonical frame indexed by the original row number plus the
reasons per row for cells that did not parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from data_contracts.date_order import formats_in_order, numeric_date_order
from data_contracts.model import KEY_COLUMN, VOCABULARY, ColumnSpec, TableSpec
from data_contracts.parsing import (
    NULL_TOKENS,
    clean_id,
    clean_text,
    is_null,
    parse_datetime,
    parse_duration_seconds,
    parse_month_day,
    parse_number,
    parse_percent,
)
from data_contracts.yearless import assign_years, carried_year, latest_on_or_before

Reasons = dict[int, list[dict[str, Any]]]
NUMERIC_TYPES = {"integer", "number", "percent", "percent_points", "duration"}
_LONGEST_TOKEN = max(map(len, NULL_TOKENS))


@dataclass(frozen=True)
class MapContext:
    label: str
    platform: str | None
    account: str | None
    timezone: str = "UTC"
    period_start: date | None = None
    period_end: date | None = None
    end_hint: date | None = None  # the last day a year-less date can take (yearless.Anchor)
    year_exact: bool = False  # end_hint is the download day: a series keeps its year
    measure: str | None = None  # Meta daily files: the measure named by the title line


@dataclass
class Mapped:
    frame: pd.DataFrame
    reasons: Reasons = field(default_factory=dict)
    raw: pd.DataFrame | None = None


def _header_name(spec: ColumnSpec) -> str:
    return spec.names()[0]


def _add(
    reasons: Reasons,
    row: int,
    code: str,
    column: str,
    value: Any,
    expected: str,
    params: dict[str, Any] | None = None,
) -> None:
    reason = {"code": code, "column": column, "value": value, "expected": expected}
    if params:
        reason["params"] = params
    reasons.setdefault(row, []).append(reason)


def null_mask(series: pd.Series) -> pd.Series:
    """`is_null` of every cell, vectorised for text columns (CSV chunks are all text)."""
    if pd.api.types.is_string_dtype(series.dtype) and not pd.api.types.is_object_dtype(
        series.dtype
    ):
        # Only short cells without a digit can fold to a token (case folding keeps digits
        # and never shortens a string), so only those are folded, in Python, one by one.
        stripped = series.str.strip()
        maybe = (stripped.str.len() <= _LONGEST_TOKEN) & ~stripped.str.contains("[0-9]")
        folded = maybe.fillna(False).to_numpy(dtype=bool)
        nulls = series.isna().to_numpy(dtype=bool).copy()
        if folded.any():
            tokens = stripped[folded].str.casefold().isin(NULL_TOKENS).to_numpy(dtype=bool)
            nulls[folded] |= tokens
        return pd.Series(nulls, index=series.index)
    return series.map(is_null).astype(bool)


def _blank_rows(data: pd.DataFrame) -> pd.Series:
    """Rows whose every cell is empty; stops at the first column that rules them all out."""
    blank = pd.Series(True, index=data.index)
    for column in data.columns:
        candidates = blank[blank].index
        if len(candidates) == 0:
            break
        blank.loc[candidates] = null_mask(data.loc[candidates, column]).to_numpy()
    return blank if len(data) else pd.Series(False, index=data.index)


# No count, duration or rate a platform reports comes near 10^15 (a quadrillion): a bigger
# cell, or one read as infinity (`inf`, `Infinity`, `1e309`), is impossible in itself, and
# sums over it would overflow in the database (issue 14, hole 1).
MAX_MAGNITUDE = 1e15


def _numbers(series: pd.Series, spec: ColumnSpec, name: str, reasons: Reasons) -> pd.Series:
    """The column's numbers; a cell that is not finite or beyond MAX_MAGNITUDE is a row
    problem (`impossible_number`, quoting the cell as written) and NaN in the frame."""
    numbers = _parse_numbers(series, spec, name, reasons)
    values = numbers.to_numpy()
    wild = ~(np.abs(values) <= MAX_MAGNITUDE) & ~np.isnan(values)
    if not wild.any():
        return numbers
    cells = series.to_numpy(dtype=object)
    for position in np.flatnonzero(wild):
        _add(
            reasons,
            int(series.index[position]),
            "impossible_number",
            name,
            cells[position],
            "a finite number no larger than 10^15",
        )
    values = values.copy()
    values[wild] = np.nan
    return pd.Series(values, index=series.index, dtype="float64")


def _parse_numbers(series: pd.Series, spec: ColumnSpec, name: str, reasons: Reasons) -> pd.Series:
    values = series.astype(object)
    decimal_comma = _decimal_comma(values) if spec.type != "duration" else None
    nulls = null_mask(series).to_numpy()
    fast = pd.to_numeric(values.where(~nulls, None), errors="coerce").astype("float64")
    if spec.type in ("integer", "number") and not decimal_comma:
        plain = fast.notna().to_numpy() | nulls
        if plain.all():  # the common case: plain digits or empty cells, no Python per cell
            quick = fast / spec.divide_by if spec.divide_by else fast
            return pd.Series(quick.to_numpy(), index=series.index, dtype="float64")
    # The cells the whole-column parse read go in as one array; only the others (grouped
    # digits, decimal commas, percents, durations, bad cells) take the per-cell parsers.
    out = np.full(len(values), np.nan)
    if spec.type in ("integer", "number") and not decimal_comma:
        quick = fast.to_numpy()
        read = ~np.isnan(quick)
        out[read] = quick[read] / spec.divide_by if spec.divide_by else quick[read]
        todo = np.flatnonzero(~read)
    else:
        todo = np.arange(len(values))
    cells, rows = values.to_numpy(), values.index
    for position in todo:
        value = cells[position]
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
            _add(
                reasons,
                int(rows[position]),
                "unparseable_number",
                name,
                value,
                "a number such as 1234 or 1,234.5",
            )
            number = None
        if number is not None and spec.divide_by:
            number = number / spec.divide_by
        if number is not None:
            out[position] = number
    return pd.Series(out, index=series.index, dtype="float64")


_DECIMAL_COMMA = re.compile(r"^-?\d+,\d{1,2}$|^-?\d{1,3}(\.\d{3})+,\d+$")


def _decimal_comma(values: pd.Series) -> bool | None:
    sample = [v for v in values.head(2000) if isinstance(v, str) and "," in v]
    if any(_DECIMAL_COMMA.match(v.strip()) for v in sample):
        return True
    return None


def _dates(
    series: pd.Series,
    spec: ColumnSpec,
    table: TableSpec,
    ctx: MapContext,
    name: str,
    reasons: Reasons,
) -> pd.Series:
    cache: dict[Any, Any] = {}
    out: list[Any] = []
    # Month or day first is decided once for the column, from its own cells (date_order).
    order = numeric_date_order(
        series.to_numpy(), table.date_order, (ctx.period_start, ctx.period_end)
    )
    formats = formats_in_order(table.date_formats, order)
    if spec.type == "yearless_date":
        hint = _month_hint(series)
        pairs: list[tuple[int, int] | None] = []
        dated: dict[int, datetime] = {}  # cells that carry their year keep it (yearless.py)
        for position, (row, value) in enumerate(series.items()):
            with_year = carried_year(value)
            if with_year is not None:
                dated[position] = with_year
                pairs.append(None)
                continue
            try:
                pairs.append(parse_month_day(value, months=hint))
            except ValueError as exc:
                _add(
                    reasons,
                    int(row),
                    "unparseable_date",
                    name,
                    value,
                    "a day such as 'January 5'",
                    _date_params(exc, "January 5"),
                )
                pairs.append(None)
        end = ctx.end_hint or date.today()
        if table.yearless == "single":
            days = [latest_on_or_before(p, end) for p in pairs]
        else:
            days = assign_years(pairs, end, exact=ctx.year_exact)
        as_dt = [
            dated.get(i) or (datetime(d.year, d.month, d.day) if d else None)
            for i, d in enumerate(days)
        ]
        return pd.Series(pd.to_datetime(as_dt), index=series.index)
    quick = _strptime_vectorised(series, formats)
    if quick is not None and quick.notna().all():  # the common case: one pass, no Python per cell
        result = pd.Series(quick.to_numpy(), index=series.index)
    else:
        fast_values = [None] * len(series) if quick is None else _optional_datetimes(quick)
        slow = [v for v, f in zip(series.to_numpy(), fast_values, strict=True) if f is None]
        hint = _month_hint(pd.Series(slow, dtype=object)) if slow else None
        for (row, value), fast in zip(series.items(), fast_values, strict=True):
            if fast is not None:
                out.append(fast)
                continue
            key = value if isinstance(value, str | float | int) else repr(value)
            if key in cache:
                out.append(cache[key])
                continue
            try:
                parsed = parse_datetime(
                    value, formats=formats, order=order, timezone=ctx.timezone, months=hint
                )
            except (ValueError, OverflowError) as exc:
                _add(
                    reasons,
                    int(row),
                    "unparseable_date",
                    name,
                    value,
                    f"a date like {_example(formats)}",
                    _date_params(exc, _example(formats)),
                )
                out.append(None)
                continue
            cache[key] = parsed
            out.append(parsed)
        result = pd.Series(pd.to_datetime(out), index=series.index)
    if spec.type == "date":
        result = result.dt.normalize()
    return result


_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
MONTH_HINT_SAMPLE = 5000


def _month_hint(series: pd.Series) -> dict[str, int] | None:
    """Month readings the column's own words settle (see data_contracts.locale_words): only
    looked for when a word of the column is not plainly one month of the preferred
    interface languages (the common case costs one pass over the distinct values)."""
    from data_contracts.locale_words import preferred_words, resolve_column, word

    values = pd.unique(series.dropna().astype(str))[:MONTH_HINT_SAMPLE]
    tokens = {t for v in values for t in _WORDS.findall(v)}
    if not tokens:
        return None
    preferred = preferred_words()
    plain = {
        w
        for w in map(word, tokens)
        if len(preferred.months.get(w, {})) == 1
        or w in preferred.weekdays
        or w in preferred.fillers
    }
    if all(word(t) in plain for t in tokens):
        return None
    return resolve_column(tokens) or None


def _date_params(exc: BaseException, example: str) -> dict[str, Any]:
    """What a date reason says: the ambiguity it met, else an example of the expected form."""
    from data_contracts.locale_words import AmbiguousMonth

    if isinstance(exc, AmbiguousMonth):
        return {"reason": f"{exc}, and the column's other dates do not say which"}
    return {"example": example}


def _optional_datetimes(parsed: pd.Series) -> list[Any]:
    return [None if pd.isna(v) else v.to_pydatetime() for v in parsed]


def _strptime_vectorised(series: pd.Series, formats: tuple[str, ...]) -> pd.Series | None:
    """The cells that the contract's first (offset-free) format reads, parsed in one go (NaT
    for the others, which take the tolerant per-cell path); None when no cell can be."""
    if not formats or "%z" in formats[0] or "%Z" in formats[0] or series.empty:
        return None
    if not pd.api.types.is_string_dtype(series.dtype):
        return None
    parsed = pd.to_datetime(series, format=formats[0], errors="coerce")
    retry = parsed.isna().to_numpy() & series.notna().to_numpy()
    if retry.any():  # runs of whitespace (line breaks, double spaces) made single, then again
        text = series[retry].astype(str).str.split().str.join(" ")
        parsed[retry] = pd.to_datetime(text, format=formats[0], errors="coerce").to_numpy()
    return parsed


def _example(formats: tuple[str, ...]) -> str:
    if formats:
        return datetime(2026, 10, 31, 14, 5).strftime(formats[0])
    return "2026-10-31"


# Every character str.isspace() accepts (what str.strip() removes), the invisible characters
# the cleaners drop, and `&` (HTML entities): a cell without them at its edges (or, for the
# last two, anywhere) is already clean, so only the other cells need the per-cell cleaner.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_NEEDS_TEXT_CLEANING = f"^[{WHITESPACE}]|[{WHITESPACE}]$|[&{INVISIBLE}]"
_NEEDS_ID_CLEANING = f"^[{WHITESPACE}']|[{WHITESPACE}]$|[{INVISIBLE}]"


def _texts(series: pd.Series, spec: ColumnSpec) -> pd.Series:
    cleaner = clean_id if spec.type == "id" else clean_text
    if pd.api.types.is_string_dtype(series.dtype) and not pd.api.types.is_object_dtype(
        series.dtype
    ):
        pattern = _NEEDS_ID_CLEANING if spec.type == "id" else _NEEDS_TEXT_CLEANING
        nulls = null_mask(series).to_numpy()
        slow = series.str.contains(pattern, regex=True).fillna(True).to_numpy(dtype=bool)
        cells = series.to_numpy(dtype=object)
        cells[nulls] = None
        todo = slow & ~nulls
        if todo.any():
            cleaned = np.empty(int(todo.sum()), dtype=object)
            cleaned[:] = [cleaner(v) for v in cells[todo]]
            cells[todo] = cleaned
        values = pd.Series(cells, index=series.index, dtype=object)
    else:
        values = series.map(cleaner).astype(object)
    if spec.value_map:
        lookup = {k.casefold(): v for k, v in spec.value_map.items()}
        values = values.map(
            lambda v: lookup.get(v.casefold(), v.casefold()) if isinstance(v, str) else v
        )
    return values.astype(object)


def map_chunk(
    raw: pd.DataFrame,
    columns: dict[int, str],
    table: TableSpec,
    ctx: MapContext,
    *,
    first_chunk: bool,
    headers: dict[int, str] | None = None,
) -> Mapped:
    """Map one chunk of raw rows (positional columns, index = original row number).
    Row problems name a column by its header as written in the file (`headers`, from
    detection), else by the contract's English name."""
    reasons: Reasons = {}
    data = raw
    if first_chunk and table.description_row and len(data):
        data = data.iloc[1:]
    # drop blank rows and summary rows (YouTube's "Total")
    blank = _blank_rows(data)
    data = data.loc[~blank] if blank.any() else data
    by_key = {key: pos for pos, key in columns.items()}
    for key, values in table.skip_rows_where.items():
        if key in by_key and by_key[key] in data.columns:
            wanted = {v.casefold() for v in values}
            cells = data[by_key[key]].map(
                lambda v: str(v).strip().casefold() if v is not None else ""
            )
            data = data.loc[~cells.isin(wanted)]
    raw_named = data.rename(
        columns={pos: _header_name(table.columns[key]) for pos, key in columns.items()}
    )
    raw_named = raw_named.loc[:, [c for c in raw_named.columns if isinstance(c, str)]]
    out = pd.DataFrame(index=data.index)
    for pos, key in columns.items():
        spec = table.columns[key]
        if spec.maps_to is None and not any(key in d.sum_of for d in table.derive):
            continue
        if pos not in data.columns:
            continue
        series = data[pos]
        name = (headers or {}).get(pos) or _header_name(spec)
        target = spec.maps_to or f"_{key}"
        if spec.type in NUMERIC_TYPES:
            out[target] = _numbers(series, spec, name, reasons)
        elif spec.type in ("date", "datetime", "yearless_date"):
            out[target] = _dates(series, spec, table, ctx, name, reasons)
        else:
            out[target] = _texts(series, spec)
    if table.title is not None and ctx.measure:
        by_pos = {key: pos for pos, key in columns.items()}
        spec = table.columns["primary"]
        out[ctx.measure] = _numbers(data[by_pos["primary"]], spec, "Primary", reasons)
    for derivation in table.derive:
        parts = [c for c in derivation.sum_of if c in out.columns]
        if not parts:
            continue
        total = out[parts].sum(axis=1, min_count=len(parts))
        if derivation.measure in out.columns:
            out[derivation.measure] = out[derivation.measure].fillna(total)
        else:
            out[derivation.measure] = total
    for name, value in table.constants.items():
        if name not in out.columns:
            out[name] = value
    if "platform" not in out.columns:
        out["platform"] = ctx.platform
    if "account" not in out.columns or ctx.account:
        if "account" in out.columns:
            out["account"] = out["account"].fillna(ctx.account)
        else:
            out["account"] = ctx.account
    key = KEY_COLUMN[table.grain]
    if table.grain == "post" and key not in out.columns and "permalink" in out.columns:
        out[key] = out["permalink"].map(_id_from_link)
    if key in out.columns:
        key_header = next(
            (
                (headers or {}).get(pos) or _header_name(table.columns[k])
                for pos, k in sorted(columns.items())
                if table.columns[k].maps_to == key
            ),
            key,
        )
        keys = out[key]
        # isna() finds every None or NaN (and more: NaT, which is not missing here), so
        # only its cells go through the test, not every row of the chunk
        for position in np.flatnonzero(keys.isna().to_numpy()):
            row, value = keys.index[position], keys.iloc[position]
            missing = value is None or (isinstance(value, float) and value != value)
            if missing and not any(
                r["column"] for r in reasons.get(int(row), []) if r["code"] == "unparseable_date"
            ):
                _add(reasons, int(row), "missing_value", key_header, None, f"a {key} on every row")
    if table.grain == "message" and {"received_at", "first_response_at"} <= set(out.columns):
        delta = out["first_response_at"] - out["received_at"]
        out["first_response_hours"] = delta.dt.total_seconds() / 3600
    keep = [
        c
        for c in ("platform", "account", *VOCABULARY[table.grain], "first_response_hours")
        if c in out.columns
    ]
    return Mapped(frame=out.loc[:, keep], reasons=reasons, raw=raw_named)


def _id_from_link(link: Any) -> str | None:
    if not isinstance(link, str):
        return None
    match = re.search(r"/(?:video|status|posts|reel|p)/([^/?#]+)", link)
    return match.group(1) if match else link.rstrip("/").rsplit("/", 1)[-1]
