"""Persona callbacks: cards with each persona's survey KPIs."""

from __future__ import annotations

from dataclasses import replace

from dash import Input, Output, State

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, with_params
from data import kpis, queries
from data.store import Store
from layouts import ids, personas


def update(store: Store, search: str | None, lang: str):
    f = filters_from_search(store, search)
    catalog = queries.catalog(store)
    if catalog["personas"].empty:
        return None, None
    survey = queries.survey_aggregates(store, replace(f, personas=()), by=("persona",))
    journey_names = catalog["journeys"].set_index("key")["name"]
    links = catalog["journey_personas"]
    cards = []
    for persona in catalog["personas"].to_dict("records"):
        mine = survey.loc[survey["persona"] == persona["key"]] if not survey.empty else survey
        values = {}
        for metric in ("nps", "ces", "csat"):
            part = mine.loc[mine["metric"] == metric]
            if not part.empty:
                row = kpis.metric_table(part, metric).iloc[0]
                values[metric] = {"value": row["value"], "n": int(row["n"])}
        journeys = [journey_names.get(k, k) for k in
                    links.loc[links["persona_key"] == persona["key"], "journey_key"]]
        selected = persona["key"] in f.personas
        href = "/personas" + with_params(search, persona=None if selected else persona["key"])
        cards.append(personas.card(persona, values, journeys, selected, lang, href))
    return None, personas.grid(cards)


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.PERSONAS_NOTICE, "children"),
        Output(ids.PERSONA_CARDS, "children"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda search, lang: cached_view(store, "personas", update, search, lang))
