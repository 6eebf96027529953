"""The profile page (/account/profile): e-mail address, language of mails and the
weekly report subscriptions of the signed-in user (or, for an admin, of any user)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import date, t
from layouts import components, ids


def choices(journeys: list[tuple[str, str]], departments: list[tuple[str, str]],
            lang: str) -> list[dict]:
    """The places one may subscribe to, as one dropdown: everything, journeys, departments."""
    return ([{"label": t("sub.kind.all", lang), "value": "all"}]
            + [{"label": f"{t('filter.journey', lang)}: {name}", "value": f"journey:{key}"}
               for key, name in journeys]
            + [{"label": f"{t('filter.department', lang)}: {name}",
                "value": f"department:{key}"} for key, name in departments])


def place_label(scope: str, name: str | None, lang: str) -> str:
    """'everything', 'journey Störung beheben', 'department Kundenservice'."""
    return t("sub.scope.all", lang) if scope == "all" else t(f"sub.scope.{scope}", lang,
                                                             name=name or "")


def subscriptions_list(m, lang: str):
    """The user's subscriptions, each with its end button (m: views.profile.ProfileModel)."""
    warning = ([dbc.Alert(t("profile.no_email", lang), color="warning", className="py-2 small",
                          id="profile-no-email")] if not m.user.email else [])
    frame: pd.DataFrame = m.subscriptions
    if frame.empty:
        return html.Div([*warning, html.P(t("profile.no_subscriptions", lang),
                                          className="text-muted small mb-0")])
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in (
        "profile.col.place", "profile.col.since", "profile.col.last_sent")] + [html.Th("")]))
    rows = []
    for r in frame.to_dict("records"):
        place = place_label(r["scope"], r["name"], lang)
        rows.append(html.Tr([
            html.Td(place[:1].upper() + place[1:]),
            html.Td(date(pd.Timestamp(r["since"]).date(), lang)),
            html.Td(r["last_sent_week"] or t("profile.never", lang)),
            html.Td(dbc.Button(t("profile.unsubscribe", lang), id=ids.profile_remove(r["id"]),
                               n_clicks=0, size="sm", color="danger", outline=True),
                    className="text-end")]))
    return html.Div([*warning, html.Table([head, html.Tbody(rows)],
                                          className="table table-sm align-middle small mb-0",
                                          id="profile-subscription-table")])


def page(lang: str, m=None, refused: str | None = None, own: bool = True) -> html.Div:
    """Return the profile page for a model (None: an empty skeleton, e.g. for validation);
    ``refused`` replaces the forms with a message."""
    title = (t("profile.title", lang) if own or m is None
             else t("profile.title_other", lang, name=m.user.name))
    if refused:
        return html.Div([components.page_header(title),
                         dbc.Alert(refused, color="danger", id=ids.PROFILE_MESSAGE)])
    user = m.user if m else None
    language_options = [{"label": "Deutsch", "value": "de"}, {"label": "English", "value": "en"}]
    contact = html.Div([
        html.P(t("profile.contact_help", lang), className="small text-muted mb-2"),
        dbc.Row([
            dbc.Col([dbc.Label(t("profile.email", lang), html_for=ids.PROFILE_EMAIL,
                               className="filter-label"),
                     dbc.Input(id=ids.PROFILE_EMAIL, type="email", size="sm",
                               value=(user.email if user else None) or "",
                               autocomplete="email", maxLength=320)], md=5),
            dbc.Col([dbc.Label(t("profile.lang", lang), html_for=ids.PROFILE_LANG,
                               className="filter-label"),
                     dcc.Dropdown(id=ids.PROFILE_LANG, options=language_options,
                                  value=user.lang if user else None,
                                  placeholder=t("profile.lang_default", lang))], md=4),
            dbc.Col(dbc.Button(t("profile.save", lang), id=ids.PROFILE_SAVE, size="sm",
                               color="primary", className="mt-4"), md="auto"),
        ], className="g-2"),
    ])
    options = choices(m.journeys, m.departments, lang) if m else []
    subscriptions = html.Div([
        html.P(t("profile.subscriptions_help", lang), className="small text-muted mb-2"),
        html.Div(subscriptions_list(m, lang) if m else None, id=ids.PROFILE_SUBSCRIPTIONS,
                 className="mb-3"),
        dbc.Row([
            dbc.Col([dbc.Label(t("profile.scope", lang), html_for=ids.PROFILE_SCOPE,
                               className="filter-label"),
                     dcc.Dropdown(id=ids.PROFILE_SCOPE, options=options, value="all",
                                  clearable=False)], md=6),
            dbc.Col(dbc.Button(t("profile.subscribe", lang), id=ids.PROFILE_SUBSCRIBE,
                               size="sm", color="primary", className="mt-4"), md="auto"),
        ], className="g-2"),
    ])
    return html.Div([
        # Whose page: the name beside "Your profile" ("Profile of NAME" says it already).
        components.page_header(title, html.Span(user.name if user and own else "",
                                                id=ids.PROFILE_WHO, className="text-muted")),
        dcc.Store(id=ids.PROFILE_TICK, data=0),
        html.Div(id=ids.PROFILE_MESSAGE, role="status"),
        components.section(t("profile.contact", lang), contact),
        components.section(t("profile.subscriptions", lang), subscriptions),
    ], id="profile-page")
