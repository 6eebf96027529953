"""Designed states and interactions, clicked as a person would in Chromium: heatmap cells
filter and drill down, step numbers agree on cards and curve, several journeys say which
one is shown and switch in one click, and a view that filters leave empty names the
filter to loosen, with no NaN, no epoch-number axes and a clean console."""

from __future__ import annotations

import re

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from support import console_errors, sign_in, wait_until

from layouts import ids


def _open(dash_duo, path):
    dash_duo.driver.get(dash_duo.server_url + path)


def _text(dash_duo, selector: str) -> str | None:
    """An element's text, or None while the page is replacing it."""
    try:
        return dash_duo.driver.find_element(By.CSS_SELECTOR, selector).text
    except (NoSuchElementException, StaleElementReferenceException):
        return None


def _settled(dash_duo) -> None:
    """Wait until no callback is running (the server then stops with no request open)."""
    wait_until(dash_duo, lambda: not dash_duo.driver.find_elements(
        By.CSS_SELECTOR, "[data-dash-is-loading='true']"))


def _layout(dash_duo, graph_id: str, path: str):
    """A value of a drawn figure's full layout (what plotly.js made of the figure)."""
    script = f"return document.querySelector('#{graph_id} .js-plotly-plot')._fullLayout.{path}"
    return dash_duo.driver.execute_script(script)


def _click_first_cell(dash_duo, graph_id):
    """Click the top-left cell of a heatmap."""
    dash_duo.wait_for_element(f"#{graph_id} .heatmaplayer", timeout=20)
    area = dash_duo.driver.find_element(By.CSS_SELECTOR, f"#{graph_id} .nsewdrag")
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", area)
    # Offsets from the element's top-left corner (selenium 4.2, which dash[testing] pins).
    ActionChains(dash_duo.driver).move_to_element_with_offset(area, 12, 12).click().perform()


def test_a_phase_channel_cell_filters_to_it(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, "/heatmap?journey=umzug")
    _click_first_cell(dash_duo, ids.HEATMAP_GRAPH)
    wait_until(dash_duo, lambda: "phase=" in dash_duo.driver.current_url
               and "channel=" in dash_duo.driver.current_url)
    assert "journey=umzug" in dash_duo.driver.current_url
    wait_until(dash_duo, lambda: _text(dash_duo, f"#{ids.FILTER_PHASE}") not in (None, "All"))
    _settled(dash_duo)
    assert console_errors(dash_duo) == []


def test_a_touchpoint_week_cell_opens_that_touchpoint_for_that_week(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, "/heatmap?journey=stoerung")
    _click_first_cell(dash_duo, ids.HEATMAP_WEEKS_GRAPH)
    wait_until(dash_duo, lambda: "/touchpoints/" in dash_duo.driver.current_url)
    url = dash_duo.driver.current_url
    assert "from=" in url and "to=" in url and "journey=stoerung" in url
    dash_duo.wait_for_element(f"#{ids.TOUCHPOINT_HEADER} h1", timeout=20)
    _settled(dash_duo)
    assert console_errors(dash_duo) == []


def test_step_numbers_agree_on_cards_and_curve_with_a_channel_filter(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, "/journey?journey=stoerung&channel=telefon")
    dash_duo.wait_for_element(f"#{ids.JOURNEY_MAP} .tp-card", timeout=20)
    dash_duo.wait_for_element(f"#{ids.JOURNEY_EMOTION_CURVE} .scatterlayer", timeout=20)
    steps = [e.text for e in dash_duo.driver.find_elements(
        By.CSS_SELECTOR, f"#{ids.JOURNEY_MAP} .tp-card .step")]
    assert steps and steps != [str(i + 1) for i in range(len(steps))]  # not renumbered
    ticks = _layout(dash_duo, ids.JOURNEY_EMOTION_CURVE, "xaxis._categories")
    assert [tick.split(".")[0] for tick in ticks] == steps
    assert console_errors(dash_duo) == []


