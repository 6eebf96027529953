"""Actions callbacks: the list page (URL → views.actions.model), a touchpoint's actions
with their effect, and the action form. Every write goes through data.actions, which
checks the signed-in user's role and department; the gate has already refused anyone
below owner (the form's outputs start with ``action-form-``)."""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, State, ctx, html, no_update

from callbacks.cache import cached_view
from callbacks.filters import filters_from_search, param, view_options, with_params
from dashboard import auth
from dashboard.i18n import t
from data import actions, effects, queries
from data.store import Store
from layouts import actions as layout
from layouts import components as c
from layouts import ids
from views import actions as view

FORM_FIELDS = ("title", "description", "owner_user", "owner_department", "due_date", "status")


def update(store: Store, search: str | None, lang: str):
    """Return the summary and the table (the URL's page of it) of the list page."""
    m = view.model(store, filters_from_search(store, search),
                   view_options(search, "sort", "page"))
    return layout.summary(m.summary, lang), layout.table(
        m, lang, search or "", lambda page: "/actions" + with_params(search, page=str(page)))


def weeks_of(search: str | None) -> int:
    """The effect window from the URL (?weeks=N), else the default."""
    try:
        weeks = int(param(search, "weeks") or effects.DEFAULT_WEEKS)
    except ValueError:
        return effects.DEFAULT_WEEKS
    return weeks if 1 <= weeks <= 52 else effects.DEFAULT_WEEKS


def touchpoint_actions(store: Store, key: str, search: str | None, lang: str):
    """Return the touchpoint's actions card: the URL's page of its actions (?apage=N),
    each done one with its effect."""
    m = view.touchpoint_actions(store, key, weeks_of(search), param(search, "apage"))
    user = auth.current_user()
    return layout.touchpoint_actions(
        m, lang, actions.may_write(user, store_department(store, key)),
        lambda page: c.touchpoint_href(key, with_params(search, apage=str(page))),
        lambda page: ids.filter_link(c.touchpoint_href(key), f"apage={page}"))


def store_department(store: Store, key: str) -> str | None:
    """The department that owns a touchpoint (None for an unknown one)."""
    tps = queries.catalog(store)["touchpoints"]
    match = tps.loc[tps["key"] == key, "department_key"]
    return match.iloc[0] if not match.empty else None


def act_scope() -> str:
    """Whose touchpoints the signed-in user may start actions on, short enough for a
    cache key: "*" (every one), a department key, or "" (none)."""
    user = auth.current_user()
    if actions.may_write(user, None):
        return "*"
    if user is not None and actions.may_write(user, user.department_key):
        return user.department_key
    return ""


def act_keys(card, scope: str) -> frozenset:
    """The keys of a scorecard's touchpoints that ``scope`` (act_scope) may act on."""
    if not scope or card.empty:
        return frozenset()
    return frozenset(k for k, d in zip(card["key"], card["department_key"], strict=True)
                     if scope == "*" or d == scope)


def _blank(store: Store, key: str, origin=None, ref=None, title: str = "") -> tuple:
    """The new-action form: open, no id, the fields (the owner department the
    touchpoint's), origin and what it refers to, no message."""
    return (True, None, title, "", "", store_department(store, key) or "", "", "open",
            origin if origin in actions.ORIGINS else None, ref or None, None)


def request_from_url(store: Store, key: str, search: str | None):
    """Open the form once when the URL asks (``?act=1`` from an "Act" link, with
    ``origin`` and ``origin_ref``), and take those out of the URL, so a reload or a link
    shared from here does not open it again. Only for users who may start an action
    on this touchpoint (the save checks again)."""
    if param(search, "act") != "1":
        return no_update, no_update
    new = with_params(search, act=None, origin=None, origin_ref=None)
    if not actions.may_write(auth.current_user(), store_department(store, key)):
        return no_update, new
    return {"origin": param(search, "origin"), "ref": param(search, "origin_ref")}, new


def _message(exc: Exception, lang: str):
    if isinstance(exc, actions.ActionError):
        field = t(f"actions.field.{exc.field}", lang) if exc.field else ""
        text = t("actions.invalid", lang, field=field, reason=str(exc))
    elif isinstance(exc, actions.ActionForbidden):
        text = t("actions.forbidden", lang, reason=str(exc))
    else:
        text = t("actions.missing", lang)
    return html.Div(text, className="alert alert-danger py-1 small mb-0",
                    id="action-form-error")


NOTHING = (no_update,) * 12


