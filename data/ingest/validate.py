"""Vectorised parsers for string columns; each records its problems with row numbers.

A parser takes the string column of a frame whose index is the spreadsheet row number,
returns the parsed column, and adds one problem for each cell it cannot accept.
Empty cells are left as missing; whether that is allowed is the caller's decision.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pa_compute

from data.ingest.problems import Problems

TRUE_WORDS = {"1", "true", "yes", "y", "ja", "j", "x", "wahr"}
FALSE_WORDS = {"0", "false", "no", "n", "nein", "falsch", ""}


def _show(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _report(problems: Problems, column: pd.Series, bad: pd.Series, name: str, code: str,
            **extra) -> None:
    """Add one problem of the code per bad cell, the cell's value as its parameter."""
    if bad.any():
        values = column[bad].tolist()
        problems.add_rows(column.index[bad], name,
                          lambda i: {"value": _show(values[i]), **extra}, code=code)


# Day, month and year in some order with "/", "." or "-", an optional time (seconds,
# fractions, AM/PM) after it: the order is decided per column (see parse_date).
_DMY = (r"^(\d{1,2})([/.\-])(\d{1,2})[/.\-](\d{4}|\d{2})"
        r"(?:[ T,]+\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)? *(?:[AaPp]\.?[Mm]\.?)?)?$")
# No \s: it sends pandas to Python's re instead of Arrow's (three times slower at 1M rows).
_ISO = r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)? ?(?:Z|UTC|[+-]\d{2}:?\d{2})?$"
_RANGE = r"^(\d{4}-\d{2}-\d{2}) *(?:,|/| - | to | bis ) *(\d{4}-\d{2}-\d{2})$"
_TIMEZONE = r" ?(?:Z|UTC|[+-]\d{2}:?\d{2})$"
EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def parse_date(column: pd.Series, name: str, problems: Problems, *,
               day_first: bool | None = None, convention: str = "month-first",
               info: dict | None = None) -> pd.Series:
    """Parse dates: ISO (with T, time zones and offsets: the local calendar date is kept),
    ranges "A,B" (dated at B, the period's end), D/M/Y or M/D/Y with "/", "." or "-" and
    an optional time with AM/PM, YYYYMMDD, Excel serials and Unix epochs.

    Day-first or month-first is decided for the whole column: day_first when given, else
    a first field above 12 (day-first) or a second one (month-first), else the tool's
    convention ("." always reads day-first). ``info`` receives what was decided."""
    info = {} if info is None else info
    parsed = pd.Series(pd.NaT, index=column.index, dtype="datetime64[ns]")
    todo = column != ""
    if not todo.any():
        return parsed
    beyond = pd.Series(False, index=column.index)

    def put(index, values) -> None:
        """Store parsed dates; those outside what can be stored are reported, not stored."""
        values, outside = _storable_dates(values)
        parsed.loc[index] = values
        beyond.loc[outside[outside].index] = True
    iso = todo & column.str.match(_ISO)
    if iso.any():
        cells = column[iso]
        local = cells.str.replace(_TIMEZONE, "", regex=True)
        if (local.str.len() != cells.str.len()).any():  # one regex pass, not two
            info["timezone"] = True
        values = pd.to_datetime(local,
                                format="ISO8601", errors="coerce")
        put(cells.index, values)
        todo &= ~iso
    if todo.any():
        ranges = column[todo].str.extract(_RANGE)
        hit = ranges[1].notna()
        if hit.any():
            info["range"] = column[todo][hit].iloc[0]
            put(hit[hit].index, pd.to_datetime(ranges.loc[hit, 1], format="%Y-%m-%d",
                                               errors="coerce"))
            todo &= ~parsed.notna() & ~beyond
    if todo.any():
        parts = column[todo].str.extract(_DMY)
        hit = parts[0].notna()
        if hit.any():
            p = parts[hit]
            a, b = p[0].astype(int), p[2].astype(int)
            year = p[3].astype(int)
            year = year.where(p[3].str.len() == 4, year + 2000)
            if day_first is not None:
                first, reason = day_first, "given"
            elif (a > 12).any():
                first, reason = True, "value"
            elif (b > 12).any():
                first, reason = False, "value"
            else:
                dots = (p[1] == ".").all()
                first = dots or convention == "day-first" or (
                    convention != "month-first" and (p[1] == "-").all())
                reason = "convention"
            if not (p[1] == ".").all() or reason != "convention":
                info["order"] = ("day-first" if first else "month-first", reason)
            day, month = (a, b) if first else (b, a)
            values = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": day}),
                                    errors="coerce")
            put(p.index, values)
            todo &= ~parsed.notna() & ~column.index.isin(p.index)
    if todo.any():
        cells = column[todo]
        compact = cells.str.match(r"^(19|20)\d{6}$")
        if compact.any():
            put(compact[compact].index, pd.to_datetime(cells[compact], format="%Y%m%d",
                                                       errors="coerce"))
        serial = cells.str.match(r"^\d{5}(\.\d+)?$")
        if serial.any():
            days = pd.to_numeric(cells[serial], errors="coerce")
            days = days.where((days >= 20000) & (days <= 80000))
            put(serial[serial].index, EXCEL_EPOCH + pd.to_timedelta(days.round(6), unit="D"))
        for pattern, unit in ((r"^\d{9,10}$", "s"), (r"^\d{12,13}$", "ms")):
            epoch = cells.str.match(pattern)
            if epoch.any():
                put(epoch[epoch].index, pd.to_datetime(pd.to_numeric(cells[epoch]), unit=unit,
                                                       errors="coerce"))
    _report(problems, column, beyond, name, "date.out_of_range")
    _report(problems, column, (column != "") & parsed.isna() & ~beyond, name, "date.not_date")
    return parsed.dt.normalize()


