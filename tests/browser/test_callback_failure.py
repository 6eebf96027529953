"""A callback that fails shows the user a message in their language (and is logged)."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from support import sign_in

from callbacks import overview
from dashboard.app import create_app
from dashboard.config import Config
from layouts import ids


def test_a_failing_view_says_so_in_german(dash_duo, demo_db, monkeypatch):
    def broken(store, search, lang):
        raise RuntimeError("boom")

    monkeypatch.setattr(overview, "update", broken)
    app = create_app(Config.from_env({}, database_url=demo_db, cache_url="none",
                                     language="en"))
    sign_in(dash_duo, app)
    dash_duo.driver.find_element(By.CSS_SELECTOR, f"#{ids.LANG_SWITCH} a[lang=de]").click()
    dash_duo.wait_for_contains_text(f"#{ids.CALLBACK_ERROR}",
                                    "konnte nicht aktualisiert werden", timeout=20)
    toast = dash_duo.find_element(f"#{ids.CALLBACK_ERROR}")
    assert toast.is_displayed() and "boom" not in toast.text
    assert "Etwas ist schiefgelaufen" in toast.text
