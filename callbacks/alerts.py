"""The alerts page's callbacks and the bell's count. Every write is checked again in the
data layer: marking read is the signed-in user's own; actions need the touchpoint's
owner (or analyst, admin); rules need an admin or the department's owner."""

from __future__ import annotations

from dash import ALL, Input, Output, State, ctx, no_update

from callbacks.filters import filters_from_search
from dashboard import auth
from dashboard.i18n import t
from data import actions, queries
from data.alerts import inbox, rules
from data.store import Store
from layouts import alerts as layout
from layouts import ids
from layouts.data_page import result_message_text
from views import alerts as view


def scopes(store: Store, user, lang: str) -> list[dict]:
    """The scopes the user may write rules for (admins: every one)."""
    catalog = queries.catalog(store)
    out = []
    if user is None or user.can("admin"):
        out.append({"label": t("alerts.scope.all", lang), "value": "all:"})
        out += [{"label": f"{t('alerts.scope.journey', lang)}: {n}", "value": f"journey:{k}"}
                for k, n in zip(catalog["journeys"]["key"], catalog["journeys"]["name"],
                                strict=True)]
    deps = catalog["departments"]
    tps = catalog["touchpoints"]
    if user is not None and not user.can("admin"):
        deps = deps.loc[deps["key"] == user.department_key]
        tps = tps.loc[tps["department_key"] == user.department_key]
    out += [{"label": f"{t('alerts.scope.department', lang)}: {n}", "value": f"department:{k}"}
            for k, n in zip(deps["key"], deps["name"], strict=True)]
    out += [{"label": f"{t('alerts.scope.touchpoint', lang)}: {n}", "value": f"touchpoint:{k}"}
            for k, n in zip(tps["key"], tps["name"], strict=True)]
    return out


def page(store: Store, lang: str, search: str, path: str):
    """The page for the signed-in user (outside a request: with every control)."""
    user = auth.current_user()
    if user is None:
        return layout.page(lang, scopes(store, None, lang), True)
    may_edit = user.can("admin") or (user.can("owner") and bool(user.department_key))
    return layout.page(lang, scopes(store, user, lang), may_edit)


def render(store: Store, _path, search, _tick, lang):
    """The alerts list and the user's rules."""
    user = auth.current_user()
    m = view.model(store, filters_from_search(store, search), user=user)
    return (layout.alerts_table(m.frame, lang, m.may_edit),
            layout.rules_list(m.rules, m.names, lang))


def badge(store: Store, _path, _tick):
    """The bell's count of unread alerts ('' for none)."""
    count = inbox.unread_count(store, auth.current_user())
    return str(count) if count else ""


def mark_read(store: Store, n_clicks, search, tick, lang):
    """Mark the alerts the page shows as read, for the signed-in user only."""
    if not n_clicks:  # the button rendered with the page: not a click
        return no_update, no_update
    user = auth.current_user()
    m = view.model(store, filters_from_search(store, search), user=user)
    try:
        done = inbox.mark_read(store, user, m.frame["id"].tolist())
    except PermissionError as exc:
        return result_message_text(t("alerts.forbidden", lang, reason=exc)), no_update
    return (result_message_text(t("alerts.marked", lang, n=done), "success"),
            (tick or 0) + 1)


def _clicked():
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered or not ctx.triggered[0].get("value"):
        return None
    return trigger


def to_action(store: Store, _clicks, tick, lang):
    """Turn the clicked alert into an action on its touchpoint (origin alert)."""
    trigger = _clicked()
    if trigger is None:
        return no_update, no_update
    user = auth.current_user()
    alert = inbox.get(store, trigger["alert"])
    if alert is None:
        return no_update, (tick or 0) + 1
    words = {"metric": t(f"alerts.metric.{alert['metric']}", lang),
             "kind": t(f"alerts.kind.{alert['kind']}", lang),
             "place": alert["touchpoint_name"] or alert["place"]}
    try:
        new_id = inbox.to_action(store, user, alert["id"],
                                 t("alerts.action_title", lang, **words)[:actions.TITLE_MAX])
    except (actions.ActionForbidden, actions.ActionError) as exc:
        return result_message_text(t("alerts.forbidden", lang, reason=exc)), no_update
    inbox.mark_read(store, user, [alert["id"]])
    return (result_message_text(t("alerts.action_created", lang, id=new_id,
                                  place=words["place"]), "success"), (tick or 0) + 1)


