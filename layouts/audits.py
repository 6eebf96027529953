"""Audit rounds: the list page (my rounds; rounds, new round and questions for analysts),
the auditor's phone-friendly form (one touchpoint at a time), and a round's progress."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import date, number, t
from data.audit_rounds.questions import text as question_text
from layouts import components as c
from layouts import ids

PERSPECTIVES = ("customer", "employee", "expert")
STATE_COLOR = {"open": "primary", "closed": "success", "reopened": "warning"}


def _day(value, lang: str) -> str:
    return date(pd.Timestamp(value).date(), lang) if value is not None else "–"


def period(row: dict, lang: str) -> str:
    return t("audits.period", lang, start=_day(row["date_from"], lang),
             end=_day(row["date_to"], lang))


def state_badge(state: str, lang: str) -> dbc.Badge:
    return dbc.Badge(t(f"audits.state.{state}", lang), color=STATE_COLOR.get(state),
                     className="audit-state")


def _field(label_key: str, control, lang: str, **col) -> dbc.Col:
    return dbc.Col(html.Div([dbc.Label(t(label_key, lang), html_for=control.id,
                                       className="filter-label"), control], className="mb-2"),
                   **col)


# ---------------------------------------------------------------- the list page

def page(lang: str, manage: bool, options: dict[str, list[dict]]) -> html.Div:
    """The /audits skeleton: my rounds for everyone; rounds and questions for analysts."""
    parts = [dcc.Store(id=ids.AUDITS_TICK, data=0), c.page_header(t("audits.title", lang)),
             c.section(t("audits.mine", lang), html.Div(id=ids.AUDITS_MINE))]
    if manage:
        parts += [dcc.Store(id=ids.AUDITS_MANAGE_SAVED, data=0),
                  c.section(t("audits.rounds", lang), html.Div(id=ids.AUDITS_MANAGE_ROUNDS)),
                  dbc.Row([dbc.Col(new_round(lang, options), lg=7),
                           dbc.Col(questions_section(lang, options), lg=5)], className="g-3")]
    return html.Div(parts, className="audits-page")


def new_round(lang: str, options: dict[str, list[dict]]) -> dbc.Card:
    """The form that creates a round."""
    perspectives = [{"label": t(f"audits.perspective.{p}", lang), "value": p}
                    for p in PERSPECTIVES]
    return c.section(t("audits.new_round", lang), html.Div([
        dbc.Row([_field("audits.field.name", dbc.Input(id=ids.AUDITS_MANAGE_NAME,
                                                       maxLength=200), lang, md=6),
                 _field("audits.field.perspective", dbc.Select(
                     id=ids.AUDITS_MANAGE_PERSPECTIVE, value="customer",
                     options=perspectives), lang, md=6)]),
        dbc.Row([_field("audits.field.date_from", dbc.Input(id=ids.AUDITS_MANAGE_FROM,
                                                            type="date"), lang, xs=6),
                 _field("audits.field.date_to", dbc.Input(id=ids.AUDITS_MANAGE_TO,
                                                          type="date"), lang, xs=6)]),
        dbc.Row([_field("audits.field.journey_key", dcc.Dropdown(
                    id=ids.AUDITS_MANAGE_JOURNEY, options=options["journeys"]), lang, md=6),
                 _field("audits.field.touchpoints", dcc.Dropdown(
                     id=ids.AUDITS_MANAGE_TOUCHPOINTS, options=options["touchpoints"],
                     multi=True), lang, md=6)]),
        dbc.Row([_field("audits.field.users", dcc.Dropdown(
                    id=ids.AUDITS_MANAGE_USERS, options=options["users"], multi=True), lang,
                    md=6),
                 _field("audits.field.departments", dcc.Dropdown(
                     id=ids.AUDITS_MANAGE_DEPARTMENTS, options=options["departments"],
                     multi=True), lang, md=6)]),
        dbc.Button(t("audits.create", lang), id=ids.AUDITS_MANAGE_CREATE, n_clicks=0,
                   color="primary"),
        html.Div(id=ids.AUDITS_MANAGE_RESULT, className="mt-2"),
    ]))


def questions_section(lang: str, options: dict[str, list[dict]]) -> dbc.Card:
    """The questions and the form that adds one."""
    scopes = [{"label": t("audits.scope_journey", lang, name=o["label"]),
               "value": "journey:" + o["value"]} for o in options["journeys"]]
    scopes += [{"label": t("audits.scope_touchpoint", lang, name=o["label"]),
                "value": "touchpoint:" + o["value"]} for o in options["touchpoints"]]
    return c.section(t("audits.questions", lang), html.Div([
        html.Div(id=ids.AUDITS_MANAGE_QUESTIONS),
        html.H3(t("audits.new_question", lang), className="h6 mt-3"),
        _field("audits.field.scope", dcc.Dropdown(id=ids.AUDITS_MANAGE_Q_SCOPE,
                                                  options=scopes), lang),
        _field("audits.field.text_de", dbc.Input(id=ids.AUDITS_MANAGE_Q_DE, maxLength=500),
               lang),
        _field("audits.field.text_en", dbc.Input(id=ids.AUDITS_MANAGE_Q_EN, maxLength=500),
               lang),
        dbc.Checklist(id=ids.AUDITS_MANAGE_Q_HALF, value=["half"], className="mb-2 small",
                      options=[{"label": t("audits.field.half_points", lang),
                                "value": "half"}]),
        dbc.Button(t("audits.add_question", lang), id=ids.AUDITS_MANAGE_Q_ADD, n_clicks=0,
                   color="primary", outline=True),
        html.Div(id=ids.AUDITS_MANAGE_Q_RESULT, className="mt-2"),
    ]))


def my_rounds(frame: pd.DataFrame, lang: str):
    """The rounds the user is invited to, each with their own progress."""
    if frame.empty:
        return html.P(t("audits.mine_none", lang), className="text-muted mb-0")
    items = []
    for r in frame.to_dict("records"):
        label = "audits.view" if r["state"] == "closed" else "audits.continue"
        items.append(html.Li([
            html.Div([html.Strong(r["name"], className="me-2"), state_badge(r["state"], lang)]),
            html.Div([period(r, lang), " · ", t(f"audits.perspective.{r['perspective']}", lang),
                      " · ", t("audits.of", lang, done=r["done"], total=r["touchpoints"])],
                     className="small text-muted"),
            dcc.Link(t(label, lang), href=f"/audits/{int(r['id'])}",
                     className="btn btn-primary btn-sm mt-1", id=f"audits-open-{int(r['id'])}"),
        ], className="mb-3 audit-mine-item"))
    return html.Ul(items, className="list-unstyled mb-0")


def rounds_table(frame: pd.DataFrame, lang: str):
    """Every round with its state and how far it has come."""
    if frame.empty:
        return html.P(t("audits.rounds_none", lang), className="text-muted mb-0")
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in (
        "audits.col.round", "audits.col.period", "audits.field.perspective",
        "audits.col.state", "audits.col.invited", "audits.col.scores", "")]))
    body = [html.Tr([
        html.Td(r["name"]),
        html.Td(period(r, lang)),
        html.Td(t(f"audits.perspective.{r['perspective']}", lang)),
        html.Td(state_badge(r["state"], lang)),
        html.Td(number(r["invited"], lang, 0)),
        html.Td(number(r["answers"], lang, 0)),
        html.Td(dcc.Link(t("audits.progress", lang), href=f"/audits/progress/{int(r['id'])}",
                         id=f"audits-progress-link-{int(r['id'])}")),
    ], className="audit-round-row") for r in frame.to_dict("records")]
    return html.Div(html.Table([head, html.Tbody(body)],
                               className="table table-sm align-middle bg-white mb-0"),
                    className="table-responsive")


def questions_table(frame: pd.DataFrame, lang: str):
    """The questions, with where they are asked and their scale."""
    if frame.empty:
        return html.P(t("audits.questions_none", lang), className="text-muted small mb-0")
    rows = []
    for r in frame.to_dict("records"):
        where = (t("audits.scope_journey", lang, name=r["journey_name"] or r["journey_key"])
                 if isinstance(r["journey_key"], str) and r["journey_key"] else
                 t("audits.scope_touchpoint", lang,
                   name=r["touchpoint_name"] or r["touchpoint_key"]))
        scale = "audits.scale_half" if r["half_points"] else "audits.scale_whole"
        active = bool(r["active"])
        rows.append(html.Li([
            html.Div([html.Span(question_text(r, lang), className="fw-semibold me-2"),
                      None if active else dbc.Badge(t("audits.retired", lang),
                                                    color="secondary", className="me-2"),
                      dbc.Button(t("audits.retire" if active else "audits.ask_again", lang),
                                 id=ids.audit_question_toggle(int(r["id"])), n_clicks=0,
                                 color="link", size="sm", className="p-0 ms-auto")],
                     className="d-flex align-items-baseline"),
            html.Div([where, " · ", t(scale, lang)], className="small text-muted"),
        ], className="mb-2 audit-question-item" + ("" if active else " text-muted")))
    return html.Ul(rows, className="list-unstyled mb-0")


# ---------------------------------------------------------------- the auditor's form

def form_page(lang: str, round_id: str) -> html.Div:
    """The form's skeleton; its callback fills header, progress and the touchpoint."""
    return html.Div([
        dcc.Store(id=ids.AUDIT_ROUND_ID, data=round_id),
        dcc.Store(id=ids.AUDIT_STEP),
        dcc.Store(id=ids.AUDIT_SHOWN),
        html.Div(id=ids.AUDIT_HEADER),
        html.Div(id=ids.AUDIT_PROGRESS, className="mb-2"),
        html.Div([
            dbc.Label(t("audits.jump", lang), html_for=ids.AUDIT_JUMP, className="visually-hidden"),
            dbc.Select(id=ids.AUDIT_JUMP, options=[], className="mb-2 audit-jump"),
        ]),
        html.Div(id=ids.AUDIT_BODY),
        html.Div([
            dbc.Button(t("audits.prev", lang), id=ids.AUDIT_PREV, n_clicks=0, color="secondary",
                       outline=True, className="audit-nav"),
            dbc.Button(t("audits.next", lang), id=ids.AUDIT_NEXT, n_clicks=0, color="primary",
                       className="audit-nav"),
        ], className="d-flex justify-content-between gap-2 mt-3"),
        html.P(t("audits.saving_hint", lang), className="small text-muted mt-3"),
    ], className="audit-form mx-auto")


