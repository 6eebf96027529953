"""The serving process: what a gunicorn worker does besides answering requests. It serves
Dash's scripts before it drew any page, and computes the overview ahead once started."""

from __future__ import annotations

from dashboard.app import create_app, warm_up
from dashboard.config import Config
from data import demo
from data.store import Store


def test_a_worker_that_drew_no_page_yet_serves_the_scripts_a_page_asks_for(tmp_path):
    # A page drawn by another worker (or before a restart) loads Plotly and the dropdown
    # code later, from whichever worker answers: they must not be a 500 there.
    url = f"duckdb:///{tmp_path / 'fresh.duckdb'}"
    fresh = create_app(Config.from_env({}, database_url=url, cache_url="none", language="en"))
    client = fresh.server.test_client()
    for path in ("dash/dcc/async-graph.js", "dash/dcc/async-dropdown.js",
                 "dash/dcc/async-datepicker.js", "plotly/package_data/plotly.min.js",
                 "dash/dash-renderer/build/dash_renderer.min.js"):
        response = client.get("/_dash-component-suites/" + path)
        assert response.status_code == 200, path
        assert len(response.data) > 1000


def test_a_started_server_computes_the_overview_ahead_into_its_cache(tmp_path):
    url = f"duckdb:///{tmp_path / 'warm.duckdb'}"
    store = Store(url)
    store.upgrade()
    demo.load(store, responses=2_000)
    store.dispose()
    started = create_app(Config.from_env({}, database_url=url, cache_url="memory",
                                         language="en"))
    cache = started.server.extensions["cxdash"]["store"].cache
    before = len(cache)
    thread = warm_up(started)
    thread.join(60)
    assert not thread.is_alive() and len(cache) > before  # the overview's queries, cached
