"""The journey map: phases as arrows, touchpoint cards per step, and the emotion curve."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import number, t
from layouts import components as c
from layouts import ids, theme
from layouts.plain_tree import PlainTree, plain

LANES = ("none", "channel", "department")


def page(lang: str, search: str, lanes: str = "none", workshop: bool = False) -> html.Div:
    """Return the journey-map skeleton; callbacks fill it (``workshop``: offer to start a
    workshop on the journey shown, for analysts and admins)."""
    return html.Div([
        c.page_header(t("journey.title", lang), html.Div(id=ids.JOURNEY_PICKER,
                                                         className="journey-picker"),
                      dcc.Link(t("workshop.start_from_map", lang), href="/workshop/join",
                               id=ids.JOURNEY_WORKSHOP,
                               className="btn btn-outline-primary btn-sm ms-auto",
                               style=None if workshop else {"display": "none"})),
        html.Div(id=ids.JOURNEY_PERSONA),
        html.Div(id=ids.JOURNEY_NOTICE),
        dbc.Card(dbc.CardBody([
            html.Div([
                html.H2(t("journey.map", lang), className="h6 section-title mb-0"),
                dbc.RadioItems(
                    id=ids.view_option("lanes"),
                    options=[{"label": t(f"journey.lanes.{v}", lang), "value": v} for v in LANES],
                    value=lanes if lanes in LANES else "none", inline=True, className="ms-auto"),
            ], className="d-flex flex-wrap align-items-center gap-2 mb-2"),
            html.Div(id=ids.JOURNEY_MAP, className="journey-map-wrap"),
        ]), className="mb-3"),
        dbc.Card(dbc.CardBody([
            html.H2(t("journey.curve", lang), className="h6 section-title"),
            dcc.Graph(id=ids.JOURNEY_EMOTION_CURVE, config=theme.graph_config(lang),
                      style={"height": "420px"}),
            html.Small(t("journey.curve_help", lang), className="text-muted"),
        ]), className="mb-3"),
        c.symbol_legend(lang),
    ])


def picker(journeys: pd.DataFrame, current: str, search_for, selected=()) -> list:
    """Links to each journey's map; search_for(key) gives the query string. Journeys the
    filter selected besides the one shown are marked, so switching is one click."""
    chosen = set(selected)
    return [
        dcc.Link(row.name, href="/journey" + search_for(row.key),
                 className="journey-pill" + (" active" if row.key == current else "")
                 + (" selected" if row.key in chosen and row.key != current else ""),
                 id=ids.journey_pill(row.key))
        for row in journeys.itertuples()
    ]


def several_notice(m, lang: str) -> dbc.Alert:
    """Say which of several selected journeys the map shows and how to see the others."""
    names = dict(zip(m.journeys["key"], m.journeys["name"], strict=True))
    others = [names.get(k, k) for k in m.selected if k != m.key]
    return dbc.Alert(t("journey.several", lang, n=len(m.selected),
                       shown=names.get(m.key, m.key), others=", ".join(others)),
                     color="info", className="py-2 mb-2", id=ids.JOURNEY_SEVERAL)


def persona_header(persona: dict | None, lang: str):
    """Show the persona's name and quote when exactly one persona is selected."""
    if not persona:
        return None
    return dbc.Alert([
        html.Strong(persona["name"]), " · ",
        html.Q(persona.get("quote") or "", className="fst-italic"),
    ], color="light", className="persona-header mb-3")


def summary(journey: dict, lang: str) -> html.Div:
    """One line: journey score against target, change, audited touchpoints."""
    return html.Div([
        html.Span(t("kpi.journey_score", lang) + ": ", className="text-muted"),
        c.score(journey["score"], journey["light"], lang),
        html.Span(f" / {t('journey.target', lang)} {number(journey['target'], lang)} · ",
                  className="text-muted"),
        c.delta(journey["delta"], journey["significant"], lang, 1),
        html.Span(" · " + t("journey.audited", lang, n=journey["audited_touchpoints"],
                            total=journey["touchpoints"]), className="text-muted"),
        html.Span(" · " + (journey.get("goal") or ""), className="text-muted"),
    ], className="journey-summary mb-2")


def _tp_card(row: pd.Series, lang: str, search: str) -> html.Div:
    markers = []
    if row["pain_point"]:
        markers.append(html.Span("⚡", className="marker pain", title=t("journey.pain", lang)))
    if row["moment_of_truth"]:
        markers.append(html.Span("★", className="marker mot", title=t("journey.mot", lang)))
    if row.get("open_actions"):
        overdue = int(row.get("overdue_actions") or 0)
        markers.append(html.Span(f"▶ {int(row['open_actions'])}", title=t(
            "actions.card_count", lang, n=int(row["open_actions"]))
            + (f" · {overdue} {t('actions.overdue', lang)}" if overdue else ""),
            className="marker action-marker" + (" is-overdue" if overdue else ""),
            id=f"tp-actions-{row['key']}"))
    return html.Div([
        html.Div([html.Span(f"{int(row['position'])}", className="step"),
                  c.touchpoint_link(row["key"], row["name"], search)], className="tp-title"),
        html.Div([
            html.Span(row["department_key"], className="badge dept-badge",
                      title=row.get("department_name") or ""),
            html.Span(row.get("channel_name") or "", className="tp-channel"),
            *markers,
        ], className="tp-meta"),
        html.Div([c.score(row["value"], row["light"], lang), " ",
                  c.n_label(int(row["n"]), lang, "audits")], className="tp-score"),
    ], className=f"tp-card light-border-{row['light']}",
        style={"borderLeftColor": row.get("channel_color") or theme.MUTED},
        id=f"tp-card-{row['key']}")


