"""Atlas callbacks: URL → views.atlas.model → lifecycle strip and ranked table."""

from __future__ import annotations

from dash import Input, Output, State

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, loosen_links, with_params
from data.store import Store
from layouts import atlas, components, ids
from views import atlas as view


def update(store: Store, search: str | None, lang: str):
    m = view.model(store, filters_from_search(store, search))
    if m.empty:
        return components.empty_filters(lang, loosen_links(search, m.loosen)), None

    def href_for(key):
        return "/journey" + with_params(search, journey=key)

    return None, [atlas.lifecycle_strip(m.journeys, lang, href_for),
                  atlas.table(m.journeys, lang, search, href_for)]


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.ATLAS_NOTICE, "children"),
        Output(ids.ATLAS_TABLE, "children"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda search, lang: cached_view(store, "atlas", update, search, lang))
