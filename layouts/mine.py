"""My touchpoints: a department owner's touchpoints, worst first."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.i18n import number, t
from layouts import components as c
from layouts import ids


def page(lang: str) -> html.Div:
    return html.Div([
        c.page_header(t("mine.title", lang), html.Span(id=ids.MINE_DEPARTMENT,
                                                       className="text-muted")),
        html.Div(id=ids.MINE_NOTICE),
        html.Div(id=ids.MINE_SUMMARY),
        html.Div(id=ids.MINE_TABLE),
        c.symbol_legend(lang),
    ])


def department_picker(departments: pd.DataFrame, below: dict, lang: str, href_for) -> html.Div:
    """Ask the owner to pick a department; each shows how many touchpoints are below target."""
    return html.Div([
        html.P(t("mine.pick", lang)),
        html.Div([
            dcc.Link([html.Strong(row.name), html.Br(),
                      html.Small(t("mine.below_count", lang, n=below.get(row.key, 0)))],
                     href=href_for(row.key), className="dept-tile")
            for row in departments.itertuples()
        ], className="dept-tiles"),
    ])


def summary(counts: dict, lang: str) -> html.Div:
    """One line: how many touchpoints, audited, below target, significantly worse/better."""
    return html.Div([html.Span(t("mine.summary", lang, **counts))],
                    className="mine-summary mb-3")


def table(card: pd.DataFrame, trends: dict, lang: str, search: str) -> html.Table:
    """Touchpoints in the model's order (worst first), with trend and change."""
    rows = card
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in (
        "benchmark.col.touchpoint", "filter.journey", "filter.phase", "kpi.touchpoint_score",
        "journey.target", "journey.gap", "mine.change", "mine.trend", "actions.open_col")]))
    body = []
    spark = c.spark_scale(trends.get(k, []) for k in rows["key"])
    for _, r in rows.iterrows():
        below = r["light"] in ("red", "amber")
        body.append(html.Tr([
            html.Td([c.touchpoint_link(r["key"], r["name"], search),
                     html.Span(" ⚡", title=t("journey.pain", lang)) if r["pain_point"] else None,
                     html.Span(" ★", title=t("journey.mot", lang)) if r["moment_of_truth"]
                     else None]),
            html.Td(r["journey_name"]),
            html.Td(r["phase_name"]),
            html.Td([c.score(r["value"], r["light"], lang), " ",
                     c.n_label(int(r["n"]), lang, "audits")]),
            html.Td(number(r["target"], lang)),
            html.Td(number(r["gap_target"], lang, 1, signed=True),
                    className="fw-bold" if below else ""),
            html.Td(c.delta(r["delta"], r["significant"], lang, 1)),
            html.Td(c.sparkline(trends.get(r["key"], []), spark)),
            html.Td(_actions_cell(r, lang), className="mine-actions"),
        ], className="row-below" if below else ""))
    return html.Table([head, html.Tbody(body)],
                      className="table table-sm table-hover align-middle mine-table bg-white")


def _actions_cell(r, lang: str):
    """Open actions of a touchpoint, and how many of them are overdue."""
    open_n, overdue = int(r.get("open_actions", 0) or 0), int(r.get("overdue_actions", 0) or 0)
    if not open_n:
        return "–"
    return html.Span([str(open_n), html.Span(f" ({overdue} {t('actions.overdue_col', lang)})",
                                              className="text-danger") if overdue else None])