def form_header(m, lang: str):
    """The round's name, period and perspective, and why nothing can be answered."""
    if m.round is None:
        return dbc.Alert(t("audits.missing", lang), color="warning", id="audit-refusal")
    r = m.round
    top = [html.H1(r["name"], className="h4 mb-1"),
           html.Div([period(r, lang), " · ", t(f"audits.perspective.{r['perspective']}", lang),
                     " ", state_badge(r["state"], lang)], className="small text-muted mb-2")]
    if m.refusal == "not_invited":
        top.append(dbc.Alert(t("audits.not_invited", lang), color="warning", id="audit-refusal"))
    elif m.refusal == "closed":
        top.append(dbc.Alert(t("audits.closed_note", lang), color="info", className="py-2"))
    elif r["state"] == "reopened":
        top.append(dbc.Alert(t("audits.reopened_note", lang, batch=int(r["batch_id"])),
                             color="warning", className="py-2"))
    return html.Div(top)


def form_progress(done: int, total: int, lang: str):
    """ "3 of 12 touchpoints" with a bar."""
    if not total:
        return None
    text = t("audits.of", lang, done=done, total=total)
    return html.Div([
        html.Div(text, className="small fw-semibold", id="audit-progress-text"),
        dbc.Progress(value=round(100 * done / total), className="audit-progress-bar",
                     style={"height": "6px"}),
        html.Div(t("audits.all_done", lang), className="small text-success mt-1")
        if done == total else None,
    ])


