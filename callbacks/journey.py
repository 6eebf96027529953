"""Journey-map callbacks: URL → views.journey.model → picker, map and emotion curve."""

from __future__ import annotations

from dash import Input, Output, State

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, loosen_links, view_options, with_params
from data.store import Store
from layouts import components, ids, journey
from views import journey as view


def workshop_href(key: str | None) -> str:
    """The map's "Start workshop" link: a workshop of the journey shown."""
    return f"/workshop/{key}" if key else "/workshop/join"


def update(store: Store, search: str | None, lang: str):
    """Return picker, persona header, notice or summary, map, emotion curve and the
    workshop link of the journey shown (one answer: a filter change is one request)."""
    m = view.model(store, filters_from_search(store, search), view_options(search, "lanes"))
    return (*_parts(m, search, lang), workshop_href(m.key))


def _parts(m, search: str | None, lang: str):
    if m.key is None:
        return [], None, None, None, journey.emotion_curve(m.steps, lang)
    picker = journey.picker(m.journeys, m.key, lambda k: with_params(search, journey=k),
                            m.selected)
    several = journey.several_notice(m, lang) if m.several else None
    if m.empty:
        grid = journey.journey_map(m.card, m.phases, "none", lang, search) \
            if not m.card.empty else None
        return (picker, journey.persona_header(m.persona, lang),
                [several, components.empty_filters(lang, loosen_links(search, m.loosen))], grid,
                journey.emotion_curve(m.steps, lang))
    return (
        picker,
        journey.persona_header(m.persona, lang),
        [several, journey.summary(m.summary, lang)],
        journey.journey_map(m.card, m.phases, m.lanes, lang, search),
        journey.emotion_curve(m.steps, lang),
    )


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.JOURNEY_PICKER, "children"),
        Output(ids.JOURNEY_PERSONA, "children"),
        Output(ids.JOURNEY_NOTICE, "children"),
        Output(ids.JOURNEY_MAP, "children"),
        Output(ids.JOURNEY_EMOTION_CURVE, "figure"),
        Output(ids.JOURNEY_WORKSHOP, "href"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda search, lang: cached_view(store, "journey", update, search, lang))
