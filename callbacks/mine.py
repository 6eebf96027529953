"""My-touchpoints callbacks: URL → views.mine.model; the department comes from the global
department filter, or for an owner without one, from their account."""

from __future__ import annotations

from dash import Input, Output, State

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, loosen_links, param, with_params
from dashboard import auth
from data.store import Store
from layouts import components, ids, mine
from views import mine as view


def update(store: Store, search: str | None, lang: str):
    """Return the department label, notice, summary and table (or the department picker)."""
    m = view.model(store, filters_from_search(store, search))
    if m.picking:
        picker = mine.department_picker(
            m.departments, m.below, lang,
            lambda k: "/mine" + with_params(search, department=k))
        return "", None, picker, None
    if m.card.empty:
        return m.label, components.empty_filters(lang, loosen_links(search, m.loosen)), None, None
    notice = components.empty_filters(lang, loosen_links(search, m.loosen)) if m.empty else None
    return m.label, notice, mine.summary(m.counts, lang), mine.table(m.card, m.trends, lang,
                                                                    search)


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.MINE_DEPARTMENT, "children"),
        Output(ids.MINE_NOTICE, "children"),
        Output(ids.MINE_SUMMARY, "children"),
        Output(ids.MINE_TABLE, "children"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda search, lang: cached_view(store, "mine", update, own_department(search), lang))


def own_department(search: str | None) -> str | None:
    """Without a department filter, an owner sees the department they own."""
    user = auth.current_user()
    if user and user.department_key and not param(search, "department"):
        return with_params(search, department=user.department_key)
    return search
