"""Audit rounds callbacks: the list page, the auditor's form (every answer saved when it
changes) and a round's progress with closing. Every write goes through data.audit_rounds,
which checks the signed-in user (analysts manage; only invited users answer); the gate
has already refused outputs starting with ``audits-manage-`` to anyone below analyst."""

from __future__ import annotations

from dash import ALL, MATCH, Input, Output, State, ctx, html, no_update

from dashboard import auth
from dashboard.i18n import t
from data import audit_rounds
from data.store import Store
from layouts import audits as layout
from layouts import ids
from views import audits as view

ERRORS = (audit_rounds.RoundError, audit_rounds.RoundForbidden, LookupError)


def message(exc: Exception, lang: str) -> str:
    """A refused change in the user's words."""
    if isinstance(exc, audit_rounds.RoundError):
        field = t(f"audits.field.{exc.field}", lang) if exc.field else ""
        return t("audits.invalid", lang, field=field, reason=str(exc))
    if isinstance(exc, audit_rounds.RoundForbidden):
        return t("audits.forbidden", lang, reason=str(exc))
    return t("audits.missing", lang)


def _alert(text: str, ok: bool):
    return html.Div(text, className=f"alert alert-{'success' if ok else 'danger'} py-1 small "
                                    "mb-0")


def mine(store: Store, lang: str):
    """The rounds the signed-in user is invited to."""
    return layout.my_rounds(view.list_model(store, auth.current_user()).mine, lang)


def managed(store: Store, lang: str):
    """Every round and every question (analysts and admins)."""
    m = view.list_model(store, auth.require("analyst"))
    return layout.rounds_table(m.rounds, lang), layout.questions_table(m.questions, lang)


def manage(store: Store, trigger, values: dict, saved, lang: str):
    """Create a round or add a question; return both results and the saved counter."""
    user = auth.current_user()
    try:
        if trigger == ids.AUDITS_MANAGE_CREATE:
            round_id = audit_rounds.create_round(
                store, user, name=values["name"], date_from=values["date_from"],
                date_to=values["date_to"], perspective=values["perspective"] or "customer",
                journey_key=values["journey"] or None, touchpoints=values["touchpoints"] or [],
                users=values["users"] or [], departments=values["departments"] or [])
            n = len(audit_rounds.invitations(store, round_id))
            return (_alert(t("audits.created", lang, name=values["name"], n=n), True),
                    no_update, (saved or 0) + 1)
        if trigger == ids.AUDITS_MANAGE_Q_ADD:
            scope, _, key = str(values["scope"] or "").partition(":")
            audit_rounds.add_question(
                store, user, text_de=values["text_de"], text_en=values["text_en"],
                touchpoint_key=key if scope == "touchpoint" else None,
                journey_key=key if scope == "journey" else None,
                half_points="half" in (values["half"] or []))
            return no_update, _alert(t("audits.question_added", lang), True), (saved or 0) + 1
    except ERRORS as exc:
        text = _alert(message(exc, lang), False)
        return (text, no_update, no_update) if trigger == ids.AUDITS_MANAGE_CREATE else \
            (no_update, text, no_update)
    return no_update, no_update, no_update


def form(store: Store, round_id, step, lang: str):
    """Render the auditor's form at a step (None: resume at the first unfinished one)."""
    m = view.form_model(store, auth.current_user(), round_id, step)
    return (layout.form_header(m, lang), layout.form_progress(m.done, m.total, lang),
            layout.form_body(m, lang), layout.jump_options(m.steps, lang), str(m.index),
            {"index": m.index, "total": m.total}, m.total == 0 or m.index == 0,
            m.total == 0 or m.index >= m.total - 1)


def navigate(trigger, jump, shown):
    """The step to show after Back, Next or a pick from the list."""
    if not shown:
        return no_update
    index, total = shown["index"], shown["total"]
    if trigger == ids.AUDIT_PREV:
        target = index - 1
    elif trigger == ids.AUDIT_NEXT:
        target = index + 1
    else:
        try:
            target = int(jump)
        except (TypeError, ValueError):
            return no_update
    target = min(max(target, 0), max(total - 1, 0))
    return target if target != index else no_update


def save(store: Store, round_id, trigger: dict | None, value, lang: str):
    """Save the one answer that changed (score or comment) as the signed-in user."""
    if not isinstance(trigger, dict):
        return no_update
    field = "score" if trigger.get("type") == ids.AUDIT_SCORE_TYPE else "comment"
    try:
        audit_rounds.save_answer(store, auth.current_user(), int(round_id), trigger["tp"],
                                 int(trigger["q"]), **{field: value})
    except (*ERRORS, TypeError, ValueError) as exc:
        return layout.saved(False, lang, message(exc, lang))
    return layout.saved(True, lang)


