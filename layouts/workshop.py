"""Workshop mode: the facilitator's screen for a projector (join code and QR code, counts,
after the reveal the room's emotion curve, spread and the customers' score beside it) and
a participant's phone (join with the code, ten big buttons per touchpoint)."""

from __future__ import annotations

import base64
import io
import math
from urllib.parse import quote

import dash_bootstrap_components as dbc
import qrcode
import qrcode.image.svg
from dash import dcc, html

from dashboard.i18n import number, t
from layouts import components as c
from layouts import ids, theme
from layouts.journey import phase_bands

POLL_MS = 1500  # a rating reaches the screen within one poll and one render: < 2 s
STATE_COLOR = {"open": "primary", "revealed": "info", "closed": "success",
               "reopened": "warning"}


def join_url(base: str, code: str) -> str:
    """The link the QR code holds: the phone page with the code filled in."""
    return f"{base.rstrip('/')}/workshop/join?code={quote(code)}"


def qr_data_uri(text: str) -> str:
    """A QR code of the text as an SVG data URI (drawn on the server, no script)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10,
                        border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def state_badge(state: str | None, lang: str):
    if not state:
        return None
    return dbc.Badge(t(f"workshop.state.{state}", lang), color=STATE_COLOR.get(state),
                     className="workshop-state", id="workshop-state")


# ---------------------------------------------------------------- the facilitator's screen

def screen_page(lang: str, journey_key: str, journey_name: str | None) -> html.Div:
    """The screen's skeleton; the poll fills it every POLL_MS."""
    warning = None if journey_name else dbc.Alert(t("workshop.no_journey", lang,
                                                     key=journey_key), color="warning")
    hidden = {"display": "none"}
    controls = html.Div([
        dbc.Button(t("workshop.start", lang), id=ids.WORKSHOP_SCREEN_START, n_clicks=0,
                   color="primary", size="lg", style=hidden),
        dbc.Button(t("workshop.reveal", lang), id=ids.WORKSHOP_SCREEN_REVEAL, n_clicks=0,
                   color="primary", size="lg", style=hidden),
        dcc.ConfirmDialogProvider(
            dbc.Button(t("workshop.end", lang), id=ids.WORKSHOP_SCREEN_END_BUTTON,
                       color="secondary", size="lg", style=hidden),
            id=ids.WORKSHOP_SCREEN_END, message=t("workshop.end_confirm", lang)),
        html.A(t("workshop.pdf", lang), id=ids.WORKSHOP_SCREEN_PDF, href="#",
               className="btn btn-outline-primary btn-lg", style=hidden),
    ], className="d-flex flex-wrap gap-2 mb-2", id=ids.WORKSHOP_SCREEN_CONTROLS)
    return html.Div([
        dcc.Store(id=ids.WORKSHOP_SCREEN_JOURNEY, data=journey_key),
        dcc.Store(id=ids.WORKSHOP_SCREEN_ID),
        dcc.Store(id=ids.WORKSHOP_SCREEN_SEEN),
        dcc.Store(id=ids.WORKSHOP_SCREEN_STATE),
        dcc.Store(id=ids.WORKSHOP_SCREEN_CHANGED, data=0),
        dcc.Interval(id=ids.WORKSHOP_SCREEN_POLL, interval=POLL_MS),
        warning,
        html.Div([html.H1(t("workshop.title", lang, journey=journey_name or journey_key),
                          className="workshop-title mb-0"),
                  dcc.Link(t("workshop.back", lang), href=f"/journey?journey={journey_key}",
                           className="small ms-auto")],
                 className="d-flex flex-wrap align-items-baseline gap-3 mb-3"),
        dbc.Row([
            dbc.Col([html.Div(id=ids.WORKSHOP_SCREEN_JOIN),
                     html.Div(id=ids.WORKSHOP_SCREEN_COUNTS, className="mb-3"),
                     controls,
                     html.Div(id=ids.WORKSHOP_SCREEN_RESULT)], lg=4),
            dbc.Col([html.Div(dcc.Graph(id=ids.WORKSHOP_SCREEN_CURVE,
                                        config=theme.graph_config(lang),
                                        style={"height": "460px"}),
                              id=ids.WORKSHOP_SCREEN_CURVE_WRAP, style=hidden),
                     html.Div(id=ids.WORKSHOP_SCREEN_TABLE)], lg=8),
        ], className="g-4"),
        html.Div(id=ids.WORKSHOP_SCREEN_NOTES, className="mt-3"),
    ], className="workshop-screen")


