"""Shell callbacks: URL <-> filter bar, page routing, links that keep the filters."""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, State, no_update

from callbacks import alerts as alerts_cb
from callbacks import filters
from dashboard import auth, pages
from data.store import Store
from layouts import admin, ids, shell
from views import periods

FILTER_OUTPUTS = (ids.FILTER_JOURNEY, ids.FILTER_PERSONA, ids.FILTER_PHASE, ids.FILTER_CHANNEL,
                  ids.FILTER_DEPARTMENT)
FILTER_DIMENSIONS = ("journey", "persona", "phase", "channel", "department")


def shell_state(store: Store) -> dict:
    """What the browser's filter callbacks (assets/filters.js) need of the server: the
    default period, each preset's period, the parameters a page adds to the URL as it
    opens (an owner's own department on My touchpoints; the page's controls at their
    defaults), and the registry's paths in order with whether the page has a data
    download (a view) and charts, as pages.find matches them."""
    newest = periods.newest_date(store)
    presets = {} if newest is None else {
        name: [d.isoformat() for d in periods.period(name, newest)] for name in periods.PRESETS}
    prepare = {}
    for page in pages.PAGES:
        adds = dict(page.defaults)
        if page.prepare is not None:
            keys, *_ = filters.parse(page.prepare(""))
            adds.update({dim: ",".join(keys[field]) for dim, field in filters.FIELDS.items()
                         if keys[field]})
        if adds:
            prepare[page.path] = adds
    return {"default": list(filters.default_period(store)), "presets": presets,
            "prepare": prepare,
            "pages": [[p.path, p.prefix, p.view is not None, p.charts] for p in pages.PAGES]}


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


def set_view_option(values: list, option_ids: list[dict], search: str | None):
    """Write page controls (lanes, metric, …) into the URL so links reopen the same view.

    A control whose value differs from the one the URL names starts a paged list on its
    first page. A control the URL does not name yet is one just drawn (Dash calls this as
    the page's controls appear, and a page reads its controls from the URL), so a link to
    page N keeps its page; once here, every control is named in the URL."""
    given = {o["param"]: v for o, v in zip(option_ids, values, strict=True)}
    changed = any(filters.param(search, k) not in (None, v) for k, v in given.items())
    new = filters.with_params(search, **given, **({"page": None} if changed else {}))
    return new if new != (search or "") else no_update


def register(app, store: Store) -> None:
    alerts_cb.register_badge(app, store)
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

    # The filter bar, the URL and every link that follows them are kept in step in the
    # browser, in one callback (assets/filters.js syncShell): a filter change sends one
    # request, the view's, and runs one callback besides.
    export_outputs = (ids.COPY_LINK, "content"), *[(i, "href") for i in ids.EXPORT_LINKS], \
        *[(i, "disabled") for i in (*ids.EXPORT_DATA_LINKS, ids.EXPORT_PNG, ids.EXPORT_SVG)]
    followers = ((ids.period_preset(ALL), "active"), (ids.nav_link(ALL), "href"),
                 (ids.filter_link(ALL, ALL), "href"))
    app.clientside_callback(
        ClientsideFunction(namespace="cxdash", function_name="syncShell"),
        Output(ids.URL, "search"),
        *[Output(cid, "value") for cid in FILTER_OUTPUTS],
        Output(ids.FILTER_DATE, "start_date"),
        Output(ids.FILTER_DATE, "end_date"),
        *[Output(cid, prop) for cid, prop in export_outputs],
        *[Output(cid, prop) for cid, prop in followers],
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        *[Input(cid, "value") for cid in FILTER_OUTPUTS],
        Input(ids.FILTER_DATE, "start_date"),
        Input(ids.FILTER_DATE, "end_date"),
        Input(ids.FILTER_RESET, "n_clicks"),
        State(ids.SHELL_STATE, "data"),
        *[state for cid, prop in followers for state in (State(cid, "id"), State(cid, prop))],
        *[State(cid, prop) for cid, prop in export_outputs],
    )

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

    # The presets' periods come with the page (shell_state), as for the active presets: a
    # click sets the URL without a round trip before the view's own.
    app.clientside_callback(
        ClientsideFunction(namespace="cxdash", function_name="applyPreset"),
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.period_preset(ALL), "n_clicks"),
        State(ids.URL, "search"),
        State(ids.SHELL_STATE, "data"),
        prevent_initial_call=True,
    )
