"""Audit rounds through the web server: the gate and the callbacks refuse what a user may
not do (answering a round one is not invited to, a viewer closing a round)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard.app import create_app
from dashboard.config import Config
from data import accounts, audit_rounds, ingest, schema
from data.store import Store
from tests.conftest import add_role_users, sign_in

CATALOG = Path(__file__).parent.parent / "fixtures" / "canonical" / "catalog.xlsx"


@pytest.fixture
def site(duckdb_url, tmp_path):
    store = Store(duckdb_url)
    store.upgrade()
    assert ingest.import_file(store, CATALOG.read_bytes(), "catalog").ok
    add_role_users(store, owner_department="KS")
    analyst = accounts.get_user(store, "analyst")
    question = audit_rounds.add_question(store, analyst, text_en="How easy?",
                                         journey_key="vertrag")
    round_id = audit_rounds.create_round(store, analyst, name="Q4", date_from="2026-10-01",
                                         date_to="2026-12-31", journey_key="vertrag",
                                         users=["viewer"])
    store.dispose()
    app = create_app(Config.from_env({}, database_url=duckdb_url, cache_url="none",
                                     language="en", upload_dir=str(tmp_path / "uploads")))
    return app, app.server.extensions["cxdash"]["store"], round_id, question


def answer_body(round_id: int, question: int, score: str) -> dict:
    """The request the form sends when a score is picked."""
    def ident(kind):
        return {"type": kind, "tp": "tarifseite", "q": question}
    return {
        "output": '{"q":["MATCH"],"tp":["MATCH"],"type":"audit-saved"}.children',
        "outputs": {"id": ident("audit-saved"), "property": "children"},
        "inputs": [{"id": ident("audit-score"), "property": "value", "value": score},
                   {"id": ident("audit-comment"), "property": "value", "value": ""}],
        "state": [{"id": "audit-round-id", "property": "data", "value": str(round_id)},
                  {"id": "lang", "property": "data", "value": "en"}],
        "changedPropIds": [json.dumps(ident("audit-score"), separators=(",", ":"),
                                      sort_keys=True) + ".value"],
    }


def scores(store) -> list[tuple]:
    a = schema.audit_answers
    with store.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(a.c.user_name, a.c.score))]


def test_an_uninvited_user_posting_an_answer_is_refused(site):
    app, store, round_id, question = site
    client = sign_in(app.server.test_client(), "owner")
    response = client.post("/_dash-update-component", json=answer_body(round_id, question, "7"))
    assert response.status_code == 200
    assert "not invited" in response.get_data(as_text=True)
    assert scores(store) == []
    # The invited viewer's same request is saved, half point and all.
    client = sign_in(app.server.test_client(), "viewer")
    response = client.post("/_dash-update-component",
                           json=answer_body(round_id, question, "7.5"))
    assert response.status_code == 200 and "saved" in response.get_data(as_text=True)
    assert scores(store) == [("viewer", 7.5)]


def test_a_viewer_closing_a_round_is_refused_before_the_callback_runs(site):
    app, store, round_id, question = site
    audit_rounds.save_answer(store, accounts.get_user(store, "viewer"), round_id,
                             "tarifseite", question, score=8)
    client = sign_in(app.server.test_client(), "viewer")
    body = {"output": "..audits-manage-close-result.children...audits-manage-closed.data..",
            "outputs": [{"id": "audits-manage-close-result", "property": "children"},
                        {"id": "audits-manage-closed", "property": "data"}],
            "inputs": [{"id": "audits-manage-close", "property": "submit_n_clicks",
                        "value": 1}],
            "state": [{"id": "audits-manage-progress-id", "property": "data",
                       "value": str(round_id)},
                      {"id": "audits-manage-closed", "property": "data", "value": 0},
                      {"id": "lang", "property": "data", "value": "en"}],
            "changedPropIds": ["audits-manage-close.submit_n_clicks"]}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 403
    assert "analyst" in response.get_json()["error"]
    assert audit_rounds.get_round(store, round_id)["state"] == "open"
    # The same request from an analyst closes the round.
    client = sign_in(app.server.test_client(), "analyst")
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200 and "import batch" in response.get_data(as_text=True)
    assert audit_rounds.get_round(store, round_id)["state"] == "closed"
