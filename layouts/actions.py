"""Actions: the list page, a touchpoint's actions with their effect, and the action form."""

from __future__ import annotations

import math

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import date, number, t
from layouts import components as c
from layouts import ids
from layouts.plain_table import PlainTable, cell, piece

SORTS = ("due", "status", "touchpoint", "owner", "changed")
STATUSES = ("open", "in_progress", "done", "dropped")
STATUS_COLOR = {"open": "primary", "in_progress": "info", "done": "success",
                "dropped": "secondary"}
WEEK_CHOICES = (4, 6, 8, 12)
METRIC_DIGITS = {"audit": 2, "ces": 2, "nps": 1, "csat": 1}


def page(lang: str, sort: str = "due") -> html.Div:
    """The list page's skeleton: sort control, summary, table."""
    return html.Div([
        c.page_header(t("actions.title", lang), html.Div([
            dbc.Label(t("actions.sort", lang), html_for="actions-sort", className="me-2 small"),
            dbc.Select(id=ids.view_option("sort"), value=sort, size="sm",
                       options=[{"label": t(f"actions.sort.{s}", lang), "value": s}
                                for s in SORTS], style={"width": "auto"}),
        ], className="d-flex align-items-center ms-auto")),
        html.Div(id=ids.ACTIONS_SUMMARY),
        html.Div(id=ids.ACTIONS_TABLE),
    ])


def status_pieces(status: str, overdue: bool, lang: str) -> list[dict]:
    """The status badge and, when overdue, the overdue badge (pieces of a plain table)."""
    out = [piece(t(f"actions.status.{status}", lang),
                 f"me-1 action-status badge bg-{STATUS_COLOR.get(status, 'secondary')}")]
    if overdue:
        out.append(piece(t("actions.overdue", lang), "action-overdue badge bg-danger"))
    return out


def status_badge(status: str, overdue: bool, lang: str) -> html.Span:
    """The same badges as components (a touchpoint's actions card)."""
    return html.Span([html.Span(p["text"], className=p["className"])
                      for p in status_pieces(status, overdue, lang)])


def summary(counts: dict, lang: str) -> html.P:
    return html.P(t("actions.summary", lang, **counts), className="small text-muted mb-2")


def _day(value, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return date(value, lang)


def table(m, lang: str, search: str, page_href) -> html.Div | html.P:
    """The model's page of actions, in its order, with a pager when there is more
    (``page_href(n)`` is the link to page n). The rows are one PlainTable: as Dash
    components (≈ 13 a row) they took half a second to draw."""
    frame = m.page_frame
    if frame.empty:
        return html.P(t("actions.none", lang), className="text-muted")
    head = [t(k, lang) for k in (
        "actions.field.title", "filter.journey", "benchmark.col.touchpoint",
        "actions.field.owner", "actions.field.due_date", "actions.field.status",
        "actions.changed")]
    rows = []
    for r in frame.to_dict("records"):
        where = (piece(r["touchpoint_name"] or r["touchpoint_key"], "tp-link",
                       href=c.touchpoint_href(r["touchpoint_key"], search))
                 if isinstance(r["touchpoint_key"], str) else t("actions.whole_journey", lang))
        cells = [
            piece(r["title"], "action-title"),
            r["journey_name"] or r["journey_key"],
            where,
            r["owner"] or "–",
            _day(r["due_date"], lang),
            status_pieces(r["status"], bool(r["overdue"]), lang),
            cell([r["changed_by"], " · ", _day(pd.Timestamp(r["changed_at"]).date(), lang)],
                 "small text-muted"),
        ]
        rows.append({"cells": cells,
                     "className": "action-row" + (" row-below" if r["overdue"] else "")})
    return html.Div([
        PlainTable(head=head, rows=rows, className="table table-sm table-hover align-middle "
                   "actions-table bg-white"),
        c.pager(m.first, len(frame), len(m.frame), m.page, m.pages, lang, page_href,
                "actions-pager"),
    ])


def effect_table(effect: dict, lang: str) -> html.Div:
    """Did it work: before vs after for the touchpoint and the journey's other touchpoints."""
    status = effect["status"]
    if status == "too_early":
        return html.P(t("effect.too_early", lang, weeks=effect["weeks"]),
                      className="small text-muted mb-0 effect-too-early")
    if status != "ok":
        return html.Div()
    if not effect["metrics"]:
        return html.P(t("effect.no_data", lang), className="small text-muted mb-0")
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in (
        "effect.metric", "effect.before", "effect.after", "effect.change", "effect.others",
        "effect.did")]))
    body = []
    for r in effect["metrics"]:
        d = METRIC_DIGITS.get(r["metric"], 1)
        label = t("kpi.touchpoint_score", lang) if r["metric"] == "audit" else \
            t(f"kpi.{r['metric']}", lang)

        def interval(low, high, digits=d):
            return f"[{number(low, lang, digits, signed=True)}; " \
                   f"{number(high, lang, digits, signed=True)}]"

        def verdict(sig):
            return t("effect.too_few", lang) if sig is None else (
                "*" if sig else t("effect.not_significant", lang))

        body.append(html.Tr([
            html.Td(label),
            html.Td([number(r["before"], lang, d), " ", c.n_label(r["n_before"], lang,
                    "audits" if r["metric"] == "audit" else "responses")]),
            html.Td([number(r["after"], lang, d), " ", c.n_label(r["n_after"], lang,
                    "audits" if r["metric"] == "audit" else "responses")]),
            html.Td([number(r["delta"], lang, d, signed=True), " ",
                     html.Small(interval(r["low"], r["high"])), " ", verdict(r["significant"])]),
            html.Td(number(r["others_delta"], lang, d, signed=True)),
            html.Td([html.Strong(number(r["did"], lang, d, signed=True)), " ",
                     html.Small(interval(r["did_low"], r["did_high"])), " ",
                     verdict(r["did_significant"])], className="effect-did"),
        ]))
    return html.Div([
        html.P(t("effect.windows", lang, weeks=effect["weeks"],
                 done=_day(pd.Timestamp(effect["done_on"]).date(), lang)),
               className="small text-muted mb-1"),
        html.Table([head, html.Tbody(body)], className="table table-sm small mb-0 effect-table"),
    ], className="effect")


