"""An owner pages through a touchpoint's comments, searches them, and starts an action
from one; an "Act" link (``?act=1``) opens the form once and leaves the URL."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from data import actions
from data.store import Store
from layouts import ids
from tests.browser.support import console_errors, sign_in, wait_until

PAGE = "/touchpoints/st-nachfrage?period=all"  # a KS touchpoint with 46 demo comments


def _shown(driver, element_id: str):
    found = driver.find_elements(By.ID, element_id)
    return found[0] if found and found[0].is_displayed() else None


def _text(driver, element_id: str) -> str:
    return driver.execute_script(
        "const e = document.getElementById(arguments[0]); return e ? e.innerText : ''",
        element_id)


def _value(driver, element_id: str) -> str:
    return driver.execute_script(
        "const e = document.getElementById(arguments[0]); return e ? e.value : ''", element_id)


def _comments(driver) -> list[str]:
    # Read in one go: the list is re-rendered as the page settles.
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent)",
        f"#{ids.COMMENTS_LIST} .comment-text")


def _click(driver, element) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def test_owner_searches_pages_and_starts_an_action_from_a_comment(dash_duo, demo_app,
                                                                   demo_db):
    sign_in(dash_duo, demo_app, "owner")  # owner of KS
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + PAGE)
    wait_until(dash_duo, lambda: _text(driver, ids.COMMENTS_RANGE).startswith("1–20 of "), 40)
    total = int(_text(driver, ids.COMMENTS_RANGE).split(" of ")[1].replace("\u2009", ""))
    assert total > 20
    first_page = _comments(driver)
    assert len(first_page) == 20

    _click(driver, driver.find_element(By.ID, ids.COMMENTS_NEXT))
    wait_until(dash_duo, lambda: _text(driver, ids.COMMENTS_RANGE).startswith("21–"), 20)
    assert _comments(driver) != first_page

    box = driver.find_element(By.ID, ids.COMMENTS_SEARCH)
    box.send_keys("FREUNDLICH", Keys.ENTER)  # case ignored; back to the first page
    wait_until(dash_duo, lambda: _text(driver, ids.COMMENTS_RANGE).startswith("1–")
               and all("freundlich" in c.lower() for c in _comments(driver)), 20)
    found = _comments(driver)
    assert 0 < len(found) < 20
    assert "freundlich" in driver.find_element(By.ID, ids.COMMENTS_EXPORT_XLSX) \
        .get_attribute("href").lower()

    act = driver.find_elements(By.CSS_SELECTOR, f"#{ids.COMMENTS_LIST} .comment-act")
    assert len(act) == len(found)
    _click(driver, driver.find_element(By.CSS_SELECTOR, f"#{ids.COMMENTS_LIST} .comment-act"))
    wait_until(dash_duo, lambda: _shown(driver, ids.ACTION_FORM_TITLE))
    wait_until(dash_duo, lambda: _value(driver, ids.ACTION_FORM_TITLE) != "")
    title = _value(driver, ids.ACTION_FORM_TITLE)
    assert found[0].startswith(title.rstrip("…"))
    driver.find_element(By.ID, ids.ACTION_FORM_SAVE).click()
    wait_until(dash_duo, lambda: title in _text(driver, ids.TOUCHPOINT_ACTIONS), 30)
    store = Store(demo_db)
    try:
        saved = actions.all_actions(store, cached=False)
        mine = saved.loc[(saved["touchpoint_key"] == "st-nachfrage")
                         & (saved["origin"] == "comment")]
        assert len(mine) == 1 and found[0] in mine["origin_ref"].iloc[0]
    finally:
        store.dispose()
    errors = console_errors(dash_duo)
    assert errors == [], [e["message"][60:400] for e in errors]


def test_act_link_opens_the_form_once_and_leaves_the_url(dash_duo, demo_app):
    sign_in(dash_duo, demo_app, "owner")
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + PAGE + "&act=1&origin=gap&origin_ref=overview")
    wait_until(dash_duo, lambda: _shown(driver, ids.ACTION_FORM_TITLE), 40)
    wait_until(dash_duo, lambda: "act=1" not in driver.current_url, 20)
    assert "period=all" in driver.current_url
    _click(driver, driver.find_element(By.ID, ids.ACTION_FORM_CANCEL))
    wait_until(dash_duo, lambda: _shown(driver, ids.ACTION_FORM_TITLE) is None)
    driver.refresh()
    wait_until(dash_duo, lambda: _text(driver, ids.COMMENTS_RANGE).startswith("1–"), 40)
    assert _shown(driver, ids.ACTION_FORM_TITLE) is None
    errors = console_errors(dash_duo)
    assert errors == [], [e["message"][60:400] for e in errors]
