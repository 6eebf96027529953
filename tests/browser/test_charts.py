"""Charts in Chromium: German dates in the German UI from the app's own locale file, and the
heatmap's mode bar clear of its column labels."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from support import console_errors, sign_in, wait_until

from layouts import ids

TICKS_JS = "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent);"

OVERLAP_JS = """
const graph = document.getElementById(arguments[0]);
const bar = graph.querySelector('.modebar');
if (!bar) return null;
const b = bar.getBoundingClientRect();
return Array.from(graph.querySelectorAll('.xtick text')).filter(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top;
}).map(e => e.textContent);
"""


def test_german_ui_shows_german_chart_dates_from_a_local_file(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    dash_duo.driver.find_element(By.CSS_SELECTOR, f"#{ids.LANG_SWITCH} a[lang=de]").click()
    dash_duo.wait_for_contains_text(f"#{ids.KPI_NPS}", "Antworten", timeout=20)
    selector = f"#{ids.OVERVIEW_TREND} .xtick text"
    wait_until(dash_duo, lambda: any(c.isalpha() for c in "".join(
        dash_duo.driver.execute_script(TICKS_JS, selector))))
    ticks = " ".join(dash_duo.driver.execute_script(TICKS_JS, selector))
    assert "Okt" in ticks and "Oct" not in ticks, ticks
    # The locale came with the app (no CDN): every script is served by the app itself.
    scripts = dash_duo.driver.execute_script(
        "return Array.from(document.scripts).map(s => s.src).filter(Boolean);")
    assert any("plotly-locale-de.js" in s for s in scripts), scripts
    assert all(s.startswith(dash_duo.server_url) for s in scripts), scripts
    assert console_errors(dash_duo) == []


def test_english_ui_keeps_english_chart_dates(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    selector = f"#{ids.OVERVIEW_TREND} .xtick text"
    # Wait for the date axis: before the trend arrives the empty graph has numeric ticks.
    wait_until(dash_duo, lambda: any(c.isalpha() for c in "".join(
        dash_duo.driver.execute_script(TICKS_JS, selector))))
    ticks = " ".join(dash_duo.driver.execute_script(TICKS_JS, selector))
    assert "Oct" in ticks and "Okt" not in ticks, ticks


def test_heatmap_mode_bar_leaves_the_column_labels_free(dash_duo, demo_app):
    sign_in(dash_duo, demo_app)
    dash_duo.driver.get(dash_duo.server_url + "/heatmap")
    dash_duo.wait_for_element(f"#{ids.HEATMAP_GRAPH} .heatmaplayer", timeout=20)
    wait_until(dash_duo, lambda: dash_duo.driver.execute_script(
        OVERLAP_JS, ids.HEATMAP_GRAPH) is not None)
    labels = dash_duo.driver.execute_script(TICKS_JS, f"#{ids.HEATMAP_GRAPH} .xtick text")
    assert len(labels) >= 5, labels
    assert dash_duo.driver.execute_script(OVERLAP_JS, ids.HEATMAP_GRAPH) == []
