"""The frame around every page: navbar, language switch, global filter bar."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import date, t
from layouts import alerts as alerts_layout
from layouts import ids
from views.periods import PRESETS


def user_menu(user, lang: str):
    """The signed-in user's name and role, the admin page for admins, and sign-out."""
    if user is None:
        return None
    items = [dbc.DropdownMenuItem(t(f"role.{user.role}", lang), header=True)]
    if user.department_key:
        items.append(dbc.DropdownMenuItem(t("user.department", lang,
                                            department=user.department_key), header=True))
    if user.can("admin"):
        items.append(dbc.DropdownMenuItem(t("nav.admin", lang), href="/admin", id="nav-admin"))
    if user.can("analyst"):
        items.append(dbc.DropdownMenuItem(t("nav.catalog", lang), href="/catalog",
                                          id="nav-catalog"))
    items.append(dbc.DropdownMenuItem(t("user.profile", lang), href="/account/profile",
                                      id="nav-profile"))
    items.append(dbc.DropdownMenuItem(t("audits.my", lang), href="/audits", id="nav-audits"))
    items.append(dbc.DropdownMenuItem(t("workshop.join_menu", lang), href="/workshop/join",
                                      id="nav-workshop"))
    items.append(dbc.DropdownMenuItem(t("user.password", lang), href="/account/password",
                                      external_link=True, id="nav-password"))
    items.append(dbc.DropdownMenuItem(t("user.logout", lang), href="/logout", external_link=True,
                                      id="nav-logout"))
    return dbc.DropdownMenu(items, label=user.name, nav=True, in_navbar=True, align_end=True,
                            id="user-menu", className="me-2")


def export_menu(lang: str, pdf_available: bool):
    """Copy link, data downloads, chart images, poster and weekly report for the view."""
    labels = ("export.csv", "export.csv_de", "export.xlsx", "export.poster_a3",
              "export.poster_a2", "export.report_html", "export.report_pdf")
    items = []
    for component_id, label in zip(ids.EXPORT_LINKS, labels, strict=True):
        needs_pdf = component_id in ("export-poster-a3", "export-poster-a2", "export-report-pdf")
        if component_id == "export-poster-a3":
            items.append(dbc.DropdownMenuItem(divider=True))
        text = t(label, lang) + (f" – {t('export.no_pdf', lang)}"
                                 if needs_pdf and not pdf_available else "")
        if component_id in ids.EXPORT_DATA_LINKS:
            # Shown while the item is disabled (app.css): the browser disables it on a
            # page without a data download (assets/filters.js exportHrefs).
            text = [text, html.Span(f" – {t('export.no_download', lang)}",
                                    className="export-no-download")]
        items.append(dbc.DropdownMenuItem(text, id=component_id, href="#", external_link=True,
                                          disabled=needs_pdf and not pdf_available))
        if component_id == "export-xlsx":
            # Disabled, with the reason, on a page without charts (exportHrefs too).
            items += [dbc.DropdownMenuItem(
                [t(label_, lang), html.Span(f" – {t('export.no_charts', lang)}",
                                            className="export-no-charts")], id=item_id)
                for item_id, label_ in ((ids.EXPORT_PNG, "export.png"),
                                        (ids.EXPORT_SVG, "export.svg"))]
    return html.Div([
        html.Span([dcc.Clipboard(id=ids.COPY_LINK, title=t("export.copy_link", lang),
                                 className="copy-link")],
                  className="me-2 d-flex align-items-center",
                  title=t("export.copy_link", lang)),
        dbc.DropdownMenu(items, label=t("export.menu", lang), nav=True, in_navbar=True,
                         align_end=True, id="export-menu"),
        dcc.Store(id=ids.EXPORT_DONE),
    ], className="d-flex align-items-center me-2")


def navbar(lang: str, user=None, pdf_available: bool = True, pages=()) -> dbc.Navbar:
    """Return the top bar with page links, the user menu and the German/English switch.

    ``pages`` are the registry's (path, label key, role) entries; a link that needs a
    role is shown only to users who have it (the server checks it too)."""
    links = [
        dbc.NavItem(dbc.NavLink(t(label, lang), href=path, id=ids.nav_link(path), active="exact"))
        for path, label, role in pages
        if role is None or (user is not None and user.can(role))
    ]
    switch = html.Div(
        [
            html.A("DE", href="/lang/de", className="lang-link" + (" active" if lang == "de" else ""),
                   title="Deutsch", lang="de"),
            html.Span("|", className="mx-1 lang-sep", **{"aria-hidden": "true"}),
            html.A("EN", href="/lang/en", className="lang-link" + (" active" if lang == "en" else ""),
                   title="English", lang="en"),
        ],
        id=ids.LANG_SWITCH,
        className="d-flex align-items-center",
        **{"aria-label": t("nav.language", lang)},
    )
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    [html.Span("cx", className="brand-cx"), "dash",
                     html.Small(t("app.tagline", lang),
                                className="ms-2 d-none d-xxl-inline brand-tag")],
                    href="/",
                ),
                dbc.NavbarToggler(id=ids.NAVBAR_TOGGLER, n_clicks=0),
                dbc.Collapse(
                    [
                        dbc.Nav(links, navbar=True, className="me-3"),
                        html.Div([export_menu(lang, pdf_available), alerts_layout.bell(user, lang),
                                  dbc.Nav(user_menu(user, lang), navbar=True), switch],
                                 className="ms-xl-auto d-flex align-items-center flex-wrap "
                                           "flex-xl-nowrap"),
                    ],
                    id=ids.NAVBAR_COLLAPSE, is_open=False, navbar=True,
                ),
            ],
            fluid=True,
        ),
        id=ids.NAVBAR,
        color="primary",
        dark=True,
        expand="xl",  # eight page links and the menus fit in one line from 1200 px
        className="mb-3 py-1",
    )


