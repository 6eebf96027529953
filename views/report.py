"""The weekly report: the overview of one week (against the week before), each
department's gaps and movers, 12-week trends, and how old the newest data is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

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


def model(store: Store, f: Filters, options: dict | None = None) -> ReportModel:
    """Compute the report for filters spanning one week; options: today (a date)."""
    view = overview.model(store, f, {"trend": "nps"})
    nps, _ = overview.trend(store, f, "nps", TREND_WEEKS)
    audit, target = overview.trend(store, f, "audit", TREND_WEEKS)
    today = (options or {}).get("today") or dt.date.today()
    return ReportModel(view, departments_of(view.scorecard), nps, audit, target,
                       periods.newest_date(store), today)