def join_panel(m, base_url: str, lang: str):
    """The code in large letters, the QR code of the join link, and the link itself."""
    w = m.workshop
    if w is None:
        return html.P(t("workshop.none_running", lang), className="workshop-lead")
    if w["state"] == "closed":
        return html.Div([html.Div([t("workshop.code", lang), " ", state_badge("closed", lang)],
                                  className="workshop-label"),
                         html.Div(w["code"], className="workshop-code ended",
                                  id="workshop-code")])
    url = join_url(base_url, w["code"])
    return html.Div([
        html.Div([t("workshop.join_at", lang), " ", state_badge(w["state"], lang)],
                 className="workshop-label"),
        html.Div(w["code"], className="workshop-code", id="workshop-code"),
        html.Img(src=qr_data_uri(url), alt=t("workshop.qr_alt", lang),
                 className="workshop-qr", id="workshop-qr"),
        html.Div(url, className="workshop-url", id="workshop-url"),
    ], className="mb-3")


def counts(m, lang: str):
    """Participants and ratings so far."""
    if m.workshop is None:
        return None
    total = len(m.rows)
    return html.Div([
        html.Div([html.Span(number(m.participants, lang, 0), className="workshop-count",
                            id="workshop-participants"),
                  html.Span(t("workshop.participants", lang), className="workshop-count-label")]),
        html.Div([html.Span(number(m.ratings, lang, 0), className="workshop-count",
                            id="workshop-ratings"),
                  html.Span(t("workshop.ratings_of", lang, n=total),
                            className="workshop-count-label")]),
    ], className="d-flex gap-4")


def controls_state(m) -> dict:
    """Which of start, reveal, end and the PDF the screen offers in the workshop's state."""
    state = m.state
    return {"start": state in (None, "closed"), "reveal": state in ("open",),
            "end": state in ("open", "revealed", "reopened") and m.ratings > 0,
            "pdf": state in ("closed",)}


def room_curve(rows, lang: str) -> dict:
    """The room's mean along the steps (± one sd as bars, low agreement marked) beside the
    customers' score with its 95 % band: the journey map's emotion curve, for a projector."""
    rows = rows.reset_index(drop=True)
    x = [f"{int(p)}. {name}" for p, name in zip(rows["position"], rows["name"], strict=True)]
    traces = []
    band = rows["customer_low"].notna()
    if band.any():
        xs = [x[i] for i in rows.index[band]]
        traces.append(dict(
            type="scatter", x=xs + xs[::-1],
            y=list(rows.loc[band, "customer_high"].clip(upper=10))
            + list(rows.loc[band, "customer_low"].clip(lower=1))[::-1],
            fill="toself", fillcolor="rgba(0,0,0,0.08)", line={"width": 0},
            hoverinfo="skip", name=t("workshop.customer_band", lang)))
    traces.append(dict(type="scatter", x=x, y=rows["customer_value"], mode="lines+markers",
                       name=t("workshop.customers", lang), connectgaps=True,
                       line={"color": theme.TARGET, "dash": "dash", "width": 2},
                       marker={"size": 9, "color": theme.TARGET}))
    flagged = rows["low_agreement"].astype(bool)
    traces.append(dict(
        type="scatter", x=x, y=rows["mean"], mode="lines+markers",
        name=t("workshop.room", lang), connectgaps=True,
        line={"color": theme.PRIMARY, "width": 4, "shape": "spline", "smoothing": 0.6},
        error_y={"type": "data", "array": rows["sd"].fillna(0).tolist(), "visible": True,
                 "color": theme.PRIMARY, "thickness": 1.5},
        marker={"size": 18, "color": [theme.TRAFFIC["amber"] if f else theme.PRIMARY
                                      for f in flagged],
                "symbol": ["diamond" if f else "circle" for f in flagged],
                "line": {"color": "white", "width": 2}},
        customdata=rows[["n", "sd", "min", "max"]].to_numpy(),
        hovertemplate=("%{x}<br>" + t("workshop.room", lang) + ": %{y:.1f} (n = "
                       "%{customdata[0]}) · sd %{customdata[1]:.1f} · %{customdata[2]:.0f}–"
                       "%{customdata[3]:.0f}<extra></extra>")))
    shapes, labels = phase_bands(rows, font_size=15)
    return theme.figure(
        traces, shapes=shapes, annotations=labels, font={"size": 16},
        yaxis={"range": [1, 10.6], "title": {"text": t("journey.curve_axis", lang)}, "dtick": 1},
        xaxis={"tickangle": -25, "automargin": True, "type": "category"},
        margin={"t": 72, "b": 40, "l": 64, "r": 16},
        separators=",." if lang == "de" else ".,",
        legend={"orientation": "h", "y": 1.12, "yanchor": "bottom", "x": 0},
    )


