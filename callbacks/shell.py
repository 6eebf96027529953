"""Shell callbacks: URL <-> filter bar, page routing, links that keep the filters."""

from __future__ import annotations

from urllib.parse import quote

from dash import ALL, ClientsideFunction, Input, Output, State, ctx, no_update

from callbacks import alerts as alerts_cb
from callbacks import filters
from dashboard import auth, pages
from data.store import Store
from layouts import admin, ids, shell
from views import periods

FILTER_OUTPUTS = (ids.FILTER_JOURNEY, ids.FILTER_PERSONA, ids.FILTER_PHASE, ids.FILTER_CHANNEL,
                  ids.FILTER_DEPARTMENT)
FILTER_DIMENSIONS = ("journey", "persona", "phase", "channel", "department")


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
        new = filters.search_from_values(values, start, end, keep=search)
        return (new if new != (search or "") else no_update, *([no_update] * 7))
    # Page load or browser navigation: the URL wins.
    keys, start, end, all_time = filters.parse(search)
    if not all_time and start is None and end is None:
        start, end = filters.default_period(store)
    values = [list(keys[d + "s"]) for d in FILTER_DIMENSIONS]
    return (no_update, *values, start, end)


def route(store: Store, pathname: str | None, search: str | None, lang: str):
    """Return the page for a path (from the registry); view options start from the URL."""
    path = (pathname or "/").rstrip("/") or "/"
    page = pages.find(path)
    if page is None:
        return shell.not_found(pathname, lang)
    if page.role:
        user = auth.current_user()
        if not (user and user.can(page.role)):
            return admin.forbidden(page.role, lang)
    return page.layout(store, lang, search or "", path)


def apply_preset(store: Store, search: str | None, trigger) -> str:
    """Set the period of a clicked preset (from the newest data) in the URL."""
    newest = periods.newest_date(store)
    if not isinstance(trigger, dict) or newest is None:
        return no_update
    start, end = periods.period(trigger["preset"], newest)
    new = filters.with_params(search, **{"from": start.isoformat(), "to": end.isoformat(),
                                          "period": None})
    return new if new != (search or "") else no_update


def active_presets(store: Store, search: str | None, preset_ids: list[dict]) -> list[bool]:
    """Mark the preset the URL's period is (none for a custom period)."""
    f = filters.filters_from_search(store, search)
    current = periods.matching(store, f.date_from, f.date_to)
    return [p["preset"] == current for p in preset_ids]


def set_view_option(values: list, option_ids: list[dict], search: str | None):
    """Write page controls (lanes, metric, …) into the URL so links reopen the same view;
    a changed control (it runs on changes only) starts a paged list on its first page."""
    new = filters.with_params(search, page=None, **{o["param"]: v for o, v in
                                                    zip(option_ids, values, strict=True)})
    return new if new != (search or "") else no_update


def prepared_search(pathname: str | None, search: str | None):
    """Put what a page adds to the URL (an owner's own department on My touchpoints) into
    the URL itself, so the filter bar shows what the page shows."""
    page = pages.find(pathname)
    if page is None or page.prepare is None:
        return no_update
    new = page.prepare(search) or ""
    return new if new != (search or "") else no_update


def nav_hrefs(search: str | None, link_ids: list[dict]) -> list[str]:
    """Page links keep the filters; an owner's "My touchpoints" opens their department."""
    hrefs = []
    for link in link_ids:
        page = pages.find(link["page"])
        query = (page.prepare(search) if page and page.prepare else search) or ""
        hrefs.append(link["page"] + query)
    return hrefs


def export_hrefs(pathname: str | None, search: str | None, href: str | None):
    """Share & export links for the view on screen, with its filters."""
    path = (pathname or "/").rstrip("/") or "/"
    query = (search or "").lstrip("?")
    data = "view=" + quote(path) + ("&" + query if query else "")
    keep = "&".join(f"{k}={quote(v)}" for k in ("journey", "department")
                    if (v := filters.param(search, k)) and "," not in v)
    week = "week=last" + ("&" + keep if keep else "")
    return (href or "", f"/export/data.csv?{data}", f"/export/data-de.csv?{data}",
            f"/export/data.xlsx?{data}", f"/export/poster.pdf?size=A3&{query}",
            f"/export/poster.pdf?size=A2&{query}", f"/export/report.html?{week}",
            f"/export/report.pdf?{week}")


def register(app, store: Store) -> None:
    alerts_cb.register_badge(app, store)
    app.callback(
        Output(ids.COPY_LINK, "content"),
        *[Output(i, "href") for i in ids.EXPORT_LINKS],
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        State(ids.URL, "href"),
    )(export_hrefs)
    for toggler, collapse in ((ids.NAVBAR_TOGGLER, ids.NAVBAR_COLLAPSE),
                              (ids.FILTER_TOGGLE, ids.FILTER_COLLAPSE)):
        app.clientside_callback(
            ClientsideFunction(namespace="cxdash", function_name="toggle"),
            Output(collapse, "is_open"),
            Input(toggler, "n_clicks"),
            State(collapse, "is_open"),
            prevent_initial_call=True,
        )
    app.clientside_callback(
        ClientsideFunction(namespace="cxdash", function_name="downloadCharts"),
        Output(ids.EXPORT_DONE, "data"),
        Input(ids.EXPORT_PNG, "n_clicks"),
        Input(ids.EXPORT_SVG, "n_clicks"),
        State(ids.URL, "pathname"),
        prevent_initial_call=True,
    )

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
        State(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda pathname, search, lang: route(store, pathname, search, lang))

    app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.view_option(ALL), "value"),
        State(ids.view_option(ALL), "id"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(set_view_option)

    app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.period_preset(ALL), "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(lambda clicks, search: apply_preset(store, search, ctx.triggered_id)
      if any(clicks or []) else no_update)

    app.callback(
        Output(ids.period_preset(ALL), "active"),
        Input(ids.URL, "search"),
        State(ids.period_preset(ALL), "id"),
    )(lambda search, preset_ids: active_presets(store, search, preset_ids))

    app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call="initial_duplicate",
    )(prepared_search)

    app.callback(
        Output(ids.nav_link(ALL), "href"),
        Input(ids.URL, "search"),
        State(ids.nav_link(ALL), "id"),
    )(nav_hrefs)
