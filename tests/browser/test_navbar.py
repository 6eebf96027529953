"""The navbar in Chromium: one line from 1200 px in both languages (also with an admin's
extra links), and every item readable at a contrast of at least 4.5 : 1."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from support import sign_in, wait_until

from layouts import ids

ITEMS = (f"#{ids.NAVBAR} .navbar-brand, #{ids.NAVBAR} .nav-link, #{ids.NAVBAR} .dropdown-toggle, "
         f"#{ids.LANG_SWITCH} a, #{ids.LANG_SWITCH} span, #{ids.NAVBAR} .copy-link")

# Tops and right edges of the navbar's items, and the window width.
LINE_JS = """
const items = Array.from(document.querySelectorAll(arguments[0]))
  .filter(e => e.offsetParent !== null);
return {tops: items.map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)),
        rights: items.map(e => e.getBoundingClientRect().right),
        width: document.documentElement.clientWidth,
        texts: items.map(e => e.textContent.trim()),
        toggler: getComputedStyle(document.getElementById(arguments[1])).display};
"""

# WCAG 2 contrast of each item's text colour against the first opaque background behind it.
CONTRAST_JS = """
function rgba(s) { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; }
function lum(c) { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); }
function background(e) {
  for (; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c[3] > 0.99) return c; }
  return [255, 255, 255, 1]; }
return Array.from(document.querySelectorAll(arguments[0])).filter(e => e.offsetParent !== null
    && e.textContent.trim()).map(e => {
  const bg = background(e), fg = rgba(getComputedStyle(e).color);
  const mixed = [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
  const [a, b] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
  return [e.textContent.trim(), (a + 0.05) / (b + 0.05)]; });
"""


def _wait_for_menus(dash_duo):
    # The menus are rendered by a callback: on a busy machine they come after the brand.
    dash_duo.wait_for_element("#user-menu .dropdown-toggle", timeout=20)
    wait_until(dash_duo, lambda: dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".some(e => e.offsetParent !== null && /export/i.test(e.textContent))", ITEMS))


def _german(dash_duo):
    dash_duo.driver.find_element(By.CSS_SELECTOR, f"#{ids.LANG_SWITCH} a[lang=de]").click()
    dash_duo.wait_for_contains_text(f"#{ids.NAVBAR}", "Überblick", timeout=20)


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("width", [1200, 1440])
def test_navbar_stays_on_one_line_for_an_admin(dash_duo, demo_app, lang, width):
    sign_in(dash_duo, demo_app, "admin")
    if lang == "de":
        _german(dash_duo)
    dash_duo.driver.set_window_size(width, 900)
    wait_until(dash_duo, lambda: dash_duo.driver.execute_script(
        "return document.documentElement.clientWidth") <= width)
    # A long user name must not push the bar onto a second line either.
    _wait_for_menus(dash_duo)
    dash_duo.driver.execute_script(
        "document.querySelector('#user-menu .dropdown-toggle').firstChild.textContent = "
        "'Maximiliane Müller-Lüdenscheidt';")
    line = dash_duo.driver.execute_script(LINE_JS, ITEMS, ids.NAVBAR_TOGGLER)
    assert line["toggler"] == "none"  # expanded, not the collapsed burger menu
    assert len(line["tops"]) >= 12, line["texts"]  # brand, 8 pages, menus, DE | EN
    assert max(line["tops"]) - min(line["tops"]) <= 6, list(zip(line["texts"], line["tops"],
                                                                strict=True))
    assert max(line["rights"]) <= line["width"], list(zip(line["texts"], line["rights"],
                                                          strict=True))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_navbar_item_has_a_contrast_of_at_least_4_5(dash_duo, demo_app, lang):
    sign_in(dash_duo, demo_app, "admin")
    if lang == "de":
        _german(dash_duo)
    dash_duo.driver.set_window_size(1440, 900)
    _wait_for_menus(dash_duo)
    ratios = dash_duo.driver.execute_script(CONTRAST_JS, ITEMS)
    texts = [text for text, _ in ratios]
    assert any("export" in t.lower() for t in texts), texts  # "Share & export" is measured
    low = [(text, round(r, 2)) for text, r in ratios if r < 4.5]
    assert low == []
