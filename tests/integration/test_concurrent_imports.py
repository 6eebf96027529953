"""Two imports at the same moment: the duplicate-file and response-id guards hold in the
database (DuckDB and PostgreSQL), and neither import ends in a server error."""

from __future__ import annotations

import io
import threading

import pytest
import sqlalchemy as sa

from dashboard.app import create_app
from dashboard.config import Config
from data import schema
from data.ingest import import_file, undo
from data.store import Store
from tests.conftest import analyst_database

ROWS = 20_000


def survey_file(rows: int = ROWS, first_id: int = 0) -> bytes:
    """Return a canonical NPS file with distinct response ids."""
    lines = ["date,score,response_id"]
    lines += [f"2026-03-{1 + i % 28:02d},{i % 11},R{first_id + i}" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def at_once(*calls):
    """Run the calls in threads that start together; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as exc:  # the test reports it, never hides it
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


def committed(store: Store) -> tuple[int, int, int]:
    """Return committed batches, stored responses and distinct response ids."""
    b, sr = schema.import_batches, schema.survey_responses
    with store.connect() as conn:
        batches = conn.execute(sa.select(sa.func.count()).where(
            b.c.status == "committed", b.c.kind == "nps")).scalar()
        rows = conn.execute(sa.select(sa.func.count()).select_from(sr)).scalar()
        distinct = conn.execute(sa.select(sa.func.count(sr.c.response_id.distinct()))).scalar()
    return batches, rows, distinct


def test_the_same_file_twice_at_once_is_imported_once(store):
    content = survey_file()
    first, second = at_once(*[lambda: import_file(store, content, "nps", file_name="a.csv")] * 2)
    assert not isinstance(first, Exception) and not isinstance(second, Exception), (first, second)
    assert sorted([first.ok, second.ok]) == [False, True]
    refused = second if first.ok else first
    assert "already imported" in refused.errors[0].message
    assert committed(store) == (1, ROWS, ROWS)


def test_overlapping_files_at_once_store_each_response_once(store):
    # Two different files (no duplicate-file guard) sharing half their response ids.
    a, b = survey_file(), survey_file(first_id=ROWS // 2)
    results = at_once(lambda: import_file(store, a, "nps"), lambda: import_file(store, b, "nps"))
    assert all(not isinstance(r, Exception) and r.ok for r in results), results
    assert committed(store) == (2, ROWS * 3 // 2, ROWS * 3 // 2)
    assert sorted(r.rows_duplicate for r in results) == [0, ROWS // 2]


def test_undo_still_allows_the_same_file_again(store):
    content = survey_file(100)
    first = import_file(store, content, "nps")
    assert first.ok
    assert not import_file(store, content, "nps").ok
    undo(store, first.batch_id)
    again = import_file(store, content, "nps")
    assert again.ok and again.rows_imported == 100
    assert committed(store) == (1, 100, 100)


def test_responses_already_stored_are_skipped_not_refused(store):
    assert import_file(store, survey_file(100), "nps").ok
    result = import_file(store, survey_file(100, first_id=50), "nps")
    assert result.ok and result.rows_imported == 50 and result.rows_duplicate == 50


def test_imports_and_undo_at_once_on_duckdb_all_succeed(duck_store):
    first = import_file(duck_store, survey_file(100, first_id=10**6), "nps")
    results = at_once(lambda: import_file(duck_store, survey_file(), "nps"),
                      lambda: import_file(duck_store, survey_file(first_id=ROWS), "nps"),
                      lambda: undo(duck_store, first.batch_id))
    assert all(not isinstance(r, Exception) for r in results), results
    assert results[0].ok and results[1].ok and results[2] == 100
    assert committed(duck_store) == (2, 2 * ROWS, 2 * ROWS)


@pytest.fixture(params=["duckdb", "postgres"])
def api(request, tmp_path):
    url = (f"duckdb:///{tmp_path / 'api.duckdb'}" if request.param == "duckdb"
           else request.getfixturevalue("postgres_url"))
    token = analyst_database(url)
    app = create_app(Config.from_env({}, database_url=url, cache_url="none",
                                     upload_dir=str(tmp_path / "up")))
    yield (app.server, {"Authorization": f"Bearer {token}"},
           app.server.extensions["cxdash"]["store"])


def test_the_same_file_posted_twice_at_once_answers_201_and_422(api):
    server, headers, store = api
    content = survey_file()

    def post():
        with server.test_client() as client:
            return client.post("/api/v1/imports", headers=headers,
                               content_type="multipart/form-data",
                               data={"file": (io.BytesIO(content), "nps.csv"), "kind": "nps"})

    responses = at_once(post, post)
    assert sorted(r.status_code for r in responses) == [201, 422], responses
    refused = next(r for r in responses if r.status_code == 422).get_json()
    assert "already imported" in refused["errors"][0]["message"]
    assert committed(store) == (1, ROWS, ROWS)


def test_an_import_that_waits_too_long_says_to_try_again(store, monkeypatch):
    monkeypatch.setattr("data.store.WRITE_WAIT_S", 1)
    with store.begin(exclusive=True):  # another import holding the database
        result, = at_once(lambda: import_file(store, survey_file(10), "nps"))
    assert not result.ok and "Try again" in result.errors[0].message
    assert committed(store) == (0, 0, 0)


def test_the_api_answers_503_with_retry_after_when_the_database_stays_busy(api, monkeypatch):
    server, headers, store = api
    monkeypatch.setattr("data.store.WRITE_WAIT_S", 1)
    with store.begin(exclusive=True), server.test_client() as client:
        response = client.post("/api/v1/imports", headers=headers,
                               content_type="multipart/form-data",
                               data={"file": (io.BytesIO(survey_file(10)), "n.csv"),
                                     "kind": "nps"})
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert "Try again" in response.get_json()["errors"][0]["message"]
    assert committed(store) == (0, 0, 0)
