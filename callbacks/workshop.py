"""Workshop callbacks: the facilitator's screen polls views.workshop.model every
layouts.workshop.POLL_MS (1.5 s, so a rating is on the screen within 2 s; the screen is
re-drawn only when the numbers changed) and starts, reveals and ends; a participant's
phone joins with the code and saves each rating when a button is pressed. Every write
goes through data.workshops, which checks the signed-in user; the gate has already
refused outputs starting with ``workshop-screen-`` to anyone below analyst."""

from __future__ import annotations

import json

import flask
from dash import ALL, MATCH, Input, Output, State, ctx, no_update

from callbacks.filters import default_period
from dashboard import auth
from dashboard.i18n import t
from data import workshops
from data.store import Store
from layouts import ids
from layouts import workshop as layout
from views import workshop as view

ERRORS = (workshops.RoundError, workshops.RoundForbidden, LookupError)
HIDDEN = {"display": "none"}


def message(exc: Exception, lang: str) -> str:
    """A refused change in the user's words."""
    if isinstance(exc, workshops.RoundForbidden):
        return t("workshop.forbidden", lang, reason=str(exc))
    if isinstance(exc, workshops.RoundError):
        return t("workshop.invalid", lang, reason=str(exc))
    return t("workshop.missing", lang, reason=str(exc))


def base_url() -> str:
    """Where phones open the app: CXDASH_PUBLIC_URL, else the host this screen came from."""
    config = flask.current_app.extensions["cxdash"]["config"]
    return config.public_url or flask.request.host_url


def _signature(m) -> str:
    """What the screen shows, as text: equal signatures need no new drawing."""
    rows = m.rows[["key", "n", "mean", "sd", "customer_value"]].round(6)
    return json.dumps([m.workshop["id"] if m.workshop else None, m.state, m.participants,
                       m.ratings, rows.astype(object).where(rows.notna(), None).values.tolist()],
                      default=str)


def screen(store: Store, journey: str, workshop_id, seen, state, lang: str):
    """Everything on the screen, or no_update everywhere when nothing changed."""
    if workshop_id is None:
        found = workshops.open_for_journey(store, journey)
        workshop_id = found["id"] if found else None
    m = view.model(store, workshop_id) if workshop_id is not None else view.WorkshopModel(None)
    signature = _signature(m)
    if signature == seen:
        return (no_update,) * 15
    show = layout.controls_state(m)
    new_state = {"id": workshop_id, "state": m.state}
    curve = layout.room_curve(m.rows, lang) if m.revealed else no_update
    pdf = f"/export/workshop.pdf?id={workshop_id}" if workshop_id is not None else "#"
    return (workshop_id, signature, new_state if new_state != state else no_update,
            layout.join_panel(m, base_url(), lang), layout.counts(m, lang), curve,
            None if m.revealed else HIDDEN, layout.results_table(m, lang),
            None if show["start"] else HIDDEN, None if show["reveal"] else HIDDEN,
            None if show["end"] else HIDDEN, not show["end"],
            None if show["pdf"] else HIDDEN, pdf, no_update)


def notes(store: Store, state, lang: str):
    """The notes per touchpoint, drawn when the workshop or its state changes (not on every
    poll, so a note being typed is not replaced)."""
    if not state or state.get("id") is None:
        return None
    return layout.notes_section(view.model(store, state["id"]), lang)


def act(store: Store, trigger, workshop_id, journey, lang: str):
    """Start, reveal or end; return the workshop id, the message and a fresh seen marker."""
    user = auth.current_user()
    try:
        if trigger == ids.WORKSHOP_SCREEN_START:
            start, end = default_period(store)
            new = workshops.start_workshop(store, user, journey, (start, end))
            return new, layout.result(t("workshop.started", lang), True), None
        if trigger == ids.WORKSHOP_SCREEN_REVEAL:
            workshops.reveal(store, user, int(workshop_id))
            return no_update, None, None
        if trigger == ids.WORKSHOP_SCREEN_END:
            batch = workshops.end_workshop(store, user, int(workshop_id))
            n = len(workshops.ratings_of(store, int(workshop_id)))
            return no_update, layout.result(t("workshop.ended", lang, n=n, batch=batch),
                                            True), None
    except (*ERRORS, TypeError, ValueError) as exc:
        return no_update, layout.result(message(exc, lang), False), no_update
    return no_update, no_update, no_update


