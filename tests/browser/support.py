"""Helpers the browser tests share."""

from __future__ import annotations

from selenium.webdriver.support.ui import WebDriverWait


def wait_until(dash_duo, condition, timeout: float = 20):
    """Wait until condition() is true (or raise after timeout seconds)."""
    return WebDriverWait(dash_duo.driver, timeout).until(lambda _: condition())


def console_errors(dash_duo) -> list[dict]:
    """The browser console's errors."""
    return [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"]
