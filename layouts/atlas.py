"""The journey atlas: all journeys along the lifecycle, the weakest first."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.i18n import count, number, t
from layouts import components as c
from layouts import ids, theme


def page(lang: str) -> html.Div:
    return html.Div([
        c.page_header(t("atlas.title", lang)),
        html.P(t("atlas.help", lang), className="text-muted"),
        html.Div(id=ids.ATLAS_NOTICE),
        html.Div(id=ids.ATLAS_TABLE),
        c.symbol_legend(lang, ("lights", "significant", "small")),
    ])


def lifecycle_strip(journeys: pd.DataFrame, lang: str, href_for) -> html.Div:
    """Journeys grouped by lifecycle stage, in catalog order, coloured by their light."""
    stages = []
    order = journeys.sort_values("position")
    for stage, group in order.groupby("lifecycle_stage", sort=False):
        stages.append(html.Div([
            html.Div(stage or "–", className="stage-name"),
            html.Div([
                dcc.Link([html.Div(r.name, className="fw-semibold"),
                          html.Div([c.score(r.score, r.light, lang), " / 10"], className="small")],
                         href=href_for(r.key), className="stage-journey",
                         style={"borderTopColor": theme.TRAFFIC[r.light]})
                for r in group.itertuples()
            ], className="stage-journeys"),
        ], className="stage"))
    return html.Div(stages, className="lifecycle-strip mb-3")


def table(journeys: pd.DataFrame, lang: str, search: str, href_for) -> html.Table:
    """Ranked journeys: score against target, change, trend, NPS, n, weakest touchpoints."""
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in (
        "atlas.rank", "filter.journey", "atlas.stage", "kpi.journey_score", "journey.gap",
        "mine.change", "mine.trend", "kpi.nps", "atlas.audits", "atlas.weakest")]))
    body = []
    spark = c.spark_scale(journeys["trend"]) if "trend" in journeys else None
    for i, r in enumerate(journeys.itertuples(), start=1):
        weakest = [html.Li([c.touchpoint_link(w["key"], w["name"], search), " ",
                            html.Small(number(w["gap_target"], lang, 1, signed=True),
                                       className="text-muted")])
                   for w in r.weakest]
        body.append(html.Tr([
            html.Td(str(i)),
            html.Td([dcc.Link(r.name, href=href_for(r.key), className="fw-semibold"),
                     html.Div(r.goal or "", className="small text-muted")]),
            html.Td(r.lifecycle_stage or "–"),
            html.Td([c.score(r.score, r.light, lang), html.Small(
                f" / {number(r.target, lang)}", className="text-muted")]),
            html.Td(number(r.gap_target, lang, 1, signed=True)),
            html.Td(c.delta(r.delta, r.significant, lang, 1)),
            html.Td(c.sparkline(r.trend, spark)),
            html.Td([number(r.nps, lang, 0), " ", c.n_label(r.nps_n, lang, "responses")]),
            html.Td(count(r.audits, lang)),
            html.Td(html.Ul(weakest, className="list-unstyled mb-0 small")),
        ]))
    return html.Table([head, html.Tbody(body)],
                      className="table table-sm align-middle atlas-table bg-white",
                      id=ids.ATLAS_TABLE + "-rows")