def versus(row: dict, lang: str) -> str:
    """ "You rate 7.0, customers 5.8 ± 0.4" (or what is missing)."""
    if _missing(row["customer_value"]):
        return t("workshop.versus_none", lang, room=number(row["mean"], lang))
    if _missing(row["customer_margin"]):
        return t("workshop.versus_single", lang, room=number(row["mean"], lang),
                 customers=number(row["customer_value"], lang))
    return t("workshop.versus", lang, room=number(row["mean"], lang),
             customers=number(row["customer_value"], lang),
             margin=number(row["customer_margin"], lang))


def action_href(key: str, code: str) -> str:
    """The touchpoint's page with its action form open, started from a gap of this
    workshop (one click: ``act=1`` opens the form, as the overview's Act links do)."""
    return c.touchpoint_href(key, f"?act=1&origin=gap&origin_ref={quote('workshop ' + code)}")


def results_table(m, lang: str):
    """Per touchpoint: before the reveal only how many rated it; after it the room's mean,
    the spread with the low-agreement flag, the customers' score ± interval and the gap."""
    if m.workshop is None or m.rows.empty:
        return None
    if not m.revealed:
        head = html.Thead(html.Tr([html.Th(t("workshop.col.touchpoint", lang)),
                                   html.Th(t("workshop.col.ratings", lang))]))
        body = [html.Tr([html.Td(f"{int(r['position'])}. {r['name']}"),
                         html.Td(number(r["n"], lang, 0), className="num")],
                        id=f"workshop-row-{r['key']}")
                for r in m.rows.to_dict("records")]
        return html.Div([html.P(t("workshop.hidden", lang), className="workshop-lead"),
                         html.Table([head, html.Tbody(body)],
                                    className="table workshop-table bg-white")])
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in (
        "workshop.col.touchpoint", "workshop.col.room", "workshop.col.spread",
        "workshop.col.customers", "workshop.col.gap", "")]))
    body = []
    for r in m.rows.to_dict("records"):
        spread = [f"sd {number(r['sd'], lang)} · {number(r['min'], lang, 0)}–"
                  f"{number(r['max'], lang, 0)}" if r["n"] else "–"]
        if r["low_agreement"]:
            spread += [" ", dbc.Badge("⚠ " + t("workshop.low_agreement", lang),
                                      color="warning", text_color="dark",
                                      className="workshop-flag",
                                      id=f"workshop-flag-{r['key']}")]
        customers = "–" if _missing(r["customer_value"]) else (
            f"{number(r['customer_value'], lang)}"
            + ("" if _missing(r["customer_margin"])
               else f" ± {number(r['customer_margin'], lang)}")
            + f" (n = {int(r['customer_n'])})")
        body.append(html.Tr([
            html.Td([f"{int(r['position'])}. ", c.touchpoint_link(r["key"], r["name"]),
                     html.Div(versus(r, lang), className="workshop-versus")
                     if r["n"] else None]),
            html.Td([html.Span(number(r["mean"], lang), className="workshop-mean",
                               id=f"workshop-mean-{r['key']}"),
                     html.Span(f" n = {int(r['n'])}", className="small text-muted")]),
            html.Td(spread),
            html.Td(customers),
            html.Td(number(r["gap"], lang, 1, signed=True), className="num"),
            html.Td(dcc.Link(t("workshop.to_action", lang), href=action_href(
                r["key"], m.workshop["code"]), id=f"workshop-action-{r['key']}")),
        ], id=f"workshop-row-{r['key']}",
            className="workshop-low" if r["low_agreement"] else None))
    return html.Div([
        html.Div(html.Table([head, html.Tbody(body)],
                            className="table workshop-table bg-white align-middle"),
                 className="table-responsive"),
        html.P(t("workshop.rule", lang, sd=number(m.low_agreement_sd, lang)), className="small text-muted"),
    ])


