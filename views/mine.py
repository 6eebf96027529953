"""My touchpoints: a department's touchpoints worst first with a 12-week sparkline, or,
without a department, the departments to pick from with how many are below target."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data import kpis, queries, scorecards
from data.queries import Filters
from data.store import Store
from views import actions as actions_view
from views.common import identity, loosen, touchpoint_table

WEEKS = 12


@dataclass
class MineModel:
    filters: Filters
    departments: pd.DataFrame  # catalog
    chosen: tuple[str, ...]  # the department filter (none: the picker is shown)
    label: str  # the chosen departments' names
    card: pd.DataFrame
    below: dict[str, int] = field(default_factory=dict)  # department -> touchpoints below target
    trends: dict[str, list[float]] = field(default_factory=dict)
    loosen: tuple[str, ...] = ()  # filters that, removed alone, bring data back

    @property
    def counts(self) -> dict[str, int]:
        """total, audited, below (target), worse and better (significant changes)."""
        audited = self.card.loc[self.card["n"] > 0] if not self.card.empty else self.card
        sig = kpis.significance_mask(audited["significant"]) if not audited.empty else audited
        return {"total": len(self.card), "audited": len(audited),
                "below": int(audited["light"].isin(["red", "amber"]).sum()) if len(audited) else 0,
                "worse": int((sig & (audited["delta"] < 0).to_numpy()).sum()) if len(audited) else 0,
                "better": int((sig & (audited["delta"] > 0).to_numpy()).sum()) if len(audited) else 0}

    @property
    def picking(self) -> bool:
        return not self.chosen

    @property
    def empty(self) -> bool:
        return self.card.empty or int(self.card["n"].sum()) == 0


def weekly_trends(store: Store, f: Filters, weeks: int = WEEKS) -> dict[str, list[float]]:
    """Return the weekly mean audit score of each touchpoint over the last weeks."""
    weekly = scorecards.metric_cells(store, f.widened(weeks), "audit", ("touchpoint", "week"))
    return {k: g.sort_values("week")["value"].round(2).tolist()
            for k, g in weekly.groupby("touchpoint")}


def model(store: Store, f: Filters, options: dict | None = None) -> MineModel:
    """Compute the department's touchpoints (the department filter chooses)."""
    departments = queries.catalog(store)["departments"]
    card = scorecards.touchpoint_scorecard(store, f)
    if not f.departments:
        below = card.loc[card["light"].isin(["red", "amber"])].groupby(
            "department_key").size().to_dict() if not card.empty else {}
        return MineModel(f, departments, (), "", card, below=below)
    names = departments.set_index("key")["name"]
    label = ", ".join(names.get(k, k) for k in f.departments)
    trends = weekly_trends(store, f) if not card.empty else {}
    card = actions_view.with_counts(store, f, card)
    # Worst first: the largest shortfall against target; unaudited touchpoints last.
    card = card.assign(_order=card["gap_target"].fillna(99)).sort_values(
        "_order", kind="stable").drop(columns="_order").reset_index(drop=True)
    m = MineModel(f, departments, f.departments, label, card, trends=trends)
    if m.empty:
        m.loosen = tuple(d for d in loosen(store, f) if d != "department")
    return m


def tables(m: MineModel, translate=identity) -> dict[str, pd.DataFrame]:
    frame = touchpoint_table(m.card)
    if m.trends:
        frame["weekly_scores"] = [" ".join(str(v) for v in m.trends.get(k, []))
                                  for k in frame["key"]]
    return {"Touchpoints": frame}
