"""The journey map: one journey's touchpoint cards in step order, its summary, the persona
and the emotion curve. The poster prints this model."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data import queries, scorecards
from data.queries import Filters
from data.store import Store
from views import actions as actions_view
from views.common import (
    identity,
    journey_table,
    loosen,
    option,
    persona_of,
    single_journey,
    touchpoint_table,
)

LANES = ("none", "channel", "department")


@dataclass
class JourneyModel:
    """One journey of the filters: which one, which others were asked for, its cards."""

    filters: Filters  # as asked
    single: Filters  # narrowed to the journey shown
    key: str | None
    journey: dict | None  # catalog row of the journey shown
    journeys: pd.DataFrame  # every journey (the picker)
    selected: tuple[str, ...]  # the journeys the filter asked for (several: one is shown)
    persona: dict | None
    card: pd.DataFrame  # touchpoint scorecard of the journey, in step order
    summary: dict | None  # journey scorecard row
    phases: pd.DataFrame
    lanes: str
    loosen: tuple[str, ...] = ()  # filters that, removed alone, bring data back

    @property
    def applied(self) -> Filters:
        """The filters the numbers rest on."""
        return self.single

    @property
    def empty(self) -> bool:
        """True when no touchpoint of the journey has an audit in the period."""
        return self.card.empty or int(self.card["n"].sum()) == 0

    @property
    def several(self) -> bool:
        """True when the filter names more than one journey (the map shows one)."""
        return len(self.selected) > 1

    @property
    def steps(self) -> pd.DataFrame:
        """The cards in the order of the emotion curve (phase, then step)."""
        if self.card.empty:
            return self.card
        return self.card.sort_values(["phase_position", "position"],
                                     kind="stable").reset_index(drop=True)


def model(store: Store, f: Filters, options: dict | None = None) -> JourneyModel:
    """Compute the journey map for the filters; options: lanes (none, channel, department)."""
    catalog = queries.catalog(store)
    key, single = single_journey(store, f)
    lanes = option(options, "lanes", LANES, "none")
    journeys = catalog["journeys"]
    persona = persona_of(store, f)
    if key is None:
        empty = scorecards.touchpoint_scorecard(store, f).head(0)
        return JourneyModel(f, single, None, None, journeys, f.journeys, persona, empty, None,
                            catalog["phases"], lanes)
    queries.prefetch(
        store,
        lambda: scorecards.touchpoint_scorecard(store, single),
        lambda: queries.survey_aggregates(store, single, by=("journey",)),
        lambda: queries.audit_aggregates(store, single.widened(scorecards.TREND_WEEKS),
                                         by=("journey", "week")),
    )
    card = actions_view.with_counts(store, single, scorecards.touchpoint_scorecard(store, single))
    summary = None
    if not card.empty and int(card["n"].sum()) > 0:
        rows = scorecards.journey_scorecard(store, single)
        summary = rows.iloc[0].to_dict() if not rows.empty else None
    match = journeys.loc[journeys["key"] == key]
    m = JourneyModel(f, single, key, match.iloc[0].to_dict() if not match.empty else None,
                     journeys, f.journeys, persona, card, summary, catalog["phases"], lanes)
    if m.empty:
        # The map shows one journey whatever the filter: removing it would not help.
        m.loosen = tuple(d for d in loosen(store, single) if d != "journey")
    return m


def tables(m: JourneyModel, translate=identity) -> dict[str, pd.DataFrame]:
    """The journey map's numbers as download tables."""
    summary = pd.DataFrame([m.summary]) if m.summary else pd.DataFrame()
    return {"Touchpoints": touchpoint_table(m.card), "Journey": journey_table(summary)}
