"""Target vs best: every selected touchpoint against its target and best-in-class value,
and customer versus employee scores."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data import scorecards
from data.queries import Filters
from data.store import Store
from views.common import identity, option, touchpoint_table

PERSPECTIVES = ("all", "customer", "employee")


@dataclass
class BenchmarkModel:
    filters: Filters
    perspective: str
    card: pd.DataFrame  # every selected touchpoint
    audited: pd.DataFrame  # those with audits in the period (the charts)

    @property
    def empty(self) -> bool:
        return self.audited.empty


def model(store: Store, f: Filters, options: dict | None = None) -> BenchmarkModel:
    """Compute the benchmark; options: perspective (all, customer, employee)."""
    card = scorecards.touchpoint_scorecard(store, f)
    audited = card.loc[card["n"] > 0] if not card.empty else card
    return BenchmarkModel(f, option(options, "perspective", PERSPECTIVES, "all"), card, audited)


def tables(m: BenchmarkModel, translate=identity) -> dict[str, pd.DataFrame]:
    return {"Touchpoints": touchpoint_table(m.card)}
