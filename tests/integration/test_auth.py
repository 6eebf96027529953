"""Accounts, roles and hardening over HTTP: anonymous requests are refused everywhere,
viewers and owners cannot write through callbacks or the API, sign-in is rate-limited,
every response carries the security headers, and errors never leak details."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard import cli
from dashboard.app import create_app
from dashboard.auth import LOGIN_FAILURES_PER_NAME
from dashboard.config import Config
from data import accounts, schema
from data.ingest import import_file
from data.store import Store
from tests.conftest import PASSWORD, add_role_users, sign_in

FIXTURES = Path(__file__).parent.parent / "fixtures"
PAGES = ["/", "/journey", "/heatmap", "/benchmark", "/mine", "/atlas", "/personas", "/data",
         "/admin", "/touchpoints/st-hotline", "/nirgends"]


@pytest.fixture
def site(tmp_path):
    """An app on a database with the test catalog, one NPS import and a user per role."""
    url = f"duckdb:///{tmp_path / 'auth.duckdb'}"
    store = Store(url)
    store.upgrade()
    assert import_file(store, (FIXTURES / "canonical" / "catalog.xlsx").read_bytes(),
                       "catalog").ok
    assert import_file(store, (FIXTURES / "canonical" / "nps.csv").read_bytes(), "nps",
                       created_by="analyst").ok
    add_role_users(store)
    store.dispose()
    app = create_app(Config.from_env({}, database_url=url, cache_url="none", language="en",
                                     upload_dir=str(tmp_path / "uploads")))
    return app, app.server.extensions["cxdash"]["store"]


def _body(app, key: str) -> dict:
    """A well-formed request for one callback, with empty inputs (as the browser sends)."""
    spec = app.callback_map[key]
    outputs = [_split(o) for o in key.strip(".").split("...")]
    return {
        "output": key,
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [{**d, "value": None} for d in spec["inputs"]],
        "state": [{**d, "value": None} for d in spec["state"]],
        "changedPropIds": [],
    }


def _split(output: str) -> dict:
    ident, _, prop = output.rpartition(".")
    if ident.startswith("{"):
        ident = json.loads(ident)
    return {"id": ident, "property": prop}


def _batches(store) -> list[tuple]:
    b = schema.import_batches
    with store.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(b.c.id, b.c.status).order_by(b.c.id))]


def test_anonymous_requests_are_refused_everywhere(site):
    app, _ = site
    client = app.server.test_client()
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/login?next=")
    for path in ("/_dash-layout", "/_dash-dependencies"):
        assert client.get(path).status_code == 401, path
    for key in app.callback_map:
        response = client.post("/_dash-update-component", json=_body(app, key))
        assert response.status_code == 401, key
    upload = {"file": (io.BytesIO(b"date,score\n2026-03-02,9\n"), "x.csv"), "kind": "nps"}
    assert client.post("/api/v1/imports", data=upload,
                       content_type="multipart/form-data").status_code == 401
    upload = {"file": (io.BytesIO(b"date,score\n2026-03-02,9\n"), "x.csv")}
    assert client.post("/api/uploads", data=upload,
                       content_type="multipart/form-data").status_code == 401
    # What stays open: the sign-in page, the health check, static files.
    assert client.get("/login").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/assets/style/app.css").status_code == 200


def test_every_view_opens_for_a_viewer(site):
    app, _ = site
    client = sign_in(app.server.test_client(), "viewer")
    for path in PAGES:
        assert client.get(path).status_code == 200, path
    assert client.get("/_dash-layout").status_code == 200
    # Read-only callbacks answer (here: the KPI cards of the overview).
    key = next(k for k in app.callback_map if "kpi-nps.children" in k)
    assert client.post("/_dash-update-component", json=_body(app, key)).status_code == 200


@pytest.mark.parametrize("role", ["viewer", "owner"])
def test_viewers_and_owners_cannot_import_or_undo(site, role):
    app, store = site
    before = _batches(store)
    client = sign_in(app.server.test_client(), role)
    writes = [k for k in app.callback_map if "data-result" in k or "data-check" in k
              or "data-file-info" in k]
    assert len(writes) >= 4
    for key in writes:
        body = _body(app, key)
        # Make the undo look clicked and the confirm pressed: still refused.
        for item in body["inputs"]:
            if item["property"] in ("submit_n_clicks", "n_clicks"):
                item["value"] = [1] if isinstance(item["id"], dict) else 1
        response = client.post("/_dash-update-component", json=body)
        assert response.status_code == 403, key
        assert "analyst" in response.get_json()["error"]
    upload = {"file": (io.BytesIO(b"date,score\n2026-03-02,9\n"), "x.csv")}
    assert client.post("/api/uploads", data=upload,
                       content_type="multipart/form-data").status_code == 403
    # The API with this user's token: refused, nothing written.
    token = accounts.create_token(store, role)
    upload = {"file": (io.BytesIO((FIXTURES / "canonical" / "nps.csv").read_bytes()), "n.csv"),
              "kind": "nps", "allow_duplicate": "1"}
    response = app.server.test_client().post(
        "/api/v1/imports", data=upload, content_type="multipart/form-data",
        headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403
    assert _batches(store) == before
    # The data page itself says so instead of showing the upload.
    assert client.get("/data").status_code == 200  # the shell; the page callback refuses


def test_write_callbacks_check_the_role_themselves(site):
    """Defence in depth: the data page's callbacks refuse even if the gate were bypassed."""
    from callbacks.data_page import DataPage

    app, store = site
    page = DataPage(store, None, 1024)
    with app.server.test_request_context("/"):
        import flask

        flask.g.cxdash_user = accounts.get_user(store, "viewer")
        message, _, disabled = page.confirm(1, {"upload_id": "0" * 32}, "nps", "auto", None,
                                            None, None, [], [], [], 0, "en")
        assert disabled is True and "analyst" in str(message)
    assert len(_batches(store)) == 2