def _storable_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return the dates with those outside the nanosecond range blanked, and which those
    were (a year 1600 or 9999 cell is an invalid value, not a crash of the import)."""
    values = pd.Series(values)
    if values.dtype == "datetime64[ns]":
        return values, pd.Series(False, index=values.index)
    # Parsed at a coarser unit (pandas keeps out-of-range years that way): compare years.
    years = values.dt.year
    beyond = values.notna() & ((years < 1678) | (years > 2261))
    return values.where(~beyond).astype("datetime64[ns]"), beyond


_DURATION = r"^(\d+):(\d{2})(?::(\d{2}))?$"


def normalise_numbers(column: pd.Series, decimal: str = ".") -> pd.Series:
    """Turn formatted numbers into plain ones: thousands separators, decimal comma,
    %, durations (hh:mm:ss, mm:ss) and seconds with an "s" become plain numbers
    (percent values stay on 0–100, durations become seconds)."""
    if column.str.fullmatch(r"-?\d+(\.\d+)?|").all() and decimal == ".":
        return column  # plain numbers: nothing to normalise
    s = column.str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
    s = s.str.replace(r"%$", "", regex=True).str.replace(r"(?<=\d)s$", "", regex=True)
    if decimal == ",":
        s = s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        s = s.str.replace(r"(?<=\d),(?=\d{3}(\D|$))", "", regex=True)
    durations = s.str.extract(_DURATION)
    is_duration = durations[0].notna()
    if is_duration.any():
        d = durations.loc[is_duration].fillna("0").astype(int)
        # h:mm:ss when three parts, else mm:ss
        three = durations.loc[is_duration, 2].notna()
        seconds = d[0] * 3600 + d[1] * 60 + d[2]
        seconds = seconds.where(three, d[0] * 60 + d[1])
        s = s.copy()
        s.loc[is_duration] = seconds.astype(str)
    return s


def parse_number(
    column: pd.Series,
    name: str,
    problems: Problems,
    *,
    integer: bool = False,
    low: float | None = None,
    high: float | None = None,
    decimal: str = "auto",
    hint: str = ".",
) -> pd.Series:
    """Parse numbers (formatted ones too), optionally whole and within [low, high]; with
    decimal="auto" the decimal mark is decided from the column's own values."""
    present = column != ""
    parsed = _plain_numbers(column.where(present)) if decimal in (".", "auto") else None
    if parsed is not None and decimal == "auto" and integer and \
            (parsed.dropna() != np.floor(parsed.dropna())).any():
        parsed = None  # "2.546" in a count column: Dutch or German thousands, decided below
    if parsed is None:
        mark = column_decimal(column[present], integer, hint) if decimal == "auto" else decimal
        parsed = pd.to_numeric(normalise_numbers(column, mark).where(present),
                               errors="coerce")
        if decimal == "auto" and not integer:
            # "1,234" in a column no other value decides: 1.234 or 1234? Reported, not guessed.
            doubtful = _undecided(column, present)
            if doubtful.any():
                cells = column[doubtful].tolist()
                problems.add_rows(column.index[doubtful], name, lambda i: {
                    "value": _show(cells[i]), "a": cells[i].replace(",", "").replace(".", ""),
                    "b": cells[i].replace(",", ".")}, code="number.ambiguous")
                parsed = parsed.where(~doubtful)
                present = present & ~doubtful
    _report(problems, column, present & parsed.isna(), name, "number.not_number")
    # Infinity, NaN and 1e308 parse as floats, but no score or count is one of them.
    infinite = parsed.notna() & ~np.isfinite(parsed)
    _report(problems, column, infinite, name, "number.not_finite")
    parsed = parsed.where(~infinite)
    ok = parsed.notna()
    if integer:
        _report(problems, column, ok & (parsed != np.floor(parsed)), name, "number.not_whole")
    if low is not None or high is not None:
        lo = -np.inf if low is None else low
        hi = np.inf if high is None else high
        code = "number.not_between" if low is not None and high is not None else (
            "number.below" if low is not None else "number.above")
        bounds = {k: f"{b:g}" for k, b in (("low", low), ("high", high)) if b is not None}
        outside = ok & ((parsed < lo) | (parsed > hi))
        _report(problems, column, outside, name, code, **bounds)
        parsed = parsed.where(~outside)  # reported; blank, so no cast overflows on it
    return parsed


