"""Touchpoint drill-down callbacks: URL → views.touchpoint.model → every part."""

from __future__ import annotations

from dash import Input, Output, State

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, loosen_links
from dashboard.i18n import number, t
from data.store import Store
from layouts import components, ids, touchpoint
from views import touchpoint as view

OUTPUTS = (ids.TOUCHPOINT_HEADER, ids.TOUCHPOINT_NOTICE, ids.TOUCHPOINT_ATTRIBUTES,
           ids.TOUCHPOINT_HISTORY_GRAPH, ids.TOUCHPOINT_PERSPECTIVES, ids.TOUCHPOINT_QUESTIONS,
           ids.TOUCHPOINT_SURVEYS, ids.TOUCHPOINT_WEB, ids.TOUCHPOINT_SURVEY_TRENDS)


def _rows(stats, lang: str, label=lambda v: v or "–", digits: int = 1) -> list[tuple]:
    return [(label(r["label"]), number(r["value"], lang, digits), int(r["n"]), bool(r["small"]))
            for r in stats.to_dict("records")]


def update(store: Store, key: str, search: str | None, lang: str):
    """Return header, notice, attributes, history figure, perspectives, questions,
    surveys, web block and the survey trends for one touchpoint."""
    m = view.model(store, filters_from_search(store, search), {"key": key})
    if not m.found:
        return (touchpoint.not_found(key, lang), *([None] * 2),
                touchpoint.history_figure(m.weeks, {"target": None, "best_in_class": None},
                                          lang, (None, None)), *([None] * 5))
    f = m.filters
    surveys = [(t(f"kpi.{r['label']}", lang), number(r["value"], lang, r["digits"]) + r["unit"],
                int(r["n"]), bool(r["small"])) for r in m.surveys.to_dict("records")]
    return (
        touchpoint.header(m.row, lang, search),
        components.empty_filters(lang, loosen_links(search, m.loosen)) if m.empty else None,
        touchpoint.attributes(m.row, lang),
        touchpoint.history_figure(m.weeks, m.row, lang, (f.date_from, f.date_to)),
        touchpoint.stats_table(_rows(m.perspectives, lang,
                                     lambda p: t(f"benchmark.perspective.{p}", lang)), lang),
        touchpoint.stats_table(_rows(m.questions, lang), lang),
        touchpoint.stats_table(surveys, lang, "responses"),
        touchpoint.web_block(m.web, m.web_weeks, lang),
        touchpoint.survey_trends(m.trends, lang, (f.date_from, f.date_to)),
    )


def register(app, store: Store) -> None:
    app.callback(
        *[Output(i, "figure" if i == ids.TOUCHPOINT_HISTORY_GRAPH else "children")
          for i in OUTPUTS],
        Input(ids.TOUCHPOINT_KEY, "data"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda key, search, lang: cached_view(store, "touchpoint", update, key, search, lang))
