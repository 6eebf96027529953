"""Workshops through the web server: a viewer's reveal or end posted by hand is refused
before the callback runs; the same request from an analyst works; the results PDF's
HTML needs an analyst too."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.app import create_app
from dashboard.config import Config
from data import accounts, ingest, workshops
from data.store import Store
from tests.conftest import add_role_users, sign_in

CATALOG = Path(__file__).parent.parent / "fixtures" / "canonical" / "catalog.xlsx"


@pytest.fixture
def site(duckdb_url, tmp_path):
    store = Store(duckdb_url)
    store.upgrade()
    assert ingest.import_file(store, CATALOG.read_bytes(), "catalog").ok
    add_role_users(store)
    ident = workshops.start_workshop(store, accounts.get_user(store, "analyst"), "vertrag")
    workshops.rate(store, accounts.get_user(store, "viewer"), ident, "tarifseite", 7)
    store.dispose()
    app = create_app(Config.from_env({}, database_url=duckdb_url, cache_url="none",
                                     language="en", upload_dir=str(tmp_path / "uploads")))
    return app, app.server.extensions["cxdash"]["store"], ident


def act_body(app, ident: int, button: str) -> dict:
    """The request the screen sends when Reveal (or End, confirmed) is pressed."""
    prop = "submit_n_clicks" if button == "workshop-screen-end" else "n_clicks"
    outputs = [{"id": "workshop-screen-id", "property": "data"},
               {"id": "workshop-screen-result", "property": "children"},
               {"id": "workshop-screen-seen", "property": "data"},
               {"id": "workshop-screen-changed", "property": "data"}]
    inputs = [{"id": b, "property": p, "value": 1 if b == button else 0} for b, p in (
        ("workshop-screen-start", "n_clicks"), ("workshop-screen-reveal", "n_clicks"),
        ("workshop-screen-end", "submit_n_clicks"))]
    # The callback's name as Dash registered it (its duplicate outputs carry a hash).
    name = next(k for k in app.callback_map if "workshop-screen-changed.data" in k)
    return {"output": name,
            "outputs": outputs, "inputs": inputs,
            "state": [{"id": "workshop-screen-id", "property": "data", "value": ident},
                      {"id": "workshop-screen-journey", "property": "data", "value": "vertrag"},
                      {"id": "workshop-screen-changed", "property": "data", "value": 0},
                      {"id": "lang", "property": "data", "value": "en"}],
            "changedPropIds": [f"{button}.{prop}"]}


@pytest.mark.parametrize("button, state", [("workshop-screen-reveal", "revealed"),
                                           ("workshop-screen-end", "closed")])
def test_a_viewer_revealing_or_ending_by_hand_is_refused(site, button, state):
    app, store, ident = site
    client = sign_in(app.server.test_client(), "viewer")
    response = client.post("/_dash-update-component", json=act_body(app, ident, button))
    assert response.status_code == 403
    assert "analyst" in response.get_json()["error"]
    assert workshops.get_workshop(store, ident)["state"] == "open"
    client = sign_in(app.server.test_client(), "analyst")
    response = client.post("/_dash-update-component", json=act_body(app, ident, button))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert workshops.get_workshop(store, ident)["state"] == state


def test_the_results_need_an_analyst(site):
    app, store, ident = site
    viewer = sign_in(app.server.test_client(), "viewer")
    assert viewer.get(f"/export/workshop.html?id={ident}").status_code == 403
    analyst = sign_in(app.server.test_client(), "analyst")
    page = analyst.get(f"/export/workshop.html?id={ident}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Workshop results: Vertragsabschluss" in text and "Tarifseite" in text
    assert analyst.get("/export/workshop.html?id=x").status_code == 400
    assert analyst.get(f"/export/workshop.html?id={ident + 9}").status_code == 400
    table = analyst.get(f"/export/workshop.csv?id={ident}").get_data(as_text=True)
    assert "room_mean" in table and "tarifseite" in table
    assert viewer.get(f"/export/workshop.xlsx?id={ident}").status_code == 403


def test_the_journey_map_offers_its_journey_s_workshop_to_analysts(site, monkeypatch):
    from callbacks import journey as journey_cb
    from dashboard import auth, pages

    app, store, _ = site
    # The link follows the journey the map shows (the last of the view's outputs).
    assert journey_cb.update(store, "?journey=stoerung", "en")[-1] == "/workshop/stoerung"
    assert journey_cb.update(store, "?journey=umzug", "en")[-1] == "/workshop/umzug"
    journey = pages.find("/journey")
    for role, shown in (("viewer", False), ("analyst", True)):
        monkeypatch.setattr(auth, "current_user", lambda r=role: accounts.get_user(store, r))
        with app.server.test_request_context("/journey"):
            tree = journey.layout(store, "en", "", "/journey")
        link = _find(tree, "journey-workshop")
        assert (link.style is None) == shown


def _find(component, ident):
    """The component with this id in a layout tree."""
    if getattr(component, "id", None) == ident:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if hasattr(child, "to_plotly_json") and (found := _find(child, ident)) is not None:
            return found
    return None
