"""Journey-map callbacks: one journey's map and emotion curve for the filters."""

from __future__ import annotations

from dataclasses import replace

from dash import Input, Output, State

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, param, with_params
from data import queries, scorecards
from data.store import Store
from layouts import components, ids, journey


def update(store: Store, search: str | None, lang: str):
    """Return picker, persona header, summary, map and emotion curve."""
    f = filters_from_search(store, search)
    catalog = queries.catalog(store)
    journeys = catalog["journeys"]
    if journeys.empty:
        return [], None, None, None, journey.emotion_curve(
            scorecards.touchpoint_scorecard(store, f).head(0), lang)
    # The map shows one journey: the (first) selected one, else the first in the atlas order.
    key = f.journeys[0] if f.journeys else journeys["key"].iloc[0]
    single = replace(f, journeys=(key,))
    picker = journey.picker(journeys, key, lambda k: with_params(search, journey=k))
    persona = None
    if len(f.personas) == 1:
        match = catalog["personas"].loc[catalog["personas"]["key"] == f.personas[0]]
        persona = match.iloc[0].to_dict() if not match.empty else None
    queries.prefetch(
        store,
        lambda: scorecards.touchpoint_scorecard(store, single),
        lambda: queries.survey_aggregates(store, single, by=("journey",)),
        lambda: queries.audit_aggregates(store, single.widened(scorecards.TREND_WEEKS),
                                         by=("journey", "week")),
    )
    card = scorecards.touchpoint_scorecard(store, single)
    if card.empty or card["n"].sum() == 0:
        notice = components.empty_filters(lang)
        figure = journey.emotion_curve(card, lang)
        grid = journey.journey_map(card, catalog["phases"], "none", lang, search) \
            if not card.empty else None
        return picker, journey.persona_header(persona, lang), notice, grid, figure
    summary_row = scorecards.journey_scorecard(store, single).iloc[0].to_dict()
    lanes = param(search, "lanes", "none")
    return (
        picker,
        journey.persona_header(persona, lang),
        journey.summary(summary_row, lang),
        journey.journey_map(card, catalog["phases"], lanes, lang, search),
        journey.emotion_curve(card, lang),
    )


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.JOURNEY_PICKER, "children"),
        Output(ids.JOURNEY_PERSONA, "children"),
        Output(ids.JOURNEY_NOTICE, "children"),
        Output(ids.JOURNEY_MAP, "children"),
        Output(ids.JOURNEY_EMOTION_CURVE, "figure"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda search, lang: cached_view(store, "journey", update, search, lang))