def form(store: Store, trigger, triggered_value, key: str, form_id, values: dict, origin,
         origin_ref, saved, lang: str):
    """Open the form (new, asked for by the URL or a comment, or an action to edit),
    close it, or save it.

    Returns modal open, form id, the six fields, origin, origin ref, result message,
    saved counter."""
    kind = trigger.get("type") if isinstance(trigger, dict) else trigger
    if kind in (ids.ACTION_NEW, ids.ACTION_REQUEST, "action-edit") and not triggered_value:
        return NOTHING
    if kind == ids.ACTION_NEW:
        return (*_blank(store, key), no_update)
    if kind == ids.ACTION_REQUEST:
        return (*_blank(store, key, triggered_value.get("origin"), triggered_value.get("ref"),
                        triggered_value.get("title") or ""), no_update)
    if kind == "action-edit":
        row = actions.get(store, int(trigger["action"]))
        if row is None:
            return NOTHING
        due = row["due_date"].isoformat() if row["due_date"] else ""
        return (True, int(row["id"]), row["title"], row["description"] or "",
                row["owner_user"] or "", row["owner_department"] or "", due, row["status"],
                row["origin"], row["origin_ref"], None, no_update)
    if trigger == ids.ACTION_FORM_CANCEL:
        return (False, *([no_update] * 9), None, no_update)
    if trigger != ids.ACTION_FORM_SAVE or not triggered_value:
        return NOTHING
    user = auth.current_user()
    clean = {k: (v or None) for k, v in values.items()}
    clean["status"] = clean.get("status") or "open"
    try:
        if form_id:
            actions.update(store, user, int(form_id), **clean)
        else:
            actions.create(store, user, touchpoint_key=key, origin=origin,
                           origin_ref=origin_ref, **clean)
    except (actions.ActionError, actions.ActionForbidden, LookupError) as exc:
        return (no_update,) * 10 + (_message(exc, lang), no_update)
    return (False, *([no_update] * 9), None, (saved or 0) + 1)


def register(app, store: Store) -> None:
    """The list page."""
    app.callback(
        Output(ids.ACTIONS_SUMMARY, "children"),
        Output(ids.ACTIONS_TABLE, "children"),
        Input(ids.URL, "search"),
        State(ids.LANG, "data"),
    )(lambda search, lang: cached_view(store, "actions", update, search, lang))


def register_touchpoint(app, store: Store) -> None:
    """The touchpoint page's action form (callbacks.touchpoint draws the actions card)."""

    field_ids = (ids.ACTION_FORM_TITLE, ids.ACTION_FORM_DESCRIPTION, ids.ACTION_FORM_OWNER_USER,
                 ids.ACTION_FORM_OWNER_DEPARTMENT, ids.ACTION_FORM_DUE, ids.ACTION_FORM_STATUS)

    def on_form(_new, _request, _edits, _save, _cancel, key, form_id, *rest):
        *fields, origin, origin_ref, saved, lang = rest
        value = ctx.triggered[0]["value"] if ctx.triggered else None
        return form(store, ctx.triggered_id, value, key, form_id,
                    dict(zip(FORM_FIELDS, fields, strict=True)), origin, origin_ref, saved,
                    lang)

    app.callback(
        Output(ids.ACTION_FORM_MODAL, "is_open"),
        Output(ids.ACTION_FORM_ID, "data"),
        *[Output(i, "value") for i in field_ids],
        Output(ids.ACTION_FORM_ORIGIN, "data"),
        Output(ids.ACTION_FORM_ORIGIN_REF, "data"),
        Output(ids.ACTION_FORM_RESULT, "children"),
        Output(ids.ACTION_FORM_SAVED, "data"),
        Input(ids.ACTION_NEW, "n_clicks"),
        Input(ids.ACTION_REQUEST, "data"),
        Input(ids.action_edit(ALL), "n_clicks"),
        Input(ids.ACTION_FORM_SAVE, "n_clicks"),
        Input(ids.ACTION_FORM_CANCEL, "n_clicks"),
        State(ids.TOUCHPOINT_KEY, "data"),
        State(ids.ACTION_FORM_ID, "data"),
        *[State(i, "value") for i in field_ids],
        State(ids.ACTION_FORM_ORIGIN, "data"),
        State(ids.ACTION_FORM_ORIGIN_REF, "data"),
        State(ids.ACTION_FORM_SAVED, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(on_form)

    # The requests that open the form prefilled reach it through one store, and only once
    # the actions card (with the form's "new" button, an input of the form) is there:
    # the URL's is read when the card has rendered, a comment's when it is clicked.
    app.callback(
        Output(ids.ACTION_REQUEST, "data", allow_duplicate=True),
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.TOUCHPOINT_ACTIONS, "children"),
        State(ids.TOUCHPOINT_KEY, "data"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(lambda _card, key, search: request_from_url(store, key, search))

    # Only mirrors state (the clicked comment's draft), so in the browser: a comment list
    # drawn anew costs no round trip.
    app.clientside_callback(
        ClientsideFunction(namespace="cxdash", function_name="commentRequest"),
        Output(ids.ACTION_REQUEST, "data", allow_duplicate=True),
        Input(ids.comment_act(ALL), "n_clicks"),
        State(ids.COMMENTS_DRAFTS, "data"),
        prevent_initial_call=True,
    )
