"""GET/POST/PATCH /api/v1/actions: tokens as for imports, the role rules of data.actions,
one JSON error shape; the Dash form callback refuses a viewer at the gate; `cxdash
actions list`."""

from __future__ import annotations

import json

import pytest

from dashboard import cli
from dashboard.app import create_app
from dashboard.config import Config
from data import accounts
from tests.conftest import analyst_database, sign_in


@pytest.fixture
def api(tmp_path):
    url = f"duckdb:///{tmp_path / 'api.duckdb'}"
    analyst_token = analyst_database(url)
    app = create_app(Config.from_env({}, database_url=url, cache_url="none"))
    store = app.server.extensions["cxdash"]["store"]
    accounts.update_user(store, "owner", department_key="KS")
    tokens = {"analyst": analyst_token}
    for name in ("viewer", "owner"):
        tokens[name] = accounts.create_token(store, name, f"{name}-script")
    client = app.server.test_client()
    headers = {k: {"Authorization": f"Bearer {v}"} for k, v in tokens.items()}
    return client, headers, store, url


def test_without_a_token_401_with_the_json_error(api):
    client, _, _, _ = api
    for method in ("get", "post"):
        response = getattr(client, method)("/api/v1/actions")
        assert response.status_code == 401
        assert "error" in response.get_json()
    assert client.get("/api/v1/actions", headers={"Authorization": "Bearer cxd_wrong"}
                      ).status_code == 401


def test_owner_creates_on_own_department_and_changes_it(api):
    client, headers, store, _ = api
    response = client.post("/api/v1/actions", headers=headers["owner"], json={
        "title": "Rückruf binnen 2 h", "touchpoint_key": "hotline", "due_date": "2026-12-24",
        "owner_department": "KS"})
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["journey_key"] == "stoerung" and created["status"] == "open"
    assert created["created_by"] == "owner (token owner-script)"
    response = client.patch(f"/api/v1/actions/{created['id']}", headers=headers["owner"],
                            json={"status": "done", "done_on": "2026-12-01"})
    assert response.status_code == 200
    assert response.get_json()["done_on"] == "2026-12-01"
    listed = client.get("/api/v1/actions?department=KS&status=done",
                        headers=headers["viewer"]).get_json()
    assert [a["title"] for a in listed["actions"]] == ["Rückruf binnen 2 h"]
    one = client.get(f"/api/v1/actions/{created['id']}", headers=headers["viewer"]).get_json()
    assert one["effect"]["status"] in ("too_early", "ok")
    trail = accounts.audit_trail(store)
    assert {"action.create", "action.change"} <= set(trail["action"])


def test_role_rules_answer_403(api):
    client, headers, _, _ = api
    cases = [("viewer", {"title": "x", "touchpoint_key": "hotline"}),
             ("owner", {"title": "x", "touchpoint_key": "tarifseite"}),  # IT's, not KS's
             ("owner", {"title": "x", "journey_key": "vertrag"})]
    for who, payload in cases:
        response = client.post("/api/v1/actions", headers=headers[who], json=payload)
        assert response.status_code == 403, (who, payload)
        body = response.get_json()
        assert body["error"] and body["errors"][0]["message"] == body["error"]
    made = client.post("/api/v1/actions", headers=headers["analyst"],
                       json={"title": "IT", "touchpoint_key": "tarifseite"}).get_json()
    response = client.patch(f"/api/v1/actions/{made['id']}", headers=headers["owner"],
                            json={"status": "dropped"})
    assert response.status_code == 403


def test_bad_input_is_422_naming_the_field_and_never_500(api):
    client, headers, _, _ = api
    for payload, field in (({"title": "", "touchpoint_key": "hotline"}, "title"),
                           ({"title": "x", "touchpoint_key": ["hotline"]}, "touchpoint_key"),
                           ({"title": "x", "touchpoint_key": "hotline", "status": "soon"},
                            "status")):
        response = client.post("/api/v1/actions", headers=headers["analyst"], json=payload)
        assert response.status_code == 422
        assert response.get_json()["errors"][0]["column"] == field
    assert client.post("/api/v1/actions", headers=headers["analyst"], data="no json",
                       content_type="text/plain").status_code == 400
    assert client.patch("/api/v1/actions/999", headers=headers["analyst"],
                        json={"status": "done"}).status_code == 404
    assert client.get("/api/v1/actions/999", headers=headers["analyst"]).status_code == 404


def test_the_form_callback_posted_by_a_viewer_is_refused_before_it_runs(api):
    client, _, store, _ = api
    sign_in(client, "viewer")
    payload = {"output": "..action-form-modal.is_open...action-form-saved.data..",
               "outputs": [{"id": "action-form-modal", "property": "is_open"},
                           {"id": "action-form-saved", "property": "data"}],
               "inputs": [{"id": "action-form-save", "property": "n_clicks", "value": 1}],
               "changedPropIds": ["action-form-save.n_clicks"], "state": []}
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 403
    assert "owner" in response.get_json()["error"]
    assert accounts.audit_trail(store).query("action == 'action.create'").empty


def test_cli_lists_actions_as_json(api, capsys, monkeypatch):
    client, headers, store, url = api
    client.post("/api/v1/actions", headers=headers["analyst"],
                json={"title": "Statusseite", "touchpoint_key": "statusseite"})
    store.dispose()
    monkeypatch.setenv("CXDASH_DATABASE_URL", url)
    assert cli.main(["actions", "list", "--json", "--journey", "stoerung"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in rows] == ["Statusseite"] and rows[0]["status"] == "open"
    assert cli.main(["actions", "list", "--status", "done"]) == 0
    assert "No actions" in capsys.readouterr().out
