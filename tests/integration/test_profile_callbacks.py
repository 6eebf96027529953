"""The profile page's callbacks: a user changes only their own address, language and
subscriptions, an admin anyone's; every change is in the audit trail."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import flask
import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict

from callbacks import profile
from data import accounts, subscriptions
from data.ingest import import_file

CATALOG = Path(__file__).parents[1] / "fixtures" / "canonical" / "catalog.xlsx"


@pytest.fixture
def site(store):
    assert import_file(store, CATALOG.read_bytes(), "catalog").ok
    users = {name: accounts.add_user(store, name, role, None, email=f"{name}@example.org")
             for name, role in (("ada", "viewer"), ("bob", "owner"), ("root", "admin"))}
    server = flask.Flask(__name__)

    @contextlib.contextmanager
    def acting(name):  # one push, one pop: no request context outlives its test
        with server.test_request_context("/_dash-update-component"):
            flask.g.cxdash_user = users[name]
            yield

    return store, acting


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda o: o.to_plotly_json(),
                      ensure_ascii=False)


def test_a_user_subscribes_and_saves_their_own_profile(site):
    store, acting = site
    with acting("ada"):
        message, tick = profile.subscribe(store, 1, "journey:stoerung", "", 0, "en")
        assert tick == 1 and "Subscribed: weekly report for journey Störung beheben" in \
            _text(message)
        message, tick = profile.subscribe(store, 1, "journey:stoerung", "", 1, "de")
        assert "Dieses Abonnement besteht schon" in _text(message)
        message, tick = profile.subscribe(store, 1, None, "", 1, "en")
        assert "Pick a journey" in _text(message)
        message, tick = profile.save_contact(store, 1, " ada.k@example.org ", "de", "", 1, "en")
        assert tick == 2 and "Saved" in _text(message)
        message, tick = profile.save_contact(store, 1, "not an address", "en", "", 2, "de")
        assert "keine E-Mail-Adresse" in _text(message)
        listed = _text(profile.refresh(store, 2, "", "de"))
        assert "Journey Störung beheben" in listed and "noch nie" in listed
    ada = accounts.get_user(store, "ada")
    assert (ada.email, ada.lang) == ("ada.k@example.org", "de")
    assert [(s.scope, s.key) for s in subscriptions.list_for(store, "ada")] == [
        ("journey", "stoerung")]
    trail = accounts.audit_trail(store)
    assert set(trail.loc[trail["actor"] == "ada", "action"]) == {"subscription.add",
                                                                 "user.change"}


def test_a_user_cannot_touch_another_users_profile_but_an_admin_can(site):
    store, acting = site
    with acting("root"):
        profile.subscribe(store, 1, "department:KS", "?user=bob", 0, "en")
    bobs = subscriptions.list_for(store, "bob")
    assert [(s.scope, s.key) for s in bobs] == [("department", "KS")]
    with acting("ada"):
        message, tick = profile.subscribe(store, 1, "all", "?user=bob", 0, "en")
        assert "Only bob or an admin" in _text(message)
        message, tick = profile.save_contact(store, 1, "evil@example.org", "en", "?user=bob",
                                             0, "en")
        assert "Only bob or an admin" in _text(message)
        assert "Only bob or an admin" in _text(profile.page(store, "en", "?user=bob",
                                                            "/account/profile"))
        # A forged click on bob's end button from ada's own page changes nothing.
        token = context_value.set(AttributeDict(triggered_inputs=[
            {"prop_id": json.dumps({"subscription": bobs[0].id, "type": "profile-remove"})
             + ".n_clicks", "value": 1}]))
        try:
            profile.remove(store, [1], "", 0, "en")
            profile.remove(store, [1], "?user=bob", 0, "en")
        finally:
            context_value.reset(token)
    assert [s.id for s in subscriptions.list_for(store, "bob")] == [bobs[0].id]
    assert accounts.get_user(store, "bob").email == "bob@example.org"
    with acting("root"):
        token = context_value.set(AttributeDict(triggered_inputs=[
            {"prop_id": json.dumps({"subscription": bobs[0].id, "type": "profile-remove"})
             + ".n_clicks", "value": 1}]))
        try:
            message, tick = profile.remove(store, [1], "?user=bob", 0, "en")
        finally:
            context_value.reset(token)
        assert "Ended: weekly report for department Kundenservice" in _text(message)
        profile.save_contact(store, 1, "b@example.org", "en", "?user=bob", 1, "en")
    assert subscriptions.list_for(store, "bob") == []
    assert accounts.get_user(store, "bob").email == "b@example.org"
    trail = accounts.audit_trail(store)
    by_root = trail.loc[trail["actor"] == "root", ["action", "target"]].values.tolist()
    assert ["subscription.remove", "bob"] in by_root and ["user.change", "bob"] in by_root
    assert trail.loc[trail["actor"] == "ada"].empty