def touchpoint_actions(m, lang: str, may_write: bool, page_href, page_id=None) -> html.Div:
    """A touchpoint's actions (the model's page, active ones first) with edit buttons and,
    when done, their effect; a pager when there are more (``page_href(n)``: page n,
    ``page_id(n)``: its link's id)."""
    frame, effect_by_id, weeks = m.page_frame, m.effects, m.weeks
    # Always there (its callback needs the input), shown to those who may write.
    top = [dbc.Button("+ " + t("actions.new", lang), id=ids.ACTION_NEW, n_clicks=0,
                      size="sm", color="primary", className="me-2",
                      style=None if may_write else {"display": "none"})]
    top.append(html.Span([
        dbc.Label(t("effect.weeks", lang), className="small me-1 mb-0"),
        dbc.Select(id=ids.view_option("weeks"), value=str(weeks), size="sm",
                   options=[{"label": str(w), "value": str(w)} for w in WEEK_CHOICES],
                   style={"width": "auto", "display": "inline-block"}),
    ], className="ms-auto d-inline-flex align-items-center"))
    items = []
    for r in frame.to_dict("records"):
        meta = [t("actions.owner_is", lang, owner=r["owner"] or "–"), " · ",
                t("actions.due_is", lang, due=_day(r["due_date"], lang))]
        items.append(html.Li([
            html.Div([
                html.Strong(r["title"], className="me-2 action-title"),
                status_badge(r["status"], bool(r["overdue"]), lang),
                dbc.Button(t("actions.edit", lang), id=ids.action_edit(int(r["id"])),
                           n_clicks=0, size="sm", color="link", className="ms-auto p-0")
                if may_write else None,
            ], className="d-flex align-items-center gap-1"),
            html.Div(meta, className="small text-muted"),
            html.Div(r["description"], className="small") if r.get("description") else None,
            effect_table(effect_by_id[r["id"]], lang) if r["id"] in effect_by_id else None,
        ], className="action-item mb-2", id=f"action-item-{int(r['id'])}"))
    body = html.Ul(items, className="list-unstyled mb-0") if items else \
        html.P(t("actions.none_here", lang), className="small text-muted mb-0")
    return html.Div([html.Div(top, className="d-flex align-items-center mb-2"), body,
                     c.pager(m.first, len(frame), len(m.frame), m.page, m.pages, lang,
                             page_href, "touchpoint-actions-pager", page_id)])


def section(lang: str, users: list[dict], departments: list[dict]) -> html.Div:
    """The touchpoint page's actions card and its form."""
    return html.Div([c.section(t("actions.title", lang), html.Div(id=ids.TOUCHPOINT_ACTIONS)),
                     form(lang, users, departments)])


def form(lang: str, users: list[dict], departments: list[dict]) -> dbc.Modal:
    """The action form (create and edit), in a modal."""
    def field(label_key, control):
        return html.Div([dbc.Label(t(label_key, lang), html_for=control.id), control],
                        className="mb-2")

    return dbc.Modal([
        dbc.ModalHeader(dbc.ModalTitle(t("actions.form_title", lang))),
        dbc.ModalBody([
            dcc.Store(id=ids.ACTION_FORM_ID),
            dcc.Store(id=ids.ACTION_FORM_ORIGIN),
            dcc.Store(id=ids.ACTION_FORM_ORIGIN_REF),
            dcc.Store(id=ids.ACTION_FORM_SAVED, data=0),
            field("actions.field.title", dbc.Input(id=ids.ACTION_FORM_TITLE, maxLength=200)),
            field("actions.field.description",
                  dbc.Textarea(id=ids.ACTION_FORM_DESCRIPTION, rows=3)),
            dbc.Row([
                dbc.Col(field("actions.field.owner_user", dbc.Select(
                    id=ids.ACTION_FORM_OWNER_USER,
                    options=[{"label": "–", "value": ""}, *users]))),
                dbc.Col(field("actions.field.owner_department", dbc.Select(
                    id=ids.ACTION_FORM_OWNER_DEPARTMENT,
                    options=[{"label": "–", "value": ""}, *departments]))),
            ]),
            dbc.Row([
                dbc.Col(field("actions.field.due_date",
                              dbc.Input(id=ids.ACTION_FORM_DUE, type="date"))),
                dbc.Col(field("actions.field.status", dbc.Select(
                    id=ids.ACTION_FORM_STATUS, value="open",
                    options=[{"label": t(f"actions.status.{s}", lang), "value": s}
                             for s in STATUSES]))),
            ]),
            html.Div(id=ids.ACTION_FORM_RESULT),
        ]),
        dbc.ModalFooter([
            dbc.Button(t("actions.cancel", lang), id=ids.ACTION_FORM_CANCEL, n_clicks=0,
                       color="secondary", outline=True),
            dbc.Button(t("actions.save", lang), id=ids.ACTION_FORM_SAVE, n_clicks=0,
                       color="primary"),
        ]),
    ], id=ids.ACTION_FORM_MODAL, is_open=False)
