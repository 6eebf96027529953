"""Atlas callbacks: every journey ranked, suboptimal first."""

from __future__ import annotations

from dataclasses import replace

from dash import Input, Output, State

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, with_params
from data import queries, scorecards
from data.store import Store
from layouts import atlas, components, ids


def update(store: Store, search: str | None, lang: str):
    f = filters_from_search(store, search)
    # The atlas compares journeys, so it shows all of them whatever the journey filter says.
    every = replace(f, journeys=())
    queries.prefetch(
        store,
        lambda: scorecards.touchpoint_scorecard(store, every),
        lambda: queries.survey_aggregates(store, every, by=("journey",)),
        lambda: queries.audit_aggregates(store, every.widened(scorecards.TREND_WEEKS),
                                         by=("journey", "week")),
    )
    journeys = scorecards.journey_scorecard(store, every)
    if journeys.empty or journeys["audits"].sum() == 0:
        return components.empty_filters(lang), None

    def href_for(key):
        return "/journey" + with_params(search, journey=key)

    return None, [atlas.lifecycle_strip(journeys, lang, href_for),
                  atlas.table(journeys, lang, search, href_for)]


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.ATLAS_NOTICE, "children"),
        Output(ids.ATLAS_TABLE, "children"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda search, lang: cached_view(store, "atlas", update, search, lang))
