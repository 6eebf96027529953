"""The alerts page's download over HTTP: the signed-in user's alerts, exactly the rows
the page's model shows for them and the same filters (an owner's department, an admin's
every alert), on DuckDB and PostgreSQL."""

from __future__ import annotations

import csv
import io

from callbacks.filters import filters_from_search
from dashboard.app import create_app
from dashboard.config import Config
from data import accounts, demo, ingest
from data.accounts import User
from data.alerts import rules
from data.store import Store
from tests.conftest import PASSWORD, sign_in
from tests.integration.test_alerts import audits
from views import alerts as view

ADMIN = User("root", "admin")
# A drop at two touchpoints of the owner's department (KS) and two of another (AB), in
# two journeys each.
DROPS = {"st-hotline": [8] * 4 + [5] * 4, "um-hotline": [8] * 4 + [5] * 4,
         "re-hotline": [8] * 4 + [5] * 4, "re-online-rechnung": [8] * 4 + [5] * 4}


def _site(db_url, tmp_path):
    store = Store(db_url)
    store.upgrade()
    ingest.commit(store, "catalog", demo.catalog_frames(), created_by="t")
    accounts.add_user(store, "kim", "owner", PASSWORD, "KS", actor="t")
    accounts.add_user(store, "root", "admin", PASSWORD, None, actor="t")
    rules.ensure_defaults(store)
    for rule in rules.all_rules(store):  # the owners' defaults, replaced by one rule
        rules.remove(store, ADMIN, rule.id)
    rules.add(store, ADMIN, "all", None, "audit", "drop")
    ingest.commit(store, "audit", {"audit": audits(DROPS)}, created_by="t")
    store.dispose()
    return create_app(Config.from_env({}, database_url=db_url, cache_url="none",
                                      language="en", upload_dir=str(tmp_path / "up")))


def _csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.data[:300]
    assert "cxdash-alerts.csv" in response.headers["Content-Disposition"]
    text = response.data.decode("utf-8-sig")
    return [r for r in csv.reader(io.StringIO(text)) if r and not r[0].startswith("#")]


def _shown(store, user: User, search: str) -> list[list[str]]:
    """The rows the page's model shows the user, as the CSV writes the key cells."""
    frame = view.tables(view.model(store, filters_from_search(store, search),
                                   user=user))["Alerts"]
    return [list(frame.columns)] + [
        [str(v) for v in row] for row in frame[["key", "period_end", "rule"]].itertuples(
            index=False)]


def test_the_alerts_download_is_the_signed_in_users_alerts_as_shown(db_url, tmp_path):
    app = _site(db_url, tmp_path)
    store = app.server.extensions["cxdash"]["store"]
    owner = accounts.get_user(store, "kim")
    got = {}
    for name, user in (("kim", owner), ("root", accounts.get_user(store, "root"))):
        client = sign_in(app.server.test_client(), name)
        for filters in ("period=all", "period=all&journey=stoerung,rechnung",
                        "from=2031-01-01&to=2031-01-31"):
            rows = _csv_rows(client.get(f"/export/data.csv?view=/alerts&{filters}"))
            header = rows[0]
            keys = [[r[header.index(c)] for c in ("key", "period_end", "rule")]
                    for r in rows[1:]]
            want = _shown(store, user, "?" + filters)
            assert header == want[0], (name, filters)
            assert sorted(keys) == sorted(want[1:]), (name, filters)
            got[name, filters] = sorted(k[0] for k in keys)
    assert got["root", "period=all"] == sorted(DROPS)  # an admin: every alert
    assert got["kim", "period=all"] == ["st-hotline", "um-hotline"]  # KS's touchpoints
    assert got["root", "period=all&journey=stoerung,rechnung"] == [
        "re-hotline", "re-online-rechnung", "st-hotline"]
    assert got["kim", "period=all&journey=stoerung,rechnung"] == ["st-hotline"]
    assert got["kim", "from=2031-01-01&to=2031-01-31"] == []
    assert got["root", "from=2031-01-01&to=2031-01-31"] == []
    # The German CSV and the workbook are the same rows.
    client = sign_in(app.server.test_client(), "kim")
    german = client.get("/export/data-de.csv?view=/alerts&period=all")
    rows = [r for r in csv.reader(io.StringIO(german.data.decode("utf-8-sig")), delimiter=";")
            if r and not r[0].startswith("#")]
    assert sorted(r[rows[0].index("key")] for r in rows[1:]) == ["st-hotline", "um-hotline"]
    assert client.get("/export/data.xlsx?view=/alerts&period=all").status_code == 200