def test_an_analyst_undoes_through_the_callback_and_the_audit_trail_records_it(site):
    app, store = site
    batch = _batches(store)[-1][0]
    client = sign_in(app.server.test_client(), "analyst")
    key = next(k for k in app.callback_map if "data-result.children" in k
               and "data-tick" in k and "data-confirm" not in k)
    body = _body(app, key)
    body["inputs"] = [{"id": {"type": "undo-batch", "batch": batch},
                       "property": "submit_n_clicks", "value": 1}]
    body["inputs"] = [body["inputs"]]
    body["changedPropIds"] = [json.dumps({"batch": batch, "type": "undo-batch"},
                                         separators=(",", ":")) + ".submit_n_clicks"]
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.data[:300]
    assert _batches(store)[-1] == (batch, "undone")
    trail = accounts.audit_trail(store)
    undo = trail[trail["action"] == "undo"].iloc[0]
    assert undo["actor"] == "analyst" and undo["target"] == str(batch)
    assert {"import", "user.add", "login"} <= set(trail["action"])


def test_admin_callbacks_need_an_admin(site):
    app, store = site
    keys = [k for k in app.callback_map if "admin-" in k]
    assert keys
    analyst = sign_in(app.server.test_client(), "analyst")
    for key in keys:
        assert analyst.post("/_dash-update-component", json=_body(app, key)).status_code == 403
    admin = sign_in(app.server.test_client(), "admin")
    key = next(k for k in keys if "admin-users.children" in k)
    response = admin.post("/_dash-update-component", json=_body(app, key))
    assert response.status_code == 200
    assert "viewer" in response.get_data(as_text=True)


def test_sign_in_sets_a_safe_cookie_and_a_wrong_password_is_refused(site):
    app, _ = site
    client = app.server.test_client()
    wrong = client.post("/login", data={"username": "viewer", "password": "nope"})
    assert wrong.status_code == 401 and b"wrong" in wrong.data
    ok = client.post("/login", data={"username": "viewer", "password": PASSWORD,
                                     "next": "/journey?journey=x"})
    assert ok.status_code == 302 and ok.headers["Location"] == "/journey?journey=x"
    cookie = ok.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    secure = app.server.test_client().post("/login", base_url="https://cx.example",
                                           data={"username": "viewer", "password": PASSWORD})
    assert "Secure" in secure.headers["Set-Cookie"]
    # Never redirect to another site after signing in.
    away = app.server.test_client().post("/login", data={
        "username": "viewer", "password": PASSWORD, "next": "//evil.example/x"})
    assert away.headers["Location"] == "/"


