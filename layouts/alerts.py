"""The alerts page (/alerts) and the bell with the unread count beside the user menu."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import date, number, t
from layouts import components, ids

DIGITS = {"audit": 1, "nps": 0, "ces": 2, "csat": 0, "conversion": 1}
SCOPE_OPTIONS = ("all", "journey", "department", "touchpoint")


def bell(user, lang: str):
    """A bell linking to /alerts with the unread count (filled in by a callback)."""
    if user is None:
        return None
    return html.A([html.Img(src="/assets/bell.svg", alt="", className="alerts-bell-icon"),
                   dbc.Badge("", id=ids.ALERTS_BADGE, color="danger", pill=True,
                             className="ms-1 alerts-badge")],
                  href="/alerts", id=ids.ALERTS_BELL, className="nav-link me-2 text-nowrap",
                  title=t("alerts.title", lang))


def _value(row: dict, lang: str) -> str:
    """value [95 % interval]; for drift the EWMA and the limit it fell below."""
    digits = DIGITS.get(row["metric"], 1)
    text = number(row["value"], lang, digits)
    if row["kind"] == "drift":
        return t("alerts.drift_value", lang, value=text,
                 limit=number(row.get("low"), lang, digits))
    if pd.notna(row.get("low")) and pd.notna(row.get("high")):
        text += f" [{number(row['low'], lang, digits)}; {number(row['high'], lang, digits)}]"
    return text


def alerts_table(frame: pd.DataFrame, lang: str, may_act: bool):
    """The alerts, newest first; unread ones marked; an action button for owners and up."""
    if frame.empty:
        return html.P(t("alerts.none", lang), className="text-muted small mb-0",
                      id="alerts-none")
    keys = ("alerts.col.period", "alerts.col.place", "alerts.col.metric", "alerts.col.value",
            "alerts.col.reference", "alerts.col.n", "alerts.col.rule", "alerts.col.method")
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in keys] + [html.Th("")]))
    rows = []
    for r in frame.to_dict("records"):
        digits = DIGITS.get(r["metric"], 1)
        unread = [dbc.Badge(t("alerts.unread", lang), color="danger", className="me-1")] \
            if not r["read"] else []
        rows.append(html.Tr([
            html.Td([*unread, f"{date(r['period_start'], lang)} – {date(r['period_end'], lang)}"]),
            html.Td(dcc.Link(r["touchpoint_name"] or r["place"],
                             href=f"/touchpoints/{r['place']}")),
            html.Td(f"{t('alerts.metric.' + r['metric'], lang)} · "
                    f"{t('alerts.kind.' + r['kind'], lang)}"),
            html.Td(_value(r, lang)),
            html.Td(number(r["reference"], lang, digits)),
            html.Td(str(int(r["n"]))),
            html.Td(str(int(r["rule_id"]))),
            html.Td(r["method"], className="small text-muted"),
            html.Td(dbc.Button(t("alerts.to_action", lang), id=ids.alert_action(int(r["id"])),
                               n_clicks=0, size="sm", color="primary", outline=True)
                    if may_act else ""),
        ], className="" if r["read"] else "fw-semibold"))
    return html.Table([head, html.Tbody(rows)], id="alerts-list",
                      className="table table-sm align-middle small mb-0")


def _scope_label(rule, names: dict, lang: str) -> str:
    return t("alerts.scope.all", lang) if rule.scope == "all" else \
        f"{t('alerts.scope.' + rule.scope, lang)}: {names.get((rule.scope, rule.key), rule.key)}"


def rules_list(rules, names: dict, lang: str):
    """The rules the user may change, each with a delete button (names: (scope, key) ->
    the place's name)."""
    if not rules:
        return html.P(t("alerts.rules_none", lang), className="text-muted small mb-0")
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in (
        "alerts.col.rule", "alerts.scope", "alerts.col.metric", "alerts.threshold",
        "alerts.min_n")] + [html.Th("")]))
    body = [html.Tr([
        html.Td(str(r.id)), html.Td(_scope_label(r, names, lang)),
        html.Td(f"{t('alerts.metric.' + r.metric, lang)} · {t('alerts.kind.' + r.kind, lang)}"),
        html.Td("–" if r.threshold is None else number(r.threshold, lang, 1)),
        html.Td("–" if r.min_n is None else str(r.min_n)),
        html.Td(dbc.Button(t("alerts.remove_rule", lang), id=ids.alert_rule_remove(r.id),
                           n_clicks=0, size="sm", color="danger", outline=True),
                className="text-end"),
    ]) for r in rules]
    return html.Table([head, html.Tbody(body)], id="alerts-rule-table",
                      className="table table-sm align-middle small mb-0")


def rule_form(lang: str, scopes: list[dict]):
    """Add a rule: scope, metric, detector, target and minimum n."""
    metrics = [{"label": t(f"alerts.metric.{m}", lang), "value": m}
               for m in ("audit", "nps", "ces", "csat", "conversion")]
    kinds = [{"label": t(f"alerts.kind.{k}", lang), "value": k}
             for k in ("below_target", "drop", "drift")]

    def field(label, component, md):
        return dbc.Col([dbc.Label(t(label, lang), className="filter-label"), component], md=md)

    return dbc.Row([
        field("alerts.scope", dcc.Dropdown(id=ids.ALERTS_RULE_SCOPE, options=scopes,
                                           clearable=False), 3),
        field("alerts.col.metric", dcc.Dropdown(id=ids.ALERTS_RULE_METRIC, options=metrics,
                                                value="audit", clearable=False), 2),
        field("alerts.col.rule", dcc.Dropdown(id=ids.ALERTS_RULE_KIND, options=kinds,
                                              value="drop", clearable=False), 2),
        field("alerts.threshold", dbc.Input(id=ids.ALERTS_RULE_THRESHOLD, type="number",
                                            size="sm"), 2),
        field("alerts.min_n", dbc.Input(id=ids.ALERTS_RULE_MIN_N, type="number", min=1,
                                        size="sm"), 1),
        dbc.Col(dbc.Button(t("alerts.add_rule", lang), id=ids.ALERTS_RULE_ADD, size="sm",
                           color="primary", className="mt-4"), md="auto"),
    ], className="g-2 mt-2")


def page(lang: str, scopes: list[dict], may_edit: bool) -> html.Div:
    """The page skeleton; the list and the rules are rendered by callbacks."""
    rules_section = components.section(t("alerts.rules", lang), html.Div([
        html.P(t("alerts.rules_help", lang), className="small text-muted mb-2"),
        html.Div(id=ids.ALERTS_RULES),
        rule_form(lang, scopes) if may_edit else None,
    ]))
    return html.Div([
        components.page_header(t("alerts.title", lang),
                               dbc.Button(t("alerts.mark_read", lang), id=ids.ALERTS_MARK_READ,
                                          size="sm", color="secondary", outline=True)),
        html.P(t("alerts.help", lang), className="small text-muted"),
        html.Div(id=ids.ALERTS_MESSAGE, role="status"),
        components.section(t("alerts.title", lang), html.Div(id=ids.ALERTS_TABLE)),
        rules_section,
    ], id="alerts-page")
