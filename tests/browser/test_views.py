"""Every view in Chromium: renders from the demo data, follows a filter change, reopens
from a shared link, and leaves the browser console clean."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from support import console_errors, sign_in, wait_until

from layouts import ids


def _choose(dash_duo, label):
    """Click a radio button by its visible label, as a person would."""
    dash_duo.driver.find_element(By.XPATH, f"//label[normalize-space()='{label}']").click()


def _open(dash_duo, path):
    dash_duo.driver.get(dash_duo.server_url + path)


VIEWS = [
    # path, element that shows data, text expected inside it
    ("/journey?journey=stoerung", f"#{ids.JOURNEY_MAP}", "Störungshotline"),
    ("/heatmap", f"#{ids.HEATMAP_GRAPH} .heatmaplayer", ""),
    ("/benchmark", f"#{ids.BENCHMARK_TABLE}", "Störungshotline"),
    ("/touchpoints/st-hotline", f"#{ids.TOUCHPOINT_HEADER}", "Störungshotline"),
    ("/mine?department=KS", f"#{ids.MINE_TABLE}", "Störungshotline"),
    ("/atlas", f"#{ids.ATLAS_TABLE}", "Störung beheben"),
    ("/personas", f"#{ids.PERSONA_CARDS}", "Helga Wagner"),
]


@pytest.mark.parametrize(("path", "selector", "text"), VIEWS)
def test_view_renders_from_demo_data_withoutconsole_errors(dash_duo, demo_app, path, selector,
                                                           text):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, path)
    dash_duo.wait_for_element(selector, timeout=20)
    if text:
        dash_duo.wait_for_contains_text(selector, text, timeout=20)
    assert console_errors(dash_duo) == []


def test_journey_map_follows_journey_lanes_and_links(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, "/journey")
    dash_duo.wait_for_contains_text(f"#{ids.JOURNEY_MAP}", "Verfügbarkeitscheck", timeout=20)
    dash_duo.wait_for_element(f"#{ids.JOURNEY_EMOTION_CURVE} .scatterlayer")
    # Another journey from the picker: map and URL follow.
    dash_duo.driver.find_element(By.LINK_TEXT, "Störung beheben").click()
    dash_duo.wait_for_contains_text(f"#{ids.JOURNEY_MAP}", "Störungshotline")
    assert "journey=stoerung" in dash_duo.driver.current_url
    # Swimlanes by department are a view option kept in the URL.
    _choose(dash_duo, "Lanes by department")
    dash_duo.wait_for_element(f"#{ids.JOURNEY_MAP} .lane-label")
    wait_until(dash_duo, lambda: "lanes=department" in dash_duo.driver.current_url)
    # A shared link reopens the same map with the lanes.
    shared = dash_duo.driver.current_url
    dash_duo.driver.get(shared)
    dash_duo.wait_for_contains_text(f"#{ids.JOURNEY_MAP}", "Kundenservice", timeout=20)
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, ".lane-label")
    # A touchpoint card opens its drill-down, filters kept.
    dash_duo.driver.find_element(By.LINK_TEXT, "Störungshotline").click()
    dash_duo.wait_for_contains_text(f"#{ids.TOUCHPOINT_HEADER}", "Moment of truth")
    assert "/touchpoints/st-hotline?journey=stoerung" in dash_duo.driver.current_url
    dash_duo.wait_for_element(f"#{ids.TOUCHPOINT_HISTORY_GRAPH} .scatterlayer")
    assert console_errors(dash_duo) == []


def test_heatmap_metric_is_shared_in_the_url(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, "/heatmap?journey=umzug")
    dash_duo.wait_for_element(f"#{ids.HEATMAP_GRAPH} .heatmaplayer", timeout=20)
    _choose(dash_duo, "NPS")
    wait_until(dash_duo, lambda: "metric=nps" in dash_duo.driver.current_url)
    dash_duo.wait_for_contains_text(f"#{ids.HEATMAP_GRAPH}", "NPS")
    dash_duo.driver.get(dash_duo.driver.current_url)
    dash_duo.wait_for_contains_text(f"#{ids.HEATMAP_GRAPH}", "NPS", timeout=20)
    checked = dash_duo.driver.find_element(By.CSS_SELECTOR, "input[type=radio][value=nps]")
    assert checked.is_selected()
    assert console_errors(dash_duo) == []


def _column(dash_duo, i):
    """The benchmark table's column i (1-based) as shown, top to bottom."""
    return dash_duo.driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(td => td.textContent.trim())",
        f"#{ids.BENCHMARK_TABLE} tbody tr td:nth-child({i})")


