"""Screenshots of every view for the README: `make screenshots` (python -m tools.screenshots).

Loads the demo into a fresh database, serves the app on a free port, signs in as an
admin in headless Chromium at 1366 px wide and saves docs/screenshots/<view>.png.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.by import By

from bench.run import free_port, wait_until_healthy

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
VIEWS = {
    "overview": "/",
    "journey": "/journey?journey=stoerung&persona=familie",
    "heatmap": "/heatmap",
    "benchmark": "/benchmark",
    "touchpoint": "/touchpoints/st-hotline",
    "mine": "/mine?department=KS",
    "atlas": "/atlas",
    "personas": "/personas",
    "data": "/data",
    "admin": "/admin",
    "actions": "/actions?period=all&sort=status",
    "action-effect": "/touchpoints/re-online-rechnung?period=all",
    "catalog": "/catalog",
}
PASSWORD = "screenshot-password"


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="cxdash-shots-"))
    url = f"duckdb:///{folder / 'demo.duckdb'}"
    cli = [sys.executable, "-m", "dashboard.cli", "--database-url", url]
    subprocess.run([*cli, "demo"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    port = free_port()
    env = {**os.environ, "CXDASH_ADMIN_PASSWORD": PASSWORD, "CXDASH_LANGUAGE": "en",
           "CXDASH_CACHE_URL": "none"}
    server = subprocess.Popen([*cli, "serve", "--port", str(port)], cwd=ROOT,
                              env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    options = webdriver.ChromeOptions()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1366,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options)
    try:
        wait_until_healthy(base)
        driver.get(base + "/login")
        driver.find_element(By.ID, "username").send_keys("admin")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "login-submit").click()
        time.sleep(2)
        only = set(sys.argv[1:])  # names of the views to shoot (default: all)
        for name, path in VIEWS.items():
            if only and name not in only:
                continue
            driver.get(base + path)
            time.sleep(4)  # let callbacks and charts finish
            height = driver.execute_script("return document.body.scrollHeight")
            driver.set_window_size(1366, min(max(height, 900), 2400))
            driver.save_screenshot(str(OUT / f"{name}.png"))
            driver.set_window_size(1366, 900)
            print(f"saved docs/screenshots/{name}.png")
    finally:
        driver.quit()
        server.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
