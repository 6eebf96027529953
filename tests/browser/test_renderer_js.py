"""assets/renderer.js: a reset of a component's update marks that has nothing to forget is
not sent to Dash's store (so 300 new components do not make every mounted one re-read its
props 300 times); a reset with marks to forget, and every other message, still is. First
against a store written by hand, then in the app: installed, and views still redraw."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from support import console_errors, sign_in, wait_until

from layouts import ids

SCRIPT = (Path(__file__).parent.parent.parent / "assets" / "renderer.js").read_text()

# A store as Dash's: dispatch counts what reaches the reducer, which forgets the marks
# whose key starts with the path's key and always makes a new state (as Dash's does).
FAKE_STORE = """
const state = {layoutHashes: {"components,props,children,3": {hash: 1},
                              "components,props,children,30,props,children": {hash: 2}}};
window.__reached = [];
window.store = {
  state: state,
  getState: function () { return this.state; },
  dispatch: function (action) {
    window.__reached.push(action.type);
    if (action.type === "RESET_COMPONENT_STATE") {
      const prefix = action.payload.itempath.join(",");
      const kept = {};
      Object.keys(this.state.layoutHashes).forEach((k) => {
        if (!k.startsWith(prefix)) kept[k] = this.state.layoutHashes[k];
      });
      this.state = Object.assign({}, this.state, {layoutHashes: kept});
    }
    return action;
  }
};
"""


def _reset(path):
    return {"type": "RESET_COMPONENT_STATE", "payload": {"itempath": path}}


def test_a_reset_with_nothing_to_forget_is_not_sent_and_others_are(dash_duo):
    driver = dash_duo.driver
    driver.get("about:blank")
    driver.execute_script(SCRIPT + FAKE_STORE)  # the renderer sets window.store after
    run = "return window.store.dispatch(arguments[0]);"
    before = driver.execute_script("return window.store.getState()")
    # Nothing under components,props,children,7: not sent, the state stays the same.
    driver.execute_script(run, _reset(["components", "props", "children", 7]))
    assert driver.execute_script("return window.__reached") == []
    assert driver.execute_script("return window.store.getState()") == before
    # Marks under children,3 (and, as the renderer's own test has it, children,30):
    # sent, and both are forgotten.
    driver.execute_script(run, _reset(["components", "props", "children", 3]))
    assert driver.execute_script("return window.__reached") == ["RESET_COMPONENT_STATE"]
    assert driver.execute_script("return window.store.getState().layoutHashes") == {}
    # Any other message passes unchanged, and the store is patched once only.
    driver.execute_script(run, {"type": "ON_PROP_CHANGE", "payload": {}})
    driver.execute_script(SCRIPT)
    driver.execute_script(run, {"type": "SET_PATHS", "payload": {}})
    assert driver.execute_script("return window.__reached") == [
        "RESET_COMPONENT_STATE", "ON_PROP_CHANGE", "SET_PATHS"]


def test_in_the_app_the_store_is_patched_and_views_redraw_after_filter_changes(
        dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/journey?journey=stoerung")
    dash_duo.wait_for_contains_text(f"#{ids.JOURNEY_MAP}", "Störungshotline", timeout=20)
    assert driver.execute_script("return !!(window.store && window.store.__cxdashPatched)")
    cards = len(driver.find_elements(By.CSS_SELECTOR, f"#{ids.JOURNEY_MAP} .tp-card"))
    # Switch the journey from its pill, then back: the map is drawn anew each time.
    driver.find_element(By.ID, ids.journey_pill("umzug")).click()
    wait_until(dash_duo, lambda: "Störungshotline" not in
               driver.find_element(By.ID, ids.JOURNEY_MAP).text)
    driver.back()
    dash_duo.wait_for_contains_text(f"#{ids.JOURNEY_MAP}", "Störungshotline", timeout=20)
    wait_until(dash_duo, lambda: len(driver.find_elements(
        By.CSS_SELECTOR, f"#{ids.JOURNEY_MAP} .tp-card")) == cards)
    assert console_errors(dash_duo) == []


def test_the_journey_map_drawn_as_one_plain_tree_keeps_its_cards_and_links_in_the_app(
        dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/journey?journey=stoerung")
    dash_duo.wait_for_contains_text(f"#{ids.JOURNEY_MAP}", "Störungshotline", timeout=20)
    card = driver.find_element(By.CSS_SELECTOR, f"#{ids.JOURNEY_MAP} #tp-card-st-hotline")
    assert "tp-card" in card.get_attribute("class")
    assert card.find_element(By.CSS_SELECTOR, ".light").get_attribute("title")  # hints kept
    link = card.find_element(By.CSS_SELECTOR, "a.tp-link")
    assert "/touchpoints/st-hotline?journey=stoerung" in link.get_attribute("href")  # filters kept
    driver.execute_script("window.__samePage = true;")
    link.click()
    dash_duo.wait_for_contains_text(f"#{ids.TOUCHPOINT_HEADER}", "Störungshotline",
                                    timeout=20)
    assert "/touchpoints/st-hotline" in driver.current_url
    assert driver.execute_script("return window.__samePage === true")  # no reload
    assert console_errors(dash_duo) == []
