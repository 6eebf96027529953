"""In Chromium: the Share & export menu carries the view's filters, its downloads answer
for the signed-in user, and charts export as SVG and PNG under the app's CSP."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from support import console_errors, sign_in, wait_until

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
