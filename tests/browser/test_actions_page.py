"""An owner creates an action on a touchpoint of their department, closes it, and finds
it done on /actions."""

from __future__ import annotations

import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from layouts import ids
from tests.browser.support import console_errors, sign_in, wait_until
from tests.conftest import PASSWORD


def _shown(driver, element_id: str):
    found = driver.find_elements(By.ID, element_id)
    return found[0] if found and found[0].is_displayed() else None


def _item(driver, title: str):
    found = driver.find_elements(
        By.XPATH, f"//li[contains(@class, 'action-item')][.//strong[text()='{title}']]")
    return found[0] if found else None


def test_owner_creates_and_closes_an_action_and_sees_it_on_the_list(dash_duo, demo_app):
    title = f"Rückruf-Test {uuid.uuid4().hex[:6]}"
    sign_in(dash_duo, demo_app, "owner")  # owner of KS; the hotline is KS's
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/touchpoints/st-hotline?period=all")
    new = wait_until(dash_duo, lambda: _shown(driver, ids.ACTION_NEW), 40)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", new)
    new.click()
    field = wait_until(dash_duo, lambda: _shown(driver, ids.ACTION_FORM_TITLE))
    field.send_keys(title)
    driver.find_element(By.ID, ids.ACTION_FORM_SAVE).click()
    item = wait_until(dash_duo, lambda: _item(driver, title), 30)
    assert "open" in item.text and "Kundenservice" in item.text

    # Close it: edit, status done, save.
    edit = item.find_element(By.TAG_NAME, "button")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", edit)
    edit.click()
    wait_until(dash_duo, lambda: (_shown(driver, ids.ACTION_FORM_TITLE) or None) and
               driver.find_element(By.ID, ids.ACTION_FORM_TITLE).get_attribute("value") == title)
    Select(driver.find_element(By.ID, ids.ACTION_FORM_STATUS)).select_by_value("done")
    driver.find_element(By.ID, ids.ACTION_FORM_SAVE).click()
    wait_until(dash_duo, lambda: _item(driver, title) is not None
               and "done" in _item(driver, title).text, 30)
    # Done today: there is no data after it yet, so the effect says it is too early.
    assert "Too early to tell" in _item(driver, title).text

    driver.get(dash_duo.server_url + "/actions?period=all&sort=changed")
    table = wait_until(dash_duo, lambda: _shown(driver, ids.ACTIONS_TABLE), 40)
    wait_until(dash_duo, lambda: title in table.text, 30)
    row = driver.find_element(By.XPATH, f"//tr[.//span[text()='{title}']]")
    assert "done" in row.text and "Störungshotline" in row.text
    assert console_errors(dash_duo) == []


def test_an_owner_lands_on_their_department_with_the_filter_set(dash_duo, demo_app):
    sign_in(dash_duo, demo_app, "owner")  # (the helper opens / afterwards)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/logout")
    driver.find_element(By.ID, "username").send_keys("owner")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login-submit").click()
    wait_until(dash_duo, lambda: "/mine" in driver.current_url
               and "department=KS" in driver.current_url)
    dash_duo.wait_for_text_to_equal(f"#{ids.MINE_DEPARTMENT}", "Kundenservice", timeout=30)
    bar = driver.find_element(By.ID, ids.FILTER_DEPARTMENT)
    wait_until(dash_duo, lambda: "Kundenservice" in bar.text)
    # Opened without a department, the page puts it into the URL, so the bar shows it.
    driver.get(dash_duo.server_url + "/mine")
    wait_until(dash_duo, lambda: "department=KS" in driver.current_url, 30)
    wait_until(dash_duo, lambda: "Kundenservice" in driver.find_element(
        By.ID, ids.FILTER_DEPARTMENT).text, 30)
    # My touchpoints counts the open actions per touchpoint (the demo's hotline has one).
    table = wait_until(dash_duo, lambda: _shown(driver, ids.MINE_TABLE), 30)
    wait_until(dash_duo, lambda: "Störungshotline" in table.text, 30)
    row = driver.find_element(By.XPATH, "//tr[.//a[text()='Störungshotline']]")
    assert row.find_element(By.CLASS_NAME, "mine-actions").text != "–"
