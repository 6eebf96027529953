"""The overview as a person sees it in Chromium: renders, filters, shares, translates."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from support import console_errors, sign_in, wait_until

from layouts import ids


def test_overview_renders_the_demo_kpis(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    dash_duo.wait_for_contains_text(f"#{ids.KPI_NPS}", "n = ", timeout=15)
    for card in (ids.KPI_CES, ids.KPI_CSAT, ids.KPI_TOUCHPOINT_SCORE, ids.KPI_JOURNEY_SCORE):
        dash_duo.wait_for_contains_text(f"#{card}", "n = ")
    assert "vs previous period" in dash_duo.find_element(f"#{ids.KPI_NPS}").text
    dash_duo.wait_for_element(f"#{ids.OVERVIEW_TREND} .js-plotly-plot .scatterlayer")
    assert dash_duo.find_element(f"#{ids.OVERVIEW_PERIOD}").text.startswith("19 Oct 2026")
    assert console_errors(dash_duo) == []


def test_choosing_a_journey_updates_cards_and_url(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    dash_duo.wait_for_contains_text(f"#{ids.KPI_NPS}", "n = ", timeout=15)
    before = dash_duo.find_element(f"#{ids.KPI_NPS}").text
    dash_duo.select_dcc_dropdown(f"#{ids.FILTER_JOURNEY}", value="Störung beheben")
    wait_until(dash_duo, lambda: "journey=stoerung" in dash_duo.driver.current_url)
    wait_until(dash_duo, lambda: dash_duo.find_element(f"#{ids.KPI_NPS}").text != before)
    assert "from=2026-10-19" in dash_duo.driver.current_url
    assert console_errors(dash_duo) == []


def test_a_shared_link_reopens_the_same_view(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    dash_duo.driver.get(dash_duo.server_url
                        + "/?journey=umzug&persona=senior&from=2026-09-01&to=2026-09-30")
    dash_duo.wait_for_contains_text(f"#{ids.OVERVIEW_PERIOD}", "1 Sep 2026 – 30 Sep 2026",
                                    timeout=15)
    assert "Umzug" in dash_duo.find_element(f"#{ids.FILTER_JOURNEY}").text
    assert "Helga Wagner" in dash_duo.find_element(f"#{ids.FILTER_PERSONA}").text
    shared = dash_duo.find_element(f"#{ids.KPI_NPS}").text
    dash_duo.driver.refresh()
    dash_duo.wait_for_contains_text(f"#{ids.KPI_NPS}", "n = ", timeout=15)
    assert dash_duo.find_element(f"#{ids.KPI_NPS}").text == shared
    assert console_errors(dash_duo) == []


def test_switching_to_german_translates_the_page(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    dash_duo.wait_for_contains_text(f"#{ids.KPI_NPS}", "n = ", timeout=15)
    dash_duo.driver.find_element(By.CSS_SELECTOR, f"#{ids.LANG_SWITCH} a[lang=de]").click()
    dash_duo.wait_for_contains_text(f"#{ids.KPI_NPS}", "Antworten", timeout=15)
    assert dash_duo.find_element("h1").text == "Überblick"
    assert "ggü. Vorperiode" in dash_duo.find_element(f"#{ids.KPI_NPS}").text
    assert dash_duo.find_element(f"#{ids.OVERVIEW_PERIOD}").text.startswith("19.10.2026")


def test_an_unknown_page_says_so(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/nirgends")
    dash_duo.wait_for_text_to_equal("h1", "Page not found", timeout=15)


def test_on_a_phone_the_menu_and_the_filters_fold_away_and_open_with_a_tap(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    dash_duo.driver.set_window_size(390, 844)
    dash_duo.wait_for_contains_text(f"#{ids.KPI_NPS}", "n = ", timeout=15)
    journey = dash_duo.find_element(f"#{ids.FILTER_JOURNEY}")
    overview_link = dash_duo.find_element(f"#{ids.NAVBAR_COLLAPSE} .nav-link")
    assert not journey.is_displayed() and not overview_link.is_displayed()
    dash_duo.find_element(f"#{ids.FILTER_TOGGLE}").click()
    wait_until(dash_duo, journey.is_displayed)
    dash_duo.find_element(f"#{ids.NAVBAR_TOGGLER}").click()
    wait_until(dash_duo, overview_link.is_displayed)
    dash_duo.driver.set_window_size(1366, 900)  # wide again: both open, toggles hidden
    wait_until(dash_duo, lambda: not dash_duo.find_element(f"#{ids.FILTER_TOGGLE}").is_displayed())
    assert journey.is_displayed() and overview_link.is_displayed()
    assert console_errors(dash_duo) == []
