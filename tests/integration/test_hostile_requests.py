"""Links and requests a stranger can craft never break out of a file, a header or the
sign-in, and never answer 500: exported file names from known parts only (RFC 6266),
periods from year 1 to 9999, report weeks of year 1, CR/LF in ``next``, ``Origin: null``,
paths that only look open, and malformed callback bodies from a signed-in user."""

from __future__ import annotations

import json

import pytest

from bench.run import SOAK_VIEWS, _callback_body
from dashboard.app import create_app
from dashboard.config import Config
from data import demo
from data.store import Store
from tests.conftest import PASSWORD, add_role_users, sign_in

FAR = "from=0001-01-01&to=9999-12-31"
HOSTILE = "journey=x%0A%3DHYPERLINK(%22http://evil.example/%22%26A3)"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    url = f"duckdb:///{tmp_path_factory.mktemp('hostile') / 'demo.duckdb'}"
    store = Store(url)
    store.upgrade()
    demo.load(store, responses=3_000)
    add_role_users(store)
    store.dispose()
    return create_app(Config.from_env({}, database_url=url, cache_url="none", language="en"))


@pytest.fixture(scope="module")
def viewer(app):
    return sign_in(app.server.test_client(), "viewer")


def _latin1_headers(response) -> None:
    """What gunicorn needs to send a response at all (else it answers 500)."""
    for name, value in response.headers.items():
        name.encode("latin-1")
        value.encode("latin-1")
        assert "\r" not in value and "\n" not in value


def test_a_line_break_in_a_filter_stays_inside_the_csv_description(viewer):
    for name in ("data.csv", "data-de.csv"):
        response = viewer.get(f"/export/{name}?view=/&{HOSTILE}&period=all")
        assert response.status_code == 200
        lines = response.data.decode("utf-8-sig").split("\n")
        assert not any(line.startswith(("=", "+", "@")) for line in lines)
        assert any(line.startswith("# filters: journey=x") and "HYPERLINK" in line
                   for line in lines)


@pytest.mark.parametrize("view", ['/touchpoints/x";filename="quarterly-report.html',
                                  "/touchpoints/€", "/€", '/"><script>'])
def test_a_crafted_view_gets_a_clear_refusal_with_clean_headers(viewer, view):
    response = viewer.get("/export/data.csv", query_string={"view": view, "period": "all"})
    assert response.status_code in (400, 404)
    assert "filename" not in response.headers.get("Content-Disposition", "")
    _latin1_headers(response)


def test_file_names_are_known_parts_with_an_rfc_6266_filename_star(viewer):
    response = viewer.get("/export/data.xlsx?view=/touchpoints/st-hotline&period=all")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"cxdash-touchpoint-st-hotline.xlsx\"; "
        "filename*=UTF-8''cxdash-touchpoint-st-hotline.xlsx")
    report = viewer.get("/export/report.html?week=2026-W45")
    assert report.status_code == 200
    assert 'filename="cxdash-report-2026-W45.html"' in report.headers["Content-Disposition"]


def test_a_non_latin_1_page_path_answers_with_headers_gunicorn_can_send(app, viewer):
    for client, expected in ((viewer, 200), (app.server.test_client(), 302)):
        response = client.get("/touchpoints/€")
        assert response.status_code == expected
        _latin1_headers(response)


def test_a_period_from_year_1_to_9999_never_answers_500(app, viewer):
    for view, (path, output) in SOAK_VIEWS.items():
        key = next(k for k in app.callback_map if output in k.strip(".").split("..."))
        response = viewer.post("/_dash-update-component",
                               json=_callback_body(app, key, "?" + FAR, path))
        assert response.status_code == 200, (view, response.data[:300])
        if view == "mine":
            continue
        for name in ("data.csv", "data.xlsx"):
            response = viewer.get(f"/export/{name}?view={path}&{FAR}")
            assert response.status_code == 200, (view, name, response.data[:300])
    assert viewer.get(f"/export/poster.html?{FAR}").status_code == 200


@pytest.mark.parametrize("week", ["0001-W01", "9999-W52", "1677-W01"])
def test_a_report_week_outside_the_calendar_is_refused_plainly(viewer, week):
    response = viewer.get(f"/export/report.html?week={week}")
    assert response.status_code == 400
    assert "week" in response.get_data(as_text=True)


def test_a_line_break_in_next_is_dropped_after_a_correct_password(app):
    client = app.server.test_client()
    assert client.get("/login?next=/x%0D%0ASet-Cookie:%20a=b").status_code == 200
    response = client.post("/login", data={"username": "viewer", "password": PASSWORD,
                                           "next": "/x\r\nSet-Cookie: a=b"})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_a_sign_in_from_origin_null_is_refused(app):
    response = app.server.test_client().post(
        "/login", data={"username": "viewer", "password": PASSWORD},
        headers={"Origin": "null"})
    assert response.status_code == 403
    assert "cxdash_session" not in response.headers.get("Set-Cookie", "")


@pytest.mark.parametrize("path", ["/loginX", "/healthzX", "/lang/../x", "/lang/de/x",
                                  "/favicon.ico", "/_dash-component-suites/x",
                                  "/assets/../x", "/login/../journey"])
def test_paths_that_only_look_open_never_show_the_app_to_anonymous_visitors(app, path):
    response = app.server.test_client().get(path)
    body = response.get_data(as_text=True)
    assert response.status_code in (302, 401, 404), (path, response.status_code)
    assert "_dash-config" not in body and "dash_renderer" not in body
    assert response.headers["Server"] == "cxdash"


def test_the_open_pages_stay_open(app):
    client = app.server.test_client()
    for path, status in (("/login", 200), ("/healthz", 200), ("/lang/de", 302),
                         ("/assets/style/app.css", 200)):
        assert client.get(path).status_code == status, path


MALFORMED = ["{not json", "[]", "null", "{}", '{"output": 5}',
             '{"output": "nope.children", "outputs": {"id": "nope", "property": "children"}}']


@pytest.mark.parametrize("body", MALFORMED)
def test_a_malformed_callback_body_answers_400(viewer, body):
    response = viewer.post("/_dash-update-component", data=body,
                           content_type="application/json")
    assert response.status_code == 400 and "error" in response.get_json()


@pytest.mark.parametrize("change", ["outputs", "inputs", "changed", "search", "lang"])
def test_a_well_addressed_callback_with_wrong_parts_answers_400(app, viewer, change):
    key = next(k for k in app.callback_map if "kpi-nps.children" in k.strip(".").split("..."))
    body = _callback_body(app, key, "?period=all", "/")
    if change == "outputs":
        body["outputs"] = "x"
    elif change == "inputs":
        body["inputs"] = body["inputs"][:-1]
    elif change == "changed":
        body["changedPropIds"] = 5
    else:
        for dep in body["inputs"] + body["state"]:
            if (change == "search" and dep["property"] == "search") or (
                    change == "lang" and dep["id"] == "lang"):
                dep["value"] = {"x": [1]}
    response = viewer.post("/_dash-update-component", data=json.dumps(body),
                           content_type="application/json")
    assert response.status_code == 400, response.data[:200]

