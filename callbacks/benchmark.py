"""Benchmark callbacks: bullet chart, table and inside-out comparison for the filters."""

from __future__ import annotations

from dash import Input, Output, State

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, param
from data import scorecards
from data.store import Store
from layouts import benchmark, components, ids


def update(store: Store, search: str | None, lang: str):
    f = filters_from_search(store, search)
    perspective = param(search, "perspective", "all")
    perspective = perspective if perspective in benchmark.PERSPECTIVES else "all"
    card = scorecards.touchpoint_scorecard(store, f)
    audited = card.loc[card["n"] > 0] if not card.empty else card
    notice = components.empty_filters(lang) if audited.empty else None
    return (notice, benchmark.bullet_chart(audited, perspective, lang),
            benchmark.table(card, perspective, lang, search) if not card.empty else None,
            benchmark.perspective_chart(audited, lang))


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.BENCHMARK_NOTICE, "children"),
        Output(ids.BENCHMARK_GRAPH, "figure"),
        Output(ids.BENCHMARK_TABLE, "children"),
        Output(ids.BENCHMARK_PERSPECTIVES, "children"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda search, lang: cached_view(store, "benchmark", update, search, lang))
