"""The actions list: every action the global filters select, sortable, with its owner,
due date, state and, for a done action, whether it worked. The screen, the download,
``cxdash actions list`` and ``GET /api/v1/actions`` read this model.

Helpers here also give the other views their action counts (journey cards, My
touchpoints, the overview, the weekly report), so every place counts the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pandas as pd

from data import actions, effects
from data.queries import Filters
from data.store import Store
from views.common import identity, option

SORTS = ("due", "status", "touchpoint", "owner", "changed")
SORT_COLUMNS = {"due": (["due_date", "id"], [True, True]),
                "status": (["status_order", "due_date"], [True, True]),
                "touchpoint": (["journey_name", "touchpoint_name", "id"], [True, True, True]),
                "owner": (["owner", "due_date"], [True, True]),
                "changed": (["changed_at"], [False])}
STATUS_ORDER = {s: i for i, s in enumerate(("open", "in_progress", "done", "dropped"))}
EXPORT_COLUMNS = {
    "id": "id", "title": "title", "journey_name": "journey", "touchpoint_name": "touchpoint",
    "touchpoint_key": "touchpoint_key", "department": "department", "owner": "owner",
    "due_date": "due_date", "status": "status", "overdue": "overdue", "done_on": "done_on",
    "origin": "origin", "description": "description", "created_by": "created_by",
    "created_at": "created_at", "changed_by": "changed_by", "changed_at": "changed_at",
}


@dataclass
class ActionsModel:
    filters: Filters
    sort: str
    frame: pd.DataFrame  # one row per action, in the chosen order
    today: dt.date
    summary: dict = field(default_factory=dict)  # open, overdue, done (in the period), total

    @property
    def empty(self) -> bool:
        return self.frame.empty


def summarise(frame: pd.DataFrame, f: Filters) -> dict[str, int]:
    """Open, overdue, done in the period (by completion date) and new in the period."""
    if frame.empty:
        return {"total": 0, "open": 0, "overdue": 0, "done": 0, "new": 0}
    done = frame["status"] == "done"
    in_period = [d is not None and (f.date_from is None or d >= f.date_from)
                 and (f.date_to is None or d <= f.date_to) for d in frame["done_on"]]
    created = pd.to_datetime(frame["created_at"]).dt.date
    new = [(f.date_from is None or c >= f.date_from) and (f.date_to is None or c <= f.date_to)
           for c in created]
    return {"total": len(frame), "open": int(frame["status"].isin(actions.ACTIVE).sum()),
            "overdue": int(frame["overdue"].sum()),
            "done": int((done & pd.Series(in_period, index=frame.index)).sum()),
            "new": int(sum(new))}


def counts(store: Store, f: Filters, today: dt.date | None = None) -> dict[str, dict[str, int]]:
    """Touchpoint key -> open, overdue and done actions the filters select (the period
    left out: a card shows what is open now)."""
    return actions.counts_by_touchpoint(
        actions.select(store, replace(f, date_from=None, date_to=None), today))


def with_counts(store: Store, f: Filters, card: pd.DataFrame,
                today: dt.date | None = None) -> pd.DataFrame:
    """A touchpoint scorecard with open_actions and overdue_actions per touchpoint."""
    if card.empty:
        return card.assign(open_actions=pd.Series(dtype="int64"),
                           overdue_actions=pd.Series(dtype="int64"))
    found = counts(store, f, today)
    return card.assign(
        open_actions=[found.get(k, {}).get("open", 0) for k in card["key"]],
        overdue_actions=[found.get(k, {}).get("overdue", 0) for k in card["key"]])


def model(store: Store, f: Filters, options: dict | None = None,
          today: dt.date | None = None) -> ActionsModel:
    """Compute the actions the filters select, sorted by options["sort"]."""
    today = today or dt.date.today()
    sort = option(options, "sort", SORTS, "due")
    frame = actions.select(store, f, today)
    if not frame.empty:
        columns, ascending = SORT_COLUMNS[sort]
        frame = frame.assign(status_order=frame["status"].map(STATUS_ORDER),
                             _due=frame["due_date"].map(lambda d: d or dt.date.max))
        columns = ["_due" if c == "due_date" else c for c in columns]
        frame = frame.sort_values(columns, ascending=ascending, kind="stable",
                                  na_position="last").drop(columns=["_due", "status_order"])
        frame = frame.reset_index(drop=True)
    return ActionsModel(f, sort, frame, today, summarise(frame, f))


def effect_of(store: Store, action: dict, weeks: int = effects.DEFAULT_WEEKS) -> effects.Effect:
    """The effect of one action ("did it work?")."""
    return effects.compute(store, action, weeks)


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Actions with the export's column names."""
    columns = [c for c in EXPORT_COLUMNS if c in frame.columns]
    if frame.empty:
        return pd.DataFrame(columns=list(EXPORT_COLUMNS.values()))
    out = frame[columns].rename(columns=EXPORT_COLUMNS).reset_index(drop=True)
    # To the minute, as text: the file then holds what the model holds.
    for column in ("created_at", "changed_at"):
        out[column] = pd.to_datetime(out[column]).dt.strftime("%Y-%m-%d %H:%M")
    return out


def tables(m: ActionsModel, translate=identity) -> dict[str, pd.DataFrame]:
    """The list as it is on screen (same filters, same order)."""
    return {"Actions": export_frame(m.frame)}
