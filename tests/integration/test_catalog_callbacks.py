"""The catalog editor over HTTP: viewers' and owners' callbacks posted by hand are refused
by the gate and by the callbacks themselves; an analyst's save goes through."""

from __future__ import annotations

import json

import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict

from callbacks import catalog as catalog_cb
from data import accounts
from data.catalog import changes
from data.catalog.entries import read_entry
from tests.conftest import sign_in
from tests.integration.test_auth import _body, site  # noqa: F401 (the fixture)

FIELDS = {"key": "hotline", "name": "Störungshotline", "journey_key": "stoerung",
          "phase_key": "nutzung", "channel_key": "telefon", "department_key": "KS",
          "position": "1", "pain_point": True, "moment_of_truth": True, "target": "9",
          "best_in_class": "9.5"}


def _clicked(body: dict) -> dict:
    """Make every button of the request look clicked and every confirm pressed."""
    for item in body["inputs"]:
        if item["property"] in ("submit_n_clicks", "n_clicks"):
            item["value"] = [1] if isinstance(item["id"], dict) else 1
    return body


def _write_body(app, fields: dict) -> dict:
    key = next(k for k in app.callback_map if "catalog-message.children" in k
               and "catalog-tick" in k)
    body = _body(app, key)
    body["inputs"][0]["value"] = 1  # the save button
    body["changedPropIds"] = ["catalog-save.n_clicks"]
    states = []
    for item in body["state"]:
        ident = json.loads(item["id"]) if item["id"].startswith("{") else item["id"]
        if isinstance(ident, dict) and ident.get("type") == "catalog-field":
            states.append([{"id": {"type": "catalog-field", "name": n}, "property":
                            item["property"], "value": v if item["property"] == "value" else
                            {"type": "catalog-field", "name": n}} for n, v in fields.items()])
        elif ident == "catalog-entity":
            states.append({**item, "value": "touchpoints"})
        elif ident == "catalog-pick":
            states.append({**item, "value": "hotline"})
        else:
            states.append(item)
    body["state"] = states
    return body


@pytest.mark.parametrize("role", ["viewer", "owner"])
def test_viewers_and_owners_cannot_post_catalog_callbacks(site, role):  # noqa: F811
    app, store = site
    client = sign_in(app.server.test_client(), role)
    keys = [k for k in app.callback_map if "catalog-" in k]
    assert len(keys) >= 5
    for key in keys:
        response = client.post("/_dash-update-component", json=_clicked(_body(app, key)))
        assert response.status_code == 403, key
        assert "analyst" in response.get_json()["error"]
    response = client.post("/_dash-update-component", json=_write_body(app, FIELDS))
    assert response.status_code == 403
    with store.connect() as conn:
        assert read_entry(conn, "touchpoints", "hotline")["target"] == 8


def test_the_write_callback_checks_the_role_itself(site):  # noqa: F811
    """Defence in depth: refused even if the gate were bypassed."""
    import flask

    app, store = site
    latest = changes.history(store)["id"].max()
    with app.server.test_request_context("/"):
        flask.g.cxdash_user = accounts.get_user(store, "owner")
        message, tick, _ = catalog_cb.write(store, 1, None, None, [], [], "touchpoints",
                                            "hotline", list(FIELDS.values()),
                                            [{"name": n} for n in FIELDS], None, None, 0, "en")
    assert "analyst" in str(message) and tick is catalog_cb.no_update
    assert changes.history(store)["id"].max() == latest


def test_an_analyst_saves_through_the_callback(site):  # noqa: F811
    app, store = site
    client = sign_in(app.server.test_client(), "analyst")
    response = client.post("/_dash-update-component", json=_write_body(app, FIELDS))
    assert response.status_code == 200, response.data[:500]
    assert "Saved hotline" in response.get_data(as_text=True)
    with store.connect() as conn:
        assert read_entry(conn, "touchpoints", "hotline")["target"] == 9
    assert changes.history(store).iloc[0]["actor"] == "analyst"
    trail = accounts.audit_trail(store)
    assert trail.iloc[0]["action"] == "catalog" and trail.iloc[0]["actor"] == "analyst"


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_persona_pictures_are_checked_stored_and_served_safely(site):  # noqa: F811
    from data.catalog import edit, pictures
    from data.catalog.rules import CatalogError
    from layouts.components import image_source

    app, store = site
    analyst = accounts.get_user(store, "analyst")
    with pytest.raises(edit.CatalogForbidden):
        pictures.save(store, accounts.get_user(store, "viewer"), PNG)
    for bad in (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
                b"GIF89a" + b"\x00" * pictures.MAX_BYTES):
        with pytest.raises(CatalogError, match="PNG, JPEG, GIF or WebP"):
            pictures.save(store, analyst, bad)
    address = pictures.save(store, analyst, PNG)
    assert address.startswith("/catalog/pictures/") and address.endswith(".png")
    assert image_source(address) == address
    assert image_source("/catalog/pictures/../../etc/passwd") is None
    senior = {"key": "senior", "name": "Helga Wagner", "image": address}
    edit.save(store, analyst, "personas", senior, new=False)

    assert app.server.test_client().get(address).status_code in (302, 401)  # signed out
    client = sign_in(app.server.test_client(), "viewer")
    response = client.get(address)
    assert response.status_code == 200 and response.data == PNG
    assert response.mimetype == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/catalog/pictures/" + "0" * 64 + ".png").status_code == 404
    assert client.get("/catalog/pictures/x.svg").status_code == 404


def test_an_uploaded_picture_goes_to_the_persona_saved_next(site):  # noqa: F811
    import base64

    import flask

    app, store = site
    with app.server.test_request_context("/"):
        flask.g.cxdash_user = accounts.get_user(store, "analyst")
        contents = "data:image/png;base64," + base64.b64encode(PNG).decode()
        _, address = catalog_cb.upload_picture(store, contents, "en")
        note, refused = catalog_cb.upload_picture(store, "data:image/svg+xml;base64,PHN2Zz4=",
                                                  "en")
        assert refused is None and "PNG, JPEG" in str(note)
        fields = {"key": "senior", "name": "Helga Wagner", "quote": "Ich möchte reden."}
        token = context_value.set(AttributeDict(triggered_inputs=[
            {"prop_id": "catalog-save.n_clicks", "value": 1}]))
        try:
            message, _, _ = catalog_cb.write(store, 1, None, None, [], [], "personas", "senior",
                                             list(fields.values()),
                                             [{"name": n} for n in fields], None, address, 0,
                                             "en")
        finally:
            context_value.reset(token)
    assert "Saved senior" in str(message)
    with store.connect() as conn:
        assert read_entry(conn, "personas", "senior")["image"] == address
