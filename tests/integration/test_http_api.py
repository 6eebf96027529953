"""POST /api/v1/imports: a token, the same JSON as the CLI, 4xx for rejected files, and
never a server error."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.app import create_app
from dashboard.config import Config
from data.queries import Filters
from tests.conftest import analyst_database

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def api(tmp_path):
    url = f"duckdb:///{tmp_path / 'api.duckdb'}"
    token = analyst_database(url)
    app = create_app(Config.from_env({}, database_url=url, cache_url="none",
                                     upload_limit_mb=1, upload_dir=str(tmp_path / "up")))
    client = app.server.test_client()
    return client, {"Authorization": f"Bearer {token}"}, app.server.extensions["cxdash"]["store"]


def post(client, headers, content: bytes, name: str, **form):
    data = {"file": (io.BytesIO(content), name), **form}
    return client.post("/api/v1/imports", data=data, headers=headers,
                       content_type="multipart/form-data")


def test_an_export_imports_through_the_api(api):
    client, headers, store = api
    response = post(client, headers, (FIXTURES / "exports" / "qualtrics_nps.csv").read_bytes(),
                    "qualtrics_nps.csv", kind="nps")
    assert response.status_code == 201
    body = response.get_json()
    assert body["rows_imported"] == 4 and body["rows_skipped"] == 2 and body["errors"] == []
    assert cli.kpi_summary(store, Filters())["nps"]["value"] == pytest.approx(25.0)


def test_mapping_and_date_fields(api):
    client, headers, store = api
    response = post(client, headers, (FIXTURES / "exports" / "matomo_web.csv").read_bytes(),
                    "matomo.csv", kind="web", date="2026-03-02")
    assert response.status_code == 201
    assert cli.kpi_summary(store, Filters())["web"]["sessions"] == 970


def test_a_rejected_file_answers_422_with_the_problems(api):
    client, headers, store = api
    response = post(client, headers, (FIXTURES / "canonical" / "nps_bad.csv").read_bytes(),
                    "bad.csv", kind="nps")
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert {"row": 4, "column": "score"}.items() <= errors[1].items()
    assert cli.kpi_summary(store, Filters())["nps"]["n"] == 0


@pytest.mark.parametrize(("content", "form", "status"), [
    (b"", {"kind": "nps"}, 422),
    (b"\x00\x01\x02" * 100, {"kind": "nps"}, 422),
    (b"date,score\n2026-03-02,9\n", {"kind": "nonsense"}, 422),
    (b"date,score\n2026-03-02,9\n", {}, 400),
    (b"date,score\n" + b"2026-03-02,9\n" * 100_000, {"kind": "nps"}, 413),
])
def test_bad_requests_get_4xx_never_500(api, content, form, status):
    client, headers, _ = api
    assert post(client, headers, content, "x.csv", **form).status_code == status


def test_without_a_valid_token_nothing_is_imported(api):
    client, _, store = api
    content = (FIXTURES / "canonical" / "nps.csv").read_bytes()
    assert post(client, {}, content, "nps.csv", kind="nps").status_code == 401
    assert post(client, {"Authorization": "Bearer wrong"}, content, "nps.csv",
                kind="nps").status_code == 401
    assert cli.kpi_summary(store, Filters())["nps"]["n"] == 0


def test_allow_duplicate_imports_the_same_file_again(api):
    client, headers, store = api
    content = (FIXTURES / "exports" / "matomo_web.csv").read_bytes()
    assert post(client, headers, content, "m.csv", kind="web", date="2026-03-02"
                ).status_code == 201
    again = post(client, headers, content, "m.csv", kind="web", date="2026-03-02")
    assert again.status_code == 422
    assert again.get_json()["errors"][0]["code"] == "file.already_imported"
    forced = post(client, headers, content, "m.csv", kind="web", date="2026-03-02",
                  allow_duplicate="1")
    assert forced.status_code == 201
    assert cli.kpi_summary(store, Filters())["web"]["sessions"] == 2 * 970
