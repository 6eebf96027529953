"""In Chromium: a viewer opens their profile from the user menu, sets an e-mail address,
subscribes to a journey's and to the whole weekly report, and ends one of them."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from support import console_errors, sign_in, wait_until

from data import accounts, subscriptions


def test_a_viewer_subscribes_from_the_profile_page(dash_duo, catalog_app):
    sign_in(dash_duo, catalog_app, "viewer")
    driver = dash_duo.driver
    driver.find_element(By.CSS_SELECTOR, "#user-menu .nav-link, #user-menu button").click()
    dash_duo.wait_for_element("#nav-profile").click()
    dash_duo.wait_for_contains_text("#profile-page h1", "Your profile", timeout=20)
    assert dash_duo.find_element("#profile-no-email").is_displayed()

    dash_duo.find_element("#profile-email").send_keys("vera@example.org")
    dash_duo.select_dcc_dropdown("#profile-lang", value="Deutsch")
    dash_duo.find_element("#profile-save").click()
    dash_duo.wait_for_contains_text("#profile-message", "Saved", timeout=20)
    wait_until(dash_duo, lambda: not driver.find_elements(By.ID, "profile-no-email"))

    dash_duo.select_dcc_dropdown("#profile-scope", value="Journey: Störung beheben")
    dash_duo.find_element("#profile-subscribe").click()
    dash_duo.wait_for_contains_text("#profile-message", "journey Störung beheben", timeout=20)
    wait_until(dash_duo, lambda: "Journey Störung beheben"
               in dash_duo.find_element("#profile-subscriptions").text)
    dash_duo.select_dcc_dropdown("#profile-scope", value="Everything")
    dash_duo.find_element("#profile-subscribe").click()
    wait_until(dash_duo, lambda: len(driver.find_elements(
        By.CSS_SELECTOR, "#profile-subscription-table tbody tr")) == 2)

    store = catalog_app.server.extensions["cxdash"]["store"]
    subs = subscriptions.list_for(store, "viewer")
    assert [(s.scope, s.key) for s in subs] == [("all", None), ("journey", "stoerung")]
    # End the subscription to everything (the first row: lists go all, department, journey).
    driver.find_elements(By.CSS_SELECTOR, "#profile-subscription-table button")[0].click()
    dash_duo.wait_for_contains_text("#profile-message", "Ended", timeout=20)
    wait_until(dash_duo, lambda: len(driver.find_elements(
        By.CSS_SELECTOR, "#profile-subscription-table tbody tr")) == 1)
    assert [(s.scope, s.key) for s in subscriptions.list_for(store, "viewer")] == [
        ("journey", "stoerung")]
    viewer = accounts.get_user(store, "viewer")
    assert (viewer.email, viewer.lang) == ("vera@example.org", "de")
    assert subscriptions.subscribers(store, journey="stoerung") == [viewer]
    assert console_errors(dash_duo) == []
