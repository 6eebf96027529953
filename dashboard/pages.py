"""The one registry of pages: path, navbar label, role, layout, callbacks, view model
(whose ``tables`` are the page's download) and benchmark entry. The navbar, the router,
the role checks, the downloads and the benchmark read it, so a page is added here once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

import flask

from callbacks import actions as actions_cb
from callbacks import admin as admin_cb
from callbacks import alerts as alerts_cb
from callbacks import atlas as atlas_cb
from callbacks import audits as audits_cb
from callbacks import benchmark as benchmark_cb
from callbacks import catalog as catalog_cb
from callbacks import data_page as data_cb
from callbacks import heatmap as heatmap_cb
from callbacks import journey as journey_cb
from callbacks import mine as mine_cb
from callbacks import overview as overview_cb
from callbacks import personas as personas_cb
from callbacks import profile as profile_cb
from callbacks import touchpoint as touchpoint_cb
from callbacks import workshop as workshop_cb
from callbacks.filters import param
from dashboard import auth
from data import accounts, audit_rounds, effects, queries
from data.ingest import sources
from layouts import actions as actions_layout
from layouts import admin, atlas, benchmark, data_page, heatmap, journey, mine, overview, personas
from layouts import audits as audits_layout
from layouts import catalog as catalog_layout
from layouts import touchpoint as touchpoint_layout
from layouts import workshop as workshop_layout
from views import actions as actions_view
from views import alerts as alerts_view
from views import atlas as atlas_view
from views import benchmark as benchmark_view
from views import comments as comments_view
from views import heatmap as heatmap_view
from views import journey as journey_view
from views import mine as mine_view
from views import overview as overview_view
from views import personas as personas_view
from views import touchpoint as touchpoint_view


@dataclass(frozen=True)
class Page:
    """One page of the app."""

    name: str
    path: str  # exact, or the start of the path when ``prefix`` (``/touchpoints/<key>``)
    layout: Callable  # (store, lang, search, path) -> component tree
    register: Callable  # (app, store, extras) -> None; extras: uploads, max_bytes
    nav: str | None = None  # translation key of the navbar link; None: not in the navbar
    role: str | None = None  # the role needed beyond signing in
    guard: str | None = None  # id prefix of the callback outputs that need the role
    view: ModuleType | None = None  # views.<page>: model(...) and tables(model) (download)
    # The view model is the signed-in user's (``model(..., user=)``): their alerts.
    for_user: bool = False
    options: tuple[str, ...] = ()  # view options read from the URL
    prefix: bool = False
    bench: tuple[str, str, str] | None = None  # (name, path, output of its main callback)
    prepare: Callable | None = None  # (search) -> search, e.g. an owner's own department
    # The page's controls (ids.view_option) and their values when the URL names none:
    # written into the URL as the page opens (assets/filters.js syncShell), so a link
    # reopens the same view and the view is computed once, not again when they are drawn.
    defaults: dict = field(default_factory=dict)
    # Further (id prefix, role) pairs for write callbacks on a page anyone may read.
    guards: tuple[tuple[str, str], ...] = ()
    # Parts of the page with a model and download of their own (``&part=NAME``): name ->
    # views module with model, tables and OPTIONS (the view options it reads).
    parts: tuple[tuple[str, ModuleType], ...] = ()
    charts: bool = False  # the page draws charts (Share & export's PNG / SVG items)

    def matches(self, path: str) -> bool:
        if self.prefix:
            rest = path[len(self.path):]
            return path.startswith(self.path) and bool(rest) and "/" not in rest
        return path == self.path

    def view_of(self, part: str | None) -> ModuleType | None:
        """The views module of the page, or of one of its parts (None: no such part)."""
        return dict(self.parts).get(part) if part else self.view

    def model_options(self, path: str, search: str | None, part: str | None = None) -> dict:
        """The options the view model (or a part's) takes for a path and query string."""
        names = self.view_of(part).OPTIONS if part else self.options
        out = {n: v for n in names if (v := param(search, n)) is not None}
        if self.prefix:
            out["key"] = path[len(self.path):]
        return out


def _plain(callbacks: ModuleType):
    # Looked up at registration, not import, so a patched ``register`` (tests) is the one used.
    return lambda app, store, extras: callbacks.register(app, store)


def _users(store) -> list[dict]:
    return [{"label": n, "value": n} for n in accounts.list_users(store)["name"]]


def _touchpoint_page(store, lang, search, path):
    actions = actions_layout.section(lang, _users(store), _departments(store))
    return touchpoint_layout.page(lang, path.split("/")[2], actions)


def _touchpoint_register(app, store, extras):
    touchpoint_cb.register(app, store)
    actions_cb.register_touchpoint(app, store)


def _departments(store) -> list[dict]:
    rows = queries.catalog(store)["departments"]
    return [{"label": n, "value": k} for k, n in zip(rows["key"], rows["name"], strict=True)]


def _audits_page(store, lang, search, path):
    # The validation layout is built outside a request, as every page an admin sees.
    user = auth.current_user() if flask.has_request_context() else None
    manage = audit_rounds.may_manage(user) if flask.has_request_context() else True
    if not manage:
        return audits_layout.page(lang, False, {})
    catalog = queries.catalog(store)
    touchpoints = catalog["touchpoints"]
    options = {"journeys": [{"label": n, "value": k} for k, n in zip(
                   catalog["journeys"]["key"], catalog["journeys"]["name"], strict=True)],
               "touchpoints": [{"label": n, "value": k} for k, n in zip(
                   touchpoints["key"], touchpoints["name"], strict=True)],
               "users": _users(store), "departments": _departments(store)}
    return audits_layout.page(lang, True, options)


def _facilitates() -> bool:
    # The validation layout is built outside a request, as every page an admin sees.
    return audit_rounds.may_manage(auth.current_user()) if flask.has_request_context() \
        else True


def _workshop_screen(store, lang, search, path):
    key = path.split("/")[2]
    journeys = queries.catalog(store)["journeys"]
    match = journeys.loc[journeys["key"] == key, "name"]
    return workshop_layout.screen_page(lang, key, match.iloc[0] if len(match) else None)


PAGES: tuple[Page, ...] = (
    Page("overview", "/", lambda store, lang, search, path: overview.page(
        lang, search, param(search, "trend", "nps")),
        _plain(overview_cb), nav="nav.overview", view=overview_view,
        options=("trend",), defaults={"trend": "nps"},
        bench=("overview", "/", "kpi-nps.children"), charts=True),
    Page("journey", "/journey", lambda store, lang, search, path: journey.page(
        lang, search, param(search, "lanes", "none"), _facilitates()),
        _plain(journey_cb), nav="nav.journey", view=journey_view, options=("lanes",),
        defaults={"lanes": "none"},
        bench=("journey", "/journey", "journey-emotion-curve.figure"), charts=True),
    Page("heatmap", "/heatmap", lambda store, lang, search, path: heatmap.page(
        lang, param(search, "metric", "audit")),
        _plain(heatmap_cb), nav="nav.heatmap", view=heatmap_view,
        options=("metric",), defaults={"metric": "audit"},
        bench=("heatmaps", "/heatmap", "heatmap-graph.figure"),
        charts=True),
    Page("benchmark", "/benchmark", lambda store, lang, search, path: benchmark.page(
        lang, param(search, "perspective", "all")),
        _plain(benchmark_cb), nav="nav.benchmark", view=benchmark_view,
        options=("perspective",), defaults={"perspective": "all"},
        bench=("benchmark", "/benchmark", "benchmark-graph.figure"),
        charts=True),
    Page("touchpoint", "/touchpoints/", _touchpoint_page, _touchpoint_register,
         view=touchpoint_view, prefix=True, guards=(("action-form-", "owner"),),
         parts=(("comments", comments_view),),
         defaults={"weeks": str(effects.DEFAULT_WEEKS)},
         bench=("touchpoint", "/touchpoints/st-hotline", "touchpoint-history-graph.figure"),
         charts=True),
    Page("mine", "/mine", lambda store, lang, search, path: mine.page(lang),
         _plain(mine_cb), nav="nav.mine", view=mine_view,
         prepare=mine_cb.own_department),
    Page("actions", "/actions", lambda store, lang, search, path: actions_layout.page(
        lang, param(search, "sort", "due")),
        _plain(actions_cb), nav="nav.actions", view=actions_view, options=("sort",),
        defaults={"sort": "due"},
        bench=("actions", "/actions", "actions-table.children")),
    Page("atlas", "/atlas", lambda store, lang, search, path: atlas.page(lang),
         _plain(atlas_cb), nav="nav.atlas", view=atlas_view,
         bench=("atlas", "/atlas", "atlas-table.children")),
    Page("personas", "/personas", lambda store, lang, search, path: personas.page(lang),
         _plain(personas_cb), nav="nav.personas", view=personas_view),
    Page("data", "/data", lambda store, lang, search, path: data_page.page(
        lang, sources.list_sources(store)),
        lambda app, store, extras: data_cb.register(app, store, *extras), nav="nav.data",
        role="analyst", guard="data-"),
    # The catalog editor: linked from the Data page and the user menu, not the navbar.
    Page("catalog", "/catalog", lambda store, lang, search, path: catalog_layout.page(lang),
         _plain(catalog_cb), role="analyst", guard="catalog-"),
    Page("audits", "/audits", _audits_page, _plain(audits_cb),
         guards=(("audits-manage-", "analyst"),)),
    Page("audit-progress", "/audits/progress/", lambda store, lang, search, path:
         audits_layout.progress_page(lang, path.split("/")[3], {
             "users": _users(store), "departments": _departments(store)}),
         lambda app, store, extras: audits_cb.register_progress(app, store),
         role="analyst", guard="audits-manage-", prefix=True),
    Page("audit-form", "/audits/", lambda store, lang, search, path:
         audits_layout.form_page(lang, path.split("/")[2]),
         lambda app, store, extras: audits_cb.register_form(app, store), prefix=True),
    # A participant's phone (every signed-in user; data.workshops checks each rating),
    # before the facilitator's screen, whose prefix would take /workshop/join too.
    Page("workshop-join", "/workshop/join", lambda store, lang, search, path:
         workshop_layout.phone_page(lang, param(search, "code", "")),
         lambda app, store, extras: workshop_cb.register_phone(app, store)),
    Page("workshop", "/workshop/", _workshop_screen, _plain(workshop_cb), role="analyst",
         guard="workshop-screen-", prefix=True, charts=True),
    Page("admin", "/admin", lambda store, lang, search, path: admin.page(
        lang, _departments(store)),
        _plain(admin_cb), role="admin", guard="admin-"),
    # Every signed-in user's own page (in the user menu, not the navbar); who may change
    # whose subscriptions is checked by its callbacks and data.subscriptions.
    Page("profile", "/account/profile", profile_cb.page, _plain(profile_cb)),
    # Every signed-in user's alerts (the bell beside the user menu); reading, actions and
    # rules are checked by its callbacks and data.alerts.
    Page("alerts", "/alerts", alerts_cb.page, _plain(alerts_cb), view=alerts_view,
         for_user=True),
)


def find(path: str | None) -> Page | None:
    """Return the page a path belongs to (None for an unknown path)."""
    path = (path or "/").rstrip("/") or "/"
    return next((p for p in PAGES if p.matches(path)), None)


def navbar_entries() -> list[tuple[str, str, str | None]]:
    """(path, label key, role) of the navbar's page links, in order."""
    return [(p.path, p.nav, p.role) for p in PAGES if p.nav]


def guarded_outputs() -> dict[str, str]:
    """Callback output id prefix -> the role its callbacks need."""
    out = {p.guard: p.role for p in PAGES if p.guard and p.role}
    for p in PAGES:
        out.update(dict(p.guards))
    return out


def bench_views() -> dict[str, tuple[str, str]]:
    """Benchmark name -> (path, the output that names the page's main callback)."""
    return {p.bench[0]: (p.bench[1], p.bench[2]) for p in PAGES if p.bench}
