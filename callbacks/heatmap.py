"""Heatmap callbacks: cells from SQL aggregates; a click filters to the cell."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from dash import Input, Output, State, no_update

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, param, with_params
from data import queries, scorecards
from data.store import Store
from layouts import components, heatmap, ids

WEEKS = 12


def update(store: Store, search: str | None, lang: str):
    """Return the notice, the phase × channel figure and the touchpoint × week figure."""
    f = filters_from_search(store, search)
    metric = param(search, "metric", "audit")
    metric = metric if metric in heatmap.METRICS else "audit"
    window = f.widened(WEEKS)
    queries.prefetch(
        store,
        lambda: scorecards.metric_cells(store, f, metric, ("phase", "channel")),
        lambda: scorecards.metric_cells(store, window, metric, ("touchpoint", "week")),
    )
    catalog = queries.catalog(store)
    phases = catalog["phases"]
    channels = catalog["channels"]
    pc = scorecards.metric_cells(store, f, metric, ("phase", "channel"))
    pc = pc.dropna(subset=["phase", "channel"])
    used_channels = [k for k in channels["key"] if k in set(pc["channel"])]
    fig_pc = heatmap.heatmap(pc, "channel", "phase", used_channels, list(phases["key"]), metric,
                             lang, dict(zip(channels["key"], channels["name"], strict=True)),
                             dict(zip(phases["key"], phases["name"], strict=True)))
    tw = scorecards.metric_cells(store, window, metric, ("touchpoint", "week")).dropna(subset=["touchpoint"])
    tps = queries.filtered_touchpoints(store, f)
    tps = tps[tps["key"].isin(set(tw["touchpoint"]))]
    labels = dict(zip(tps["key"], tps["name"], strict=True))
    if len(set(labels.values())) < len(labels):
        labels = {k: f"{v} ({k})" for k, v in labels.items()}
    tw["week"] = pd.to_datetime(tw["week"]).dt.date.astype(str)
    weeks = sorted(tw["week"].unique())
    fig_tw = heatmap.heatmap(tw, "week", "touchpoint", weeks, list(tps["key"]), metric, lang,
                             y_labels=labels, height=max(260, 26 * len(tps) + 80))
    notice = components.empty_filters(lang) if pc.empty and tw.empty else None
    return notice, fig_pc, fig_tw


def click_phase_channel(click: dict | None, search: str | None):
    """Filter to the clicked phase and channel."""
    point = (click or {}).get("points", [{}])[0]
    if not point.get("customdata"):
        return no_update
    phase, channel = point["customdata"]
    return with_params(search, phase=phase, channel=channel)


def click_touchpoint_week(click: dict | None, search: str | None):
    """Open the clicked touchpoint's drill-down for the clicked week."""
    point = (click or {}).get("points", [{}])[0]
    if not point.get("customdata"):
        return no_update, no_update
    key, week = point["customdata"]
    start = dt.date.fromisoformat(week)
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