def jump_options(steps, lang: str) -> list[dict]:
    return [{"label": f"{'✓' if s.done else '○'} {i + 1}. {s.name}", "value": str(i)}
            for i, s in enumerate(steps)]


def score_options(half_points: bool, lang: str) -> list[dict]:
    """1 to 10 in steps of a half (or whole points), the decimal mark of the language."""
    values = [x / 2 for x in range(2, 21)] if half_points else [float(x) for x in range(1, 11)]
    return [
        {"label": f"{v:g}".replace(".", "," if lang == "de" else "."), "value": f"{v:g}"}
        for v in values]


def form_body(m, lang: str):
    """The touchpoint shown: each question with a score and a comment."""
    step = m.step
    if step is None or m.refusal in ("missing", "not_invited"):
        return None
    read_only = m.refusal == "closed"
    cards = []
    for q in step.questions.to_dict("records"):
        qid = int(q["id"])
        given = step.answers.get(qid, {})
        score = given.get("score")
        cards.append(html.Div([
            html.Div(question_text(q, lang), className="fw-semibold mb-1 audit-question-text"),
            dbc.Row([
                dbc.Col(dbc.Select(id=ids.audit_score(step.key, qid),
                                   options=score_options(bool(q["half_points"]), lang),
                                   value="" if score is None else f"{float(score):g}",
                                   placeholder=t("audits.pick_score", lang),
                                   disabled=read_only, size="lg", className="audit-score",
                                   name=t("audits.field.score", lang)),
                        xs=7, sm=5),
                dbc.Col(html.Div(id=ids.audit_saved(step.key, qid),
                                 className="small text-success audit-saved"),
                        className="d-flex align-items-center"),
            ], className="g-2 mb-1"),
            dbc.Textarea(id=ids.audit_comment(step.key, qid), value=given.get("comment") or "",
                         placeholder=t("audits.field.comment", lang), rows=2, debounce=True,
                         disabled=read_only, className="audit-comment", maxLength=2000),
        ], className="audit-question mb-3"))
    return dbc.Card(dbc.CardBody([
        html.Div(t("audits.step", lang, i=m.index + 1, n=m.total), className="small text-muted"),
        html.H2(step.name, className="h5 mb-0", id="audit-touchpoint-name"),
        html.Div(step.journey_name, className="small text-muted mb-2"),
        html.Div(t("audits.scale_hint", lang), className="small text-muted mb-3"),
        *cards,
    ]), className="audit-step", id=f"audit-step-{step.key}")