def _dropdown(component_id: str, label_key: str, options: list[dict], lang: str) -> dbc.Col:
    return dbc.Col(
        [
            dbc.Label(t(label_key, lang), html_for=component_id, className="filter-label"),
            dcc.Dropdown(
                id=component_id,
                options=options,
                multi=True,
                placeholder=t("filter.all", lang),
                className="filter-dropdown",
            ),
        ],
        xs=12, sm=6, md=4, xl=True,
    )


def period_presets(lang: str) -> html.Div:
    """One click to the periods of the weekly review (each against the one before)."""
    return html.Div(
        [html.Span(t("preset.label", lang), className="filter-label me-1")]
        + [dbc.Button(t(f"preset.{name}", lang), id=ids.period_preset(name), n_clicks=0,
                      size="sm", color="primary", outline=True,
                      className="me-1 period-preset", title=t(f"preset.{name}_help", lang))
           for name in PRESETS],
        className="d-flex flex-wrap align-items-center period-presets")


def data_age(age: dict | None, lang: str):
    """'Data as of DATE', with a warning when the newest data is more than a week old."""
    if not age:
        return html.Span(id=ids.DATA_AGE)
    text = t("data.as_of", lang, date=date(age["date"], lang))
    if age["stale"]:
        return html.Span([html.Strong("⚠ " + text),
                          " · " + t("data.stale", lang, days=age["days"])],
                         id=ids.DATA_AGE, className="data-age stale", role="status")
    return html.Span(text, id=ids.DATA_AGE, className="data-age text-muted")


def filter_bar(options: dict[str, list[dict]], lang: str, age: dict | None = None) -> html.Div:
    """Return the global filters; options maps dimension to [{'label', 'value'}]."""
    date_format = "DD.MM.YYYY" if lang == "de" else "D MMM YYYY"
    toggle = dbc.Button(t("filter.toggle", lang) + " ▾", id=ids.FILTER_TOGGLE, n_clicks=0,
                        color="link", size="sm", className="d-md-none p-0 filter-toggle")
    return html.Div([toggle, dbc.Collapse(
        dbc.Row(
            [
                _dropdown(ids.FILTER_JOURNEY, "filter.journey", options["journeys"], lang),
                _dropdown(ids.FILTER_PERSONA, "filter.persona", options["personas"], lang),
                _dropdown(ids.FILTER_PHASE, "filter.phase", options["phases"], lang),
                _dropdown(ids.FILTER_CHANNEL, "filter.channel", options["channels"], lang),
                _dropdown(ids.FILTER_DEPARTMENT, "filter.department", options["departments"], lang),
                dbc.Col(
                    [
                        dbc.Label(t("filter.date", lang), html_for=ids.FILTER_DATE,
                                  className="filter-label"),
                        html.Div(
                            [
                                dcc.DatePickerRange(
                                    id=ids.FILTER_DATE,
                                    display_format=date_format,
                                    first_day_of_week=1,
                                    clearable=True,
                                    minimum_nights=0,
                                    className="filter-date",
                                ),
                                dbc.Button("↺", id=ids.FILTER_RESET, color="link", size="sm",
                                           title=t("filter.reset", lang),
                                           className="ms-1 filter-reset"),
                            ],
                            className="d-flex align-items-center",
                        ),
                    ],
                    xs=12, md=8, xl="auto",
                ),
                dbc.Col(html.Div([period_presets(lang), data_age(age, lang)],
                                 className="d-flex flex-wrap align-items-center gap-3"),
                        xs=12),
            ],
            className="g-2",
        ),
        # Open on wider screens whatever its state (app.css); a tap opens it on phones.
        id=ids.FILTER_COLLAPSE, is_open=False, className="filter-collapse",
    )], id=ids.FILTER_BAR, className="filter-bar mb-3")


def shell(lang: str, options: dict[str, list[dict]], empty_database: bool,
          user=None, pdf_available: bool = True, pages=(), age: dict | None = None,
          state: dict | None = None) -> html.Div:
    """Return the whole page frame; pages render into ids.PAGE. ``state`` is what the
    browser's filter callbacks need (callbacks.shell.shell_state)."""
    notice = (
        dbc.Alert(dcc.Markdown(t("empty.database", lang)), color="info", id=ids.EMPTY_NOTICE)
        if empty_database
        else None
    )
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.LANG, data=lang),
            dcc.Store(id=ids.ALERTS_TICK, data=0),  # bumped by the alerts page's writes
            dcc.Store(id=ids.SHELL_STATE, data=state or {"default": [None, None]}),
            navbar(lang, user, pdf_available, pages),
            # A failed callback shows its message here (dashboard.validation.on_error).
            dbc.Toast(id=ids.CALLBACK_ERROR, header=t("error.callback_title", lang),
                      is_open=False, dismissable=True, icon="danger",
                      className="callback-error position-fixed end-0 m-3"),
            dbc.Container(
                [filter_bar(options, lang, age), notice, html.Main(id=ids.PAGE)],
                fluid=True,
                className="pb-4",
            ),
        ],
        lang=lang,
    )


def not_found(path: str, lang: str) -> html.Div:
    """Return the page shown for an unknown path."""
    return html.Div(
        [
            html.H1(t("notfound.title", lang), className="h3"),
            html.P(t("notfound.body", lang, path=path)),
            dcc.Link(t("notfound.home", lang), href="/"),
        ],
        className="py-4",
    )
