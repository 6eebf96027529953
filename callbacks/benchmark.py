"""Benchmark callbacks: URL → views.benchmark.model → bullet chart, table, inside-out."""

from __future__ import annotations

import pandas as pd
from dash import Input, Output, State

from callbacks.actions import act_keys, act_scope
from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, loosen_links, view_options
from data.store import Store
from layouts import benchmark, components, ids
from views import benchmark as view


def update(store: Store, search: str | None, lang: str, scope: str = ""):
    """Return notice, bullet chart, the table's rows, head and style (with "Act" links where
    ``scope`` allows, see callbacks.actions.act_scope) and the inside-out chart (figure and
    which of chart and note shows)."""
    m = view.model(store, filters_from_search(store, search), view_options(search, "perspective"))
    notice = components.empty_filters(lang, loosen_links(search, m.loosen)) if m.empty else None
    rows = m.rows if not m.rows.empty else pd.DataFrame(columns=benchmark.TABLE_COLUMNS)
    table = benchmark.table(rows, m.perspective, lang, search, act_keys(rows, scope))
    return (notice, benchmark.bullet_chart(m.bullets, m.perspective, lang),
            table.rows, table.head, benchmark.HIDDEN if m.rows.empty else None,
            *benchmark.perspective_chart(m.audited, lang))


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.BENCHMARK_NOTICE, "children"),
        Output(ids.BENCHMARK_GRAPH, "figure"),
        Output(ids.BENCHMARK_TABLE_DATA, "rows"),
        Output(ids.BENCHMARK_TABLE_DATA, "head"),
        Output(ids.BENCHMARK_TABLE, "style"),
        Output(ids.BENCHMARK_PERSPECTIVES_GRAPH, "figure"),
        Output(ids.BENCHMARK_PERSPECTIVES, "style"),
        Output(ids.BENCHMARK_NO_PERSPECTIVES, "style"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda search, lang: cached_view(store, "benchmark", update, search, lang, act_scope()))
