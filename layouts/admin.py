"""The /admin page: users and roles, API tokens, and the audit trail (admins only)."""

from __future__ import annotations

from urllib.parse import urlencode

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import t
from data.accounts import ROLES
from layouts import components, ids
from layouts.profile import place_label


def _role_options(lang: str) -> list[dict]:
    return [{"label": t(f"role.{r}", lang), "value": r} for r in ROLES]


def _field(label: str, control, width: int | bool = True) -> dbc.Col:
    return dbc.Col([dbc.Label(label, html_for=control.id, className="filter-label"), control],
                   md=width)


def page(lang: str, departments: list[dict]) -> html.Div:
    """Return the admin page; departments are dropdown options."""
    add = dbc.Row([
        _field(t("admin.name", lang), dbc.Input(id=ids.ADMIN_NEW_NAME, size="sm",
                                                autocomplete="off")),
        _field(t("admin.role", lang), dcc.Dropdown(id=ids.ADMIN_NEW_ROLE, value="viewer",
                                                   clearable=False, options=_role_options(lang))),
        _field(t("admin.department", lang), dcc.Dropdown(id=ids.ADMIN_NEW_DEPARTMENT,
                                                         options=departments)),
        _field(t("admin.password", lang), dbc.Input(id=ids.ADMIN_NEW_PASSWORD, type="password",
                                                    size="sm", autocomplete="new-password")),
        dbc.Col(dbc.Button(t("admin.add", lang), id=ids.ADMIN_ADD, size="sm", color="primary",
                           className="mt-4"), md="auto"),
    ], className="g-2 mb-2")
    edit = dbc.Row([
        _field(t("admin.user", lang), dcc.Dropdown(id=ids.ADMIN_EDIT_USER)),
        _field(t("admin.role", lang), dcc.Dropdown(id=ids.ADMIN_EDIT_ROLE,
                                                   options=_role_options(lang),
                                                   placeholder=t("admin.unchanged", lang))),
        _field(t("admin.department", lang), dcc.Dropdown(id=ids.ADMIN_EDIT_DEPARTMENT,
                                                         options=departments,
                                                         placeholder=t("admin.none", lang))),
        _field(t("admin.new_password", lang), dbc.Input(id=ids.ADMIN_EDIT_PASSWORD,
                                                        type="password", size="sm",
                                                        autocomplete="new-password")),
        dbc.Col([
            dbc.Button(t("admin.save", lang), id=ids.ADMIN_SAVE, size="sm", color="primary",
                       className="mt-4 me-2"),
            dcc.ConfirmDialogProvider(
                dbc.Button(t("admin.delete", lang), size="sm", color="danger", outline=True,
                           className="mt-4"),
                id=ids.ADMIN_DELETE, message=t("admin.delete_confirm", lang)),
        ], md="auto"),
    ], className="g-2")
    tokens = html.Div([
        dbc.Row([
            _field(t("admin.user", lang), dcc.Dropdown(id=ids.ADMIN_TOKEN_USER)),
            _field(t("admin.token_name", lang), dbc.Input(id=ids.ADMIN_TOKEN_NAME, size="sm",
                                                          placeholder="nightly-qualtrics")),
            dbc.Col(dbc.Button(t("admin.token_create", lang), id=ids.ADMIN_TOKEN_CREATE,
                               size="sm", color="primary", className="mt-4"), md="auto"),
            _field(t("admin.token", lang), dcc.Dropdown(id=ids.ADMIN_TOKEN_REVOKE_NAME)),
            dbc.Col(dcc.ConfirmDialogProvider(
                dbc.Button(t("admin.token_revoke", lang), size="sm", color="danger",
                           outline=True, className="mt-4"),
                id=ids.ADMIN_TOKEN_REVOKE, message=t("admin.revoke_confirm", lang)), md="auto"),
        ], className="g-2 mb-2"),
        html.Div(id=ids.ADMIN_TOKEN_SHOWN),
        html.Div(id=ids.ADMIN_TOKENS),
    ])
    return html.Div([
        components.page_header(t("admin.title", lang)),
        dcc.Store(id=ids.ADMIN_TICK, data=0),
        html.Div(id=ids.ADMIN_MESSAGE, role="status"),
        components.section(t("admin.users", lang), html.Div([
            html.Div(id=ids.ADMIN_USERS, className="mb-3"),
            html.H3(t("admin.add_title", lang), className="h6"), add,
            html.H3(t("admin.edit_title", lang), className="h6 mt-3"), edit,
        ])),
        components.section(t("admin.subscriptions", lang), html.Div(id=ids.ADMIN_SUBSCRIPTIONS)),
        components.section(t("admin.tokens", lang), tokens),
        components.section(t("admin.audit", lang), html.Div(id=ids.ADMIN_AUDIT)),
    ])