def test_sign_in_is_rate_limited(site):
    app, _ = site
    client = app.server.test_client()
    for _ in range(LOGIN_FAILURES_PER_NAME):
        assert client.post("/login", data={"username": "admin",
                                           "password": "guess"}).status_code == 401
    blocked = client.post("/login", data={"username": "admin", "password": PASSWORD})
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0
    # Other users are not locked out by someone guessing the admin's password.
    assert client.post("/login", data={"username": "viewer",
                                       "password": PASSWORD}).status_code == 302


def test_a_password_change_ends_other_sessions_and_logout_ends_this_one(site):
    app, store = site
    client = sign_in(app.server.test_client(), "owner")
    assert client.get("/").status_code == 200
    accounts.set_password(store, "owner", "another-long-password")
    assert client.get("/").status_code == 302
    client = sign_in(app.server.test_client(), "owner", "another-long-password")
    client.get("/logout")
    assert client.get("/").status_code == 302


def test_revoked_tokens_and_tokens_of_deleted_users_stop_working(site):
    app, store = site
    client = app.server.test_client()
    token = accounts.create_token(store, "analyst", "nightly")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/_dash-layout", headers=headers).status_code == 200
    accounts.revoke_token(store, "nightly")
    assert client.get("/_dash-layout", headers=headers).status_code == 401
    token = accounts.create_token(store, "owner")
    accounts.delete_user(store, "owner")
    assert client.get("/_dash-layout", headers={"Authorization": f"Bearer {token}"}
                      ).status_code == 401


def test_security_headers_on_every_kind_of_response(site):
    app, _ = site
    client = app.server.test_client()
    signed = sign_in(app.server.test_client(), "viewer")
    for response in (client.get("/login"), client.get("/"), client.get("/healthz"),
                     client.get("/_dash-layout"), signed.get("/"), signed.get("/_dash-layout"),
                     client.get("/assets/style/app.css")):
        h = response.headers
        assert "frame-ancestors 'none'" in h["Content-Security-Policy"]
        assert "script-src 'self' 'sha256-" in h["Content-Security-Policy"]
        assert "unsafe-eval" not in h["Content-Security-Policy"]
        assert h["X-Content-Type-Options"] == "nosniff"
        assert h["X-Frame-Options"] == "DENY"
        assert h["Referrer-Policy"] == "same-origin"
    assert signed.get("/_dash-layout").headers["Cache-Control"] == "no-store"


def test_errors_never_show_a_stack_trace_or_sql(site):
    app, _ = site
    client = sign_in(app.server.test_client(), "viewer")
    key = next(k for k in app.callback_map if "kpi-nps.children" in k)
    body = _body(app, key)
    body["inputs"] = "not a list"
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code in (400, 500)
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and "File \"" not in text and "SELECT" not in text


def test_cross_site_posts_are_refused(site):
    app, _ = site
    client = app.server.test_client()
    response = client.post("/login", data={"username": "viewer", "password": PASSWORD},
                           headers={"Origin": "https://evil.example"})
    assert response.status_code == 403


def test_request_size_is_limited(tmp_path):
    url = f"duckdb:///{tmp_path / 'small.duckdb'}"
    app = create_app(Config.from_env({}, database_url=url, cache_url="none",
                                     upload_limit_mb=1))
    store = app.server.extensions["cxdash"]["store"]
    add_role_users(store)
    client = sign_in(app.server.test_client(), "analyst")
    response = client.post("/_dash-update-component", data=b"x" * (2 * 1024 * 1024),
                           content_type="application/json")
    assert response.status_code == 413