_COMMA_DECIMAL = r"\d,(?:\d{1,2}|\d{4,})\D*$|^-?,\d"
_DOT_DECIMAL = r"\d\.(?:\d{1,2}|\d{4,})\D*$|^-?\.\d"


def column_decimal(cells: pd.Series, integer: bool = False, hint: str = ".") -> str:
    """Decide a column's decimal mark from its values: a mark followed by other than three
    digits is decimal; with both marks in one cell the last one is; a count column's
    three-digit groups are thousands; otherwise the hint (the tool's convention)."""
    if cells.empty:
        return hint
    both = cells[cells.str.contains(",", regex=False) & cells.str.contains(".", regex=False)]
    if not both.empty:
        return "," if both.iloc[0].rfind(",") > both.iloc[0].rfind(".") else "."
    comma = cells.str.contains(_COMMA_DECIMAL, regex=True).any()
    dot = cells.str.contains(_DOT_DECIMAL, regex=True).any()
    if comma != dot:
        return "," if comma else "."
    if integer:
        return "," if cells.str.contains(r"\d\.\d{3}\D*$", regex=True).any() else "."
    return hint


def _undecided(column: pd.Series, present: pd.Series) -> pd.Series:
    """Cells like "1,234" whose mark no value of the column explains."""
    cells = column[present]
    if cells.empty or cells.str.contains(_COMMA_DECIMAL, regex=True).any() or \
            cells.str.contains(_DOT_DECIMAL, regex=True).any() or \
            (cells.str.contains(",", regex=False) & cells.str.contains(".", regex=False)).any():
        return pd.Series(False, index=column.index)
    return present & column.str.fullmatch(r"-?\d{1,3}[.,]\d{3}\s*%?")


def _plain_numbers(column: pd.Series) -> pd.Series | None:
    """Parse a column of plain numbers in one cast (the usual export); None when any
    cell needs the formatted-number rules."""
    try:
        values = pa_compute.cast(pa.array(column, type=pa.string(), from_pandas=True),
                                 pa.float64())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    return pd.Series(values.to_numpy(zero_copy_only=False), index=column.index)


def parse_bool(column: pd.Series, name: str, problems: Problems) -> pd.Series:
    """Parse yes/no words (English or German, 1/0, x) into booleans; empty is False."""
    lowered = column.str.lower()
    bad = ~lowered.isin(TRUE_WORDS | FALSE_WORDS)
    _report(problems, column, bad, name, "bool.not_bool")
    return lowered.isin(TRUE_WORDS)


def parse_choice(column: pd.Series, name: str, problems: Problems, choices: dict[str, str]
                 ) -> pd.Series:
    """Map words (case-insensitive) to canonical values via choices; empty stays missing."""
    lowered = column.str.lower()
    mapped = lowered.map(choices)
    allowed = ", ".join(sorted(set(choices.values())))
    _report(problems, column, (column != "") & mapped.isna(), name, "choice.not_one_of",
            allowed=allowed)
    return mapped


def resolver(frame: pd.DataFrame) -> dict[str, str]:
    """Build a case-insensitive lookup from a catalog table's keys and names to its keys."""
    lookup: dict[str, str] = {}
    if frame is None or frame.empty:
        return lookup
    for key, name in zip(frame["key"], frame["name"], strict=True):
        if isinstance(name, str) and name.strip():
            lookup.setdefault(name.strip().casefold(), key)
    for key in frame["key"]:
        lookup[str(key).strip().casefold()] = key
    return lookup


def resolve_reference(
    column: pd.Series, name: str, problems: Problems, lookup: dict[str, str], what: str
) -> pd.Series:
    """Resolve labels to catalog keys by key or name, case-insensitively."""
    # Labels repeat: resolve each distinct one once, then spread the keys over the rows.
    codes, labels = pd.factorize(column)
    keys = np.array([lookup.get(str(label).casefold()) for label in labels] + [None],
                    dtype=object)
    mapped = pd.Series(keys[codes], index=column.index, dtype=object)
    unknown = (column != "") & mapped.isna()
    _report(problems, column, unknown, name, "reference.unknown", dimension=what)
    if unknown.any():
        labels = problems.unknown.setdefault(what, {})
        for row, label in column[unknown].items():
            labels.setdefault(label, []).append(int(row))
    return mapped.where(column != "")


def optional_text(column: pd.Series) -> pd.Series:
    """Return the column with empty cells as missing."""
    return column.where(column != "")
