"""My-touchpoints callbacks: the department comes from the global department filter."""

from __future__ import annotations

from dash import Input, Output, State

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, param, with_params
from callbacks.heatmap import WEEKS
from dashboard import auth
from data import queries, scorecards
from data.store import Store
from layouts import components, ids, mine


def weekly_trends(store: Store, f) -> dict[str, list[float]]:
    """Return the weekly mean audit score of each touchpoint over the last 12 weeks."""
    weekly = scorecards.metric_cells(store, f.widened(WEEKS), "audit", ("touchpoint", "week"))
    return {k: g.sort_values("week")["value"].round(2).tolist()
            for k, g in weekly.groupby("touchpoint")}


def update(store: Store, search: str | None, lang: str):
    """Return the department label, notice, summary and table (or the department picker)."""
    f = filters_from_search(store, search)
    catalog = queries.catalog(store)
    departments = catalog["departments"]
    if not f.departments:
        card = scorecards.touchpoint_scorecard(store, f)
        below = card.loc[card["light"].isin(["red", "amber"])].groupby(
            "department_key").size().to_dict() if not card.empty else {}
        picker = mine.department_picker(
            departments, below, lang,
            lambda k: "/mine" + with_params(search, department=k))
        return "", None, picker, None
    names = departments.set_index("key")["name"]
    label = ", ".join(names.get(k, k) for k in f.departments)
    card = scorecards.touchpoint_scorecard(store, f)
    if card.empty:
        return label, components.empty_filters(lang), None, None
    notice = components.empty_filters(lang) if card["n"].sum() == 0 else None
    return (label, notice, mine.summary(card, lang),
            mine.table(card, weekly_trends(store, f), lang, search))


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