def notes_section(m, lang: str):
    """A note (an insight) per touchpoint, saved when it loses the focus; after the
    reveal only (before it the room rates undisturbed)."""
    if m.workshop is None or not m.revealed:
        return None
    items = [html.Div([
        dbc.Label(f"{int(r['position'])}. {r['name']}", html_for=str(r["key"]),
                  className="fw-semibold mb-1"),
        dbc.Textarea(id=ids.workshop_note(r["key"]), value=r["note"] or "", rows=2,
                     debounce=True, maxLength=1000, placeholder=t("workshop.note_hint", lang),
                     className="workshop-note"),
        html.Div(id=ids.workshop_note_saved(r["key"]), className="small text-success"),
    ], className="mb-2") for r in m.rows.to_dict("records")]
    return c.section(t("workshop.notes", lang), dbc.Row([dbc.Col(i, md=6) for i in items]))


def result(text: str, ok: bool):
    return html.Div(text, className=f"alert alert-{'success' if ok else 'danger'} py-2 mb-0",
                    id="workshop-screen-message")


# ---------------------------------------------------------------- a participant's phone

def phone_page(lang: str, code: str) -> html.Div:
    """The phone's skeleton: the code form, then the touchpoints to rate."""
    return html.Div([
        dcc.Store(id=ids.WORKSHOP_PHONE_CODE, data=code or None),
        html.Div([
            dbc.Label(t("workshop.enter_code", lang), html_for=ids.WORKSHOP_PHONE_CODE_INPUT,
                      className="fw-semibold"),
            dbc.InputGroup([
                dbc.Input(id=ids.WORKSHOP_PHONE_CODE_INPUT, value=code or "", maxLength=12,
                          autoComplete="off", size="lg", className="workshop-code-input",
                          n_submit=0),
                dbc.Button(t("workshop.join", lang), id=ids.WORKSHOP_PHONE_JOIN, n_clicks=0,
                           color="primary", size="lg"),
            ]),
            html.Div(id=ids.WORKSHOP_PHONE_JOIN_RESULT, className="mt-2"),
        ], className="mb-3 workshop-join-form", id=ids.WORKSHOP_PHONE_FORM),
        html.Div(id=ids.WORKSHOP_PHONE_HEADER),
        html.Div(id=ids.WORKSHOP_PHONE_PROGRESS, className="mb-2"),
        html.Div(id=ids.WORKSHOP_PHONE_BODY),
    ], className="workshop-phone mx-auto")


def phone_header(m, lang: str):
    if m.workshop is None:
        return None
    w = m.workshop
    parts = [html.H1(w["journey_name"] or w["journey_key"], className="h4 mb-1",
                     id="workshop-phone-journey"),
             html.Div([t("workshop.code", lang), f" {w['code']} ", state_badge(w["state"], lang)],
                      className="small text-muted mb-2")]
    if m.refusal == "closed":
        parts.append(dbc.Alert(t("workshop.ended_note", lang), color="info", className="py-2"))
    else:
        parts.append(html.P(t("workshop.rate_hint", lang), className="small text-muted"))
    return html.Div(parts)


def phone_progress(done: int, total: int, lang: str):
    if not total:
        return None
    return html.Div(t("workshop.rated_of", lang, done=done, total=total),
                    className="small fw-semibold", id="workshop-phone-progress-text")


def phone_body(m, lang: str):
    """Each touchpoint with ten big buttons; the chosen one filled."""
    if m.workshop is None:
        return None
    read_only = m.refusal == "closed"
    cards = []
    for r in m.steps.to_dict("records"):
        mine = m.mine.get(r["key"])
        buttons = [dbc.Button(str(score), id=ids.workshop_rate(r["key"], score), n_clicks=0,
                              color="primary", outline=score != mine, disabled=read_only,
                              className="workshop-rate")
                   for score in range(1, 11)]
        cards.append(dbc.Card(dbc.CardBody([
            html.Div(r.get("phase_name") or "", className="small text-muted"),
            html.H2(f"{int(r['position'])}. {r['name']}", className="h5 mb-2"),
            html.Div(buttons, className="workshop-rate-grid"),
            html.Div(id=ids.workshop_rated(r["key"]), className="small mt-1 workshop-rated"),
        ]), className="mb-3", id=f"workshop-step-{r['key']}"))
    return html.Div(cards)


def rated(ok: bool, lang: str, text: str = ""):
    if ok:
        return html.Span("✓ " + t("workshop.saved", lang), className="text-success")
    return html.Span(text, className="text-danger")

