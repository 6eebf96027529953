"""A failing callback is never silent, and a callback that names a wrong id fails at start."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from dash import Input, Output

from callbacks import overview
from dashboard import validation
from dashboard.app import create_app
from dashboard.auth import LANG_COOKIE
from dashboard.config import Config
from data.ingest import import_file
from data.store import Store
from layouts import ids
from tests.conftest import add_role_users, sign_in

CATALOG = Path(__file__).parent.parent / "fixtures" / "canonical" / "catalog.xlsx"


@pytest.fixture
def url(tmp_path):
    url = f"duckdb:///{tmp_path / 'errors.duckdb'}"
    store = Store(url)
    store.upgrade()
    assert import_file(store, CATALOG.read_bytes(), "catalog").ok
    add_role_users(store)
    store.dispose()
    return url


def _app(url):
    return create_app(Config.from_env({}, database_url=url, cache_url="none", language="en"))


def _overview_body(app) -> tuple[str, dict]:
    key = next(k for k in app.callback_map if "kpi-nps.children" in k)
    spec = app.callback_map[key]
    outputs = []
    for o in key.strip(".").split("..."):
        ident, _, prop = o.rpartition(".")
        outputs.append({"id": json.loads(ident) if ident.startswith("{") else ident,
                        "property": prop})
    return key, {"output": key, "outputs": outputs,
                 "inputs": [{**d, "value": ""} for d in spec["inputs"]],
                 "state": [{**d, "value": "en"} for d in spec["state"]],
                 "changedPropIds": []}


def test_every_callback_id_is_in_the_validation_layout(url):
    app = _app(url)
    assert app.config.suppress_callback_exceptions is False
    assert app.validation_layout is not None
    assert validation.unknown_callback_ids(app) == []


def test_a_callback_with_a_wrong_id_fails_at_start(url, monkeypatch):
    real = overview.register

    def register_with_a_typo(app, store):
        real(app, store)
        app.callback(Output("kpi-nsp", "children"), Input(ids.URL, "search"))(lambda s: s)

    monkeypatch.setattr(overview, "register", register_with_a_typo)
    with pytest.raises(ValueError, match="kpi-nsp"):
        _app(url)


@pytest.mark.parametrize(("lang", "words"), [("en", "could not be updated"),
                                             ("de", "konnte nicht aktualisiert werden")])
def test_a_failing_callback_shows_a_translated_message_and_is_logged(url, monkeypatch, caplog,
                                                                     lang, words):
    def broken(store, search, lang, *scope):
        raise ZeroDivisionError("the numbers broke")

    monkeypatch.setattr(overview, "update", broken)
    app = _app(url)
    client = sign_in(app.server.test_client(), "viewer")
    client.set_cookie(LANG_COOKIE, lang)
    _, body = _overview_body(app)
    with caplog.at_level(logging.ERROR, logger="cxdash.callbacks"):
        response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    shown = response.get_json()["sideUpdate"][ids.CALLBACK_ERROR]
    assert shown["is_open"] is True and words in shown["children"]
    assert "the numbers broke" not in json.dumps(shown)  # details go to the log, not the user
    failure = [r for r in caplog.records if r.name == "cxdash.callbacks"]
    assert failure and "the numbers broke" in failure[0].getMessage()
    assert failure[0].exc_info and failure[0].exc_info[0] is ZeroDivisionError