def _values(texts):
    return [float(x.replace("−", "-").replace(",", ".")) for x in texts if x != "–"]


def test_benchmark_table_sorts_by_the_clicked_column_and_keeps_it(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, "/benchmark?journey=stoerung")
    dash_duo.wait_for_contains_text(f"#{ids.BENCHMARK_TABLE}", "Störungshotline", timeout=20)
    dash_duo.driver.execute_script("window.__same_page = true")
    given = _column(dash_duo, 1)
    gaps = _values(_column(dash_duo, 7))
    assert gaps == sorted(gaps)  # as the model orders: largest shortfall first
    actual = dash_duo.driver.find_elements(By.CSS_SELECTOR,
                                           f"#{ids.BENCHMARK_TABLE} th button.plain-sort")[2]
    actual.click()
    wait_until(dash_duo, lambda: _values(_column(dash_duo, 3)) == sorted(
        _values(_column(dash_duo, 3))) and _column(dash_duo, 1) != given)
    head = dash_duo.driver.find_elements(By.CSS_SELECTOR, f"#{ids.BENCHMARK_TABLE} th")[2]
    assert head.get_attribute("aria-sort") == "ascending"
    actual.click()
    wait_until(dash_duo, lambda: _values(_column(dash_duo, 3)) == sorted(
        _values(_column(dash_duo, 3)), reverse=True))
    assert head.get_attribute("aria-sort") == "descending"
    actual.click()  # a third time: the model's order again
    wait_until(dash_duo, lambda: _column(dash_duo, 1) == given)
    assert head.get_attribute("aria-sort") == "none"
    # Sorted by n, the order stays when a filter change brings new rows
    n_head = dash_duo.driver.find_elements(By.CSS_SELECTOR,
                                           f"#{ids.BENCHMARK_TABLE} th button.plain-sort")[3]
    n_head.click()
    dash_duo.select_dcc_dropdown(f"#{ids.FILTER_DEPARTMENT}", value="Kundenservice")
    wait_until(dash_duo, lambda: "department=KS" in dash_duo.driver.current_url)
    wait_until(dash_duo, lambda: set(_column(dash_duo, 2)) == {"KS"})
    counts = _values(_column(dash_duo, 4))
    assert counts and counts == sorted(counts)
    # A name opens its drill-down inside the app (no reload)
    link = dash_duo.driver.find_element(By.CSS_SELECTOR, f"#{ids.BENCHMARK_TABLE} tbody a")
    name = link.text
    link.click()
    dash_duo.wait_for_contains_text(f"#{ids.TOUCHPOINT_HEADER}", name, timeout=20)
    assert "/touchpoints/" in dash_duo.driver.current_url
    assert dash_duo.driver.execute_script("return window.__same_page") is True
    assert console_errors(dash_duo) == []


