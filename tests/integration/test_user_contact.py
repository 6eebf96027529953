"""A user's e-mail address and language: stored, validated, changed without ending sessions."""

from __future__ import annotations

import pytest

from data import accounts


def test_contact_is_stored_and_changed_without_ending_sessions(store):
    accounts.add_user(store, "dora", "owner", None, email="dora@example.org", lang="de")
    user = accounts.get_user(store, "dora")
    assert (user.email, user.lang, user.generation) == ("dora@example.org", "de", 0)

    accounts.update_user(store, "dora", email="d.k@example.org", lang="en")
    user = accounts.get_user(store, "dora")
    assert (user.email, user.lang, user.generation) == ("d.k@example.org", "en", 0)

    accounts.update_user(store, "dora", email=None)
    assert accounts.get_user(store, "dora").email is None
    accounts.update_user(store, "dora", role="viewer")
    assert accounts.get_user(store, "dora").generation == 1
    listed = accounts.list_users(store).set_index("name")
    assert listed.loc["dora", "lang"] == "en"


@pytest.mark.parametrize(("email", "lang"), [("not-an-address", None), ("a@b", None),
                                             ("x@example.org", "fr")])
def test_a_wrong_address_or_language_is_refused(duck_store, email, lang):
    with pytest.raises(accounts.AccountError):
        accounts.add_user(duck_store, "eve", "viewer", None, email=email, lang=lang)
    assert accounts.get_user(duck_store, "eve") is None
