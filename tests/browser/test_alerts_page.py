"""In Chromium: an owner sees the bell count their unread alert, opens the alerts page
from it, turns the alert into an action and marks what is shown as read."""

from __future__ import annotations

import pytest
from support import console_errors, sign_in, wait_until

from dashboard.app import create_app
from dashboard.config import Config
from data import accounts, actions, demo, ingest
from data.accounts import User
from data.alerts import rules
from data.store import Store
from tests.conftest import add_role_users
from tests.integration.test_alerts import load


@pytest.fixture
def alert_app(tmp_path):
    url = f"duckdb:///{tmp_path / 'alerts.duckdb'}"
    store = Store(url)
    store.upgrade()
    ingest.commit(store, "catalog", demo.catalog_frames(), created_by="t")
    add_role_users(store, owner_department="KS")
    rules.ensure_defaults(store)
    admin = User("admin", "admin")
    for rule in rules.all_rules(store):
        rules.remove(store, admin, rule.id)
    rules.add(store, admin, "touchpoint", "st-hotline", "audit", "drop")
    load(store, {"st-hotline": [8] * 4 + [5] * 4})
    store.dispose()
    return create_app(Config.from_env({}, database_url=url, cache_url="none", language="en"))


def test_an_owner_follows_the_bell_and_acts_on_the_alert(dash_duo, alert_app):
    sign_in(dash_duo, alert_app, "owner")
    dash_duo.wait_for_text_to_equal("#alerts-badge", "1", timeout=20)
    dash_duo.find_element("#nav-alerts").click()
    dash_duo.wait_for_contains_text("#alerts-page h1", "Alerts", timeout=20)
    # The default period (the latest four weeks) holds the alert's period end.
    dash_duo.wait_for_contains_text("#alerts-list", "Störungshotline", timeout=20)
    assert "dropped significantly" in dash_duo.find_element("#alerts-list").text
    dash_duo.find_element("#alerts-list button").click()
    dash_duo.wait_for_contains_text("#alerts-message", "created on Störungshotline",
                                    timeout=20)
    store = alert_app.server.extensions["cxdash"]["store"]
    made = actions.all_actions(store, cached=False)
    assert list(made["origin"]) == ["alert"] and list(made["touchpoint_key"]) == ["st-hotline"]
    wait_until(dash_duo, lambda: dash_duo.find_element("#alerts-badge").text == "")
    assert accounts.get_user(store, "owner") is not None
    assert console_errors(dash_duo) == []