def _table(frame: pd.DataFrame, columns: dict[str, str], lang: str, empty_key: str):
    """A plain table; every cell is text (names come from users and files)."""
    if frame.empty:
        return html.P(t(empty_key, lang), className="text-muted small mb-0")
    head = html.Thead(html.Tr([html.Th(t(label, lang)) for label in columns.values()]))
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for column in columns:
            value = record.get(column)
            if isinstance(value, pd.Timestamp) or hasattr(value, "strftime"):
                value = f"{pd.Timestamp(value):%Y-%m-%d %H:%M}" if not pd.isna(value) else "–"
            elif column == "role" and value:
                value = t(f"role.{value}", lang)
            elif isinstance(value, bool):
                value = "✓" if value else "SSO"
            empty = value is None or value == "" or (isinstance(value, float) and pd.isna(value))
            cells.append(html.Td("–" if empty else str(value)))
        rows.append(html.Tr(cells))
    return html.Table([head, html.Tbody(rows)],
                      className="table table-sm align-middle small mb-0")


def users_table(frame: pd.DataFrame, lang: str):
    return _table(frame, {"name": "admin.name", "role": "admin.role",
                          "department_key": "admin.department", "email": "admin.email",
                          "lang": "admin.lang",
                          "has_password": "admin.password", "created_at": "admin.created"},
                  lang, "admin.no_users")


def subscriptions_table(frame: pd.DataFrame, lang: str):
    """Every report subscription; each user's name opens their profile to manage them."""
    if frame.empty:
        return html.P(t("admin.no_subscriptions", lang), className="text-muted small mb-0")
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in (
        "admin.user", "admin.email", "admin.lang", "profile.col.place", "profile.col.since",
        "profile.col.last_sent")]))
    rows = []
    for r in frame.to_dict("records"):
        cells = [html.Td(dcc.Link(r["user_name"],
                                  href="/account/profile?" + urlencode({"user": r["user_name"]})))]
        cells += [html.Td(str(v) if isinstance(v, str) and v else "–")
                  for v in (r["email"], r["lang"])]
        cells += [html.Td(place_label(r["scope"], r["name"], lang)),
                  html.Td(f"{pd.Timestamp(r['since']):%Y-%m-%d}"),
                  html.Td(r["last_sent_week"] or t("profile.never", lang))]
        rows.append(html.Tr(cells))
    return html.Div([
        html.Table([head, html.Tbody(rows)], className="table table-sm align-middle small mb-0"),
        html.P(t("admin.manage_profile", lang) + " /account/profile?user=NAME",
               className="small text-muted mt-2 mb-0")])


def tokens_table(frame: pd.DataFrame, lang: str):
    return _table(frame, {"name": "admin.token", "user_name": "admin.user",
                          "created_at": "admin.created", "last_used_at": "admin.last_used"},
                  lang, "admin.no_tokens")


def audit_table(frame: pd.DataFrame, lang: str):
    return _table(frame, {"occurred_at": "admin.when", "actor": "admin.actor", "action": "admin.action",
                          "target": "admin.target", "detail": "admin.detail"},
                  lang, "admin.no_audit")


def token_shown(token: str, lang: str) -> dbc.Alert:
    return dbc.Alert([html.Div(t("admin.token_once", lang), className="mb-1"),
                      html.Code(token, id="admin-token-value", className="user-select-all")],
                     color="warning", className="py-2 small")


def forbidden(role: str, lang: str) -> html.Div:
    """Shown instead of a page the user's role does not open."""
    return html.Div([html.H1(t("forbidden.title", lang), className="h3"),
                     html.P(t("forbidden.body", lang, role=t(f"role.{role}", lang)))],
                    className="py-4", id="forbidden")
