"""The actions list: every action the global filters select, sortable, with its owner,
due date, state and, for a done action, whether it worked. The screen, the download,
``cxdash actions list`` and ``GET /api/v1/actions`` read this model.

Helpers here also give the other views their action counts (journey cards, My
touchpoints, the overview, the weekly report), so every place counts the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import ClassVar

import pandas as pd

from data import actions, effects
from data.queries import Filters
from data.store import Store
from views.common import PagedFrame, identity, option, page_number

SORTS = ("due", "status", "touchpoint", "owner", "changed")
SORT_COLUMNS = {"due": (["due_date", "id"], [True, True]),
                "status": (["status_order", "due_date"], [True, True]),
                "touchpoint": (["journey_name", "touchpoint_name", "id"], [True, True, True]),
                "owner": (["owner", "due_date"], [True, True]),
                "changed": (["changed_at"], [False])}
STATUS_ORDER = {s: i for i, s in enumerate(("open", "in_progress", "done", "dropped"))}
PAGE_SIZE = 50  # rows a screen page shows; the download, CLI and API hold them all
EXPORT_COLUMNS = {
    "id": "id", "title": "title", "journey_name": "journey", "touchpoint_name": "touchpoint",
    "touchpoint_key": "touchpoint_key", "department": "department", "owner": "owner",
    "due_date": "due_date", "status": "status", "overdue": "overdue", "done_on": "done_on",
    "origin": "origin", "description": "description", "created_by": "created_by",
    "created_at": "created_at", "changed_by": "changed_by", "changed_at": "changed_at",
}


@dataclass
class ActionsModel(PagedFrame):
    page_size: ClassVar[int] = PAGE_SIZE
    filters: Filters
    sort: str
    frame: pd.DataFrame  # one row per action, in the chosen order
    today: dt.date
    summary: dict = field(default_factory=dict)  # open, overdue, done (in the period), total
    page: int = 1  # the screen's page (1-based), clamped to the pages there are

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
    """Compute the actions the filters select, sorted by options["sort"], with the
    screen's page options["page"] (past the last page: the last page)."""
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
    m = ActionsModel(f, sort, frame, today, summarise(frame, f))
    m.page = min(page_number((options or {}).get("page")), m.pages)
    return m


TOUCHPOINT_PAGE_SIZE = 10  # a touchpoint's actions per page of its card


@dataclass
class TouchpointActions(PagedFrame):
    """A touchpoint's actions for its page: open and in progress first (by due date),
    then done and dropped ones (newest first); one page of them, each done one on the page
    with its effect."""

    key: str
    frame: pd.DataFrame  # every action of the touchpoint, in that order
    page: int
    weeks: int
    effects: dict[int, dict]  # action id -> effect, for the done actions on the page
    page_size: ClassVar[int] = TOUCHPOINT_PAGE_SIZE


def touchpoint_actions(store: Store, key: str, weeks: int = effects.DEFAULT_WEEKS,
                       page=1, today: dt.date | None = None) -> TouchpointActions:
    """The touchpoint's actions, one page of them with the done ones' effects."""
    frame = actions.with_state(actions.all_actions(store), today)
    frame = frame.loc[frame["touchpoint_key"] == key]
    if not frame.empty:
        active = frame["status"].isin(actions.ACTIVE)
        due = frame["due_date"].map(lambda d: d or dt.date.max)
        frame = pd.concat([
            frame.loc[active].assign(_due=due[active]).sort_values(["_due", "id"]),
            frame.loc[~active].sort_values("id", ascending=False),
        ]).drop(columns="_due")
    m = TouchpointActions(key, frame.reset_index(drop=True), 1, weeks, {})
    m.page = min(page_number(page), m.pages)
    m.effects = {int(r["id"]): effect_of(store, r, weeks).as_dict()
                 for r in m.page_frame.to_dict("records") if r["status"] == "done"}
    return m


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
