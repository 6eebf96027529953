"""``cxdash report --subscriptions`` against a local SMTP server: one mail per
subscription in its user's language, never the same week twice, a failed address does
not stop the others, and the unsubscribe link ends exactly its subscription."""

from __future__ import annotations

import re

import pytest

from dashboard import cli
from dashboard.app import create_app
from dashboard.config import Config
from data import accounts, demo, subscriptions
from data.store import Store
from tests.integration.conftest import REFUSED_ADDRESS as REFUSED

PUBLIC = "https://cx.example.org"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    url = f"duckdb:///{tmp_path_factory.mktemp('subs') / 'demo.duckdb'}"
    store = Store(url)
    store.upgrade()
    demo.load(store, responses=10_000)
    store.dispose()
    return url


@pytest.fixture
def smtp(smtp, monkeypatch):
    """The local SMTP server (tests/integration/conftest.py), with the public URL set."""
    monkeypatch.setenv("CXDASH_PUBLIC_URL", PUBLIC)
    return smtp


@pytest.fixture
def subscribed(demo_url):
    """ada (German): journey stoerung and everything; bob (English): department KS;
    cy: everything, without an address. Returns the store and the subscriptions."""
    store = Store(demo_url)
    with store.begin() as conn:  # a fresh start for each test on the shared demo data
        conn.execute(subscriptions.s.delete())
        conn.execute(subscriptions.u.delete())
    people = {
        "ada": accounts.add_user(store, "ada", "viewer", None, email="ada@example.org",
                                 lang="de"),
        "bob": accounts.add_user(store, "bob", "owner", None, "KS", email="bob@example.org",
                                 lang="en"),
        "cy": accounts.add_user(store, "cy", "viewer", None),
    }
    subs = {
        "ada-journey": subscriptions.add(store, people["ada"], "ada", "journey", "stoerung"),
        "ada-all": subscriptions.add(store, people["ada"], "ada", "all"),
        "bob-ks": subscriptions.add(store, people["bob"], "bob", "department", "KS"),
        "cy-all": subscriptions.add(store, people["cy"], "cy", "all"),
    }
    yield store, subs
    store.dispose()


def _send(demo_url, *extra) -> int:
    return cli.main(["--database-url", demo_url, "report", "--subscriptions", "--week",
                     "2026-W46", *extra])


def _by_recipient(received) -> dict[str, list]:
    out: dict[str, list] = {}
    for rcpt, message in received:
        assert len(rcpt) == 1  # one recipient per mail: nobody sees another's address
        out.setdefault(rcpt[0], []).append(message)
    return out


def _link(message) -> str:
    html = message.get_body(("html",)).get_content()
    found = re.findall(r"href='(https://cx\.example\.org/unsubscribe/[^']+)'", html)
    assert len(found) == 1
    return found[0]


