"""The profile page's callbacks: a user changes their own address, language and
subscriptions; an admin anyone's (``?user=NAME``). Checked here and in data.subscriptions."""

from __future__ import annotations

from dash import ALL, Input, Output, State, ctx, no_update

from callbacks.filters import param
from dashboard import auth
from dashboard.i18n import t
from data import accounts, subscriptions
from data.store import Store
from layouts import ids
from layouts import profile as layout
from layouts.data_page import result_message_text
from views import profile as view


def _target(search: str | None, lang: str):
    """(acting user, the name whose profile it is, refusal or None): one's own, or any
    for an admin."""
    user = auth.current_user()
    name = (param(search, "user") or (user.name if user else "")).strip()
    if not subscriptions.may_change(user, name):
        return user, name, result_message_text(t("profile.forbidden", lang, name=name))
    return user, name, None


def page(store: Store, lang: str, search: str, path: str):
    """The page for the signed-in user, or for ``?user=`` when an admin asks."""
    user = auth.current_user()
    if user is None:  # the validation layout: no request, the skeleton only
        return layout.page(lang)
    _, name, refused = _target(search, lang)
    if refused:
        return layout.page(lang, refused=t("profile.forbidden", lang, name=name))
    m = view.model(store, name)
    if m is None:
        return layout.page(lang, refused=t("profile.no_user", lang, name=name))
    return layout.page(lang, m, own=name == user.name)


def save_contact(store: Store, _n, email, language, search, tick, lang):
    """Store the address and the language of mails."""
    user, name, refused = _target(search, lang)
    if refused:
        return refused, no_update
    email = (email or "").strip()
    try:
        accounts.update_user(store, name, email=email or None, lang=language or None,
                             actor=user.name)
    except accounts.AccountError as exc:
        text = (t("profile.bad_email", lang, email=email) if "e-mail" in str(exc)
                else str(exc))
        return result_message_text(text), no_update
    return result_message_text(t("profile.saved", lang), "success"), (tick or 0) + 1


def subscribe(store: Store, _n, choice, search, tick, lang):
    """Add a subscription to the picked place."""
    user, name, refused = _target(search, lang)
    if refused:
        return refused, no_update
    scope, _, key = (choice or "").partition(":")
    if scope not in subscriptions.SCOPES:
        return result_message_text(t("profile.pick_place", lang), "warning"), no_update
    try:
        subscriptions.add(store, user, name, scope, key or None)
    except subscriptions.SubscriptionForbidden:
        return result_message_text(t("profile.forbidden", lang, name=name)), no_update
    except subscriptions.SubscriptionError as exc:
        text = t("profile.exists", lang) if "already" in str(exc) else str(exc)
        return result_message_text(text, "warning"), no_update
    return (result_message_text(t("profile.subscribed", lang, place=_place(store, scope, key,
                                                                           lang)), "success"),
            (tick or 0) + 1)


def _place(store: Store, scope: str, key: str | None, lang: str) -> str:
    journeys, departments = view.places(store)
    names = dict(journeys if scope == "journey" else departments if scope == "department"
                 else [])
    return layout.place_label(scope, names.get(key, key), lang)


def remove(store: Store, clicks, search, tick, lang):
    """End the subscription whose button was pressed."""
    trigger = ctx.triggered_id
    # A re-rendered list "triggers" with n_clicks 0: only a real click counts.
    if not isinstance(trigger, dict) or not any(c for c in (clicks or []) if c):
        return no_update, no_update
    if not ctx.triggered or not ctx.triggered[0].get("value"):
        return no_update, no_update
    user, name, refused = _target(search, lang)
    if refused:
        return refused, no_update
    found = subscriptions.get(store, trigger["subscription"])
    if found is None or found.user_name != name:
        return no_update, (tick or 0) + 1  # ended elsewhere: show the list as it is
    try:
        subscriptions.remove(store, user, found.id)
    except subscriptions.SubscriptionForbidden:
        return result_message_text(t("profile.forbidden", lang, name=name)), no_update
    return (result_message_text(t("profile.unsubscribed", lang,
                                  place=_place(store, found.scope, found.key, lang)),
                                "success"), (tick or 0) + 1)


def refresh(store: Store, _tick, search, lang):
    """The subscription list after a change."""
    _, name, refused = _target(search, lang)
    if refused:
        return refused
    m = view.model(store, name)
    return layout.subscriptions_list(m, lang) if m else None


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.PROFILE_MESSAGE, "children"),
        Output(ids.PROFILE_TICK, "data"),
        Input(ids.PROFILE_SAVE, "n_clicks"),
        State(ids.PROFILE_EMAIL, "value"),
        State(ids.PROFILE_LANG, "value"),
        State(ids.URL, "search"),
        State(ids.PROFILE_TICK, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda *args: save_contact(store, *args))
    app.callback(
        Output(ids.PROFILE_MESSAGE, "children", allow_duplicate=True),
        Output(ids.PROFILE_TICK, "data", allow_duplicate=True),
        Input(ids.PROFILE_SUBSCRIBE, "n_clicks"),
        State(ids.PROFILE_SCOPE, "value"),
        State(ids.URL, "search"),
        State(ids.PROFILE_TICK, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda *args: subscribe(store, *args))
    app.callback(
        Output(ids.PROFILE_MESSAGE, "children", allow_duplicate=True),
        Output(ids.PROFILE_TICK, "data", allow_duplicate=True),
        Input(ids.profile_remove(ALL), "n_clicks"),
        State(ids.URL, "search"),
        State(ids.PROFILE_TICK, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda *args: remove(store, *args))
    app.callback(
        Output(ids.PROFILE_SUBSCRIPTIONS, "children"),
        Input(ids.PROFILE_TICK, "data"),
        State(ids.URL, "search"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda *args: refresh(store, *args))
