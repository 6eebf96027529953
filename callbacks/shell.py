"""Shell callbacks: URL <-> filter bar, page routing, links that keep the filters."""

from __future__ import annotations

from dash import ALL, Input, Output, State, ctx, no_update

from callbacks import filters
from data.store import Store
from layouts import ids, overview, shell

FILTER_OUTPUTS = (ids.FILTER_JOURNEY, ids.FILTER_PERSONA, ids.FILTER_PHASE, ids.FILTER_CHANNEL,
                  ids.FILTER_DEPARTMENT)
FILTER_DIMENSIONS = ("journey", "persona", "phase", "channel", "department")

PAGES = {"/": overview.page}


def sync_filters(store: Store, trigger, search, journey, persona, phase, channel, department,
                 start, end):
    """Keep the filter bar and the URL in step; the URL is the state.

    Returns (search, journey, persona, phase, channel, department, start, end), with
    no_update for the side that caused the change.
    """
    if trigger == ids.FILTER_RESET:
        start, end = filters.default_period(store)
        return ("", [], [], [], [], [], start, end)
    if trigger in FILTER_OUTPUTS or trigger == ids.FILTER_DATE:
        values = dict(zip(FILTER_DIMENSIONS, (journey, persona, phase, channel, department),
                          strict=True))
        new = filters.search_from_values(values, start, end)
        return (new if new != (search or "") else no_update, *([no_update] * 7))
    # Page load or browser navigation: the URL wins.
    keys, start, end, all_time = filters.parse(search)
    if not all_time and start is None and end is None:
        start, end = filters.default_period(store)
    values = [list(keys[d + "s"]) for d in FILTER_DIMENSIONS]
    return (no_update, *values, start, end)


def route(pathname: str | None, lang: str):
    """Return the page for a path."""
    page = PAGES.get(pathname or "/")
    return page(lang) if page else shell.not_found(pathname, lang)


def nav_hrefs(search: str | None, link_ids: list[dict]) -> list[str]:
    """Return navbar hrefs that carry the current filters to the next page."""
    return [link["page"] + (search or "") for link in link_ids]


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.URL, "search"),
        *[Output(cid, "value") for cid in FILTER_OUTPUTS],
        Output(ids.FILTER_DATE, "start_date"),
        Output(ids.FILTER_DATE, "end_date"),
        Input(ids.URL, "search"),
        *[Input(cid, "value") for cid in FILTER_OUTPUTS],
        Input(ids.FILTER_DATE, "start_date"),
        Input(ids.FILTER_DATE, "end_date"),
        Input(ids.FILTER_RESET, "n_clicks"),
    )(lambda search, *values: sync_filters(store, ctx.triggered_id, search, *values[:-1]))

    app.callback(
        Output(ids.PAGE, "children"),
        Input(ids.URL, "pathname"),
        State(ids.LANG, "data"),
    )(route)

    app.callback(
        Output(ids.nav_link(ALL), "href"),
        Input(ids.URL, "search"),
        State(ids.nav_link(ALL), "id"),
    )(nav_hrefs)
