"""Touchpoint drill-down callbacks."""

from __future__ import annotations

from dataclasses import replace

from dash import Input, Output, State

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search
from dashboard.i18n import number, t
from data import kpis, queries, scorecards
from data.queries import Filters
from data.store import Store
from layouts import components, ids, touchpoint

HISTORY_WEEKS = 52
OUTPUTS = (ids.TOUCHPOINT_HEADER, ids.TOUCHPOINT_NOTICE, ids.TOUCHPOINT_ATTRIBUTES,
           ids.TOUCHPOINT_HISTORY_GRAPH, ids.TOUCHPOINT_PERSPECTIVES, ids.TOUCHPOINT_QUESTIONS,
           ids.TOUCHPOINT_SURVEYS, ids.TOUCHPOINT_WEB, ids.TOUCHPOINT_COMMENTS)


def _mean_rows(agg, column: str, lang: str, labels=None) -> list[tuple]:
    if agg.empty:
        return []
    table = kpis.metric_table(agg, "audit")
    labels = labels or {}
    return [(labels.get(r[column], r[column] or "–"), number(r["value"], lang, 1), int(r["n"]),
             bool(r["small"])) for _, r in table.iterrows()]


def update(store: Store, key: str, search: str | None, lang: str):
    """Return header, notice, attributes, history figure, perspectives, questions,
    surveys, web block and comments for one touchpoint."""
    base = filters_from_search(store, search)
    # Only the period (and, for survey responses, the persona) narrows a drill-down:
    # the touchpoint itself is the selection.
    f = Filters(touchpoints=(key,), date_from=base.date_from, date_to=base.date_to)
    survey_f = replace(f, personas=base.personas)
    queries.prefetch(
        store,
        lambda: scorecards.touchpoint_scorecard(store, f),
        lambda: queries.audit_aggregates(store, f.widened(HISTORY_WEEKS), by=("week",)),
        lambda: queries.audit_aggregates(store, f, by=("question",)),
        lambda: queries.audit_aggregates(store, f, by=("perspective",)),
        lambda: queries.survey_aggregates(store, survey_f),
        lambda: queries.web_aggregates(store, f.widened(26), by=("week",)),
        lambda: queries.web_aggregates(store, f),
        lambda: queries.latest_comments(store, f),
    )
    card = scorecards.touchpoint_scorecard(store, f)
    if card.empty:
        return (touchpoint.not_found(key, lang), *([None] * 2),
                touchpoint.history_figure(card, {"target": None, "best_in_class": None}, lang,
                                          (None, None)), *([None] * 5))
    row = card.iloc[0].to_dict()
    weekly = queries.audit_aggregates(store, f.widened(HISTORY_WEEKS), by=("week",))
    weeks = kpis.metric_table(weekly, "audit") if not weekly.empty else weekly.assign(
        value=[], low=[], high=[], small=[])
    perspectives = _mean_rows(queries.audit_aggregates(store, f, by=("perspective",)),
                              "perspective", lang,
                              {p: t(f"benchmark.perspective.{p}", lang)
                               for p in ("customer", "employee", "expert")})
    questions = _mean_rows(queries.audit_aggregates(store, f, by=("question",)), "question", lang)
    survey = queries.survey_aggregates(store, survey_f)
    survey_rows = []
    for metric, digits, unit in (("nps", 0, ""), ("ces", 2, ""), ("csat", 0, " %")):
        part = survey.loc[survey["metric"] == metric]
        if part.empty:
            continue
        m = kpis.metric_table(part, metric).iloc[0]
        survey_rows.append((t(f"kpi.{metric}", lang), number(m["value"], lang, digits) + unit,
                            int(m["n"]), bool(m["small"])))
    web_weeks = queries.web_aggregates(store, f.widened(26), by=("week",))
    notice = components.empty_filters(lang) if row["n"] == 0 and not survey_rows else None
    return (
        touchpoint.header(row, lang, search),
        notice,
        touchpoint.attributes(row, lang),
        touchpoint.history_figure(weeks, row, lang, (f.date_from, f.date_to)),
        touchpoint.stats_table(perspectives, lang),
        touchpoint.stats_table(questions, lang),
        touchpoint.stats_table(survey_rows, lang, "responses"),
        touchpoint.web_block(queries.web_totals(store, f), web_weeks, lang),
        touchpoint.comments(queries.latest_comments(store, f), lang),
    )


def register(app, store: Store) -> None:
    app.callback(
        *[Output(i, "figure" if i == ids.TOUCHPOINT_HISTORY_GRAPH else "children")
          for i in OUTPUTS],
        Input(ids.TOUCHPOINT_KEY, "data"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda key, search, lang: cached_view(store, "touchpoint", update, key, search, lang))
