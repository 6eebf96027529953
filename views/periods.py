"""Period presets for the weekly review, anchored on the newest date in the data (a
database whose newest rows are from Sunday answers "last week" with that week, whatever
today is): the last complete week, the last four weeks, the last complete quarter and
the year to date. Each is compared with the equally long period just before it."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from data import queries
from data.store import Store

PRESETS = ("week", "4w", "quarter", "ytd")
STALE_DAYS = 7


def last_complete_week(newest: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the last week whose Sunday the data has reached."""
    sunday = newest if newest.isoweekday() == 7 else newest - dt.timedelta(
        days=newest.isoweekday())
    return sunday - dt.timedelta(days=6), sunday


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def period(name: str, newest: dt.date) -> tuple[dt.date, dt.date]:
    """Return (first, last) day of a preset for data that reaches ``newest``."""
    if name == "week":
        return last_complete_week(newest)
    if name == "4w":
        return newest - dt.timedelta(days=27), newest
    if name == "quarter":
        following = _quarter_start(newest + dt.timedelta(days=1))
        start = _quarter_start(newest)
        if following != start:  # newest is a quarter's last day: that quarter is complete
            return start, newest
        end = start - dt.timedelta(days=1)
        return _quarter_start(end), end
    if name == "ytd":
        return dt.date(newest.year, 1, 1), newest
    raise ValueError(f"unknown period preset {name!r}")


def newest_date(store: Store) -> dt.date | None:
    """The newest date of any survey response or audit (None without data)."""
    _, last = queries.date_bounds(store)
    return None if last is None else pd.Timestamp(last).date()


def matching(store: Store, start: dt.date | None, end: dt.date | None) -> str:
    """The preset a period is (``custom`` for any other)."""
    newest = newest_date(store)
    if newest is None or start is None or end is None:
        return "custom"
    return next((p for p in PRESETS if period(p, newest) == (start, end)), "custom")


def data_age(store: Store, today: dt.date | None = None) -> dict | None:
    """The newest date, its age in days and whether it is stale (None without data)."""
    newest = newest_date(store)
    if newest is None:
        return None
    days = ((today or dt.date.today()) - newest).days
    return {"date": newest, "days": days, "stale": days > STALE_DAYS}