def save_note(store: Store, trigger, value, workshop_id, lang: str):
    if not isinstance(trigger, dict) or workshop_id is None:
        return no_update
    try:
        workshops.save_note(store, auth.current_user(), int(workshop_id), trigger["tp"], value)
    except ERRORS as exc:
        return layout.rated(False, lang, message(exc, lang))
    return layout.rated(True, lang)


# ---------------------------------------------------------------- a participant's phone

def join(store: Store, code, lang: str):
    """Check the code typed; return it for the store (the page then shows the touchpoints)."""
    try:
        found = workshops.join(store, auth.current_user(), code)
    except ERRORS as exc:
        return no_update, layout.result(message(exc, lang), False)
    return found["code"], None


def phone(store: Store, code, lang: str):
    """The phone page for a code: header, progress, the touchpoints, the form shown?"""
    m = view.phone_model(store, auth.current_user(), code)
    if m.workshop is None:
        notice = layout.result(t("workshop.unknown_code", lang), False) if code else None
        return None, None, None, None, notice
    return (layout.phone_header(m, lang), layout.phone_progress(m.done, len(m.steps), lang),
            layout.phone_body(m, lang), HIDDEN, None)


def rate(store: Store, trigger, clicks, button_ids, code, lang: str):
    """Save the pressed score; fill that button, empty the others of the touchpoint."""
    if not isinstance(trigger, dict) or not any(clicks or []):
        return no_update, no_update
    found = workshops.find_by_code(store, code)
    try:
        if found is None:
            raise LookupError(f"There is no workshop with the code {code!r}.")
        score = workshops.rate(store, auth.current_user(), found["id"], trigger["tp"],
                               trigger["score"])
    except (*ERRORS, TypeError, ValueError) as exc:
        return no_update, layout.rated(False, lang, message(exc, lang))
    return [b["score"] != score for b in button_ids], layout.rated(True, lang)


def progress(store: Store, code, lang: str):
    m = view.phone_model(store, auth.current_user(), code)
    return layout.phone_progress(m.done, len(m.steps), lang)