def test_several_journeys_say_which_is_shown_and_switch_in_one_click(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, "/journey?journey=stoerung,umzug")
    notice = dash_duo.wait_for_element(f"#{ids.JOURNEY_SEVERAL}", timeout=20)
    shown = dash_duo.find_element(f"#{ids.JOURNEY_PICKER} .journey-pill.active").text
    assert shown in notice.text and "2 journeys" in notice.text
    other = dash_duo.find_element(f"#{ids.JOURNEY_PICKER} .journey-pill.selected")
    name = other.text
    other.click()
    wait_until(dash_duo, lambda: _text(dash_duo, f"#{ids.JOURNEY_PICKER} .journey-pill.active")
               == name)
    assert console_errors(dash_duo) == []


EMPTY = "journey=stoerung&persona=homeoffice&phase=lieferung&channel=telefon"


def test_an_empty_overview_names_the_filter_to_loosen(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, f"/?{EMPTY}")
    dash_duo.wait_for_contains_text(f"#{ids.OVERVIEW_EMPTY}", "without one of these filters",
                                    timeout=20)
    text = dash_duo.find_element(f"#{ids.PAGE}").text
    assert not re.search(r"\bnan\b", text, re.IGNORECASE)
    for bad in ("meets its target", "–––", "CI –"):
        assert bad not in text
    assert "No audits in this period" in dash_duo.find_element(f"#{ids.OVERVIEW_GAPS}").text
    assert _layout(dash_duo, ids.OVERVIEW_TREND, "xaxis.type") == "date"
    link = dash_duo.find_element("[id*='loosen'][id*='channel']")
    link.click()
    wait_until(dash_duo, lambda: "channel=" not in dash_duo.driver.current_url)
    wait_until(dash_duo, lambda: "n = 0 audits" not in (
        _text(dash_duo, f"#{ids.KPI_TOUCHPOINT_SCORE}") or "n = 0 audits"))
    assert console_errors(dash_duo) == []


@pytest.mark.parametrize(("path", "notice"), [
    ("/journey", ids.JOURNEY_NOTICE), ("/heatmap", ids.HEATMAP_NOTICE),
    ("/benchmark", ids.BENCHMARK_NOTICE), ("/atlas", ids.ATLAS_NOTICE),
    ("/mine", ids.MINE_NOTICE), ("/touchpoints/st-hotline", ids.TOUCHPOINT_NOTICE),
])
def test_every_view_filtered_to_nothing_says_what_to_loosen(dash_duo, demo_app, path, notice):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, f"{path}?department=KS&from=2031-01-05&to=2031-02-01")
    dash_duo.wait_for_contains_text(f"#{notice}", "without one of these filters", timeout=20)
    assert dash_duo.find_element("[id*='loosen'][id*='period']")
    assert not re.search(r"\bnan\b", dash_duo.find_element(f"#{ids.PAGE}").text, re.IGNORECASE)
    assert console_errors(dash_duo) == []


@pytest.mark.parametrize("path", ["/", "/heatmap", "/touchpoints/st-hotline"])
def test_last_week_is_one_click_from_every_view(dash_duo, demo_app, path):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, path)
    button = dash_duo.wait_for_element("[id*='period-preset'][id*='week']", timeout=20)
    assert "Data as of 15 Nov 2026" in dash_duo.find_element(f"#{ids.DATA_AGE}").text
    button.click()
    wait_until(dash_duo, lambda: "from=2026-11-09&to=2026-11-15" in dash_duo.driver.current_url)
    wait_until(dash_duo, lambda: "active" in (dash_duo.driver.execute_script(
        "const b = document.querySelector(\"[id*='period-preset'][id*='week']\");"
        " return b && b.className;") or ""))
    wait_until(dash_duo, lambda: "9 Nov 2026" in (dash_duo.driver.execute_script(
        f"return document.getElementById('{ids.FILTER_BAR}').innerHTML") or ""))
    if path == "/":
        dash_duo.wait_for_contains_text(f"#{ids.OVERVIEW_PERIOD}", "9 Nov 2026 – 15 Nov 2026",
                                        timeout=30)
    assert console_errors(dash_duo) == []
