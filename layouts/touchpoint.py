"""The touchpoint drill-down: everything about one touchpoint on one page."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import count, number, t
from layouts import comments, ids, theme
from layouts import components as c
from layouts.overview import trend_figure
from views.touchpoint import TREND_METRICS

ATTRIBUTES = ("media_type", "frequency", "perception", "reach", "acceptance_criteria", "notes")


def page(lang: str, key: str, actions=None) -> html.Div:
    """Return the drill-down skeleton for one touchpoint; callbacks fill it (``actions``:
    the actions card and its form)."""
    return html.Div([
        dcc.Store(id=ids.TOUCHPOINT_KEY, data=key),
        dcc.Store(id=ids.ACTION_REQUEST),
        dcc.Store(id=ids.COMMENTS_PAGE, data=1),
        dcc.Store(id=ids.COMMENTS_DRAFTS, data=[]),
        dcc.Store(id=ids.TOUCHPOINT_RENDERED, data={}),
        html.Div(id=ids.TOUCHPOINT_HEADER),
        html.Div(id=ids.TOUCHPOINT_NOTICE),
        dbc.Row([
            dbc.Col(c.section(t("touchpoint.history", lang), html.Div([
                dcc.Graph(id=ids.TOUCHPOINT_HISTORY_GRAPH, config=theme.graph_config(lang),
                          style={"height": "360px"}),
                html.Small(t("touchpoint.history_help", lang), className="text-muted"),
            ])), xl=6),
            dbc.Col(c.section(t("touchpoint.survey_trends", lang), html.Div([
                survey_trend_slots(lang),
                html.Small(t("touchpoint.survey_trends_help", lang, n=30),
                           className="text-muted"),
            ])), xl=6),
        ], className="g-3"),
        actions,
        dbc.Row([
            dbc.Col(c.section(t("touchpoint.attributes", lang),
                              html.Div(id=ids.TOUCHPOINT_ATTRIBUTES)), lg=6, xl=3),
            dbc.Col(c.section(t("touchpoint.perspectives", lang),
                              html.Div(id=ids.TOUCHPOINT_PERSPECTIVES)), lg=6, xl=3),
            dbc.Col(c.section(t("touchpoint.questions", lang),
                              html.Div(id=ids.TOUCHPOINT_QUESTIONS)), lg=6, xl=3),
            dbc.Col(c.section(t("touchpoint.surveys", lang),
                              html.Div(id=ids.TOUCHPOINT_SURVEYS)), lg=6, xl=3),
        ], className="g-3"),
        dbc.Row([
            dbc.Col(c.section(t("touchpoint.comments", lang), comments.explorer(lang)), xl=7),
            dbc.Col(c.section(t("touchpoint.web", lang), html.Div(id=ids.TOUCHPOINT_WEB)), xl=5),
        ], className="g-3"),
        c.symbol_legend(lang),
    ])


def not_found(key: str, lang: str) -> html.Div:
    return html.Div([html.H1(t("touchpoint.unknown", lang, key=key), className="h3"),
                     dcc.Link(t("notfound.home", lang), href="/")])


def header(row: dict, lang: str, search: str) -> html.Div:
    """Name, where it sits in the journey, markers, and the current score."""
    markers = []
    if row["pain_point"]:
        markers.append(dbc.Badge("⚡ " + t("journey.pain", lang), color="warning",
                                 text_color="dark", className="me-1"))
    if row["moment_of_truth"]:
        markers.append(dbc.Badge("★ " + t("journey.mot", lang), color="info", className="me-1"))
    return html.Div([
        html.Div([
            dcc.Link(row["journey_name"], href=f"/journey{search or ''}",
                     id=ids.filter_link("/journey")), " › ",
            row["phase_name"], " · ", html.Span(row["channel_name"], className="tp-channel",
                                                style={"borderColor": row["channel_color"]}),
            " · ", row["department_name"],
        ], className="text-muted small"),
        html.Div([
            html.H1(row["name"], className="h3 mb-0 me-3"),
            *markers,
            html.Span([c.score(row["value"], row["light"], lang), " / 10 ",
                       c.n_label(int(row["n"]), lang, "audits"), " · ",
                       t("journey.target", lang), " ", number(row["target"], lang), " · ",
                       t("journey.best", lang), " ", number(row["best_in_class"], lang), " · ",
                       c.delta(row["delta"], row["significant"], lang, 1)],
                      className="tp-headline ms-auto"),
        ], className="d-flex flex-wrap align-items-center gap-2"),
    ], className="mb-3")


def attributes(row: dict, lang: str) -> html.Dl:
    """The catalog attributes, those that are filled in."""
    items = [("journey.target", number(row["target"], lang)),
             ("journey.best", number(row["best_in_class"], lang)),
             ("journey.gap", number(row["gap_target"], lang, 1, signed=True))]
    if row.get("url"):
        items.append(("touchpoint.url", c.web_link(row["url"])))
    for name in ATTRIBUTES:
        if row.get(name) not in (None, "") and not c.missing(row.get(name)):
            items.append((f"touchpoint.{name}", row[name]))
    children = []
    for label, value in items:
        children += [html.Dt(t(label, lang), className="col-sm-5"),
                     html.Dd(value, className="col-sm-7")]
    return html.Dl(children, className="row mb-0 small")


def history_figure(weeks: pd.DataFrame, row: dict, lang: str, selected) -> dict:
    """Weekly score with its 95 % band, the target and best-in-class lines."""
    traces = []
    if not weeks.empty:
        band = weeks.dropna(subset=["low", "high"])
        traces.append(dict(
            type="scatter",
            x=theme.days(pd.concat([band["week"], band["week"][::-1]])),
            y=theme.rounded(pd.concat([band["high"].clip(upper=10),
                                       band["low"].clip(lower=1)[::-1]])),
            fill="toself", fillcolor=theme.BAND, line={"width": 0}, hoverinfo="skip",
            name=t("trend.band", lang)))
        traces.append(dict(
            type="scatter", x=theme.days(weeks["week"]), y=theme.rounded(weeks["value"]),
            mode="lines+markers", name=t("kpi.touchpoint_score", lang), line={"color": theme.PRIMARY, "width": 2.5},
            marker={"size": 7, "color": ["white" if s else theme.PRIMARY for s in weeks["small"]],
                    "line": {"color": theme.PRIMARY, "width": 2}},
            customdata=weeks[["n"]].to_numpy(),
            hovertemplate="%{x|%d.%m.%Y}: %{y:.1f} (n = %{customdata[0]})<extra></extra>"))
    shapes, notes = [], []
    for value, name, color, dash in ((row["target"], t("journey.target", lang), theme.TARGET,
                                      "dash"),
                                     (row["best_in_class"], t("journey.best", lang),
                                      theme.BEST_IN_CLASS, "dot")):
        if not c.missing(value):
            shapes.append(theme.hline(value, color, dash))
            notes.append(theme.hline_label(value, name))
    start, end = selected
    if start and end:
        shapes.append(theme.period(start, end))
    if weeks.empty:
        notes.append(theme.no_data_note(t("trend.no_data", lang)))
    return theme.figure(traces, shapes=shapes, annotations=notes,
                        yaxis={"range": [1, 10.3], "dtick": 1}, xaxis={"type": "date"},
                        showlegend=False,
                        separators=",." if lang == "de" else ".,")


def stats_table(rows: list[tuple], lang: str, kind: str = "audits") -> html.Table | html.P:
    """A small table of (label, value text, n, small)."""
    if not rows:
        return html.P(t("kpi.no_data", lang), className="text-muted small mb-0")
    body = [html.Tr([html.Td(label), html.Td(value, className="text-end fw-semibold"),
                     html.Td(c.n_label(n, lang, kind, small), className="text-end")])
            for label, value, n, small in rows]
    return html.Table(html.Tbody(body), className="table table-sm mb-0 small")


def web_block(totals: dict, weeks: pd.DataFrame, lang: str):
    """Sessions, conversion and bounce rate, and weekly sessions with conversion rate."""
    if not totals or totals.get("sessions", 0) == 0:
        return html.P(t("touchpoint.no_web", lang), className="text-muted small mb-0")
    cr, br = totals["conversion_rate_pct"], totals["bounce_rate_pct"]
    fig = theme.figure(
        [dict(type="bar", x=weeks["week"], y=weeks["sessions"],
              name=t("touchpoint.sessions", lang), marker={"color": "rgba(11,79,138,0.35)"}),
         dict(type="scatter", x=weeks["week"],
              y=weeks["conversion_rate_pct"],
              name=t("touchpoint.conversion", lang), yaxis="y2",
              line={"color": theme.TRAFFIC["amber"], "width": 2})],
        height=220, margin={"l": 48, "r": 48, "t": 8, "b": 32},
        yaxis2={"overlaying": "y", "side": "right", "ticksuffix": " %", "showgrid": False},
        legend={"orientation": "h", "y": -0.25}, separators=",." if lang == "de" else ".,")
    return html.Div([
        html.Div([
            html.Span([html.Strong(count(totals["sessions"], lang)), " ",
                       t("touchpoint.sessions", lang)]), " · ",
            html.Span([html.Strong(number(cr, lang, 2) + " %"), " ",
                       t("touchpoint.conversion", lang)]), " · ",
            html.Span([html.Strong(number(br, lang, 1) + " %"), " ",
                       t("touchpoint.bounce", lang)]),
        ], className="small mb-1"),
        dcc.Graph(figure=fig, config=theme.graph_config(lang, displayModeBar=False)),
    ])


SLOT, SLOT_EMPTY, SLOT_HIDDEN = "survey-trend", "survey-trend survey-trend-empty", \
    "survey-trend d-none"
NONE_NOTE = "text-muted small mb-0 survey-trends-empty"


def survey_trend_slots(lang: str) -> html.Div:
    """The survey trends' places, drawn once: a note for when no metric has responses, and
    per metric its label, a note for when it has none, and its chart (callbacks set which
    shows, and the figures, so a chart is updated in place rather than created anew)."""
    slots = [html.P(t("touchpoint.no_survey_trends", lang), className=NONE_NOTE + " d-none",
                    id=ids.TOUCHPOINT_SURVEY_TRENDS_NONE)]
    for metric in TREND_METRICS:
        name = t(f"kpi.{metric}", lang)
        slots.append(html.Div([
            html.Div(name, className="small fw-semibold"),
            html.P(t("touchpoint.no_metric_trend", lang, metric=name),
                   className="text-muted small mb-2 survey-trend-note"),
            dcc.Graph(id=ids.survey_trend_graph(metric), className="survey-trend-graph",
                      config=theme.graph_config(lang, displayModeBar=False)),
        ], className=SLOT_HIDDEN, id=ids.survey_trend(metric)))
    return html.Div(slots, id=ids.TOUCHPOINT_SURVEY_TRENDS)


def survey_trends(trends: dict, lang: str, selected) -> list:
    """NPS, CES and CSAT of the linked responses by week with their 95 % bands, one small
    chart each; a note instead of an empty axis for a metric without responses, and one
    note when none has any. Returns the none-note's class, then per metric (TREND_METRICS)
    its place's class and its figure (None: not shown)."""
    if all(trends.get(m) is None or trends[m].empty for m in TREND_METRICS):
        return [NONE_NOTE, *[v for _ in TREND_METRICS for v in (SLOT_HIDDEN, None)]]
    out = [NONE_NOTE + " d-none"]
    for metric in TREND_METRICS:
        weeks = trends.get(metric)
        if weeks is None or weeks.empty:
            out += [SLOT_EMPTY, None]
        else:
            out += [SLOT, trend_figure(weeks, metric, lang, selected, height=170)]
    return out


def no_survey_trends() -> list:
    """The survey trends' outputs for a page without a touchpoint: nothing shown."""
    return [NONE_NOTE + " d-none", *[v for _ in TREND_METRICS for v in (SLOT_HIDDEN, None)]]
