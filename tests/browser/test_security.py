"""In Chromium: an XSS corpus in names, quotes, notes, comments, URLs and file names renders
as inert text on every view, a viewer finds no way to import, and a user changes their own
password from the navbar and signs out for good."""

from __future__ import annotations

import time
import uuid

import pytest
import sqlalchemy as sa
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from support import sign_in, wait_until

from dashboard.app import create_app
from dashboard.config import Config
from data import demo, schema
from data.store import Store
from layouts import ids
from tests.conftest import PASSWORD, add_role_users

HOTLINE = '<img src=x onerror="window.__xss=1">Hotline'
PAYLOADS = {
    ("touchpoints", "st-hotline", "name"): HOTLINE,
    ("touchpoints", "st-hotline", "notes"): "<img src=y onerror=window.__xss=9>",
    ("touchpoints", "st-hotline", "url"): "javascript:window.__xss=7",
    ("touchpoints", "st-statusseite", "name"): "<b>fett</b> [link](javascript:window.__xss=4)",
    ("phases", "ueberlegung", "name"): "<script>window.__xss=2</script>Überlegung",
    ("journeys", "stoerung", "name"): '<a href="javascript:window.__xss=5">Störung</a>',
    ("personas", "familie", "name"): "<i>Familie</i>",
    ("personas", "familie", "quote"): '"><svg onload="window.__xss=3">',
    ("personas", "familie", "image"): "javascript:window.__xss=6",
    ("departments", "KS", "name"): "<u>Kundenservice</u>",
}
COMMENT = '<img src=z onerror="window.__xss=8"> {{7*7}}'
PAGES = ["/", "/journey?journey=stoerung&lanes=department", "/heatmap", "/heatmap?metric=nps",
         "/benchmark", "/atlas", "/personas", "/mine?department=KS", "/touchpoints/st-hotline",
         "/data", "/admin", "/actions?period=all"]


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    url = f"duckdb:///{tmp_path_factory.mktemp('xss') / 'xss.duckdb'}"
    store = Store(url)
    store.upgrade()
    demo.load(store, responses=5_000)
    with store.begin() as conn:
        for (table, key, column), value in PAYLOADS.items():
            t = schema.CATALOG_TABLES[table]
            done = conn.execute(t.update().where(t.c.key == key).values({column: value}))
            assert done.rowcount == 1, (table, key)
        r = schema.survey_responses
        newest = sa.select(sa.func.max(r.c.date)).where(r.c.touchpoint_key == "st-hotline")
        assert conn.execute(r.update().where(r.c.touchpoint_key == "st-hotline",
                                             r.c.date == newest.scalar_subquery())
                            .values(comment=COMMENT)).rowcount >= 1
        b = schema.import_batches
        conn.execute(b.update().values(file_name='<img src=q onerror="window.__xss=10">.csv'))
    add_role_users(store)
    store.dispose()
    return create_app(Config.from_env({}, database_url=url, cache_url="none", language="en"))


def _inert(dash_duo) -> None:
    driver = dash_duo.driver
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        pytest.fail(f"an alert opened: {text}")
    except NoAlertPresentException:
        pass
    assert driver.execute_script("return window.__xss") is None
    injected = driver.find_elements(
        By.CSS_SELECTOR, "img[src='x'], img[src='y'], img[src='z'], img[src='q'], svg[onload], "
        "a[href^='javascript'], img[src^='javascript'], [onerror]")
    assert injected == []


def test_the_xss_corpus_renders_inert_on_every_page(dash_duo, hostile_app):
    sign_in(dash_duo, hostile_app, "admin")
    for path in PAGES:
        dash_duo.driver.get(dash_duo.server_url + path)
        wait_until(dash_duo, lambda: dash_duo.find_element(f"#{ids.PAGE}").text.strip() != "")
        time.sleep(1.5)  # let graphs and tables draw
        _inert(dash_duo)
    # Shown literally, as text: the drill-down's name, notes, address and comments.
    dash_duo.driver.get(dash_duo.server_url + "/touchpoints/st-hotline?period=all")
    wait_until(dash_duo, lambda: "onerror" in dash_duo.find_element(f"#{ids.PAGE}").text)
    page = dash_duo.find_element(f"#{ids.PAGE}").text
    assert HOTLINE in page and "javascript:window.__xss=7" in page
    wait_until(dash_duo, lambda: COMMENT in dash_duo.find_element(f"#{ids.PAGE}").text)
    _inert(dash_duo)
    # And inside a Plotly chart: the tags are characters, not markup.
    dash_duo.driver.get(dash_duo.server_url + "/journey?journey=stoerung")
    wait_until(dash_duo, lambda: "<b>fett</b>" in dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.js-plotly-plot')).map("
        "e => e.textContent).join(' ')"))
    _inert(dash_duo)


def test_a_viewer_sees_no_import_and_the_page_refuses(dash_duo, demo_app):
    sign_in(dash_duo, demo_app, "viewer")
    links = [a.get_attribute("href") for a in dash_duo.driver.find_elements(By.CSS_SELECTOR,
                                                                             "nav a")]
    assert not any(h and h.split("?")[0].endswith("/data") for h in links)
    dash_duo.driver.get(dash_duo.server_url + "/data")
    dash_duo.wait_for_element("#forbidden", timeout=20)
    assert "analyst" in dash_duo.find_element("#forbidden").text.lower()
    assert dash_duo.driver.find_elements(By.ID, ids.DATA_FILE_INPUT) == []


def test_an_owner_opens_my_touchpoints_on_their_department(dash_duo, demo_app):
    sign_in(dash_duo, demo_app, "owner")
    dash_duo.driver.find_element(By.LINK_TEXT, "My touchpoints").click()
    wait_until(dash_duo, lambda: "department=KS" in dash_duo.driver.current_url)
    dash_duo.wait_for_text_to_equal(f"#{ids.MINE_DEPARTMENT}", "Kundenservice", timeout=20)


def test_a_user_changes_their_own_password_from_the_navbar_and_signs_out(dash_duo, demo_app):
    from data import accounts

    store = demo_app.server.extensions["cxdash"]["store"]
    name = f"erika-{uuid.uuid4().hex[:6]}"
    accounts.add_user(store, name, "viewer", PASSWORD, actor="tests")
    sign_in(dash_duo, demo_app, name)
    driver = dash_duo.driver
    driver.find_element(By.ID, "user-menu").click()
    dash_duo.wait_for_element("#nav-password", timeout=10).click()
    wait_until(dash_duo, lambda: "/account/password" in driver.current_url)
    for field, value in (("current", PASSWORD), ("new", "a-new-long-password"),
                         ("confirm", "a-new-long-password")):
        driver.find_element(By.ID, field).send_keys(value)
    driver.find_element(By.ID, "password-submit").click()
    wait_until(dash_duo, lambda: driver.find_elements(By.ID, "password-done"))
    assert accounts.authenticate(store, name, "a-new-long-password") is not None
    saved = driver.get_cookie("cxdash_session")["value"]
    driver.get(dash_duo.server_url + "/logout")
    wait_until(dash_duo, lambda: "/login" in driver.current_url)
    driver.add_cookie({"name": "cxdash_session", "value": saved})
    driver.get(dash_duo.server_url + "/")
    wait_until(dash_duo, lambda: "/login" in driver.current_url)  # the saved cookie is dead
