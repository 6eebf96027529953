"""Several app instances on one database (sharing Redis, or each with its own memory
cache) agree on the next request, and several databases on one cache never see each
other's results."""

from __future__ import annotations

import io
import os

import pytest

from bench.run import _callback_body
from dashboard.app import create_app
from dashboard.config import Config
from data.cache import MemoryCache
from data.ingest import undo
from tests.conftest import _skip_or_fail, analyst_database

REDIS_URL = os.environ.get("CXDASH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PERIOD = "?from=2026-01-01&to=2026-12-31"
EMPTY = (None, "n = 0 responses")  # no value shown without responses


def _nps(n_responses: int, score: int, prefix: str) -> bytes:
    lines = ["date,score,response_id,journey"]
    lines += [f"2026-03-{1 + i % 28:02d},{score},{prefix}{i},vertrag" for i in range(n_responses)]
    return ("\n".join(lines) + "\n").encode()


def _instance(url: str, cache_url: str):
    return create_app(Config.from_env({}, database_url=url, cache_url=cache_url))


def _nps_card(app, token: str) -> tuple[str, str]:
    """The overview's NPS card as the server sends it: its value and its n."""
    key = next(k for k in app.callback_map if "kpi-nps.children" in k.strip(".").split("..."))
    response = app.server.test_client().post(
        "/_dash-update-component", json=_callback_body(app, key, PERIOD, "/"),
        headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    card = response.get_json()["response"]["kpi-nps"]["children"]
    value, n = _with_class(card, "kpi-value"), _with_class(card, "kpi-n")
    value = value["props"]["children"][0].replace("\u2212", "-") if value else None
    return value, n["props"]["children"] if n else None


def _with_class(node, name: str):
    """The first component in a serialised tree whose className is name."""
    if isinstance(node, list):
        return next((hit for child in node if (hit := _with_class(child, name))), None)
    if not isinstance(node, dict):
        return None
    if node.get("props", {}).get("className") == name:
        return node
    return _with_class(node.get("props", {}).get("children"), name)


def _import(app, token: str, content: bytes) -> int:
    response = app.server.test_client().post(
        "/api/v1/imports", data={"file": (io.BytesIO(content), "nps.csv"), "kind": "nps"},
        headers={"Authorization": f"Bearer {token}"}, content_type="multipart/form-data")
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["batch_id"]


@pytest.fixture
def redis_url():
    import redis

    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        client.ping()
    except redis.RedisError:
        _skip_or_fail(f"no Redis at {REDIS_URL} (CXDASH_TEST_REDIS_URL)")
    client.close()
    return REDIS_URL


@pytest.fixture(params=["redis", "memory"])
def cache_url(request):
    """Redis shared by both instances, or the default: a memory cache in each (as two
    processes have), which only the data version in every key keeps in step."""
    return request.getfixturevalue("redis_url") if request.param == "redis" else "memory"


def test_two_instances_on_postgresql_see_each_others_imports_and_undos(
        postgres_url, cache_url):
    token = analyst_database(postgres_url)
    first = _instance(postgres_url, cache_url)
    second = _instance(postgres_url, cache_url)
    batch = _import(first, token, _nps(40, 10, "A"))
    before = _nps_card(first, token)
    assert before == ("100", "n = 40 responses") and _nps_card(second, token) == before
    assert _nps_card(first, token) == before  # served from the cache now

    added = _import(second, token, _nps(60, 0, "B"))  # 40 promoters, 60 detractors
    after = _nps_card(first, token)
    assert after == ("-20", "n = 100 responses")
    assert _nps_card(second, token) == after

    second_store = second.server.extensions["cxdash"]["store"]
    assert undo(second_store, added, actor="tests") == 60
    assert _nps_card(first, token) == before
    assert undo(second_store, batch, actor="tests") == 40
    assert _nps_card(first, token) == EMPTY


def test_two_databases_on_one_cache_never_share_a_result(tmp_path):
    """Each database is at the same data version with different data: the shared cache
    folder must not hand one the other's numbers."""
    cards, shared = [], MemoryCache()
    for name, score in (("one", 10), ("two", 0)):
        url = f"duckdb:///{tmp_path / name}.duckdb"
        token = analyst_database(url)
        app = _instance(url, "memory")
        app.server.extensions["cxdash"]["store"].cache = shared
        _import(app, token, _nps(30, score, name))
        cards.append(_nps_card(app, token))
        app.server.extensions["cxdash"]["store"].dispose()
    assert cards == [("100", "n = 30 responses"), ("-100", "n = 30 responses")]