def journey_map(card: pd.DataFrame, phases: pd.DataFrame, lanes: str, lang: str,
                search: str) -> PlainTree:
    """The map: a column per phase (arrows on top), touchpoint cards in step order, with
    optional swimlanes by channel or department (one PlainTree: no callback reads the
    cards)."""
    used = phases[phases["key"].isin(card["phase_key"])]
    columns = list(used["key"])
    lane_key = {"channel": "channel_name", "department": "department_name"}.get(lanes)
    lane_values = sorted(card[lane_key].dropna().unique()) if lane_key else [None]
    template = ("minmax(6.5rem, 8rem) " if lane_key else "") + \
        f"repeat({len(columns)}, minmax(9.5rem, 1fr))"
    cells = []
    if lane_key:
        cells.append(html.Div(className="lane-corner"))
    cells += [html.Div(name, className="phase-arrow") for name in used["name"]]
    for lane in lane_values:
        if lane_key:
            cells.append(html.Div(lane, className="lane-label"))
        for phase in columns:
            rows = card[(card["phase_key"] == phase)
                        & ((card[lane_key] == lane) if lane_key else True)]
            cells.append(html.Div([_tp_card(r, lang, search) for _, r in rows.iterrows()],
                                  className="phase-cell"))
    return plain(html.Div(cells, className="journey-grid",
                          style={"gridTemplateColumns": template}))


def phase_bands(card: pd.DataFrame, font_size: int = 11) -> tuple[list, list]:
    """The phases as shaded bands behind the steps of a curve, with their names on top
    (``card``: steps in curve order with phase_position and phase_name; shapes set at
    once: add_vrect is slow)."""
    shapes, labels = [], []
    card = card.reset_index(drop=True)
    for i, (_, group) in enumerate(card.groupby("phase_position", sort=True)):
        first, last = group.index.min() - 0.5, group.index.max() + 0.5
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": first, "x1": last,
                       "y0": 0, "y1": 1, "line": {"width": 0}, "layer": "below",
                       "fillcolor": "rgba(0,0,0,0.035)" if i % 2 else "rgba(0,0,0,0)"})
        labels.append({"x": (first + last) / 2, "y": 1, "xref": "x", "yref": "paper",
                       "yanchor": "bottom", "showarrow": False, "text": group["phase_name"].iloc[0],
                       "font": {"size": font_size, "color": theme.MUTED}})
    return shapes, labels


def emotion_curve(card: pd.DataFrame, lang: str) -> dict:
    """Performance along the steps with its 95 % band, target and best-in-class lines;
    points coloured (and shaped) by traffic light."""
    card = card.reset_index(drop=True)
    # The step numbers of the cards, so a filter that hides steps does not renumber them.
    x = [f"{int(p)}. {name}" for p, name in zip(card["position"], card["name"], strict=True)]
    traces = []
    band = card["low"].notna()
    if band.any():
        xs = [x[i] for i in card.index[band]]
        traces.append(dict(
            type="scatter",
            x=xs + xs[::-1],
            y=list(card.loc[band, "high"].clip(upper=10)) + list(card.loc[band, "low"].clip(
                lower=1))[::-1],
            fill="toself", fillcolor=theme.BAND, line={"width": 0}, hoverinfo="skip",
            name=t("trend.band", lang)))
    traces.append(dict(type="scatter", x=x, y=card["best_in_class"], mode="lines",
                       line={"color": theme.BEST_IN_CLASS, "dash": "dot", "shape": "hvh"},
                       name=t("journey.best", lang)))
    traces.append(dict(type="scatter", x=x, y=card["target"], mode="lines",
                       line={"color": theme.TARGET, "dash": "dash", "shape": "hvh"},
                       name=t("journey.target", lang)))
    traces.append(dict(
        type="scatter", x=x, y=card["value"], mode="lines+markers",
        name=t("kpi.touchpoint_score", lang),
        line={"color": theme.PRIMARY, "width": 3, "shape": "spline", "smoothing": 0.6},
        connectgaps=True,
        marker={"size": 13, "color": [theme.TRAFFIC[v] for v in card["light"]],
                "symbol": [theme.TRAFFIC_SYMBOL[v] for v in card["light"]],
                "line": {"color": "white", "width": 1.5}},
        customdata=card[["n", "target", "best_in_class", "gap_target", "phase_name"]].to_numpy(),
        hovertemplate=("%{x}<br>%{customdata[4]}<br>" + t("kpi.touchpoint_score", lang)
                       + ": %{y:.1f} (n = %{customdata[0]})<br>" + t("journey.target", lang)
                       + ": %{customdata[1]:.1f} · " + t("journey.best", lang)
                       + ": %{customdata[2]:.1f}<br>" + t("journey.gap", lang)
                       + ": %{customdata[3]:+.1f}<extra></extra>"),
    ))
    shapes, labels = phase_bands(card)
    ticks, bottom, left = theme.angled_labels(x)
    return theme.figure(
        traces, shapes=shapes, annotations=labels,
        yaxis={"range": [1, 10.6], "title": {"text": t("journey.curve_axis", lang)}, "dtick": 1},
        xaxis={"tickangle": -35, "type": "category", "tickmode": "array", "tickvals": x,
               "ticktext": ticks},
        margin={"t": 64, "b": bottom, "l": left, "r": 16},
        separators=",." if lang == "de" else ".,",
        legend={"orientation": "h", "y": 1.1, "yanchor": "bottom", "x": 0},
    )
