"""Helpers the browser tests share."""

from __future__ import annotations

import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import PASSWORD


def browser_port() -> int:
    """The port browser tests serve on (CXDASH_TEST_PORT lets two checkouts test side by side)."""
    return int(os.environ.get("CXDASH_TEST_PORT", "8050"))


def sign_in(dash_duo, app, user: str = "analyst", password: str = PASSWORD) -> None:
    """Start the app, sign in through the login form, and wait for the dashboard."""
    dash_duo.start_server(app, navigate=False, dev_tools_ui=False, port=browser_port())
    driver = dash_duo.driver
    driver.get(dash_duo.server.url + "/login")
    driver.find_element(By.ID, "username").send_keys(user)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login-submit").click()
    WebDriverWait(driver, 30).until(lambda d: "/login" not in d.current_url)
    dash_duo._url = dash_duo.server.url  # noqa: SLF001 (what the server_url setter stores)
    # The first page of a fresh server can take longer than dash_duo's 10 s on a busy machine.
    dash_duo.wait_for_page(timeout=30)


def wait_until(dash_duo, condition, timeout: float = 20):
    """Wait until condition() is true (or raise after timeout seconds)."""
    return WebDriverWait(dash_duo.driver, timeout).until(lambda _: condition())


def console_errors(dash_duo) -> list[dict]:
    """The browser console's errors."""
    return [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"]


def second_browser(base_url: str, user: str, size=(375, 812), password: str = PASSWORD):
    """Another headless Chromium, signed in as ``user`` (a phone beside dash_duo's screen);
    the caller quits it."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={size[0]},{size[1]}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options)
    driver.get(base_url + "/login")
    driver.find_element(By.ID, "username").send_keys(user)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login-submit").click()
    WebDriverWait(driver, 30).until(lambda d: "/login" not in d.current_url)
    return driver