def test_trusted_sso_header(tmp_path):
    url = f"duckdb:///{tmp_path / 'sso.duckdb'}"
    app = create_app(Config.from_env({}, database_url=url, cache_url="none",
                                     trusted_user_header="X-Forwarded-User"))
    store = app.server.extensions["cxdash"]["store"]
    client = app.server.test_client()
    assert client.get("/", headers={"X-Forwarded-User": "erika"}).status_code == 200
    assert accounts.get_user(store, "erika").role == "viewer"  # first visit: a viewer
    assert client.get("/").status_code == 302  # without the header: sign in
    accounts.update_user(store, "erika", role="analyst")
    body = {"output": "data-result.children",
            "outputs": {"id": "data-result", "property": "children"}}
    viewer = client.post("/_dash-update-component", json=body,
                         headers={"X-Forwarded-User": "otto"})
    assert viewer.status_code == 403
    # Off by default: the header means nothing.
    plain = create_app(Config.from_env({}, database_url=f"duckdb:///{tmp_path / 'p.duckdb'}",
                                       cache_url="none"))
    assert plain.server.test_client().get(
        "/", headers={"X-Forwarded-User": "admin"}).status_code == 302


def test_first_run_creates_an_admin(tmp_path, capsys):
    url = f"duckdb:///{tmp_path / 'first.duckdb'}"
    app = create_app(Config.from_env({}, database_url=url, cache_url="none"))
    shown = capsys.readouterr().err
    assert "user: admin" in shown
    password = shown.split("password:")[1].split()[0]
    sign_in(app.server.test_client(), "admin", password)
    # CXDASH_ADMIN_PASSWORD on another empty database, and nothing printed.
    url = f"duckdb:///{tmp_path / 'second.duckdb'}"
    app = create_app(Config.from_env({"CXDASH_ADMIN_PASSWORD": "chosen-by-ops-1"},
                                     database_url=url, cache_url="none"))
    assert "password" not in capsys.readouterr().err
    sign_in(app.server.test_client(), "admin", "chosen-by-ops-1")


def test_cli_users_and_tokens(tmp_path, capsys, monkeypatch):
    url = f"duckdb:///{tmp_path / 'cli.duckdb'}"
    run = lambda *a: cli.main(["--database-url", url, *a])  # noqa: E731
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    assert run("users", "add", "ina", "--role", "analyst", "--password-stdin") == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert run("users", "add", "kurz", "--role", "viewer", "--password-stdin") == 1
    assert "at least" in capsys.readouterr().err
    assert run("users", "add", "x", "--role", "viewer", "--department", "nope", "--sso") == 1
    assert run("users", "list") == 0
    assert "ina" in capsys.readouterr().out
    assert run("tokens", "create", "--user", "ina") == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert token.startswith("cxd_")
    store = Store(url)
    name, user = accounts.check_token(store, f"Bearer {token}")
    assert user.name == "ina" and user.role == "analyst"
    store.dispose()
    assert run("tokens", "revoke", name) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("another-password\n"))
    assert run("users", "passwd", "ina", "--password-stdin") == 0
    store = Store(url)
    assert accounts.check_token(store, f"Bearer {token}") is None
    assert accounts.authenticate(store, "ina", "another-password").role == "analyst"
    assert accounts.authenticate(store, "ina", "a-long-password") is None
    store.dispose()
    assert run("audit") == 0
    out = capsys.readouterr().out
    assert "token.revoke" in out and "user.password" in out


def test_the_last_admin_stays(site):
    _, store = site
    with pytest.raises(accounts.AccountError):
        accounts.delete_user(store, "admin")
    with pytest.raises(accounts.AccountError):
        accounts.update_user(store, "admin", role="viewer")


def test_cli_token_name_after_the_user_option_as_the_readme_writes_it(tmp_path, capsys):
    url = f"duckdb:///{tmp_path / 'names.duckdb'}"
    run = lambda *a: cli.main(["--database-url", url, *a])  # noqa: E731
    assert run("users", "add", "etl", "--role", "analyst", "--sso") == 0
    assert run("tokens", "create", "--user", "etl", "t1") == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("cxd_")
    assert run("tokens", "list") == 0
    assert "t1" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        run("tokens", "create", "--user", "etl", "t2", "extra")
