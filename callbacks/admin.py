"""The /admin page's callbacks: every one checks the admin role on the server first."""

from __future__ import annotations

from dash import Input, Output, State, ctx, no_update

from dashboard import auth
from dashboard.i18n import t
from data import accounts
from data.store import Store
from layouts import admin, ids
from layouts.data_page import result_message_text
from views import profile as profile_view


def _guard():
    try:
        return auth.require("admin"), None
    except auth.Forbidden as exc:
        return None, result_message_text(str(exc))


def refresh(store: Store, _tick, lang):
    """Tables and the user/token pickers."""
    user, refused = _guard()
    if refused:
        return refused, None, None, [], [], [], None
    users = accounts.list_users(store)
    tokens = accounts.list_tokens(store)
    names = [{"label": n, "value": n} for n in users["name"]]
    token_names = [{"label": f"{n} ({u})", "value": n}
                   for n, u in zip(tokens["name"], tokens["user_name"], strict=True)]
    return (admin.users_table(users, lang), admin.tokens_table(tokens, lang),
            admin.audit_table(accounts.audit_trail(store), lang), names, names, token_names,
            admin.subscriptions_table(profile_view.everyone(store), lang))


def change_users(store: Store, _add, _save, delete, name, role, department, password,
                 edit_user, edit_role, edit_department, edit_password, tick, lang):
    """Add, change or delete a user; say what happened."""
    user, refused = _guard()
    if refused:
        return refused, no_update
    trigger = ctx.triggered_id
    try:
        if trigger == ids.ADMIN_ADD:
            accounts.add_user(store, (name or "").strip(), role or "viewer", password or "",
                              department or None, actor=user.name)
            done = t("admin.added", lang, name=name)
        elif not edit_user:
            return result_message_text(t("admin.pick_user", lang), "warning"), no_update
        elif trigger == ids.ADMIN_DELETE:
            if not delete:
                return no_update, no_update
            accounts.delete_user(store, edit_user, actor=user.name)
            done = t("admin.deleted", lang, name=edit_user)
        else:
            accounts.update_user(store, edit_user, role=edit_role or None,
                                 department_key=edit_department, actor=user.name)
            if edit_password:
                accounts.set_password(store, edit_user, edit_password, actor=user.name)
            done = t("admin.saved", lang, name=edit_user)
    except accounts.AccountError as exc:
        return result_message_text(str(exc)), no_update
    return result_message_text(done, "success"), (tick or 0) + 1


def change_tokens(store: Store, _create, revoke, user_name, token_name, revoke_name, tick, lang):
    """Create a token (shown once) or revoke one."""
    user, refused = _guard()
    if refused:
        return refused, None, no_update
    try:
        if ctx.triggered_id == ids.ADMIN_TOKEN_CREATE:
            if not user_name:
                return result_message_text(t("admin.pick_user", lang), "warning"), None, no_update
            token = accounts.create_token(store, user_name, (token_name or "").strip() or None,
                                          actor=user.name)
            return (result_message_text(t("admin.token_created", lang, name=user_name), "success"),
                    admin.token_shown(token, lang), (tick or 0) + 1)
        if not revoke or not revoke_name:
            return result_message_text(t("admin.pick_token", lang), "warning"), None, no_update
        accounts.revoke_token(store, revoke_name, actor=user.name)
        return (result_message_text(t("admin.token_revoked", lang, name=revoke_name), "success"),
                None, (tick or 0) + 1)
    except accounts.AccountError as exc:
        return result_message_text(str(exc)), None, no_update


def pick_user(store: Store, name):
    """Show the picked user's role and department, ready to change."""
    _, refused = _guard()
    if refused or not name:
        return None, None
    user = accounts.get_user(store, name)
    return (user.role, user.department_key) if user else (None, None)


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.ADMIN_EDIT_ROLE, "value"),
        Output(ids.ADMIN_EDIT_DEPARTMENT, "value"),
        Input(ids.ADMIN_EDIT_USER, "value"),
        prevent_initial_call=True,
    )(lambda name: pick_user(store, name))
    app.callback(
        Output(ids.ADMIN_USERS, "children"),
        Output(ids.ADMIN_TOKENS, "children"),
        Output(ids.ADMIN_AUDIT, "children"),
        Output(ids.ADMIN_EDIT_USER, "options"),
        Output(ids.ADMIN_TOKEN_USER, "options"),
        Output(ids.ADMIN_TOKEN_REVOKE_NAME, "options"),
        Output(ids.ADMIN_SUBSCRIPTIONS, "children"),
        Input(ids.ADMIN_TICK, "data"),
        State(ids.LANG, "data"),
    )(lambda tick, lang: refresh(store, tick, lang))
    app.callback(
        Output(ids.ADMIN_MESSAGE, "children"),
        Output(ids.ADMIN_TICK, "data"),
        Input(ids.ADMIN_ADD, "n_clicks"),
        Input(ids.ADMIN_SAVE, "n_clicks"),
        Input(ids.ADMIN_DELETE, "submit_n_clicks"),
        State(ids.ADMIN_NEW_NAME, "value"),
        State(ids.ADMIN_NEW_ROLE, "value"),
        State(ids.ADMIN_NEW_DEPARTMENT, "value"),
        State(ids.ADMIN_NEW_PASSWORD, "value"),
        State(ids.ADMIN_EDIT_USER, "value"),
        State(ids.ADMIN_EDIT_ROLE, "value"),
        State(ids.ADMIN_EDIT_DEPARTMENT, "value"),
        State(ids.ADMIN_EDIT_PASSWORD, "value"),
        State(ids.ADMIN_TICK, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda *args: change_users(store, *args))
    app.callback(
        Output(ids.ADMIN_MESSAGE, "children", allow_duplicate=True),
        Output(ids.ADMIN_TOKEN_SHOWN, "children"),
        Output(ids.ADMIN_TICK, "data", allow_duplicate=True),
        Input(ids.ADMIN_TOKEN_CREATE, "n_clicks"),
        Input(ids.ADMIN_TOKEN_REVOKE, "submit_n_clicks"),
        State(ids.ADMIN_TOKEN_USER, "value"),
        State(ids.ADMIN_TOKEN_NAME, "value"),
        State(ids.ADMIN_TOKEN_REVOKE_NAME, "value"),
        State(ids.ADMIN_TICK, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda *args: change_tokens(store, *args))
