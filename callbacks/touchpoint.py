"""Touchpoint drill-down callbacks: one round trip per change for the whole page.

URL, comment controls and saved actions → views.touchpoint (the parts), views.comments
(the explorer) and views.actions (the actions card). The page remembers what each part
shows (ids.TOUCHPOINT_RENDERED): the touchpoint is the selection and only the period and
the persona narrow it, so most filter changes leave every part as it is, and a part whose
inputs did not change is not computed or drawn again (drawing the actions card or the
comments again would also wake the callbacks of their buttons). Links inside the parts
follow the URL in the browser (ids.filter_link)."""

from __future__ import annotations

import json

from dash import Input, Output, State, ctx, no_update

from callbacks import actions as actions_cb
from callbacks import comments as comments_cb
from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, loosen_links, param
from dashboard import auth
from dashboard.i18n import number, t
from data import actions
from data import comments as comment_data
from data.store import Store
from layouts import components, ids, touchpoint
from views import touchpoint as view

PARTS = (ids.TOUCHPOINT_HEADER, ids.TOUCHPOINT_NOTICE, ids.TOUCHPOINT_ATTRIBUTES,
         ids.TOUCHPOINT_HISTORY_GRAPH, ids.TOUCHPOINT_PERSPECTIVES, ids.TOUCHPOINT_QUESTIONS,
         ids.TOUCHPOINT_SURVEYS, ids.TOUCHPOINT_WEB)
# (layouts.touchpoint.survey_trends): which note or chart shows, and the charts' figures
TREND_OUTPUTS = ((ids.TOUCHPOINT_SURVEY_TRENDS_NONE, "className"),
                 *[(i, prop) for m in view.TREND_METRICS
                   for i, prop in ((ids.survey_trend(m), "className"),
                                   (ids.survey_trend_graph(m), "figure"))])
OUTPUTS = (*[(i, "figure" if i == ids.TOUCHPOINT_HISTORY_GRAPH else "children") for i in PARTS],
           *TREND_OUTPUTS)
COMMENT_OUTPUTS = ((ids.COMMENTS_LIST, "children"), (ids.COMMENTS_RANGE, "children"),
                   (ids.COMMENTS_PAGE, "data"), (ids.COMMENTS_PREV, "disabled"),
                   (ids.COMMENTS_NEXT, "disabled"), (ids.COMMENTS_EXPORT_CSV, "href"),
                   (ids.COMMENTS_EXPORT_XLSX, "href"), (ids.COMMENTS_EXPORT_NOTE, "children"),
                   (ids.COMMENTS_DRAFTS, "data"))
NOTICE = PARTS.index(ids.TOUCHPOINT_NOTICE)
# What the persona narrows (what customers said); the other parts follow the period alone.
SURVEY_PARTS = {PARTS.index(ids.TOUCHPOINT_SURVEYS), *range(len(PARTS), len(OUTPUTS))}
# the comment downloads' links (they carry the whole query string) among COMMENT_OUTPUTS
EXPORTS = slice(COMMENT_OUTPUTS.index((ids.COMMENTS_EXPORT_CSV, "href")),
                COMMENT_OUTPUTS.index((ids.COMMENTS_EXPORT_XLSX, "href")) + 1)


def _rows(stats, lang: str, label=lambda v: v or "–", digits: int = 1) -> list[tuple]:
    return [(label(r["label"]), number(r["value"], lang, digits), int(r["n"]), bool(r["small"]))
            for r in stats.to_dict("records")]


def update(store: Store, key: str, search: str | None, lang: str):
    """Return header, notice, attributes, history figure, perspectives, questions,
    surveys, web block and the survey trends' outputs (TREND_OUTPUTS) for one
    touchpoint."""
    return _update(store, key, search, lang)[0]


def _update(store: Store, key: str, search: str | None, lang: str):
    m = view.model(store, filters_from_search(store, search), {"key": key})
    if not m.found:
        return (touchpoint.not_found(key, lang), *([None] * 2),
                touchpoint.history_figure(m.weeks, {"target": None, "best_in_class": None},
                                          lang, (None, None)), *([None] * 4),
                *touchpoint.no_survey_trends()), None
    f = m.filters
    surveys = [(t(f"kpi.{r['label']}", lang), number(r["value"], lang, r["digits"]) + r["unit"],
                int(r["n"]), bool(r["small"])) for r in m.surveys.to_dict("records")]
    loosen = list(m.loosen) if m.empty else None
    return (
        touchpoint.header(m.row, lang, search),
        _notice(search, loosen, lang),
        touchpoint.attributes(m.row, lang),
        touchpoint.history_figure(m.weeks, m.row, lang, (f.date_from, f.date_to)),
        touchpoint.stats_table(_rows(m.perspectives, lang,
                                     lambda p: t(f"benchmark.perspective.{p}", lang)), lang),
        touchpoint.stats_table(_rows(m.questions, lang), lang),
        touchpoint.stats_table(surveys, lang, "responses"),
        touchpoint.web_block(m.web, m.web_weeks, lang),
        *touchpoint.survey_trends(m.trends, lang, (f.date_from, f.date_to)),
    ), loosen


