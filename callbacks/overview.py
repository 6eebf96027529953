"""Overview callbacks: URL → views.overview.model → KPI cards, lists and trend."""

from __future__ import annotations

from dash import Input, Output, State

from callbacks.actions import act_keys, act_scope
from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, loosen_links, view_options
from data.store import Store
from layouts import components, ids, overview
from views import overview as view


def update(store: Store, search: str | None, lang: str, scope: str = ""):
    """Return the cards, the three touchpoint lists (with "Act" links where ``scope``,
    see callbacks.actions.act_scope, allows), the trend figure, the period text and the
    empty-state notice."""
    f = filters_from_search(store, search)
    m = view.model(store, f, view_options(search, "trend"))
    figure = overview.trend_figure(m.trend, m.trend_metric, lang, (f.date_from, f.date_to),
                                   m.trend_target)
    prev = m.previous
    period = overview.period_text(f.date_from, f.date_to,
                                  (prev.date_from, prev.date_to) if prev else None, lang)
    notice = components.empty_filters(lang, loosen_links(search, m.loosen)) if m.empty and m.has_data else None
    audits = m.audits
    act = act_keys(m.scorecard, scope)
    lists = (overview.touchpoint_list(m.gaps, "gap", lang, search, audits, act),
             overview.touchpoint_list(m.movers, "mover", lang, search, audits, act),
             overview.touchpoint_list(m.fell, "fell", lang, search, audits, act))
    return (*[overview.kpi_card_body(c, lang) for c in m.cards], *lists, figure, period, notice,
            overview.actions_line(m.actions, lang, search))


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.KPI_NPS, "children"),
        Output(ids.KPI_CES, "children"),
        Output(ids.KPI_CSAT, "children"),
        Output(ids.KPI_TOUCHPOINT_SCORE, "children"),
        Output(ids.KPI_JOURNEY_SCORE, "children"),
        Output(ids.OVERVIEW_GAPS, "children"),
        Output(ids.OVERVIEW_MOVERS, "children"),
        Output(ids.OVERVIEW_FELL_BELOW, "children"),
        Output(ids.OVERVIEW_TREND, "figure"),
        Output(ids.OVERVIEW_PERIOD, "children"),
        Output(ids.OVERVIEW_EMPTY, "children"),
        Output(ids.OVERVIEW_ACTIONS, "children"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda search, lang: cached_view(store, "overview", update, search, lang, act_scope()))
