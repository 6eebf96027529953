"""The weekly report: the overview of one week (against the week before), each
department's gaps and movers, 12-week trends, and how old the newest data is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pandas as pd

from data import actions as actions_data
from data import effects
from data.queries import Filters
from data.store import Store
from views import overview, periods
from views.common import touchpoint_lists

TREND_WEEKS = 12


@dataclass
class ReportModel:
    overview: overview.OverviewModel
    departments: list[dict]  # key, name, touchpoints, below, gaps, movers
    trend_nps: pd.DataFrame
    trend_audit: pd.DataFrame
    audit_target: float | None
    data_through: dt.date | None  # the newest date in the data
    today: dt.date
    actions: dict[str, pd.DataFrame] = field(default_factory=dict)  # new, overdue, done

    @property
    def age_days(self) -> int | None:
        """Days between the newest data and today (None without data)."""
        return None if self.data_through is None else (self.today - self.data_through).days

    @property
    def stale(self) -> bool:
        return self.age_days is not None and self.age_days > periods.STALE_DAYS


def departments_of(card: pd.DataFrame) -> list[dict]:
    """Each audited department's touchpoints, below-target count, top gaps and movers."""
    out = []
    if card.empty:
        return out
    for key, part in card.loc[card["n"] > 0].groupby("department_key", sort=True):
        gaps, movers, _ = touchpoint_lists(part, size=3)
        out.append({"key": key, "name": part["department_name"].iloc[0],
                    "touchpoints": len(part),
                    "below": int(part["light"].isin(["red", "amber"]).sum()),
                    "gaps": gaps, "movers": movers})
    return out


def week_actions(store: Store, f: Filters) -> dict[str, pd.DataFrame]:
    """The actions created in the period, overdue at its end, and done in it (with owners)."""
    as_of = f.date_to + dt.timedelta(days=1) if f.date_to else None
    frame = actions_data.select(store, f, as_of)
    # Measured this week: closed weeks ago, so the period does not select them.
    every = actions_data.select(store, replace(f, date_from=None, date_to=None), as_of)
    if frame.empty and every.empty:
        return {"new": frame, "overdue": frame, "done": frame, "measured": frame}
    created = pd.to_datetime(frame["created_at"]).dt.date if not frame.empty else []

    def within(d):
        return d is not None and (f.date_from is None or d >= f.date_from) and (
            f.date_to is None or d <= f.date_to)

    # Did it work: done actions whose after-window (the default weeks) ended this week.
    span = dt.timedelta(days=7 * effects.DEFAULT_WEEKS - 1)
    measured = every.loc[[s == "done" and d is not None and within(d + span)
                          for s, d in zip(every["status"], every["done_on"], strict=True)]]
    found = [effects.compute(store, r) for r in measured.to_dict("records")]
    did = [next((x["did"] for x in e.as_dict()["metrics"] if x["metric"] == "audit"), None)
           for e in found]
    sig = [next((x["did_significant"] for x in e.as_dict()["metrics"]
                 if x["metric"] == "audit"), None) for e in found]
    return {"measured": measured.assign(effect_audit=did, effect_significant=sig),
            "new": frame.loc[[within(d) for d in created]],
            "overdue": frame.loc[frame["overdue"]].sort_values("due_date"),
            "done": frame.loc[(frame["status"] == "done")
                              & pd.Series([within(d) for d in frame["done_on"]],
                                          index=frame.index)]}


def model(store: Store, f: Filters, options: dict | None = None) -> ReportModel:
    """Compute the report for filters spanning one week; options: today (a date)."""
    view = overview.model(store, f, {"trend": "nps"})
    nps, _ = overview.trend(store, f, "nps", TREND_WEEKS)
    audit, target = overview.trend(store, f, "audit", TREND_WEEKS)
    today = (options or {}).get("today") or dt.date.today()
    return ReportModel(view, departments_of(view.scorecard), nps, audit, target,
                       periods.newest_date(store), today, week_actions(store, f))
