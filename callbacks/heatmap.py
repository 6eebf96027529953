"""Heatmap callbacks: URL → views.heatmap.model → figures; a click filters to the cell."""

from __future__ import annotations

import datetime as dt

from dash import Input, Output, State, no_update

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, loosen_links, view_options, with_params
from data.store import Store
from layouts import components, heatmap, ids
from views import heatmap as view


def update(store: Store, search: str | None, lang: str):
    """Return the notice, the phase × channel figure and the touchpoint × week figure."""
    m = view.model(store, filters_from_search(store, search), view_options(search, "metric"))
    fig_pc = heatmap.heatmap(m.phase_channel, "channel", "phase", m.channels, m.phases,
                             m.metric, lang, m.channel_names, m.phase_names)
    fig_tw = heatmap.heatmap(m.touchpoint_week, "week", "touchpoint", m.weeks, m.touchpoints,
                             m.metric, lang, y_labels=m.touchpoint_names,
                             height=max(260, 26 * len(m.touchpoints) + 80), cell_text=False)
    notice = components.empty_filters(lang, loosen_links(search, m.loosen)) if m.empty else None
    return notice, fig_pc, fig_tw


def _cell(click: dict | None) -> tuple[str, str] | None:
    """The clicked cell's (y key, x key): the axes hold the keys (customdata when sent)."""
    points = (click or {}).get("points") or [{}]
    point = points[0] or {}
    if point.get("customdata"):
        return tuple(point["customdata"])
    if point.get("x") is not None and point.get("y") is not None:
        return str(point["y"]), str(point["x"])
    return None


def click_phase_channel(click: dict | None, search: str | None):
    """Filter to the clicked phase and channel."""
    cell = _cell(click)
    if cell is None:
        return no_update
    phase, channel = cell
    return with_params(search, phase=phase, channel=channel)


def click_touchpoint_week(click: dict | None, search: str | None):
    """Open the clicked touchpoint's drill-down for the clicked week."""
    cell = _cell(click)
    if cell is None:
        return no_update, no_update
    key, week = cell
    try:
        start = dt.date.fromisoformat(week[:10])
    except ValueError:
        return no_update, no_update
    end = start + dt.timedelta(days=6)
    return f"/touchpoints/{key}", with_params(search, **{"from": start.isoformat(),
                                                          "to": end.isoformat(), "period": None})


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.HEATMAP_NOTICE, "children"),
        Output(ids.HEATMAP_GRAPH, "figure"),
        Output(ids.HEATMAP_WEEKS_GRAPH, "figure"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda search, lang: cached_view(store, "heatmap", update, search, lang))
    app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.HEATMAP_GRAPH, "clickData"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(click_phase_channel)
    app.callback(
        Output(ids.URL, "pathname", allow_duplicate=True),
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.HEATMAP_WEEKS_GRAPH, "clickData"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(click_touchpoint_week)
