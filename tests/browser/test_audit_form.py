"""An auditor fills an audit round on a phone-wide window: two touchpoints, half points,
every answer saved as it changes, and the form resumes where they stopped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from dashboard.app import create_app
from dashboard.config import Config
from data import accounts, audit_rounds, ingest
from data.store import Store
from tests.browser.support import console_errors, sign_in, wait_until
from tests.conftest import add_role_users

CATALOG = Path(__file__).parent.parent / "fixtures" / "canonical" / "catalog.xlsx"


@pytest.fixture
def round_app(tmp_path):
    """The test catalog, a question on journey "vertrag" and one on "tarifseite", and a
    round over that journey with the viewer invited."""
    url = f"duckdb:///{tmp_path / 'rounds.duckdb'}"
    store = Store(url)
    store.upgrade()
    assert ingest.import_file(store, CATALOG.read_bytes(), "catalog").ok
    add_role_users(store)
    analyst = accounts.get_user(store, "analyst")
    q_journey = audit_rounds.add_question(store, analyst, text_en="How easy was it?",
                                          text_de="Wie leicht war es?", journey_key="vertrag")
    q_tp = audit_rounds.add_question(store, analyst, text_en="Are the prices clear?",
                                     touchpoint_key="tarifseite")
    round_id = audit_rounds.create_round(store, analyst, name="Q4 Vertrag",
                                         date_from="2026-10-01", date_to="2026-12-31",
                                         journey_key="vertrag", users=["viewer"])
    store.dispose()
    app = create_app(Config.from_env({}, database_url=url, cache_url="none", language="en",
                                     upload_dir=str(tmp_path / "uploads")))
    return app, app.server.extensions["cxdash"]["store"], round_id, q_journey, q_tp


def _element(driver, kind: str, tp: str, q: int):
    ident = json.dumps({"q": q, "tp": tp, "type": kind}, separators=(",", ":"))
    return driver.find_element(By.XPATH, f"//*[@id='{ident}']")


def _text(driver, element_id: str) -> str:
    # The progress is re-rendered by a callback after the form: read it afresh when the
    # element found was replaced in between.
    for _ in range(5):
        try:
            found = driver.find_elements(By.ID, element_id)
            return found[0].text if found else ""
        except StaleElementReferenceException:
            continue
    return ""


def test_an_auditor_fills_two_touchpoints_on_a_phone_and_resumes(dash_duo, round_app):
    app, store, round_id, q_journey, q_tp = round_app
    sign_in(dash_duo, app, "viewer")
    driver = dash_duo.driver
    driver.set_window_size(375, 812)
    driver.get(dash_duo.server_url + f"/audits/{round_id}")
    wait_until(dash_duo, lambda: _text(driver, "audit-touchpoint-name") == "Tarifseite")
    wait_until(dash_duo, lambda: _text(driver, "audit-progress-text") == "0 of 2 touchpoints")

    Select(_element(driver, "audit-score", "tarifseite", q_journey)).select_by_value("7.5")
    wait_until(dash_duo, lambda: "saved" in _element(driver, "audit-saved", "tarifseite",
                                                     q_journey).text)
    comment = _element(driver, "audit-comment", "tarifseite", q_tp)
    comment.send_keys("Preise erst nach dem Scrollen")
    comment.send_keys(Keys.TAB)  # the comment is saved when it loses the focus
    wait_until(dash_duo, lambda: "saved" in _element(driver, "audit-saved", "tarifseite",
                                                     q_tp).text)
    # Only a comment so far: the touchpoint is not done yet.
    assert _text(driver, "audit-progress-text") == "0 of 2 touchpoints"
    Select(_element(driver, "audit-score", "tarifseite", q_tp)).select_by_value("8")
    wait_until(dash_duo, lambda: _text(driver, "audit-progress-text") == "1 of 2 touchpoints")
    # Saved as they go: in the database before the auditor reaches the end.
    steps = audit_rounds.walk(store, round_id, "viewer")
    assert steps[0].answers == {q_journey: {"score": 7.5, "comment": None},
                                q_tp: {"score": 8.0, "comment": "Preise erst nach dem Scrollen"}}
    # Nothing is wider than the phone.
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 375

    # Coming back later opens the next open touchpoint, with the progress kept.
    driver.get(dash_duo.server_url + "/audits")
    wait_until(dash_duo, lambda: "1 of 2 touchpoints" in _text(driver, "audits-list-mine"))
    driver.find_element(By.ID, f"audits-open-{round_id}").click()
    wait_until(dash_duo, lambda: _text(driver, "audit-touchpoint-name") == "Online-Bestellung")
    wait_until(dash_duo, lambda: _text(driver, "audit-progress-text") == "1 of 2 touchpoints")
    Select(_element(driver, "audit-score", "bestellung", q_journey)).select_by_value("6.5")
    wait_until(dash_duo, lambda: _text(driver, "audit-progress-text") == "2 of 2 touchpoints")

    # Back to the first touchpoint: its answers are there.
    driver.find_element(By.ID, "audit-prev").click()
    wait_until(dash_duo, lambda: _text(driver, "audit-touchpoint-name") == "Tarifseite")
    score = Select(_element(driver, "audit-score", "tarifseite", q_journey))
    assert score.first_selected_option.get_attribute("value") == "7.5"
    assert _element(driver, "audit-comment", "tarifseite", q_tp).get_attribute("value") == \
        "Preise erst nach dem Scrollen"
    assert audit_rounds.progress(store, round_id).answers == 3
    assert console_errors(dash_duo) == []
