"""Vectorised parsers for string columns; each records its problems with row numbers.

A parser takes the string column of a frame whose index is the spreadsheet row number,
returns the parsed column, and adds one problem for each cell it cannot accept.
Empty cells are left as missing; whether that is allowed is the caller's decision.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.ingest.problems import Problems

TRUE_WORDS = {"1", "true", "yes", "y", "ja", "j", "x", "wahr"}
FALSE_WORDS = {"0", "false", "no", "n", "nein", "falsch", ""}


def _show(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _report(problems: Problems, column: pd.Series, bad: pd.Series, name: str, why: str) -> None:
    if bad.any():
        values = column[bad].tolist()
        problems.add_rows(column.index[bad], name, lambda i: f"{_show(values[i])} {why}")


def parse_date(column: pd.Series, name: str, problems: Problems) -> pd.Series:
    """Parse ISO dates (YYYY-MM-DD, optionally with a time) into datetime64."""
    parsed = pd.to_datetime(column.where(column != ""), format="ISO8601", errors="coerce")
    _report(problems, column, (column != "") & parsed.isna(), name,
            "is not a date (expected YYYY-MM-DD)")
    return parsed.dt.normalize()


def parse_number(
    column: pd.Series,
    name: str,
    problems: Problems,
    *,
    integer: bool = False,
    low: float | None = None,
    high: float | None = None,
) -> pd.Series:
    """Parse numbers, optionally whole and within [low, high]."""
    present = column != ""
    parsed = pd.to_numeric(column.where(present), errors="coerce")
    _report(problems, column, present & parsed.isna(), name, "is not a number")
    ok = parsed.notna()
    if integer:
        _report(problems, column, ok & (parsed != np.floor(parsed)), name, "is not a whole number")
    if low is not None or high is not None:
        lo = -np.inf if low is None else low
        hi = np.inf if high is None else high
        span = f"between {low:g} and {high:g}" if low is not None and high is not None else (
            f"at least {low:g}" if low is not None else f"at most {high:g}"
        )
        _report(problems, column, ok & ((parsed < lo) | (parsed > hi)), name, f"is not {span}")
    return parsed


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
    mapped = column.str.casefold().map(lookup)
    _report(problems, column, (column != "") & mapped.isna(), name, f"is not a known {what}")
    return mapped.where(column != "")


def optional_text(column: pd.Series) -> pd.Series:
    """Return the column with empty cells as missing."""
    return column.where(column != "")
