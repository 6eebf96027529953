"""A department owner's home: signing in lands on My touchpoints of their department, and
the URL (so the filter bar) says that department."""

from __future__ import annotations

import flask

from callbacks import shell
from dashboard.app import create_app
from dashboard.config import Config
from data import accounts
from tests.conftest import PASSWORD, analyst_database


def _app(tmp_path):
    url = f"duckdb:///{tmp_path / 'home.duckdb'}"
    analyst_database(url)
    app = create_app(Config.from_env({}, database_url=url, cache_url="none"))
    accounts.update_user(app.server.extensions["cxdash"]["store"], "owner", department_key="KS")
    return app


def test_an_owner_signs_in_to_their_department(tmp_path):
    client = _app(tmp_path).server.test_client()
    response = client.post("/login", data={"username": "owner", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/mine?department=KS")
    # Asked for another page, they get that page; an analyst still lands on the overview.
    other = _app(tmp_path / "b").server.test_client()
    response = other.post("/login", data={"username": "owner", "password": PASSWORD,
                                           "next": "/journey"})
    assert response.headers["Location"].endswith("/journey")
    response = other.post("/login", data={"username": "analyst", "password": PASSWORD})
    assert response.headers["Location"].endswith("/")


def test_my_touchpoints_writes_the_owners_department_into_the_url(tmp_path):
    # The browser adds what a page adds as it opens (assets/filters.js syncShell, tested
    # in tests/browser/test_filters_js.py) from the shell state: the owner's department
    # for My touchpoints, every page's controls at their defaults.
    app = _app(tmp_path)
    store = app.server.extensions["cxdash"]["store"]
    with app.server.test_request_context("/"):
        flask.g.cxdash_user = accounts.get_user(store, "owner")
        prepare = shell.shell_state(store)["prepare"]
        assert prepare["/mine"] == {"department": "KS"}
        assert prepare["/journey"] == {"lanes": "none"} and prepare["/"] == {"trend": "nps"}
        assert prepare["/heatmap"] == {"metric": "audit"}
        assert prepare["/touchpoints/"] == {"weeks": "6"}
        flask.g.cxdash_user = accounts.get_user(store, "analyst")
        assert "/mine" not in shell.shell_state(store)["prepare"]
