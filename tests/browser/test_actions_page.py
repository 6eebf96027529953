"""An owner creates an action on a touchpoint of their department, closes it, and finds
it done on /actions."""

from __future__ import annotations

import json
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from dashboard.app import create_app
from dashboard.config import Config
from data.store import Store
from layouts import ids
from tests.browser.support import console_errors, sign_in, wait_until
from tests.conftest import PASSWORD, add_role_users


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


@pytest.fixture
def backlog_app(tmp_path):
    """A small demo with a backlog of 120 more actions (three pages of the list), one of
    them titled like markup."""
    from data import accounts, actions, demo

    url = f"duckdb:///{tmp_path / 'backlog.duckdb'}"
    store = Store(url)
    store.upgrade()
    demo.load(store, responses=2_000)
    demo.add_many_actions(store, 120)
    add_role_users(store, owner_department="KS")
    actions.create(store, accounts.get_user(store, "analyst"), title=MARKUP_TITLE,
                   touchpoint_key="st-hotline", due_date="2020-01-01")
    store.dispose()
    return create_app(Config.from_env({}, database_url=url, cache_url="none", language="en"))


MARKUP_TITLE = "<b>Bold</b> {not code} & more"


def _rows(driver):
    return driver.find_elements(By.CSS_SELECTOR, f"#{ids.ACTIONS_TABLE} tr.action-row")


def _row_texts(driver):
    """The rows' texts, read in one go in the page (a list drawn anew meanwhile cannot
    leave a stale element behind)."""
    return driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(r => r.innerText);",
        f"#{ids.ACTIONS_TABLE} tr.action-row")


def _first_title(driver):
    return driver.execute_script(
        "const t = document.querySelector(arguments[0]); return t ? t.innerText : null;",
        f"#{ids.ACTIONS_TABLE} tr.action-row .action-title")


def test_the_list_pages_sorts_and_opens_a_touchpoint_without_reloading(dash_duo, backlog_app):
    sign_in(dash_duo, backlog_app, "analyst")
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/actions?period=all")
    wait_until(dash_duo, lambda: len(_rows(driver)) == 50, 40)
    # Due first: the oldest due date is the action titled like markup, drawn as its text.
    assert _first_title(driver) == MARKUP_TITLE
    assert driver.find_elements(By.CSS_SELECTOR, f"#{ids.ACTIONS_TABLE} .action-title b") == []
    first = _rows(driver)[0]
    assert first.find_element(By.CLASS_NAME, "action-status").text == "open"
    assert first.find_element(By.CLASS_NAME, "action-overdue").text == "overdue"
    assert "row-below" in first.get_attribute("class")
    driver.execute_script("window.cxdashSamePage = true;")

    # Paging and sorting draw other rows, in the app.
    page_one = _row_texts(driver)
    driver.find_element(By.ID, "actions-pager-next").click()
    wait_until(dash_duo, lambda: "page=2" in driver.current_url)
    wait_until(dash_duo, lambda: (_row_texts(driver) or page_one)[0] not in page_one)
    assert "51–100 of 1" in driver.find_element(By.ID, "actions-pager-range").text
    sort = json.dumps(ids.view_option("sort"), separators=(",", ":"), sort_keys=True)
    Select(driver.execute_script("return document.getElementById(arguments[0]);", sort)
           ).select_by_value("touchpoint")
    wait_until(dash_duo, lambda: "sort=touchpoint" in driver.current_url)
    wait_until(dash_duo, lambda: "page=2" not in driver.current_url and
               _first_title(driver) != MARKUP_TITLE)

    # A touchpoint link opens its page inside the app, as dcc.Link does: no reload.
    link = _rows(driver)[0].find_element(By.CLASS_NAME, "tp-link")
    href = link.get_attribute("href")
    assert "/touchpoints/" in href and "sort=touchpoint" in href
    link.click()
    wait_until(dash_duo, lambda: "/touchpoints/" in driver.current_url, 30)
    wait_until(dash_duo, lambda: _shown(driver, ids.TOUCHPOINT_ACTIONS), 40)
    assert driver.execute_script("return window.cxdashSamePage === true;")
    assert console_errors(dash_duo) == []
