"""A workshop with one screen and two phones: the facilitator starts it, two participants
join by the QR link's code and rate on their phones, the screen counts them live, and after
Reveal shows the room's mean and the low-agreement flag within a few seconds."""

from __future__ import annotations

import json
import time

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.support import console_errors, second_browser, sign_in, wait_until


def _text(driver, element_id: str) -> str:
    for _ in range(5):  # the poll may replace the element between finding and reading
        try:
            found = driver.find_elements(By.ID, element_id)
            return found[0].text if found else ""
        except StaleElementReferenceException:
            continue
    return ""


def _rate(phone, touchpoint: str, score: int) -> None:
    ident = json.dumps({"score": score, "tp": touchpoint, "type": "workshop-phone-rate"},
                       separators=(",", ":"))
    WebDriverWait(phone, 20).until(
        lambda d: d.find_elements(By.XPATH, f"//*[@id='{ident}']"))
    button = phone.find_element(By.XPATH, f"//*[@id='{ident}']")
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    rated = json.dumps({"tp": touchpoint, "type": "workshop-phone-rated"},
                       separators=(",", ":"))
    WebDriverWait(phone, 20).until(lambda d: "saved" in d.find_element(
        By.XPATH, f"//*[@id='{rated}']").text)


def test_two_phones_rate_and_the_screen_reveals_the_room(dash_duo, catalog_app):
    sign_in(dash_duo, catalog_app, "analyst")
    screen = dash_duo.driver
    screen.set_window_size(1600, 1000)
    screen.get(dash_duo.server_url + "/workshop/vertrag")
    dash_duo.wait_for_element("#workshop-screen-start", timeout=30).click()
    wait_until(dash_duo, lambda: len(_text(screen, "workshop-code")) == 6)
    code = _text(screen, "workshop-code")
    assert code in _text(screen, "workshop-url")
    assert screen.find_element(By.ID, "workshop-qr").get_attribute("src").startswith(
        "data:image/svg+xml;base64,")

    phones = [second_browser(dash_duo.server_url, name) for name in ("viewer", "owner")]
    try:
        for phone in phones:
            phone.get(dash_duo.server_url + f"/workshop/join?code={code}")
        for phone, (first, second) in zip(phones, ((2, 7), (9, 8)), strict=True):
            _rate(phone, "tarifseite", first)
            _rate(phone, "bestellung", second)
        assert "2 of 2 touchpoints rated" in phones[0].find_element(
            By.ID, "workshop-phone-progress-text").text

        # Live counts, but no numbers before the reveal.
        wait_until(dash_duo, lambda: _text(screen, "workshop-ratings") == "4", timeout=10)
        assert _text(screen, "workshop-participants") == "2"
        assert not screen.find_elements(By.ID, "workshop-mean-tarifseite")

        # A changed mind on a phone reaches the screen too (9 -> 10 on tarifseite).
        _rate(phones[1], "tarifseite", 10)
        screen.find_element(By.ID, "workshop-screen-reveal").click()
        started = time.monotonic()
        wait_until(dash_duo, lambda: _text(screen, "workshop-mean-tarifseite") == "6.0",
                   timeout=10)
        # 2 and 10: sd 5.66 -> low agreement; 7 and 8 agree.
        assert "low agreement" in _text(screen, "workshop-flag-tarifseite")
        assert _text(screen, "workshop-mean-bestellung") == "7.5"
        assert not screen.find_elements(By.ID, "workshop-flag-bestellung")
        assert time.monotonic() - started < 5
        link = screen.find_element(By.ID, "workshop-action-tarifseite").get_attribute("href")
        assert "/touchpoints/tarifseite?act=1&origin=gap" in link
    finally:
        for phone in phones:
            phone.quit()
    assert console_errors(dash_duo) == []
