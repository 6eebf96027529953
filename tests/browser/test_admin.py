"""In Chromium: an admin adds a user and creates a token on /admin; the new user can sign
in with the role given; the audit trail shows both changes."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from support import console_errors, sign_in, wait_until

from data import accounts


def _pick(dash_duo, dropdown_id: str, text: str) -> None:
    dash_duo.select_dcc_dropdown(f"#{dropdown_id}", value=text)


def test_admin_adds_a_user_and_a_token(dash_duo, catalog_app):
    sign_in(dash_duo, catalog_app, "admin")
    driver = dash_duo.driver
    driver.find_element(By.CSS_SELECTOR, "#user-menu .nav-link, #user-menu button").click()
    dash_duo.wait_for_element("#nav-admin").click()
    dash_duo.wait_for_element("#admin-new-name").send_keys("paula")
    _pick(dash_duo, "admin-new-role", "Analyst")
    dash_duo.find_element("#admin-new-password").send_keys("paulas-password-1")
    dash_duo.find_element("#admin-add").click()
    dash_duo.wait_for_contains_text("#admin-message", "Added paula", timeout=20)
    wait_until(dash_duo, lambda: "paula" in dash_duo.find_element("#admin-users").text)

    _pick(dash_duo, "admin-token-user", "paula")
    dash_duo.find_element("#admin-token-create").click()
    token = dash_duo.wait_for_element("#admin-token-value", timeout=20).text
    assert token.startswith("cxd_")
    wait_until(dash_duo, lambda: "token.create" in dash_duo.find_element("#admin-audit").text)
    assert "user.add" in dash_duo.find_element("#admin-audit").text
    assert console_errors(dash_duo) == []

    store = catalog_app.server.extensions["cxdash"]["store"]
    assert accounts.authenticate(store, "paula", "paulas-password-1").role == "analyst"
    assert accounts.check_token(store, f"Bearer {token}")[1].name == "paula"
