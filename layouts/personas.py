"""Persona cards with each persona's KPIs; choosing one sets the persona filter."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import number, t
from layouts import components as c
from layouts import ids


def page(lang: str) -> html.Div:
    return html.Div([
        c.page_header(t("personas.title", lang)),
        html.Div(id=ids.PERSONAS_NOTICE),
        html.Div(id=ids.PERSONA_CARDS),
        c.symbol_legend(lang, ("small",)),
    ])


def initials(name: str) -> str:
    words = [w for w in name.replace("–", " ").split() if w[:1].isalpha()]
    return "".join(w[0] for w in words[:2]).upper()


def card(persona: dict, kpis: dict, journeys: list[str], selected: bool, lang: str,
         href: str) -> dbc.Card:
    """One persona: picture or initials, quote, goals, demographics, journeys and KPIs."""
    image = c.image_source(persona.get("image"))
    avatar = (html.Img(src=image, className="persona-avatar", alt=persona["name"])
              if image else html.Div(initials(persona["name"]), className="persona-avatar"))
    rows = []
    for metric, digits, unit in (("nps", 0, ""), ("ces", 2, ""), ("csat", 0, " %")):
        m = kpis.get(metric)
        value = number(m["value"], lang, digits) + unit if m else "–"
        n = m["n"] if m else 0
        rows.append(html.Div([html.Span(t(f"kpi.{metric}", lang), className="text-muted"),
                              html.Strong(value, className="ms-auto me-2"),
                              c.n_label(n, lang, "responses")],
                             className="d-flex small persona-kpi"))
    return dbc.Card(dbc.CardBody([
        html.Div([avatar, html.Div([html.H2(persona["name"], className="h6 mb-1"),
                                    html.Div(persona.get("demographics") or "",
                                             className="small text-muted")])],
                 className="d-flex gap-3 align-items-center mb-2"),
        html.Blockquote(f"„{persona.get('quote') or ''}“", className="persona-quote"),
        html.Div([html.Span(t("personas.goals", lang) + ": ", className="text-muted"),
                  persona.get("goals") or "–"], className="small mb-1"),
        html.Div([html.Span(t("personas.journeys", lang) + ": ", className="text-muted"),
                  ", ".join(journeys) or "–"], className="small mb-2"),
        html.Div(rows, className="mb-2"),
        dcc.Link(t("personas.selected" if selected else "personas.select", lang), href=href,
                 className="btn btn-sm " + ("btn-primary" if selected else "btn-outline-primary"),
                 id={"type": "persona-select", "key": persona["key"]}),
    ]), className="h-100 persona-card" + (" selected" if selected else ""))


def grid(cards: list) -> dbc.Row:
    return dbc.Row([dbc.Col(x, md=6, xl=4, className="mb-3") for x in cards], className="g-3")
