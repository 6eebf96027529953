"""The browser benchmark: what a person waits for, timed in headless Chromium.

``python -m bench.browser --database-url URL`` (``make bench`` runs it per size) serves the
app as the Procfile does (gunicorn, one worker, eight threads), signs in, and for every view

- loads it (navigation start to settled: no Dash callback in flight for two animation
  frames, so the last response is rendered and painted), with the first contentful paint;
- changes a filter ``--changes`` times (an option of the journey, persona, channel or
  department dropdown, a period preset, the reset button), timed from the click on the
  option to settled, with the ``_dash-update-component`` requests of that change from the
  Resource Timing API: how many, bytes decoded and transferred, the time before the first
  request left, the server's share (request start to first byte, the longest of them),
  the network's (the rest of the requests' span) and the render after the last response.

Cold: the server's cache off (``CXDASH_CACHE_URL=none``) — every change is computed.
Seen before: the default memory cache, after the same changes were made once.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import ROOT, free_port, percentile, wait_until_healthy

USER, PASSWORD = "bench-browser", "bench-browser-password"

# Runs in the page: clicks the element, then waits until Dash has no callback in flight
# for two animation frames (or none ever started within 0.5 s) and returns the timings.
CLICK_AND_SETTLE = """
const [selector, text, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
function pending() {
  const s = Object.assign({}, window.store.getState().callbacks);
  delete s.stored; delete s.completed;
  return Object.values(s).reduce((n, list) => n + (list ? list.length : 0), 0);
}
const found = [...document.querySelectorAll(selector)];
const el = text === null ? found[0] : found.find(o => o.textContent.trim() === text);
if (!el) { done({error: 'nothing to click: ' + selector + ' ' + text}); return; }
performance.clearResourceTimings();
const t0 = performance.now();
el.click();
let seen = false, quiet = 0;
function tick() {
  const now = performance.now();
  if (pending() > 0) { seen = true; quiet = 0; }
  else if (seen || now - t0 > 500) { quiet += 1; }
  if (quiet >= 2) { done({settle: now - t0, requests: requests(t0)}); return; }
  if (now - t0 > 30000) { done({error: 'not settled after 30 s'}); return; }
  requestAnimationFrame(tick);
}
requestAnimationFrame(tick);
""" + """
function requests(t0) {
  return performance.getEntriesByType('resource')
    .filter(r => r.name.includes('_dash-update-component'))
    .map(r => ({start: r.startTime - t0, request: r.requestStart - t0,
                first_byte: r.responseStart - t0, end: r.responseEnd - t0,
                decoded: r.decodedBodySize, transferred: r.transferSize}));
}
"""

# Runs after a navigation: waits for the settled page (the view's main output drawn, no
# callback in flight for three frames); times relative to navigation start.
SETTLED_AFTER_LOAD = """
const [main, done] = [arguments[0], arguments[arguments.length - 1]];
function drawn() {
  const el = document.getElementById(main);
  return el && el.innerHTML.length > 0 && document.getElementById('filter-journey');
}
function pending() {
  if (!window.store) return 1;
  const s = Object.assign({}, window.store.getState().callbacks);
  delete s.stored; delete s.completed;
  return Object.values(s).reduce((n, list) => n + (list ? list.length : 0), 0);
}
let quiet = 0;
function tick() {
  quiet = (pending() > 0 || !drawn()) ? 0 : quiet + 1;
  if (quiet >= 3) {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const all = performance.getEntriesByType('resource');
    done({settle: performance.now(), fcp: paint ? paint.startTime : null,
          requests: all.filter(r => r.name.includes('_dash-update-component')).length,
          transferred: all.reduce((n, r) => n + (r.transferSize || 0), 0)});
    return;
  }
  if (performance.now() > 60000) { done({error: 'not settled after 60 s'}); return; }
  requestAnimationFrame(tick);
}
requestAnimationFrame(tick);
"""

OPTION = ".dash-dropdown-option"
DROPDOWNS = ("filter-journey", "filter-persona", "filter-channel", "filter-department")


def changes(count: int) -> list[tuple[str, int]]:
    """The filter changes to make: (dropdown id, or 'preset' / 'reset', option index).

    A selection, then the reset, in turn, so the filters never narrow to nothing."""
    out: list[tuple[str, int]] = []
    picks = [(d, i) for i in range(3) for d in DROPDOWNS]
    k = 0
    while len(out) < count:
        if k % 5 == 4:
            out.append(("preset", (k // 5) % 4))
        else:
            dropdown, index = picks[k % len(picks)]
            out.append((dropdown, index))
        if len(out) < count:
            out.append(("reset", 0))
        k += 1
    return out[:count]


def _driver():
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                "--disable-dev-shm-usage"):
        options.add_argument(arg)
    binary = os.environ.get("CXDASH_CHROMIUM")
    if binary:
        options.binary_location = binary
    driver = webdriver.Chrome(options=options)
    driver.set_script_timeout(90)
    return driver


def sign_in(driver, base: str, main: str = "kpi-nps") -> float:
    """Sign in as the benchmark's admin; return seconds from submitting to the settled
    overview."""
    from selenium.webdriver.common.by import By

    driver.get(base + "/login")
    driver.find_element(By.ID, "username").send_keys(USER)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    started = time.perf_counter()
    driver.find_element(By.ID, "login-submit").click()
    for _ in range(200):
        if "/login" not in driver.current_url:
            break
        time.sleep(0.05)
    driver.execute_async_script(SETTLED_AFTER_LOAD, main)
    return time.perf_counter() - started


def change(driver, kind: str, index: int) -> dict:
    """Make one filter change and return its timings."""
    from selenium.webdriver.common.by import By

    if kind == "reset":
        return driver.execute_async_script(CLICK_AND_SETTLE, "#filter-reset", None)
    if kind == "preset":
        buttons = driver.find_elements(By.CSS_SELECTOR, ".period-preset")
        text = buttons[index % len(buttons)].text.strip()
        return driver.execute_async_script(CLICK_AND_SETTLE, ".period-preset", text)
    driver.find_element(By.ID, kind).click()  # open the dropdown (not timed)
    time.sleep(0.15)
    options = driver.find_elements(By.CSS_SELECTOR, OPTION)
    if not options:
        return {"error": f"no options in {kind}"}
    text = options[index % len(options)].text.strip()
    return driver.execute_async_script(CLICK_AND_SETTLE, OPTION, text)


def split(result: dict) -> dict:
    """Requests, bytes and the before / server / network / render split of one change."""
    reqs = result.get("requests") or []
    if not reqs:
        return {"settle": result["settle"], "requests": 0, "decoded": 0, "transferred": 0,
                "before": result["settle"], "server": 0.0, "network": 0.0, "render": 0.0}
    first = min(r["start"] for r in reqs)
    last = max(r["end"] for r in reqs)
    server = max(r["first_byte"] - r["request"] for r in reqs)
    return {"settle": result["settle"], "requests": len(reqs),
            "decoded": sum(r["decoded"] for r in reqs),
            "transferred": sum(r["transferred"] for r in reqs),
            "before": first, "server": server, "network": max(0.0, last - first - server),
            "render": max(0.0, result["settle"] - last)}


def summarise(samples: list[dict]) -> dict:
    settles = [s["settle"] for s in samples]

    def median(key):
        return statistics.median(s[key] for s in samples) if samples else float("nan")

    return {"changes": len(samples), "p50_ms": percentile(settles, 0.5),
            "p95_ms": percentile(settles, 0.95), "requests": median("requests"),
            "decoded_kb": median("decoded") / 1024, "transferred_kb": median("transferred") / 1024,
            "before_ms": median("before"), "server_ms": median("server"),
            "network_ms": median("network"), "render_ms": median("render")}


def measure_views(base: str, views: dict[str, tuple[str, str]], count: int,
                  passes: int) -> dict:
    """First load and ``count`` filter changes per view; with passes=2 the second pass
    (the same changes again) is what is reported, as 'seen before'."""
    driver = _driver()
    try:
        out = {"sign_in_s": sign_in(driver, base), "views": {}}
        for name, (path, main) in views.items():
            driver.get(base + path)
            load = driver.execute_async_script(SETTLED_AFTER_LOAD, main)
            samples, errors = [], []
            for p in range(passes):
                samples = []
                for kind, index in changes(count):
                    result = change(driver, kind, index)
                    if "error" in result:
                        errors.append(result["error"])
                        continue
                    samples.append(split(result))
                if p + 1 < passes:
                    driver.get(base + path)
                    driver.execute_async_script(SETTLED_AFTER_LOAD, main)
            out["views"][name] = {"first_load_ms": load.get("settle"), "fcp_ms": load.get("fcp"),
                                  "load_requests": load.get("requests"),
                                  "load_kb": (load.get("transferred") or 0) / 1024,
                                  **summarise(samples), "errors": errors[:3]}
            print(f"browser: {name} {out['views'][name]['p95_ms']:.0f} ms p95", file=sys.stderr)
        return out
    finally:
        driver.quit()


def ensure_user(url: str) -> None:
    """The benchmark's own admin account, with a known password (before the server runs:
    DuckDB has one writing process)."""
    from data import accounts
    from data.store import Store

    store = Store(url)
    try:
        if accounts.get_user(store, USER) is None:
            accounts.add_user(store, USER, "admin", PASSWORD, actor="bench")
        else:
            accounts.set_password(store, USER, PASSWORD, actor="bench")
    finally:
        store.engine.dispose()


def serve(url: str, cache: str, port: int) -> subprocess.Popen:
    """The app as the Procfile starts it, with the benchmark's account."""
    ensure_user(url)
    env = {**os.environ, "CXDASH_DATABASE_URL": url, "CXDASH_ADMIN_PASSWORD": PASSWORD,
           "CXDASH_LANGUAGE": "en", "CXDASH_CACHE_URL": cache, "PORT": str(port)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--threads", "8", "--timeout",
         "120", "--bind", f"127.0.0.1:{port}", "dashboard.wsgi:server"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_healthy(f"http://127.0.0.1:{port}", 60)
    return proc


def bench_views() -> dict[str, tuple[str, str]]:
    """View name -> (path, the id of its main output)."""
    from dashboard import pages

    return {name: (path, output.split(".")[0])
            for name, (path, output) in pages.bench_views().items()}


SETTINGS = {"cold": ("none", 1), "seen_before": ("memory", 2)}  # server cache, passes


def run(url: str, count: int = 20, views: dict[str, tuple[str, str]] | None = None,
        settings: tuple[str, ...] = tuple(SETTINGS)) -> dict:
    """Cold and seen-before browser timings of every view (or of ``views``) on the
    database at ``url``."""
    views = views or bench_views()
    report = {}
    for label in settings:
        cache, passes = SETTINGS[label]
        port = free_port()
        proc = serve(url, cache, port)
        try:
            report[label] = measure_views(f"http://127.0.0.1:{port}", views, count, passes)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return report


def table(by_size: dict[str, dict]) -> str:
    """The browser table of docs/performance.md."""
    lines = ["| size | view | first load | change p50 | change p95 | seen before p95 | "
             "requests | decoded | before | server | network | render |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for size, report in by_size.items():
        cold = report.get("cold", {}).get("views", {})
        warm = report.get("seen_before", {}).get("views", {})
        for view, c in (cold or warm).items():
            w = warm.get(view, {})
            lines.append(
                f"| {size} | {view} | {c['first_load_ms']:.0f} ms | {c['p50_ms']:.0f} ms | "
                f"{c['p95_ms']:.0f} ms | {w.get('p95_ms', float('nan')):.0f} ms | "
                f"{c['requests']:.0f} | {c['decoded_kb']:.0f} KB | {c['before_ms']:.0f} ms | "
                f"{c['server_ms']:.0f} ms | {c['network_ms']:.0f} ms | {c['render_ms']:.0f} ms |")
        first = next(iter(report.values()))
        lines.append(f"| {size} | sign-in → overview settled | "
                     f"{first['sign_in_s'] * 1000:.0f} ms | | | | | | | | | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="a database to measure (default: a fresh "
                        "demo of --responses responses)")
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--changes", type=int, default=20, help="filter changes per view")
    parser.add_argument("--views", help="comma-separated view names (default: every view "
                        "of the page registry's benchmark entries)")
    parser.add_argument("--settings", default=",".join(SETTINGS),
                        help=f"comma-separated, of {', '.join(SETTINGS)}")
    parser.add_argument("--out", default=str(ROOT / "bench-results" / "browser.json"))
    args = parser.parse_args(argv)
    views = bench_views()
    if args.views:
        unknown = set(args.views.split(",")) - set(views)
        if unknown:
            parser.error(f"unknown view {sorted(unknown)}; use {', '.join(views)}")
        views = {k: v for k, v in views.items() if k in args.views.split(",")}
    settings = tuple(s for s in args.settings.split(",") if s)
    if set(settings) - set(SETTINGS):
        parser.error(f"--settings: use {', '.join(SETTINGS)}")
    url = args.database_url
    if not url:
        from bench.run import build_database

        url = f"duckdb:///{Path(tempfile.mkdtemp(prefix='cxdash-browser-')) / 'demo.duckdb'}"
        build_database(url, args.responses)
    report = run(url, args.changes, views, settings)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2))
    print(table({"this database": report}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
