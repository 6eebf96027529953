"""Sessions end on the server, account changes hold on the next request, the sign-in
limiter hands nobody a lockout of someone else's name and keeps its memory bounded, and
users change their own password."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

from dashboard.app import create_app
from dashboard.auth import LOGIN_FAILURES_PER_NAME
from dashboard.config import Config
from data import accounts, schema
from data.store import Store
from tests.conftest import PASSWORD, _skip_or_fail, add_role_users, sign_in

REDIS_URL = os.environ.get("CXDASH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
NEW_PASSWORD = "a-new-long-password"


def _app(url: str, cache_url: str = "none"):
    return create_app(Config.from_env({}, database_url=url, cache_url=cache_url,
                                      language="en"))


@pytest.fixture
def site(tmp_path):
    url = f"duckdb:///{tmp_path / 'sessions.duckdb'}"
    store = Store(url)
    store.upgrade()
    add_role_users(store)
    store.dispose()
    app = _app(url)
    return app, app.server.extensions["cxdash"]["store"]


def _from(app, address: str):
    client = app.server.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _cookie(client) -> str:
    return client.get_cookie("cxdash_session").value


def test_a_saved_cookie_no_longer_opens_anything_after_sign_out(site):
    app, _ = site
    client = sign_in(app.server.test_client(), "viewer")
    saved = _cookie(client)
    assert client.get("/_dash-layout").status_code == 200
    client.get("/logout")
    replay = app.server.test_client()
    replay.set_cookie("cxdash_session", saved)
    assert replay.get("/_dash-layout").status_code == 401
    assert replay.get("/").status_code == 302


def test_demotion_deletion_and_revocation_by_another_process_hold_on_the_next_request(site):
    """Changes written straight to the database (as another process would) are seen at
    once: nothing in this process remembers the user or the token."""
    app, store = site
    admin = sign_in(app.server.test_client(), "admin")
    assert "Users & audit" in admin.get("/_dash-layout").get_data(as_text=True)
    token = accounts.create_token(store, "analyst", "nightly")
    bearer = {"Authorization": f"Bearer {token}"}
    assert admin.get("/_dash-layout", headers=bearer).status_code == 200
    u, t = schema.users, schema.api_tokens
    with store.engine.begin() as conn:
        conn.execute(u.update().where(u.c.name == "admin").values(role="viewer"))
        conn.execute(t.delete().where(t.c.name == "nightly"))
    assert "Users & audit" not in admin.get("/_dash-layout").get_data(as_text=True)
    assert app.server.test_client().get("/_dash-layout", headers=bearer).status_code == 401
    with store.engine.begin() as conn:
        conn.execute(u.delete().where(u.c.name == "admin"))
    assert admin.get("/_dash-layout").status_code == 401


def test_a_stranger_failing_cannot_lock_the_owner_out_of_their_name(site):
    app, _ = site
    stranger = _from(app, "203.0.113.9")
    for _ in range(LOGIN_FAILURES_PER_NAME):
        assert stranger.post("/login", data={"username": "admin",
                                             "password": "guess"}).status_code == 401
    assert stranger.post("/login", data={"username": "admin",
                                         "password": PASSWORD}).status_code == 429
    owner = _from(app, "198.51.100.7")
    assert owner.post("/login", data={"username": "admin",
                                      "password": PASSWORD}).status_code == 302


def test_the_limiter_memory_stays_bounded_however_many_names_are_tried(site):
    app, _ = site
    counter = app.server.extensions["cxdash_login_limiter"].counter
    counter.max_keys = 50
    for i in range(300):
        _from(app, f"10.0.{i // 250}.{i % 250}").post(
            "/login", data={"username": f"nobody-{i}", "password": "guess"})
        assert len(counter) <= 50


def test_failures_counted_on_redis_hold_across_instances(site, tmp_path):
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        _skip_or_fail(f"no Redis at {REDIS_URL} (CXDASH_TEST_REDIS_URL)")
    _, store = site
    first, second = _app(store.url, REDIS_URL), _app(store.url, REDIS_URL)
    address = f"192.0.2.{uuid.uuid4().int % 250}"
    name = f"admin-{uuid.uuid4().hex[:8]}"  # no counter of an earlier run
    for _ in range(LOGIN_FAILURES_PER_NAME):
        _from(first, address).post("/login", data={"username": name, "password": "x"})
    assert _from(second, address).post(
        "/login", data={"username": name, "password": "x"}).status_code == 429


def test_users_change_their_own_password_in_english_and_german(site):
    app, store = site
    other = sign_in(app.server.test_client(), "owner")
    client = sign_in(app.server.test_client(), "owner")
    assert '"nav-password","href":"\\u002faccount\\u002fpassword"' in client.get(
        "/_dash-layout").get_data(as_text=True)
    page = client.get("/account/password")
    assert page.status_code == 200 and 'name="current"' in page.get_data(as_text=True)
    client.set_cookie("cxdash_lang", "de")
    assert "Eigenes Passwort ändern" in client.get("/account/password").get_data(as_text=True)
    client.set_cookie("cxdash_lang", "en")

    def change(current, new, confirm=None):
        return client.post("/account/password", data={
            "current": current, "new": new, "confirm": new if confirm is None else confirm})

    assert change("wrong-password", NEW_PASSWORD).status_code == 400
    assert change(PASSWORD, NEW_PASSWORD, "something-else").status_code == 400
    assert change(PASSWORD, "short").status_code == 400
    done = change(PASSWORD, NEW_PASSWORD)
    assert done.status_code == 200 and "password-done" in done.get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 200  # this browser stays signed in
    assert other.get("/_dash-layout").status_code == 401  # the other session has ended
    assert accounts.authenticate(store, "owner", PASSWORD) is None
    assert accounts.authenticate(store, "owner", NEW_PASSWORD) is not None
    token = accounts.create_token(store, "owner")
    assert app.server.test_client().get(
        "/account/password", headers={"Authorization": f"Bearer {token}"}).status_code == 403


def test_expired_sessions_are_refused_and_cleared_away(site):
    app, store = site
    client = sign_in(app.server.test_client(), "viewer")
    s = schema.sessions
    with store.engine.begin() as conn:
        conn.execute(s.update().values(expires_at=sa.func.now() - sa.text("INTERVAL 1 DAY")))
    assert client.get("/_dash-layout").status_code == 401
    sign_in(app.server.test_client(), "analyst")
    with store.connect() as conn:
        assert [r.user_name for r in conn.execute(sa.select(s))] == ["analyst"]


def test_the_limiter_keeps_counting_while_redis_is_unreachable():
    from dashboard.auth import LoginLimiter, RedisCounter

    limiter = LoginLimiter(RedisCounter("redis://127.0.0.1:1/0"))  # nothing listens there
    for _ in range(LOGIN_FAILURES_PER_NAME):
        assert limiter.retry_after("admin", "192.0.2.200") == 0
        limiter.failed("admin", "192.0.2.200")
    assert limiter.retry_after("admin", "192.0.2.200") > 0
    assert limiter.retry_after("admin", "192.0.2.201") == 0