def _notice(search: str | None, loosen: list | None, lang: str):
    return None if loosen is None else \
        components.empty_filters(lang, loosen_links(search, tuple(loosen)))


def page(store: Store, trigger, key: str, search: str | None, q, group, source, shown_page,
         saved, lang: str, rendered: dict | None):
    """Return the touchpoint's parts, the comment explorer's outputs, the actions card and
    what the page now shows; no_update for each part whose inputs are as drawn."""
    rendered = dict(rendered or {})
    base = filters_from_search(store, search)
    audit_f, survey_f = view.filters_for(key, base)
    version = store.data_version()
    may_act = actions.may_write(auth.current_user(), actions_cb.store_department(store, key))
    q, group, source = comment_data.clean(q, group, source)
    number_ = comments_cb.page_asked(trigger, shown_page)
    asked = {
        "audits": [key, audit_f.cache_key(), lang, version],
        "surveys": [key, survey_f.cache_key(), lang, version],
        "comments": [key, survey_f.cache_key(), q, group, source, number_, may_act, lang,
                     version],
        "actions": [key, actions_cb.weeks_of(search), param(search, "apage"), may_act,
                    saved, lang, version],
    }
    fresh = {part: json.dumps(value, default=str) for part, value in asked.items()}
    same = {part: rendered.get(part) == fresh[part] for part in fresh}

    if same["audits"] and same["surveys"]:
        parts = [no_update] * len(OUTPUTS)
        # The notice's links carry the whole query string.
        parts[NOTICE] = _notice(search, rendered.get("loosen"), lang)
    else:
        drawn, rendered["loosen"] = cached_view(store, "touchpoint-page", _update, key, search,
                                                lang)
        # A chart not shown keeps its figure (drawing an empty one costs as much).
        parts = [no_update if (same["surveys" if i in SURVEY_PARTS else "audits"] and i != NOTICE)
                 or (part is None and OUTPUTS[i][1] == "figure") else part
                 for i, part in enumerate(drawn)]
    if same["comments"]:
        shown = [no_update] * len(COMMENT_OUTPUTS)
        shown[EXPORTS] = [comments_cb.export_href(fmt, key, search, q, group, source)
                          for fmt in ("csv", "xlsx")]
    else:
        shown = list(cached_view(store, "comments", comments_cb.render, key, search, q, group,
                                 source, number_, may_act, lang))
    card = no_update if same["actions"] else actions_cb.touchpoint_actions(store, key, search,
                                                                           lang)
    rendered.update(fresh)
    return (*parts, *shown, card, rendered)


def register(app, store: Store) -> None:
    app.callback(
        *[Output(i, prop) for i, prop in OUTPUTS],
        *[Output(i, prop) for i, prop in COMMENT_OUTPUTS],
        Output(ids.TOUCHPOINT_ACTIONS, "children"),
        Output(ids.TOUCHPOINT_RENDERED, "data"),
        Input(ids.TOUCHPOINT_KEY, "data"),
        Input(ids.URL, "search"),
        Input(ids.COMMENTS_SEARCH, "value"),
        Input(ids.COMMENTS_GROUP, "value"),
        Input(ids.COMMENTS_SOURCE, "value"),
        Input(ids.COMMENTS_PREV, "n_clicks"),
        Input(ids.COMMENTS_NEXT, "n_clicks"),
        Input(ids.ACTION_FORM_SAVED, "data"),
        State(ids.COMMENTS_PAGE, "data"),
        State(ids.LANG, "data"),
        State(ids.TOUCHPOINT_RENDERED, "data"),
    )(lambda key, search, q, group, source, _prev, _next, saved, shown_page, lang, rendered:
      page(store, ctx.triggered_id, key, search, q, group, source, shown_page, saved, lang,
           rendered))