def saved(ok: bool, lang: str, message: str = "") -> html.Span:
    if ok:
        return html.Span("✓ " + t("audits.saved", lang), className="text-success")
    return html.Span(message, className="text-danger")


# ---------------------------------------------------------------- a round's progress

def progress_page(lang: str, round_id: str, options: dict[str, list[dict]]) -> html.Div:
    """The progress page's skeleton (analysts and admins): progress, closing, inviting."""
    invite = c.section(t("audits.invite_more", lang), html.Div([
        dbc.Row([_field("audits.field.users", dcc.Dropdown(
                    id=ids.AUDITS_MANAGE_INVITE_USERS, options=options["users"], multi=True),
                    lang, md=5),
                 _field("audits.field.departments", dcc.Dropdown(
                     id=ids.AUDITS_MANAGE_INVITE_DEPARTMENTS, options=options["departments"],
                     multi=True), lang, md=5),
                 dbc.Col(dbc.Button(t("audits.invite", lang), id=ids.AUDITS_MANAGE_INVITE,
                                    n_clicks=0, color="primary", outline=True),
                         md=2, className="d-flex align-items-end mb-2")]),
        html.Div(id=ids.AUDITS_MANAGE_INVITE_RESULT),
    ]), className="mt-3")
    return html.Div([
        dcc.Store(id=ids.AUDITS_MANAGE_PROGRESS_ID, data=round_id),
        dcc.Store(id=ids.AUDITS_MANAGE_CLOSED, data=0),
        dcc.Link(t("audits.back", lang), href="/audits", className="small"),
        html.Div(id=ids.AUDITS_MANAGE_PROGRESS, className="mt-2"),
        dcc.ConfirmDialogProvider(
            dbc.Button(t("audits.close", lang), id=ids.AUDITS_MANAGE_CLOSE_BUTTON,
                       color="primary"),
            id=ids.AUDITS_MANAGE_CLOSE, message=t("audits.close_confirm", lang, n="…")),
        html.Div(id=ids.AUDITS_MANAGE_CLOSE_RESULT, className="mt-2"),
        invite,
    ])


def progress_body(m, lang: str):
    """Who answered how much, and per touchpoint how many answers."""
    if m.round is None:
        return dbc.Alert(t("audits.missing", lang), color="warning")
    r, p = m.round, m.progress
    header = c.page_header(r["name"], state_badge(r["state"], lang))
    meta = html.P([period(r, lang), " · ", t(f"audits.perspective.{r['perspective']}", lang),
                   " · ", t("audits.summary", lang, answers=p.answers, touchpoints=p.touchpoints,
                            auditors=len(p.auditors)),
                   *([" · ", t("audits.batch", lang, batch=int(r["batch_id"]))]
                     if r["batch_id"] is not None and not pd.isna(r["batch_id"]) else [])],
                  className="small text-muted")

    def via(value) -> str:
        return t("audits.via_department", lang, key=value) if isinstance(value, str) and value \
            else t("audits.via_user", lang)

    auditors = html.Table([
        html.Thead(html.Tr([html.Th(t(k, lang)) for k in (
            "audits.col.auditor", "audits.col.via", "audits.col.done", "audits.col.scores")])),
        html.Tbody([html.Tr([
            html.Td(a["user_name"]), html.Td(via(a["via_department"])),
            html.Td(t("audits.of", lang, done=a["done"], total=p.touchpoints)),
            html.Td(number(a["answers"], lang, 0))], className="audit-auditor-row")
            for a in p.auditors.to_dict("records")]),
    ], className="table table-sm bg-white mb-0", id="audit-progress-auditors")
    touchpoints = html.Table([
        html.Thead(html.Tr([html.Th(t(k, lang)) for k in (
            "audits.col.touchpoint", "audits.col.scores", "audits.col.auditors_done")])),
        html.Tbody([html.Tr([
            html.Td(c.touchpoint_link(x["touchpoint_key"], x["name"])),
            html.Td(number(x["answers"], lang, 0)),
            html.Td(number(x["auditors_done"], lang, 0))], className="audit-touchpoint-row")
            for x in p.per_touchpoint.to_dict("records")]),
    ], className="table table-sm bg-white mb-0", id="audit-progress-touchpoints")
    return html.Div([header, meta, dbc.Row([
        dbc.Col(c.section(t("audits.col.auditor", lang), html.Div(
            auditors, className="table-responsive")), lg=6),
        dbc.Col(c.section(t("audits.col.touchpoint", lang), html.Div(
            touchpoints, className="table-responsive")), lg=6)], className="g-3")])
