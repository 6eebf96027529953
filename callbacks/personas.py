"""Persona callbacks: URL → views.personas.model → cards with each persona's KPIs."""

from __future__ import annotations

from dash import Input, Output, State

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, with_params
from data.store import Store
from layouts import ids, personas
from views import personas as view


def update(store: Store, search: str | None, lang: str):
    m = view.model(store, filters_from_search(store, search))
    if m.empty:
        return None, None
    cards = []
    for row in m.personas:
        href = "/personas" + with_params(search, persona=None if row.selected
                                         else row.persona["key"])
        cards.append(personas.card(row.persona, row.values, row.journeys, row.selected, lang,
                                   href))
    return None, personas.grid(cards)


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.PERSONAS_NOTICE, "children"),
        Output(ids.PERSONA_CARDS, "children"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda search, lang: cached_view(store, "personas", update, search, lang))
