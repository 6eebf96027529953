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


def _report(problems: Problems, column: pd.Series, bad: pd.Series, name: str, why: str) -> None:
    if bad.any():
        values = column[bad].tolist()
        problems.add_rows(column.index[bad], name, lambda i: f"{_show(values[i])} {why}")


DATE_FORMATS = (
    # (pattern the cell must match, strptime format or a special name)
    (r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$", "ISO8601"),
    (r"^\d{1,2}\.\d{1,2}\.\d{4}$", "%d.%m.%Y"),
    (r"^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2}$", "%d.%m.%Y %H:%M"),
    (r"^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2}:\d{2}$", "%d.%m.%Y %H:%M:%S"),
    (r"^\d{1,2}/\d{1,2}/\d{4}$", "%m/%d/%Y"),
    (r"^\d{1,2}/\d{1,2}/\d{2}$", "%m/%d/%y"),
    (r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2} ?[AaPp][Mm]$", "%m/%d/%Y %I:%M:%S %p"),
    (r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2} ?[AaPp][Mm]$", "%m/%d/%Y %I:%M %p"),
    (r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}(:\d{2})?$", "%m/%d/%Y %H:%M"),
    (r"^(19|20)\d{6}$", "%Y%m%d"),
    (r"^\d{9,10}$", "epoch-s"),
    (r"^\d{12,13}$", "epoch-ms"),
)


def parse_date(column: pd.Series, name: str, problems: Problems) -> pd.Series:
    """Parse dates: ISO, dd.mm.yyyy, US m/d/yyyy with AM/PM, YYYYMMDD, Unix epoch."""
    parsed = pd.Series(pd.NaT, index=column.index, dtype="datetime64[ns]")
    todo = column != ""
    unread = todo.copy()
    for pattern, fmt in DATE_FORMATS:
        if not todo.any():
            break
        hit = todo & column.str.match(pattern)
        if not hit.any():
            continue
        cells = column[hit]
        if fmt == "ISO8601":
            values = pd.to_datetime(cells.str.replace(r"(Z|[+-]\d{2}:?\d{2})$", "", regex=True),
                                    format="ISO8601", errors="coerce")
        elif fmt.startswith("epoch"):
            unit = "s" if fmt == "epoch-s" else "ms"
            values = pd.to_datetime(pd.to_numeric(cells), unit=unit, errors="coerce")
        else:
            values = pd.to_datetime(cells.str.upper().str.replace(r" ?([AP]M)$", r" \1",
                                                                  regex=True),
                                    format=fmt, errors="coerce")
        values, beyond = _storable_dates(values)
        parsed.loc[hit] = values.astype("datetime64[ns]")
        _report(problems, cells, beyond, name, DATE_RANGE_REASON)
        todo &= ~hit
        unread.loc[beyond.index[beyond]] = False  # reported: not again as "not a date"
    _report(problems, column, unread & parsed.isna(), name,
            "is not a date (use YYYY-MM-DD, DD.MM.YYYY, MM/DD/YYYY or YYYYMMDD)")
    return parsed.dt.normalize()


DATE_RANGE_REASON = "is not a date between 1678 and 2261 (the dates that can be stored)"


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
    decimal: str = ".",
) -> pd.Series:
    """Parse numbers (formatted ones too), optionally whole and within [low, high]."""
    present = column != ""
    parsed = _plain_numbers(column.where(present)) if decimal == "." else None
    if parsed is None:
        parsed = pd.to_numeric(normalise_numbers(column, decimal).where(present),
                               errors="coerce")
    _report(problems, column, present & parsed.isna(), name, "is not a number")
    # Infinity, NaN and 1e308 parse as floats, but no score or count is one of them.
    infinite = parsed.notna() & ~np.isfinite(parsed)
    _report(problems, column, infinite, name, "is not a finite number")
    parsed = parsed.where(~infinite)
    ok = parsed.notna()
    if integer:
        _report(problems, column, ok & (parsed != np.floor(parsed)), name, "is not a whole number")
    if low is not None or high is not None:
        lo = -np.inf if low is None else low
        hi = np.inf if high is None else high
        span = f"between {low:g} and {high:g}" if low is not None and high is not None else (
            f"at least {low:g}" if low is not None else f"at most {high:g}"
        )
        outside = ok & ((parsed < lo) | (parsed > hi))
        _report(problems, column, outside, name, f"is not {span}")
        parsed = parsed.where(~outside)  # reported; blank, so no cast overflows on it
    return parsed


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
    _report(problems, column, bad, name, "is not yes/no (use 1/0, true/false, ja/nein)")
    return lowered.isin(TRUE_WORDS)


def parse_choice(column: pd.Series, name: str, problems: Problems, choices: dict[str, str]
                 ) -> pd.Series:
    """Map words (case-insensitive) to canonical values via choices; empty stays missing."""
    lowered = column.str.lower()
    mapped = lowered.map(choices)
    allowed = ", ".join(sorted(set(choices.values())))
    _report(problems, column, (column != "") & mapped.isna(), name, f"is not one of: {allowed}")
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
    _report(problems, column, unknown, name, f"is not a known {what}")
    if unknown.any():
        labels = problems.unknown.setdefault(what, {})
        for row, label in column[unknown].items():
            labels.setdefault(label, []).append(int(row))
    return mapped.where(column != "")


def optional_text(column: pd.Series) -> pd.Series:
    """Return the column with empty cells as missing."""
    return column.where(column != "")