def test_each_subscription_gets_one_mail_in_its_users_language_once_a_week(
        demo_url, smtp, subscribed, capsys):
    store, subs = subscribed
    assert _send(demo_url) == 0
    mails = _by_recipient(smtp)
    assert sorted((k, len(v)) for k, v in mails.items()) == [("ada@example.org", 2),
                                                             ("bob@example.org", 1)]
    ada_subjects = sorted(m["Subject"] for m in mails["ada@example.org"])
    assert all(s.startswith("CX-Wochenbericht 2026-W46") for s in ada_subjects)
    assert ada_subjects[0].endswith("· Journey Störung beheben") or \
        ada_subjects[1].endswith("· Journey Störung beheben")
    assert any(s.endswith("· alles") for s in ada_subjects)
    bob = mails["bob@example.org"][0]
    assert bob["Subject"].startswith("Weekly CX report 2026-W46")
    assert bob["Subject"].endswith("· department Kundenservice")
    assert bob["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = _link(bob)
    assert bob["List-Unsubscribe"] == f"<{link}>"
    assert link == f"{PUBLIC}/unsubscribe/{subscriptions.token(store, subs['bob-ks'].id)}"
    assert link in bob.get_body(("plain",)).get_content()
    # The attached report file carries no personal link (it may be forwarded).
    attached = [p for p in bob.iter_attachments()][0].get_content()
    attached = attached.decode() if isinstance(attached, bytes) else attached
    assert "Weekly CX report 2026-W46" in attached and "/unsubscribe/" not in attached
    # The department report is the department's: its section, not the others'.
    body = bob.get_body(("html",)).get_content()
    assert "Department: Kundenservice" in body
    out = capsys.readouterr().out
    assert "3 sent, 0 sent before, 1 without an e-mail address, 0 failed" in out
    assert all(subscriptions.get(store, s.id).last_sent_week == "2026-W46"
               for k, s in subs.items() if k != "cy-all")

    smtp.clear()
    assert _send(demo_url) == 0  # the same week again: nothing new
    assert smtp == []
    assert "0 sent, 3 sent before" in capsys.readouterr().out


def test_a_refused_address_fails_alone_and_is_tried_again_next_time(
        demo_url, smtp, subscribed, capsys):
    store, subs = subscribed
    accounts.update_user(store, "bob", email=REFUSED)
    assert _send(demo_url) == 1
    assert sorted(r[0][0] for r in smtp) == ["ada@example.org", "ada@example.org"]
    captured = capsys.readouterr()
    assert "2 sent" in captured.out and "1 failed" in captured.out
    assert "failed: bob · department Kundenservice" in captured.out
    assert "sending failed for 1 subscription" in captured.err
    assert subscriptions.get(store, subs["bob-ks"].id).last_sent_week is None

    accounts.update_user(store, "bob", email="bob@example.org")
    smtp.clear()
    assert _send(demo_url) == 0
    assert [r[0][0] for r in smtp] == ["bob@example.org"]


def test_without_a_public_url_nothing_is_sent(demo_url, smtp, subscribed, capsys,
                                              monkeypatch):
    monkeypatch.delenv("CXDASH_PUBLIC_URL")
    assert _send(demo_url) == 2
    assert "CXDASH_PUBLIC_URL" in capsys.readouterr().err and smtp == []


def test_the_unsubscribe_link_ends_exactly_its_subscription_without_signing_in(
        demo_url, smtp, subscribed):
    store, subs = subscribed
    assert _send(demo_url) == 0
    journey_mail = next(m for m in _by_recipient(smtp)["ada@example.org"]
                        if "Journey" in m["Subject"])
    path = _link(journey_mail)[len(PUBLIC):]
    app = create_app(Config.from_env({}, database_url=demo_url, cache_url="none"))
    client = app.server.test_client()  # nobody signed in

    asked = client.get(path)  # a GET (a mail scanner) only asks
    assert asked.status_code == 200
    text = asked.get_data(as_text=True)
    assert "Den Wochenbericht für Journey Störung beheben nicht mehr an ada@example.org" in text
    assert len(subscriptions.list_for(store, "ada")) == 2

    done = client.post(path)
    assert done.status_code == 200 and 'id="unsubscribe-done"' in done.get_data(as_text=True)
    assert [(s.scope, s.key) for s in subscriptions.list_for(store, "ada")] == [("all", None)]
    assert len(subscriptions.list_for(store, "bob")) == 1
    assert client.post(path).status_code == 404  # used: gone

    for wrong in (path + "0", "/unsubscribe/1.abc", "/unsubscribe/%00", "/unsubscribe/x" * 3,
                  f"/unsubscribe/{subs['bob-ks'].id}." + "f" * 40):
        answer = client.get(wrong)
        assert answer.status_code in (302, 404), wrong  # an odd path is Dash's: sign in
        if answer.status_code == 404:
            assert "not valid" in answer.get_data(as_text=True) or \
                "ungültig" in answer.get_data(as_text=True)
    assert len(subscriptions.list_for(store, "bob")) == 1

    # RFC 8058: the mail provider posts List-Unsubscribe=One-Click, from its own origin.
    bob_link = _link(_by_recipient(smtp)["bob@example.org"][0])[len(PUBLIC):]
    one_click = client.post(bob_link, data={"List-Unsubscribe": "One-Click"},
                            headers={"Origin": "https://mail.example.net"})
    assert one_click.status_code == 200
    assert subscriptions.list_for(store, "bob") == []
    # Other routes still refuse a foreign origin.
    assert client.post("/login", data={"username": "ada", "password": "x"},
                       headers={"Origin": "https://mail.example.net"}).status_code == 403
    trail = accounts.audit_trail(store)
    assert list(trail["action"][:2]) == ["subscription.unsubscribe"] * 2


def test_the_server_sends_them_for_an_admins_token_only(demo_url, smtp, subscribed):
    store, subs = subscribed
    accounts.add_user(store, "root", "admin", None)
    admin = accounts.create_token(store, "root", "cron")
    viewer = accounts.create_token(store, "cy", "cy-token")
    app = create_app(Config.from_env(database_url=demo_url, cache_url="none"))
    client = app.server.test_client()
    refused = client.post("/api/v1/subscriptions/send", headers={
        "Authorization": f"Bearer {viewer}"})
    assert refused.status_code == 403 and "admin" in refused.get_json()["error"]
    assert client.post("/api/v1/subscriptions/send").status_code == 401
    assert smtp == []

    answer = client.post("/api/v1/subscriptions/send", json={"week": "2026-W46"},
                         headers={"Authorization": f"Bearer {admin}"})
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["week"] == "2026-W46" and len(body["sent"]) == 3 and body["failed"] == []
    assert body["no_address"] == ["cy · everything"]
    assert len(smtp) == 3
    again = client.post("/api/v1/subscriptions/send", data={"week": "2026-W46"},
                        headers={"Authorization": f"Bearer {admin}"}).get_json()
    assert again["sent"] == [] and len(again["sent_before"]) == 3