def register(app, store: Store) -> None:
    """The facilitator's screen."""
    app.callback(
        Output(ids.WORKSHOP_SCREEN_ID, "data"),
        Output(ids.WORKSHOP_SCREEN_SEEN, "data"),
        Output(ids.WORKSHOP_SCREEN_STATE, "data"),
        Output(ids.WORKSHOP_SCREEN_JOIN, "children"),
        Output(ids.WORKSHOP_SCREEN_COUNTS, "children"),
        Output(ids.WORKSHOP_SCREEN_CURVE, "figure"),
        Output(ids.WORKSHOP_SCREEN_CURVE_WRAP, "style"),
        Output(ids.WORKSHOP_SCREEN_TABLE, "children"),
        Output(ids.WORKSHOP_SCREEN_START, "style"),
        Output(ids.WORKSHOP_SCREEN_REVEAL, "style"),
        Output(ids.WORKSHOP_SCREEN_END_BUTTON, "style"),
        Output(ids.WORKSHOP_SCREEN_END_BUTTON, "disabled"),
        Output(ids.WORKSHOP_SCREEN_PDF, "style"),
        Output(ids.WORKSHOP_SCREEN_PDF, "href"),
        Output(ids.WORKSHOP_SCREEN_RESULT, "children"),
        Input(ids.WORKSHOP_SCREEN_POLL, "n_intervals"),
        Input(ids.WORKSHOP_SCREEN_CHANGED, "data"),
        State(ids.WORKSHOP_SCREEN_JOURNEY, "data"),
        State(ids.WORKSHOP_SCREEN_ID, "data"),
        State(ids.WORKSHOP_SCREEN_SEEN, "data"),
        State(ids.WORKSHOP_SCREEN_STATE, "data"),
        State(ids.LANG, "data"),
    )(lambda _n, _changed, journey, workshop_id, seen, state, lang: screen(
        store, journey, workshop_id, seen, state, lang))

    app.callback(
        Output(ids.WORKSHOP_SCREEN_NOTES, "children"),
        Input(ids.WORKSHOP_SCREEN_STATE, "data"),
        State(ids.LANG, "data"),
    )(lambda state, lang: notes(store, state, lang))

    def on_act(_start, _reveal, _end, workshop_id, journey, changed, lang):
        new, text, _ = act(store, ctx.triggered_id, workshop_id, journey, lang)
        return new, text, None, (changed or 0) + 1

    app.callback(
        Output(ids.WORKSHOP_SCREEN_ID, "data", allow_duplicate=True),
        Output(ids.WORKSHOP_SCREEN_RESULT, "children", allow_duplicate=True),
        Output(ids.WORKSHOP_SCREEN_SEEN, "data", allow_duplicate=True),
        Output(ids.WORKSHOP_SCREEN_CHANGED, "data"),
        Input(ids.WORKSHOP_SCREEN_START, "n_clicks"),
        Input(ids.WORKSHOP_SCREEN_REVEAL, "n_clicks"),
        Input(ids.WORKSHOP_SCREEN_END, "submit_n_clicks"),
        State(ids.WORKSHOP_SCREEN_ID, "data"),
        State(ids.WORKSHOP_SCREEN_JOURNEY, "data"),
        State(ids.WORKSHOP_SCREEN_CHANGED, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(on_act)

    app.callback(
        Output(ids.workshop_note_saved(MATCH), "children"),
        Input(ids.workshop_note(MATCH), "value"),
        State(ids.WORKSHOP_SCREEN_ID, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda value, workshop_id, lang: save_note(store, ctx.triggered_id, value,
                                                 workshop_id, lang))


def register_phone(app, store: Store) -> None:
    """A participant's phone."""
    def on_join(_clicks, _submit, code, lang):
        return join(store, code, lang)

    app.callback(
        Output(ids.WORKSHOP_PHONE_CODE, "data"),
        Output(ids.WORKSHOP_PHONE_JOIN_RESULT, "children"),
        Input(ids.WORKSHOP_PHONE_JOIN, "n_clicks"),
        Input(ids.WORKSHOP_PHONE_CODE_INPUT, "n_submit"),
        State(ids.WORKSHOP_PHONE_CODE_INPUT, "value"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(on_join)

    app.callback(
        Output(ids.WORKSHOP_PHONE_HEADER, "children"),
        Output(ids.WORKSHOP_PHONE_PROGRESS, "children"),
        Output(ids.WORKSHOP_PHONE_BODY, "children"),
        Output(ids.WORKSHOP_PHONE_FORM, "style"),
        Output(ids.WORKSHOP_PHONE_JOIN_RESULT, "children", allow_duplicate=True),
        Input(ids.WORKSHOP_PHONE_CODE, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call="initial_duplicate",
    )(lambda code, lang: phone(store, code, lang))

    app.callback(
        Output(ids.workshop_rate(MATCH, ALL), "outline"),
        Output(ids.workshop_rated(MATCH), "children"),
        Input(ids.workshop_rate(MATCH, ALL), "n_clicks"),
        State(ids.workshop_rate(MATCH, ALL), "id"),
        State(ids.WORKSHOP_PHONE_CODE, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda clicks, button_ids, code, lang: rate(store, ctx.triggered_id, clicks,
                                                  button_ids, code, lang))

    app.callback(
        Output(ids.WORKSHOP_PHONE_PROGRESS, "children", allow_duplicate=True),
        Input(ids.workshop_rated(ALL), "children"),
        State(ids.WORKSHOP_PHONE_CODE, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda _rated, code, lang: progress(store, code, lang))

