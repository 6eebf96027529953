"""In Chromium: the Share & export menu carries the view's filters, its downloads answer
for the signed-in user, and charts export as SVG and PNG under the app's CSP."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from support import console_errors, sign_in, wait_until

from layouts import ids

FETCH = """
const done = arguments[arguments.length - 1];
fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done([r.status,
  r.headers.get('content-disposition'), new TextDecoder().decode(b).slice(0, 4000)])));
"""


def test_share_and_export_menu(dash_duo, demo_app):
    sign_in(dash_duo, demo_app, "viewer")
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/journey?journey=stoerung&period=all")
    dash_duo.wait_for_element("#journey-emotion-curve .js-plotly-plot", timeout=20)
    driver.find_element(By.CSS_SELECTOR, "#export-menu .nav-link, #export-menu button").click()
    csv_link = dash_duo.wait_for_element("#export-csv")
    wait_until(dash_duo, lambda: "journey=stoerung" in (csv_link.get_attribute("href") or ""))
    href = csv_link.get_attribute("href")
    assert "view=/journey" in href.replace("%2F", "/")
    status, disposition, body = driver.execute_async_script(FETCH, href)
    assert status == 200 and "cxdash-journey.csv" in disposition
    assert "# filters: journey=stoerung" in body and "Störungshotline" in body
    report = dash_duo.find_element("#export-report-html").get_attribute("href")
    assert "week=last" in report and "journey=stoerung" in report
    status, _, body = driver.execute_async_script(FETCH, report)
    assert status == 200 and "Weekly CX report" in body

    # Charts: record what the exporter is asked for, then ask for SVG.
    driver.execute_script("window.__exports = []; window.Plotly.downloadImage = "
                          "function (gd, o) { window.__exports.push(o.format); "
                          "return Promise.resolve(); };")
    dash_duo.find_element("#export-svg").click()
    wait_until(dash_duo, lambda: driver.execute_script("return window.__exports.length") > 0)
    assert set(driver.execute_script("return window.__exports")) == {"svg"}
    # The real exporter works under the Content-Security-Policy.
    for fmt, prefix in (("svg", "data:image/svg+xml"), ("png", "data:image/png")):
        url = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "Plotly.toImage(document.querySelector('#journey-emotion-curve .js-plotly-plot'),"
            f"{{format: '{fmt}', width: 800, height: 400}}).then(done, e => done(String(e)));")
        assert url.startswith(prefix), url[:80]
    # Copy link: the button is there and clicking it raises nothing.
    dash_duo.find_element("#copy-link").click()
    assert console_errors(dash_duo) == []


def _menu_item(dash_duo, element_id: str):
    """Open the Share & export menu and return one of its items."""
    driver = dash_duo.driver
    if not driver.find_elements(By.CSS_SELECTOR, "#export-menu .dropdown-menu.show"):
        driver.find_element(By.CSS_SELECTOR, "#export-menu .nav-link, #export-menu button").click()
    return dash_duo.wait_for_element(f"#{element_id}")


def test_data_items_are_disabled_on_a_page_without_a_download(dash_duo, demo_app):
    """/data has no view: its data items say so and lead nowhere; /alerts (reached in the
    app, no reload) downloads the signed-in user's alerts."""
    sign_in(dash_duo, demo_app, "analyst")
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/data?period=all")
    dash_duo.wait_for_element(f"#{ids.DATA_FILE_INPUT}", timeout=20)
    csv_item = _menu_item(dash_duo, "export-csv")
    wait_until(dash_duo, lambda: "disabled" in csv_item.get_attribute("class"))
    for element_id in ("export-csv", "export-csv-de", "export-xlsx"):
        item = dash_duo.find_element(f"#{element_id}")
        assert "disabled" in item.get_attribute("class")
        assert item.get_attribute("aria-disabled") == "true"
        assert "/export/" not in (item.get_attribute("href") or "")
        assert "this page has no data download" in item.text
    # No charts on /data either: the images say so and do nothing.
    for element_id in (ids.EXPORT_PNG, ids.EXPORT_SVG):
        item = dash_duo.find_element(f"#{element_id}")
        assert "disabled" in item.get_attribute("class")
        assert "this page has no charts" in item.text
    # The poster and the weekly report take the filters: still there.
    poster = dash_duo.find_element("#export-poster-a3")
    assert "disabled" not in poster.get_attribute("class")
    assert "no data download" not in poster.text

    dash_duo.find_element("#nav-alerts").click()
    dash_duo.wait_for_contains_text("#alerts-page h1", "Alerts", timeout=20)
    csv_item = _menu_item(dash_duo, "export-csv")
    wait_until(dash_duo, lambda: "disabled" not in csv_item.get_attribute("class"))
    href = csv_item.get_attribute("href").replace("%2F", "/")
    assert "/export/data.csv?view=/alerts" in href
    assert "no data download" not in csv_item.text  # the hint hides with the item enabled
    assert "disabled" in dash_duo.find_element(f"#{ids.EXPORT_PNG}").get_attribute("class")
    status, disposition, body = driver.execute_async_script(FETCH, href)
    assert status == 200 and "cxdash-alerts.csv" in disposition
    assert "# cxdash view: /alerts" in body and "touchpoint,key,metric" in body
    # The overview draws charts: the images are offered, without the hint.
    driver.get(dash_duo.server_url + "/")
    png = _menu_item(dash_duo, ids.EXPORT_PNG)
    wait_until(dash_duo, lambda: "disabled" not in png.get_attribute("class"))
    assert "no charts" not in png.text
    assert console_errors(dash_duo) == []
