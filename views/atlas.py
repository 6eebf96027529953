"""The journey atlas: every journey ranked by its gap to target (the journey filter is
ignored: the atlas compares journeys)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from data import queries, scorecards
from data.queries import Filters
from data.store import Store
from views.common import identity, journey_table, loosen


@dataclass
class AtlasModel:
    filters: Filters  # as asked
    every: Filters  # without the journey filter
    journeys: pd.DataFrame  # journey scorecard, furthest below target first
    loosen: tuple[str, ...] = ()  # filters that, removed alone, bring data back

    @property
    def applied(self) -> Filters:
        """The filters the numbers rest on."""
        return self.every

    @property
    def empty(self) -> bool:
        return self.journeys.empty or int(self.journeys["audits"].sum()) == 0


def model(store: Store, f: Filters, options: dict | None = None) -> AtlasModel:
    """Compute the atlas for the filters."""
    every = replace(f, journeys=())
    queries.prefetch(
        store,
        lambda: scorecards.touchpoint_scorecard(store, every),
        lambda: queries.survey_aggregates(store, every, by=("journey",)),
        lambda: queries.audit_aggregates(store, every.widened(scorecards.TREND_WEEKS),
                                         by=("journey", "week")),
    )
    m = AtlasModel(f, every, scorecards.journey_scorecard(store, every))
    if m.empty:
        m.loosen = loosen(store, every)
    return m


def tables(m: AtlasModel, translate=identity) -> dict[str, pd.DataFrame]:
    return {"Journeys": journey_table(m.journeys)}