def progress_of(store: Store, round_id, lang: str):
    """The progress text after an answer was saved."""
    m = view.form_model(store, auth.current_user(), round_id)
    return layout.form_progress(m.done, m.total, lang), layout.jump_options(m.steps, lang)


def round_progress(store: Store, round_id, lang: str):
    """A round's progress page and whether (and with how many scores) it can be closed."""
    m = view.progress_model(store, round_id)
    closable = m.round is not None and m.round["state"] != "closed" and m.progress.answers > 0
    n = m.progress.answers if m.progress else 0
    return (layout.progress_body(m, lang), t("audits.close_confirm", lang, n=n),
            not closable)


def close(store: Store, submitted, round_id, closed, lang: str):
    """Close the round: its scores become one import batch."""
    if not submitted:
        return no_update, no_update
    try:
        batch = audit_rounds.close_round(store, auth.current_user(), int(round_id))
    except (*ERRORS, TypeError, ValueError) as exc:
        return _alert(message(exc, lang), False), no_update
    n = view.progress_model(store, round_id).progress.answers
    return _alert(t("audits.closed_as", lang, n=n, batch=batch), True), (closed or 0) + 1


def invite(store: Store, clicks, round_id, users, departments, changed, lang: str):
    """Invite more auditors to the round (by name or department)."""
    if not clicks:
        return no_update, no_update
    try:
        added = audit_rounds.invite(store, auth.current_user(), int(round_id), users or [],
                                    departments or [])
    except (*ERRORS, TypeError, ValueError) as exc:
        return _alert(message(exc, lang), False), no_update
    text = t("audits.invited", lang, names=", ".join(added)) if added else \
        t("audits.invited_none", lang)
    return _alert(text, True), (changed or 0) + 1


def toggle_question(store: Store, trigger, clicks, saved, lang: str):
    """Retire a question, or ask a retired one again (rounds keep the answers given)."""
    if not isinstance(trigger, dict) or not any(clicks or []):
        return no_update, no_update
    try:
        row = audit_rounds.list_questions(store).set_index("id").loc[int(trigger["q"])]
        audit_rounds.update_question(store, auth.current_user(), int(trigger["q"]),
                                     active=not bool(row["active"]))
    except (*ERRORS, KeyError) as exc:
        return _alert(message(exc, lang), False), no_update
    return _alert(t("audits.question_changed", lang), True), (saved or 0) + 1


