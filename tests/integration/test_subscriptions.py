"""Report subscriptions: add, list, remove by their owner or an admin only, in the audit
trail; subscribers() by place; unsubscribe tokens; a week is claimed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from data import accounts, subscriptions
from data.ingest import import_file

CATALOG = Path(__file__).parents[1] / "fixtures" / "canonical" / "catalog.xlsx"


@pytest.fixture
def people(store):
    """The test catalog and four users: ada (de), bob (en), cy without e-mail, admin."""
    assert import_file(store, CATALOG.read_bytes(), "catalog").ok
    users = {
        "ada": accounts.add_user(store, "ada", "viewer", None, email="ada@example.org",
                                 lang="de"),
        "bob": accounts.add_user(store, "bob", "owner", None, "KS", email="bob@example.org",
                                 lang="en"),
        "cy": accounts.add_user(store, "cy", "analyst", None),
        "root": accounts.add_user(store, "root", "admin", None, email="root@example.org"),
    }
    return store, users


def test_a_user_adds_lists_and_removes_their_own_subscriptions(people):
    store, p = people
    ada = p["ada"]
    first = subscriptions.add(store, ada, "ada", "journey", "stoerung")
    subscriptions.add(store, ada, "ada", "department", "KS")
    subscriptions.add(store, ada, "ada", "all")
    listed = subscriptions.list_for(store, "ada")
    assert [(x.scope, x.key) for x in listed] == [("all", None), ("department", "KS"),
                                                  ("journey", "stoerung")]
    with pytest.raises(subscriptions.SubscriptionError, match="already"):
        subscriptions.add(store, ada, "ada", "journey", "stoerung")
    with pytest.raises(subscriptions.SubscriptionError, match="no journey"):
        subscriptions.add(store, ada, "ada", "journey", "nope")
    with pytest.raises(subscriptions.SubscriptionError):
        subscriptions.add(store, ada, "ada", "touchpoint", "hotline")

    removed = subscriptions.remove(store, ada, first.id)
    assert (removed.scope, removed.key) == ("journey", "stoerung")
    assert [(x.scope, x.key) for x in subscriptions.list_for(store, "ada")] == [
        ("all", None), ("department", "KS")]

    trail = accounts.audit_trail(store)
    mine = trail[trail["action"].str.startswith("subscription.")]
    assert list(mine["action"]) == ["subscription.remove", "subscription.add",
                                    "subscription.add", "subscription.add"]
    assert set(mine["actor"]) == {"ada"} and set(mine["target"]) == {"ada"}


def test_only_the_user_or_an_admin_changes_a_users_subscriptions(people):
    store, p = people
    theirs = subscriptions.add(store, p["bob"], "bob", "department", "KS")
    for stranger in (p["ada"], p["cy"], None):
        with pytest.raises(subscriptions.SubscriptionForbidden):
            subscriptions.add(store, stranger, "bob", "all")
        with pytest.raises(subscriptions.SubscriptionForbidden):
            subscriptions.remove(store, stranger, theirs.id)
    assert len(subscriptions.list_for(store, "bob")) == 1
    # An admin manages anyone's, recorded as the admin's action on bob.
    added = subscriptions.add(store, p["root"], "bob", "journey", "vertrag")
    subscriptions.remove(store, p["root"], theirs.id)
    assert [(x.id, x.scope) for x in subscriptions.list_for(store, "bob")] == [
        (added.id, "journey")]
    trail = accounts.audit_trail(store)
    assert trail.iloc[0][["actor", "action", "target"]].tolist() == [
        "root", "subscription.remove", "bob"]


def test_subscribers_are_the_users_with_an_address_whose_subscription_covers_the_place(people):
    store, p = people
    subscriptions.add(store, p["ada"], "ada", "journey", "stoerung")
    subscriptions.add(store, p["ada"], "ada", "department", "KS")  # ada twice: listed once
    subscriptions.add(store, p["bob"], "bob", "department", "KS")
    subscriptions.add(store, p["cy"], "cy", "all")  # no e-mail address: never listed
    subscriptions.add(store, p["root"], "root", "all")

    def names(**place):
        found = subscriptions.subscribers(store, **place)
        assert all(isinstance(x, accounts.User) and x.email for x in found)
        return [x.name for x in found]

    assert names() == ["root"]
    assert names(journey="stoerung") == ["ada", "root"]
    assert names(journey="vertrag") == ["root"]
    assert names(department="KS") == ["ada", "bob", "root"]
    assert names(department="IT") == ["root"]
    assert names(journey="vertrag", department="KS") == ["ada", "bob", "root"]
    found = {x.name: x for x in subscriptions.subscribers(store, department="KS")}
    assert (found["ada"].email, found["ada"].lang) == ("ada@example.org", "de")
    # A deleted user's subscriptions go with them.
    accounts.delete_user(store, "ada", actor="tests")
    assert names(journey="stoerung") == ["root"] and subscriptions.list_for(store, "ada") == []


def test_an_unsubscribe_token_ends_exactly_its_subscription_and_no_other(people):
    store, p = people
    one = subscriptions.add(store, p["ada"], "ada", "journey", "stoerung")
    two = subscriptions.add(store, p["ada"], "ada", "all")
    token = subscriptions.token(store, one.id)
    other = subscriptions.token(store, two.id)
    assert token != other and len(token) > 40
    forged = [f"{one.id}.{'0' * 40}", f"{two.id}.{token.split('.')[1]}", "", "x", "1",
              token + "0", f"{one.id + 99}.{token.split('.')[1]}", "../../etc", None]
    for wrong in forged:
        assert subscriptions.by_token(store, wrong) is None
        assert subscriptions.unsubscribe(store, wrong) is None
    assert len(subscriptions.list_for(store, "ada")) == 2

    ended = subscriptions.unsubscribe(store, token)
    assert ended.id == one.id
    assert [x.id for x in subscriptions.list_for(store, "ada")] == [two.id]
    assert subscriptions.unsubscribe(store, token) is None  # used up
    assert accounts.audit_trail(store).iloc[0]["action"] == "subscription.unsubscribe"
    # Subscribing again to the same place makes a new token; the old one stays dead.
    again = subscriptions.add(store, p["ada"], "ada", "journey", "stoerung")
    assert subscriptions.by_token(store, token) is None
    assert subscriptions.by_token(store, subscriptions.token(store, again.id)).id == again.id


def test_a_week_is_claimed_once_and_given_back_when_its_mail_failed(people):
    store, p = people
    sub = subscriptions.add(store, p["bob"], "bob", "all")
    assert subscriptions.claim(store, sub.id, "2026-W46") == (True, None)
    assert subscriptions.claim(store, sub.id, "2026-W46") == (False, "2026-W46")
    assert subscriptions.claim(store, sub.id, "2026-W45")[0] is False  # older: not again
    assert subscriptions.claim(store, sub.id, "2026-W47") == (True, "2026-W46")
    subscriptions.release(store, sub.id, "2026-W47", "2026-W46")
    assert subscriptions.get(store, sub.id).last_sent_week == "2026-W46"
    assert subscriptions.claim(store, sub.id, "2026-W47")[0] is True
    assert subscriptions.claim(store, 9999, "2026-W47") == (False, None)