def test_benchmark_follows_the_department_filter(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, "/benchmark")
    dash_duo.wait_for_contains_text(f"#{ids.BENCHMARK_TABLE}", "Ersatzrouter", timeout=20)
    dash_duo.select_dcc_dropdown(f"#{ids.FILTER_DEPARTMENT}", value="Abrechnung")
    wait_until(dash_duo, lambda: "department=AB" in dash_duo.driver.current_url)
    wait_until(dash_duo, lambda: "Ersatzrouter" not in dash_duo.find_element(
        f"#{ids.BENCHMARK_TABLE}").text)
    assert "Jahresabrechnung" in dash_duo.find_element(f"#{ids.BENCHMARK_TABLE}").text
    # The inside-out chart stays on the page and follows: its touchpoints are Abrechnung's.
    graph = f"#{ids.BENCHMARK_PERSPECTIVES_GRAPH}"
    wait_until(dash_duo, lambda: dash_duo.find_element(f"#{ids.BENCHMARK_PERSPECTIVES}")
               .is_displayed() and "Ersatzrouter" not in dash_duo.find_element(graph).text)
    assert dash_duo.find_elements(f"{graph} .scatterlayer .point")
    assert not dash_duo.find_element(f"#{ids.BENCHMARK_NO_PERSPECTIVES}").is_displayed()
    # A filter no touchpoint has both perspectives for: the note instead of the chart.
    _open(dash_duo, "/benchmark?touchpoint=nosuch")
    wait_until(dash_duo, lambda: dash_duo.find_element(
        f"#{ids.BENCHMARK_NO_PERSPECTIVES}").is_displayed())
    assert not dash_duo.find_element(f"#{ids.BENCHMARK_PERSPECTIVES}").is_displayed()
    assert console_errors(dash_duo) == []


def test_my_touchpoints_starts_with_a_department_choice(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, "/mine")
    dash_duo.wait_for_contains_text(f"#{ids.MINE_SUMMARY}", "Technischer Service", timeout=20)
    dash_duo.driver.find_element(By.PARTIAL_LINK_TEXT, "Technischer Service").click()
    dash_duo.wait_for_contains_text(f"#{ids.MINE_TABLE}", "Ersatzrouter-Versand")
    assert "department=TS" in dash_duo.driver.current_url
    assert "Technischer Service" in dash_duo.find_element(f"#{ids.FILTER_DEPARTMENT}").text
    assert console_errors(dash_duo) == []


def test_choosing_a_persona_sets_the_persona_filter(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, "/personas")
    dash_duo.wait_for_contains_text(f"#{ids.PERSONA_CARDS}", "Murat Yilmaz", timeout=20)
    button = dash_duo.driver.find_element(
        By.CSS_SELECTOR, "[id*='persona-select'][id*='homeoffice']")
    # Bootstrap scrolls smoothly; jump, so the click lands where the button is.
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    button.click()
    wait_until(dash_duo, lambda: "persona=homeoffice" in dash_duo.driver.current_url)
    wait_until(dash_duo, lambda: "Murat" in dash_duo.find_element(f"#{ids.FILTER_PERSONA}").text)
    assert console_errors(dash_duo) == []


def test_atlas_ranks_journeys_and_links_to_their_maps(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    _open(dash_duo, "/atlas")
    dash_duo.wait_for_contains_text(f"#{ids.ATLAS_TABLE}", "Rechnung verstehen", timeout=20)
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, f"#{ids.ATLAS_TABLE} tbody tr")
    assert len(rows) == 4
    rows[0].find_element(By.CSS_SELECTOR, "a").click()
    dash_duo.wait_for_element(f"#{ids.JOURNEY_MAP} .tp-card", timeout=20)
    assert "/journey?" in dash_duo.driver.current_url
    assert console_errors(dash_duo) == []


def test_views_speak_german(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    dash_duo.wait_for_contains_text(f"#{ids.KPI_NPS}", "n = ", timeout=20)
    dash_duo.driver.find_element(By.CSS_SELECTOR, f"#{ids.LANG_SWITCH} a[lang=de]").click()
    dash_duo.wait_for_contains_text(f"#{ids.KPI_NPS}", "Antworten", timeout=20)
    _open(dash_duo, "/journey?journey=stoerung&lanes=channel")
    dash_duo.wait_for_contains_text(f"#{ids.JOURNEY_MAP}", "Störungshotline", timeout=20)
    assert dash_duo.find_element("h1").text == "Journey Map"
    assert "Ohne Swimlanes" in dash_duo.driver.page_source
    _open(dash_duo, "/atlas")
    dash_duo.wait_for_contains_text(f"#{ids.ATLAS_TABLE}", "Schwächste Touchpoints", timeout=20)
    assert console_errors(dash_duo) == []
