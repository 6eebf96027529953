"""The alerts page's callbacks, posted by hand as each role: reading is one's own, an
action needs the touchpoint's owner (or analyst, admin), rules an admin or the
department's owner; the bell counts the signed-in user's unread alerts."""

from __future__ import annotations

import contextlib
import json

import flask
import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict

from callbacks import alerts as cb
from data import accounts, actions, demo, ingest
from data.accounts import User
from data.alerts import inbox, rules
from tests.integration.test_alerts import load

ADMIN = User("root", "admin")


@pytest.fixture
def site(store):
    ingest.commit(store, "catalog", demo.catalog_frames(), created_by="t")
    users = {name: accounts.add_user(store, name, role, None, department)
             for name, role, department in (("ada", "viewer", None), ("kim", "owner", "KS"),
                                            ("ab", "owner", "AB"), ("root", "admin", None))}
    rules.ensure_defaults(store)
    for rule in rules.all_rules(store):  # the owners' defaults, replaced by one rule
        rules.remove(store, ADMIN, rule.id)
    rules.add(store, ADMIN, "touchpoint", "st-hotline", "audit", "drop")
    load(store, {"st-hotline": [8] * 4 + [5] * 4})
    server = flask.Flask(__name__)

    @contextlib.contextmanager
    def acting(name):  # one push, one pop: no request context outlives its test
        with server.test_request_context("/_dash-update-component"):
            flask.g.cxdash_user = users[name]
            yield

    return store, acting, int(inbox.all_alerts(store).iloc[0]["id"])


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda o: o.to_plotly_json(),
                      ensure_ascii=False)


def _clicked(kind: str, **key):
    return context_value.set(AttributeDict(triggered_inputs=[
        {"prop_id": json.dumps({**key, "type": kind}) + ".n_clicks", "value": 1}]))


def test_the_bell_counts_and_marking_read_is_ones_own(site):
    store, acting, _ = site
    with acting("kim"):
        assert cb.badge(store, "/", 0) == "1"
        table, _ = cb.render(store, "/alerts", "?period=all", 0, "en")
        assert "Störungshotline" in _text(table) and "new" in _text(table)
        assert cb.mark_read(store, None, "?period=all", 0, "en") == (cb.no_update,
                                                                      cb.no_update)
        message, tick = cb.mark_read(store, 1, "?period=all", 0, "en")
        assert tick == 1 and "1 alert(s) marked as read" in _text(message)
        assert cb.badge(store, "/", 1) == ""
    with acting("ada"):
        assert cb.badge(store, "/", 1) == "1"  # everyone's alerts, not read by ada
    with acting("ab"):
        assert cb.badge(store, "/", 1) == ""  # another department's touchpoint


def test_an_action_from_an_alert_needs_the_touchpoints_owner(site):
    store, acting, alert_id = site
    for name in ("ada", "ab"):
        with acting(name):
            token = _clicked("alerts-action", alert=alert_id)
            try:
                message, tick = cb.to_action(store, [1], 0, "en")
            finally:
                context_value.reset(token)
            assert tick is cb.no_update and "may not" in _text(message)
    assert actions.all_actions(store, cached=False).empty
    with acting("kim"):
        token = _clicked("alerts-action", alert=alert_id)
        try:
            message, tick = cb.to_action(store, [1], 0, "de")
        finally:
            context_value.reset(token)
    assert "angelegt" in _text(message)
    made = actions.all_actions(store, cached=False).iloc[0]
    assert (made["touchpoint_key"], made["origin"], made["created_by"]) == (
        "st-hotline", "alert", "kim")


def test_rules_need_an_admin_or_the_departments_owner(site):
    store, acting, _ = site
    before = len(rules.all_rules(store))
    with acting("ada"):
        message, _ = cb.add_rule(store, 1, "department:KS", "audit", "drift", None, None, 0,
                                 "en")
        assert "may not" in _text(message)
    with acting("kim"):
        message, _ = cb.add_rule(store, 1, "department:AB", "audit", "drift", None, None, 0,
                                 "en")
        assert "may not" in _text(message)
        message, tick = cb.add_rule(store, 1, "department:KS", "nps", "below_target", 10,
                                    40, 0, "en")
        assert tick == 1 and "added" in _text(message)
        mine = rules.all_rules(store)[-1]
        assert (mine.key, mine.threshold, mine.min_n) == ("KS", 10.0, 40)
        _, listed = cb.render(store, "/alerts", "", 1, "en")
        assert "Department: Kundenservice" in _text(listed)
    first = rules.all_rules(store)[0]  # the admin's touchpoint rule (KS's touchpoint)
    with acting("ab"):
        token = _clicked("alerts-rule-remove", rule=first.id)
        try:
            message, _ = cb.remove_rule(store, [1], 0, "en")
        finally:
            context_value.reset(token)
        assert "may not" in _text(message)
    assert len(rules.all_rules(store)) == before + 1
    with acting("root"):
        token = _clicked("alerts-rule-remove", rule=first.id)
        try:
            message, _ = cb.remove_rule(store, [1], 0, "en")
        finally:
            context_value.reset(token)
        assert "deleted" in _text(message)
    assert len(rules.all_rules(store)) == before