def register(app, store: Store) -> None:
    """The list page."""
    app.callback(
        Output(ids.AUDITS_MINE, "children"),
        Input(ids.AUDITS_TICK, "data"),
        State(ids.LANG, "data"),
    )(lambda _tick, lang: mine(store, lang))
    app.callback(
        Output(ids.AUDITS_MANAGE_ROUNDS, "children"),
        Output(ids.AUDITS_MANAGE_QUESTIONS, "children"),
        Input(ids.AUDITS_MANAGE_SAVED, "data"),
        State(ids.LANG, "data"),
    )(lambda _saved, lang: managed(store, lang))

    fields = (("name", ids.AUDITS_MANAGE_NAME, "value"),
              ("date_from", ids.AUDITS_MANAGE_FROM, "value"),
              ("date_to", ids.AUDITS_MANAGE_TO, "value"),
              ("perspective", ids.AUDITS_MANAGE_PERSPECTIVE, "value"),
              ("journey", ids.AUDITS_MANAGE_JOURNEY, "value"),
              ("touchpoints", ids.AUDITS_MANAGE_TOUCHPOINTS, "value"),
              ("users", ids.AUDITS_MANAGE_USERS, "value"),
              ("departments", ids.AUDITS_MANAGE_DEPARTMENTS, "value"),
              ("scope", ids.AUDITS_MANAGE_Q_SCOPE, "value"),
              ("text_de", ids.AUDITS_MANAGE_Q_DE, "value"),
              ("text_en", ids.AUDITS_MANAGE_Q_EN, "value"),
              ("half", ids.AUDITS_MANAGE_Q_HALF, "value"))

    def on_manage(_create, _add, *rest):
        *values, saved, lang = rest
        return manage(store, ctx.triggered_id, dict(zip([f[0] for f in fields], values,
                                                        strict=True)), saved, lang)

    app.callback(
        Output(ids.AUDITS_MANAGE_RESULT, "children"),
        Output(ids.AUDITS_MANAGE_Q_RESULT, "children"),
        Output(ids.AUDITS_MANAGE_SAVED, "data"),
        Input(ids.AUDITS_MANAGE_CREATE, "n_clicks"),
        Input(ids.AUDITS_MANAGE_Q_ADD, "n_clicks"),
        *[State(cid, prop) for _, cid, prop in fields],
        State(ids.AUDITS_MANAGE_SAVED, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(on_manage)

    app.callback(
        Output(ids.AUDITS_MANAGE_Q_RESULT, "children", allow_duplicate=True),
        Output(ids.AUDITS_MANAGE_SAVED, "data", allow_duplicate=True),
        Input(ids.audit_question_toggle(ALL), "n_clicks"),
        State(ids.AUDITS_MANAGE_SAVED, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda clicks, saved, lang: toggle_question(store, ctx.triggered_id, clicks, saved, lang))


def register_form(app, store: Store) -> None:
    """The auditor's form."""
    app.callback(
        Output(ids.AUDIT_HEADER, "children"),
        Output(ids.AUDIT_PROGRESS, "children"),
        Output(ids.AUDIT_BODY, "children"),
        Output(ids.AUDIT_JUMP, "options"),
        Output(ids.AUDIT_JUMP, "value"),
        Output(ids.AUDIT_SHOWN, "data"),
        Output(ids.AUDIT_PREV, "disabled"),
        Output(ids.AUDIT_NEXT, "disabled"),
        Input(ids.AUDIT_ROUND_ID, "data"),
        Input(ids.AUDIT_STEP, "data"),
        State(ids.LANG, "data"),
    )(lambda round_id, step, lang: form(store, round_id, step, lang))

    app.callback(
        Output(ids.AUDIT_STEP, "data"),
        Input(ids.AUDIT_PREV, "n_clicks"),
        Input(ids.AUDIT_NEXT, "n_clicks"),
        Input(ids.AUDIT_JUMP, "value"),
        State(ids.AUDIT_SHOWN, "data"),
        prevent_initial_call=True,
    )(lambda _p, _n, jump, shown: navigate(ctx.triggered_id, jump, shown))

    def on_answer(score, comment, round_id, lang):
        value = score if ctx.triggered_id and ctx.triggered_id.get("type") == ids.AUDIT_SCORE_TYPE \
            else comment
        return save(store, round_id, ctx.triggered_id, value, lang)

    app.callback(
        Output(ids.audit_saved(MATCH, MATCH), "children"),
        Input(ids.audit_score(MATCH, MATCH), "value"),
        Input(ids.audit_comment(MATCH, MATCH), "value"),
        State(ids.AUDIT_ROUND_ID, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(on_answer)

    app.callback(
        Output(ids.AUDIT_PROGRESS, "children", allow_duplicate=True),
        Output(ids.AUDIT_JUMP, "options", allow_duplicate=True),
        Input(ids.audit_saved(ALL, ALL), "children"),
        State(ids.AUDIT_ROUND_ID, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda _saved, round_id, lang: progress_of(store, round_id, lang))


def register_progress(app, store: Store) -> None:
    """A round's progress page and closing it."""
    app.callback(
        Output(ids.AUDITS_MANAGE_PROGRESS, "children"),
        Output(ids.AUDITS_MANAGE_CLOSE, "message"),
        Output(ids.AUDITS_MANAGE_CLOSE_BUTTON, "disabled"),
        Input(ids.AUDITS_MANAGE_PROGRESS_ID, "data"),
        Input(ids.AUDITS_MANAGE_CLOSED, "data"),
        State(ids.LANG, "data"),
    )(lambda round_id, _closed, lang: round_progress(store, round_id, lang))

    app.callback(
        Output(ids.AUDITS_MANAGE_CLOSE_RESULT, "children"),
        Output(ids.AUDITS_MANAGE_CLOSED, "data"),
        Input(ids.AUDITS_MANAGE_CLOSE, "submit_n_clicks"),
        State(ids.AUDITS_MANAGE_PROGRESS_ID, "data"),
        State(ids.AUDITS_MANAGE_CLOSED, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda submitted, round_id, closed, lang: close(store, submitted, round_id, closed, lang))

    app.callback(
        Output(ids.AUDITS_MANAGE_INVITE_RESULT, "children"),
        Output(ids.AUDITS_MANAGE_CLOSED, "data", allow_duplicate=True),
        Input(ids.AUDITS_MANAGE_INVITE, "n_clicks"),
        State(ids.AUDITS_MANAGE_PROGRESS_ID, "data"),
        State(ids.AUDITS_MANAGE_INVITE_USERS, "value"),
        State(ids.AUDITS_MANAGE_INVITE_DEPARTMENTS, "value"),
        State(ids.AUDITS_MANAGE_CLOSED, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda clicks, round_id, users, departments, changed, lang: invite(
        store, clicks, round_id, users, departments, changed, lang))