def add_rule(store: Store, n_clicks, scope, metric, kind, threshold, min_n, tick, lang):
    """Add a rule (admins anywhere; owners in their department)."""
    if not n_clicks:
        return no_update, no_update
    kind_of, _, key = (scope or "").partition(":")
    try:
        made = rules.add(store, auth.current_user(), kind_of, key or None, metric, kind,
                         threshold, min_n)
    except rules.RuleForbidden as exc:
        return result_message_text(t("alerts.forbidden", lang, reason=exc)), no_update
    except rules.RuleError as exc:
        return result_message_text(str(exc), "warning"), no_update
    return result_message_text(t("alerts.rule_added", lang, id=made.id), "success"), \
        (tick or 0) + 1


def remove_rule(store: Store, _clicks, tick, lang):
    """Delete the clicked rule (checked against its department)."""
    trigger = _clicked()
    if trigger is None:
        return no_update, no_update
    try:
        gone = rules.remove(store, auth.current_user(), trigger["rule"])
    except rules.RuleForbidden as exc:
        return result_message_text(t("alerts.forbidden", lang, reason=exc)), no_update
    except rules.RuleError:
        return no_update, (tick or 0) + 1
    return result_message_text(t("alerts.rule_removed", lang, id=gone.id), "success"), \
        (tick or 0) + 1


def register_badge(app, store: Store) -> None:
    """The bell's count, on every page (called by the shell's callbacks)."""
    app.callback(
        Output(ids.ALERTS_BADGE, "children"),
        Input(ids.URL, "pathname"),
        Input(ids.ALERTS_TICK, "data"),
    )(lambda *args: badge(store, *args))


def register(app, store: Store) -> None:
    app.callback(
        Output(ids.ALERTS_TABLE, "children"),
        Output(ids.ALERTS_RULES, "children"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        Input(ids.ALERTS_TICK, "data"),
        State(ids.LANG, "data"),
    )(lambda *args: render(store, *args))
    app.callback(
        Output(ids.ALERTS_MESSAGE, "children"),
        Output(ids.ALERTS_TICK, "data"),
        Input(ids.ALERTS_MARK_READ, "n_clicks"),
        State(ids.URL, "search"),
        State(ids.ALERTS_TICK, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda *args: mark_read(store, *args))
    app.callback(
        Output(ids.ALERTS_MESSAGE, "children", allow_duplicate=True),
        Output(ids.ALERTS_TICK, "data", allow_duplicate=True),
        Input(ids.alert_action(ALL), "n_clicks"),
        State(ids.ALERTS_TICK, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda *args: to_action(store, *args))
    app.callback(
        Output(ids.ALERTS_MESSAGE, "children", allow_duplicate=True),
        Output(ids.ALERTS_TICK, "data", allow_duplicate=True),
        Input(ids.ALERTS_RULE_ADD, "n_clicks"),
        State(ids.ALERTS_RULE_SCOPE, "value"),
        State(ids.ALERTS_RULE_METRIC, "value"),
        State(ids.ALERTS_RULE_KIND, "value"),
        State(ids.ALERTS_RULE_THRESHOLD, "value"),
        State(ids.ALERTS_RULE_MIN_N, "value"),
        State(ids.ALERTS_TICK, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda *args: add_rule(store, *args))
    app.callback(
        Output(ids.ALERTS_MESSAGE, "children", allow_duplicate=True),
        Output(ids.ALERTS_TICK, "data", allow_duplicate=True),
        Input(ids.alert_rule_remove(ALL), "n_clicks"),
        State(ids.ALERTS_TICK, "data"),
        State(ids.LANG, "data"),
        prevent_initial_call=True,
    )(lambda *args: remove_rule(store, *args))
