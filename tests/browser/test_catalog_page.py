"""In Chromium: an analyst opens the catalog editor from the user menu, changes a
touchpoint's target and sees it on the touchpoint's page; a wrong value is refused with
the field named."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from support import console_errors, sign_in, wait_until

TARGET = '[id*="catalog-field"][id*="\\"target\\""]'


def _set(dash_duo, selector: str, value: str) -> None:
    field = dash_duo.wait_for_element(selector)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    field.send_keys(value)


def test_analyst_changes_a_target_and_the_touchpoint_page_shows_it(dash_duo, catalog_app):
    sign_in(dash_duo, catalog_app, "analyst")
    driver = dash_duo.driver
    driver.find_element(By.CSS_SELECTOR, "#user-menu .nav-link, #user-menu button").click()
    dash_duo.wait_for_element("#nav-catalog").click()
    dash_duo.wait_for_contains_text("#catalog-list", "Störungshotline", timeout=20)
    # The entry's name in the list opens it in the form.
    driver.find_element(By.XPATH, '//*[@id=\'{"key":"hotline","type":"catalog-open"}\']').click()
    wait_until(dash_duo, lambda: dash_duo.find_element(TARGET).get_attribute("value") == "8")

    _set(dash_duo, TARGET, "12")
    dash_duo.find_element("#catalog-save").click()
    dash_duo.wait_for_contains_text("#catalog-message", "target: '12' is not between 1 and 10",
                                    timeout=20)

    _set(dash_duo, TARGET, "8.5")
    dash_duo.find_element("#catalog-save").click()
    dash_duo.wait_for_contains_text("#catalog-message", "Saved hotline", timeout=20)
    wait_until(dash_duo, lambda: "changed" in dash_duo.find_element("#catalog-history").text)

    driver.get(dash_duo.server_url + "/touchpoints/hotline")
    dash_duo.wait_for_contains_text("#touchpoint-attributes", "8.5", timeout=20)
    assert console_errors(dash_duo) == []


def test_the_merge_preview_says_what_moves_and_the_journey_score(dash_duo, catalog_app):
    from pathlib import Path

    from data.ingest import import_file

    store = catalog_app.server.extensions["cxdash"]["store"]
    audits = Path(__file__).parent.parent / "fixtures" / "canonical" / "audit.csv"
    assert import_file(store, audits.read_bytes(), "audit").ok
    sign_in(dash_duo, catalog_app, "analyst")
    dash_duo.driver.get(dash_duo.server_url + "/catalog")
    dash_duo.wait_for_contains_text("#catalog-list", "Tarifseite", timeout=20)
    dash_duo.select_dcc_dropdown("#catalog-pick", value="Tarifseite (tarifseite)")
    dash_duo.select_dcc_dropdown("#catalog-merge-into", value="Online-Bestellung (bestellung)")
    dash_duo.find_element("#catalog-merge-preview").click()
    dash_duo.wait_for_contains_text(
        "#catalog-merge-shown", "Moves 3 audit scores. The journey score of Vertragsabschluss "
        "changes from 7.3 to 7.6.", timeout=20)
    assert console_errors(dash_duo) == []
