"""The performance benchmark: ``make bench`` (or ``python -m bench.run --help``).

For each size it builds a fresh demo database, then measures in separate processes:
callback server time per filter change through Dash's own endpoint (cold: no cache; warm:
cache on), the raw-SQL floor and a naive pandas baseline for the same aggregate, import
throughput (canonical CSV and a Qualtrics-format export), the serving process's peak RSS,
first-page and figure payloads, and the app under gunicorn (as the Procfile starts it) with
concurrent clients on loopback. It prints a table and writes JSON and docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "10M": 10_000_000}
ACTIONS = 10_000  # the action backlog every size is measured with

def _views() -> dict[str, tuple[str, str]]:
    """view: (path, the output that names its main callback), from the page registry."""
    from dashboard import pages

    return pages.bench_views()


VIEWS = _views()
JOURNEYS = ["vertrag", "umzug", "stoerung", "rechnung"]
PERSONAS = ["familie", "student", "senior", "homeoffice", "oeko"]
CHANNELS = ["online", "email", "telefon", "pos", "print"]
DEPARTMENTS = ["VT", "KS", "TS", "AB", "MK", "IT"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def random_searches(n: int, seed: int = 7) -> list[str]:
    """Random filter combinations as URL query strings, as people click them."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        params = []
        if rng.random() < 0.6:
            params.append("journey=" + rng.choice(JOURNEYS))
        if rng.random() < 0.3:
            params.append("persona=" + rng.choice(PERSONAS))
        if rng.random() < 0.3:
            params.append("channel=" + ",".join(rng.sample(CHANNELS, rng.randint(1, 2))))
        if rng.random() < 0.3:
            params.append("department=" + rng.choice(DEPARTMENTS))
        weeks = rng.choice([4, 4, 8, 13, 26, 52])
        end_day = rng.randint(0, 60)
        end = time.strftime("%Y-%m-%d", time.gmtime(
            time.mktime((2026, 11, 15, 0, 0, 0, 0, 0, 0)) - end_day * 86400))
        start = time.strftime("%Y-%m-%d", time.gmtime(
            time.mktime((2026, 11, 15, 0, 0, 0, 0, 0, 0)) - (end_day + 7 * weeks - 1) * 86400))
        params += [f"from={start}", f"to={end}"]
        out.append("?" + "&".join(params))
    return out


# --- one measuring process per database and cache setting --------------------------


def _callback_body(app, output: str, search: str, pathname: str) -> dict:
    spec = app.callback_map[output]

    def value(dep):
        if dep["id"] == "url":
            return search if dep["property"] == "search" else pathname
        if dep["id"] == "lang":
            return "en"
        if dep["id"] == "touchpoint-key":
            return pathname.rsplit("/", 1)[-1]
        return None

    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]}
               for o in output.strip(".").split("...")]
    return {
        "output": output,
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [{**d, "value": value(d)} for d in spec["inputs"]],
        "state": [{**d, "value": value(d)} for d in spec["state"]],
        "changedPropIds": ["url.search"],
    }


def bench_headers(store) -> dict[str, str]:
    """Sign the benchmark's clients in: a viewer account with a fresh API token."""
    from data import accounts

    if accounts.get_user(store, "bench") is None:
        accounts.add_user(store, "bench", "viewer", None, actor="bench")
    return {"Authorization": "Bearer " + accounts.create_token(store, "bench", actor="bench")}


def measure_callbacks(url: str, cache: str, searches: list[str]) -> dict:
    """Time each view's main callback through /_dash-update-component (server time)."""
    from dashboard.app import create_app, settle_for_serving
    from dashboard.config import Config

    app = create_app(Config.from_env({}, database_url=url, cache_url=cache, language="en"))
    settle_for_serving()  # as the server does (dashboard/wsgi.py)
    client = app.server.test_client()
    headers = bench_headers(app.server.extensions["cxdash"]["store"])
    store = app.server.extensions["cxdash"]["store"]
    statements = _record_statements(store) if cache == "none" else None
    keys = {}
    for view, (_, needle) in VIEWS.items():
        keys[view] = next(k for k in app.callback_map if needle in k.strip(".").split("..."))
    result = {}
    for view, (path, _) in VIEWS.items():
        times, sizes, errors, calls = [], [], 0, []
        passes = 2 if cache != "none" else 1  # warm: a first pass fills the cache
        for p in range(passes):
            for search in searches:
                body = _callback_body(app, keys[view], search, path)
                if statements is not None:
                    statements.clear()
                started = time.perf_counter()
                response = client.post("/_dash-update-component", json=body, headers=headers)
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    errors += 1
                if p == passes - 1:
                    times.append(elapsed)
                    sizes.append(len(response.data))
                    if statements is not None:
                        calls.append(list(statements))
        result[view] = {"p50_ms": 1000 * percentile(times, 0.5),
                        "p95_ms": 1000 * percentile(times, 0.95),
                        "errors": errors, "response_kb": statistics.mean(sizes) / 1024}
        if calls:
            result[view].update(_sql_floor(store, calls, times))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _record_statements(store) -> list:
    """Remember every query the store runs (the view's own SQL, for its floor)."""
    statements, real = [], store.read_sql

    def read_sql(query, params=None):
        statements.append((query, params))
        return real(query, params)

    store.read_sql = read_sql
    return statements


def _sql_floor(store, calls: list[list], times: list[float]) -> dict:
    """Run each call's queries again as raw SQL, one after the other, on the driver's own
    connection (no SQLAlchemy, no pandas, no Python KPIs): the least a view can cost
    without reading less. Returns p50/p95 of that and of the callback time per call
    minus it (what Python, Dash and JSON add)."""
    floors = []
    raw = store.engine.raw_connection()
    try:
        for queries_of_call in calls:
            compiled = [q.compile(dialect=store.engine.dialect,
                                  compile_kwargs={"render_postcompile": True})
                        for q, _ in queries_of_call]
            started = time.perf_counter()
            for c, (_, params) in zip(compiled, queries_of_call, strict=True):
                if store.is_duckdb:
                    values = [c.params[name] for name in c.positiontup or ()]
                    raw.driver_connection.execute(c.string, values).fetchall()
                else:
                    cursor = raw.cursor()
                    cursor.execute(c.string, {**c.params, **(params or {})})
                    cursor.fetchall()
                    cursor.close()
            floors.append(time.perf_counter() - started)
    finally:
        raw.close()
    overhead = [t - f for t, f in zip(times, floors, strict=True)]
    return {"sql_floor_p50_ms": 1000 * percentile(floors, 0.5),
            "sql_floor_p95_ms": 1000 * percentile(floors, 0.95),
            "python_p50_ms": 1000 * percentile(overhead, 0.5),
            "queries_per_call": statistics.mean(len(c) for c in calls)}


def measure_floor_and_naive(url: str, searches: list[str]) -> dict:
    """The overview's survey aggregate as one raw SQL query, and the tutorial approach:
    the whole table in pandas, filtered in every call."""
    import pandas as pd
    import sqlalchemy as sa

    from callbacks.filters import filters_from_search
    from data import queries
    from data.store import Store

    store = Store(url)
    raw_times = []
    with store.connect() as conn:
        for search in searches:
            f = filters_from_search(store, search)
            query = queries._survey_query(f, ())
            started = time.perf_counter()
            conn.execute(query).fetchall()
            raw_times.append(time.perf_counter() - started)
    started = time.perf_counter()
    frame = store.read_sql(sa.select(queries.sr, queries.tp.c.journey_key.label("tp_journey"))
                           .select_from(queries.sr.outerjoin(
                               queries.tp, queries.tp.c.key == queries.sr.c.touchpoint_key)))
    load_s = time.perf_counter() - started
    naive_times = []
    for search in searches:
        f = filters_from_search(store, search)
        started = time.perf_counter()
        part = frame
        if f.journeys:
            journey = part["journey_key"].fillna(part["tp_journey"])
            part = part[journey.isin(f.journeys)]
        if f.personas:
            part = part[part["persona_key"].isin(f.personas)]
        dates = pd.to_datetime(part["date"])
        part = part[(dates >= pd.Timestamp(f.date_from)) & (dates <= pd.Timestamp(f.date_to))]
        nps = part[part["metric"] == "nps"]["score"]
        _ = (100 * ((nps >= 9).mean() - (nps <= 6).mean())) if len(nps) else None
        naive_times.append(time.perf_counter() - started)
    return {"raw_sql_p50_ms": 1000 * percentile(raw_times, 0.5),
            "raw_sql_p95_ms": 1000 * percentile(raw_times, 0.95),
            "naive_p50_ms": 1000 * percentile(naive_times, 0.5),
            "naive_p95_ms": 1000 * percentile(naive_times, 0.95),
            "naive_load_s": load_s}


def measure_import(url: str, rows: int) -> dict:
    """End-to-end import throughput of a canonical CSV and a Qualtrics-format export."""
    import numpy as np
    import pandas as pd

    from data.ingest import import_file
    from data.store import Store

    store = Store(url)
    rng = np.random.default_rng(3)
    days = pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 300, rows), unit="D")
    frame = pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "score": rng.integers(0, 11, rows),
                          "response_id": np.char.add("BENCH", np.arange(rows).astype("U9")),
                          "touchpoint": rng.choice(["st-hotline", "vt-bestellstrecke"], rows)})
    canonical = frame.to_csv(index=False).encode()
    started = time.perf_counter()
    first = import_file(store, canonical, "nps", file_name="bench.csv")
    canonical_s = time.perf_counter() - started
    q = frame.rename(columns={"date": "RecordedDate", "score": "Q1", "response_id": "ResponseId",
                              "touchpoint": "touchpoint"})
    q["ResponseId"] = "Q" + q["ResponseId"]
    q["Q1_NPS_GROUP"] = np.where(q["Q1"] >= 9, 3, np.where(q["Q1"] >= 7, 2, 1))
    names = ",".join(q.columns)
    imports = ",".join(f'"{{""ImportId"":""{c}""}}"' for c in q.columns)
    qualtrics = ("\ufeff" + names + "\n" + names + "\n" + imports + "\n").encode() + \
        q.to_csv(index=False, header=False).encode()
    started = time.perf_counter()
    second = import_file(store, qualtrics, "nps", file_name="bench-qualtrics.csv")
    qualtrics_s = time.perf_counter() - started
    return {"rows": rows, "canonical_ok": first.ok, "canonical_s": canonical_s,
            "canonical_rows_per_s": rows / canonical_s, "qualtrics_ok": second.ok,
            "qualtrics_preset": second.preset, "qualtrics_s": qualtrics_s,
            "qualtrics_rows_per_s": rows / qualtrics_s}


# Every metric and detector on every touchpoint: more rules than any deployment's defaults.
BENCH_RULES = (("audit", "below_target"), ("audit", "drop"), ("audit", "drift"),
               ("nps", "drop"), ("nps", "drift"), ("ces", "drop"), ("ces", "drift"),
               ("csat", "drop"), ("csat", "drift"), ("conversion", "drop"),
               ("conversion", "drift"))


def measure_alerts(url: str, import_rows: int = 0) -> dict:
    """Alert evaluation after an import: ``import_rows`` NPS responses are imported first
    (a new data version, so nothing is cached; the import itself evaluates once, as in the
    app), then every rule of BENCH_RULES on every touchpoint is evaluated three times, each
    on a fresh store, as ``after_change`` does."""
    import numpy as np
    import pandas as pd

    from data.accounts import User
    from data.alerts import evaluate, rules
    from data.ingest import import_file
    from data.store import Store

    store = Store(url)
    admin = User("bench", "admin")
    for metric, kind in BENCH_RULES:
        rules.add(store, admin, "all", None, metric, kind)
    import_s = 0.0
    if import_rows:
        rng = np.random.default_rng(11)
        days = pd.Timestamp("2026-06-01") + pd.to_timedelta(
            rng.integers(0, 150, import_rows), unit="D")
        frame = pd.DataFrame({
            "date": days.strftime("%Y-%m-%d"), "score": rng.integers(0, 11, import_rows),
            "response_id": np.char.add("ALERT", np.arange(import_rows).astype("U9")),
            "touchpoint": rng.choice(["st-hotline", "vt-bestellstrecke"], import_rows)})
        started = time.perf_counter()
        result = import_file(store, frame.to_csv(index=False).encode(), "nps",
                             file_name="bench-alerts.csv")
        import_s = time.perf_counter() - started
        if not result.ok:
            raise RuntimeError(f"the benchmark's import failed: {result.problems[:3]}")
    times, raised = [], 0
    for _ in range(3):
        fresh = Store(url)
        started = time.perf_counter()
        raised += len(evaluate.run(fresh, dry_run=True))
        times.append(time.perf_counter() - started)
        fresh.dispose()
    store.dispose()
    return {"rules": len(BENCH_RULES), "median_s": statistics.median(times),
            "max_s": max(times), "alerts_per_run": raised // 3,
            "import_rows": import_rows, "import_s": import_s}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(base: str, seconds: float = 20) -> None:
    """Wait until a starting server answers /healthz (or the time is up)."""
    for _ in range(int(seconds / 0.2)):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.2)


def measure_gunicorn(url: str, clients: int, seconds: float, searches: list[str]) -> dict:
    """Serve as the Procfile does, then let `clients` threads change filters on loopback
    for `seconds` (bounded), and measure the first page load's transferred bytes."""
    from dashboard.app import create_app
    from dashboard.config import Config

    port = free_port()
    procfile = (ROOT / "Procfile").read_text().split("web:", 1)[1].strip()
    command = procfile.replace("${PORT:-8050}", str(port)).replace("0.0.0.0", "127.0.0.1")
    # As deployed: the default cache.
    env = _default_env(url)
    from data.store import Store

    store = Store(url)
    headers = bench_headers(store)
    store.dispose()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen([gunicorn, *shlex.split(command)[1:]], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base)
        payload = _first_page_bytes(base, headers)
        app = create_app(Config.from_env({}, database_url="duckdb:///:memory:",
                                         cache_url="none"))
        key = next(k for k in app.callback_map if "kpi-nps.children" in k.strip(".").split("..."))
        bodies = [json.dumps(_callback_body(app, key, s, "/")).encode() for s in searches]
        latencies, errors, stop = [], [0], time.time() + seconds
        lock = threading.Lock()

        def client(i):
            n = i
            while time.time() < stop:
                request = urllib.request.Request(base + "/_dash-update-component",
                                                 data=bodies[n % len(bodies)],
                                                 headers={"Content-Type": "application/json",
                                                          **headers})
                started = time.perf_counter()
                try:
                    urllib.request.urlopen(request, timeout=30).read()
                    ok = True
                except OSError:
                    ok = False
                with lock:
                    latencies.append(time.perf_counter() - started)
                    errors[0] += 0 if ok else 1
                n += clients

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        rss = _rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return {"clients": clients, "seconds": seconds, "requests": len(latencies),
            "throughput_rps": len(latencies) / seconds, "p95_ms": 1000 * percentile(latencies, 0.95),
            "errors": errors[0], "server_rss_mb": rss, "first_load_kb": payload / 1024}


def _default_env(url: str, cache_mb: float | None = None) -> dict[str, str]:
    """The server's environment as deployed: this database, every cache setting default
    (but the memory cache's size when given, to watch it evict within a short soak)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CXDASH_CACHE")}
    if cache_mb:
        env["CXDASH_CACHE_MB"] = str(int(cache_mb))
    return {**env, "CXDASH_DATABASE_URL": url}


# The soak's views: path and the output that names the view's main callback.
SOAK_VIEWS = {**VIEWS, "personas": ("/personas", "persona-cards.children"),
              "mine": ("/mine", "mine-table.children")}
SOAK_EXPORTS = ("data.csv", "data-de.csv", "data.xlsx")


def measure_soak(url: str, clients: int, minutes: float, cache_mb: float = 0,
                 seed: int = 11) -> dict:
    """Serve as the Procfile does with the default cache, and let `clients` threads pick
    random filters over every view and the CSV/XLSX exports for `minutes`: requests per
    second and p95 per minute, errors, and the server's RSS sampled every 10 s. A cache
    that degrades with its size shows as a slower last minute than first."""
    from dashboard.app import create_app
    from dashboard.config import Config
    from data.store import Store

    port = free_port()
    procfile = (ROOT / "Procfile").read_text().split("web:", 1)[1].strip()
    command = procfile.replace("${PORT:-8050}", str(port)).replace("0.0.0.0", "127.0.0.1")
    store = Store(url)
    headers = bench_headers(store)
    store.dispose()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen([gunicorn, *shlex.split(command)[1:]], cwd=ROOT,
                              env=_default_env(url, cache_mb), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    app = create_app(Config.from_env({}, database_url="duckdb:///:memory:", cache_url="none"))
    keys = {view: next(k for k in app.callback_map if needle in k.strip(".").split("..."))
            for view, (_, needle) in SOAK_VIEWS.items()}
    seconds = minutes * 60
    samples: list[tuple[float, float, bool]] = []  # (seconds since start, latency, ok)
    rss: list[tuple[float, float]] = []
    failures: dict[str, int] = {}
    lock = threading.Lock()
    try:
        wait_until_healthy(base, 60)
        start = time.time()
        stop = start + seconds

        def request_for(rng: random.Random) -> urllib.request.Request:
            search = random_searches(1, seed=rng.randrange(1 << 30))[0]
            view = rng.choice(list(SOAK_VIEWS))
            path = SOAK_VIEWS[view][0]
            if view == "mine":
                search += "&department=" + rng.choice(DEPARTMENTS)
            if rng.random() < 0.15:
                export = rng.choice(SOAK_EXPORTS)
                return urllib.request.Request(
                    f"{base}/export/{export}{search}&view={path}", headers=headers)
            body = json.dumps(_callback_body(app, keys[view], search, path)).encode()
            return urllib.request.Request(base + "/_dash-update-component", data=body,
                                          headers={"Content-Type": "application/json",
                                                   **headers})

        def client(i: int) -> None:
            rng = random.Random(seed * 1000 + i)
            while time.time() < stop:
                request = request_for(rng)
                at, started = time.time() - start, time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        response.read()
                    ok, why = True, ""
                except OSError as exc:
                    ok, why = False, f"{exc.__class__.__name__} {getattr(exc, 'code', '')}"
                with lock:
                    samples.append((at, time.perf_counter() - started, ok))
                    if not ok:
                        failures[why] = failures.get(why, 0) + 1

        def watch() -> None:
            while time.time() < stop:
                rss.append((time.time() - start, _rss_mb(server.pid)))
                time.sleep(10)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        threads.append(threading.Thread(target=watch))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        rss.append((time.time() - start, _rss_mb(server.pid)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    window = min(60.0, seconds / 2)

    def part(lo: float, hi: float) -> dict:
        inside = [latency for at, latency, _ in samples if lo <= at < hi]
        return {"requests": len(inside), "throughput_rps": len(inside) / max(hi - lo, 1e-9),
                "p95_ms": 1000 * percentile(inside, 0.95)}

    return {"clients": clients, "minutes": minutes, "cache_mb": cache_mb or "default",
            "requests": len(samples),
            "errors": sum(1 for *_, ok in samples if not ok), "failures": failures,
            "first": part(0, window), "last": part(seconds - window, seconds),
            "p95_ms": 1000 * percentile([latency for _, latency, _ in samples], 0.95),
            "rss_mb": [round(mb) for _, mb in rss],
            "rss_start_mb": rss[0][1] if rss else 0, "rss_peak_mb": max(mb for _, mb in rss),
            "rss_end_mb": rss[-1][1] if rss else 0}


def _rss_mb(pid: int) -> float:
    """Resident memory of gunicorn's master and workers."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _first_page_bytes(base: str, headers: dict[str, str]) -> int:
    """Bytes transferred (gzip) for the first page: HTML, layout, dependencies, assets."""
    import gzip
    import re

    def fetch(path):
        request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip",
                                                               **headers})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            gzipped = response.headers.get("Content-Encoding") == "gzip"
        return len(body), (gzip.decompress(body) if gzipped else body)

    total, html = fetch("/")
    for path in set(re.findall(r'(?:src|href)="(/[^"]+)"', html.decode("utf-8", "replace"))):
        total += fetch(path)[0]
    for path in ("/_dash-layout", "/_dash-dependencies"):
        total += fetch(path)[0]
    return total


# --- orchestration ---------------------------------------------------------------------


def _child(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.run", *args], cwd=ROOT, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cpu_reference() -> dict[str, float]:
    """How fast this machine was during the run, median of five: a pure-Python loop
    (5M steps) and a numpy sort of 2M floats (memory-bound, like DuckDB and pandas work).
    Shared virtual machines vary by half and more between hours, the memory-bound part most."""
    import numpy as np

    def loop():
        total = 0
        for i in range(5_000_000):
            total += i

    values = np.random.default_rng(1).random(2_000_000)
    out = {}
    for name, work in (("python_loop_s", loop), ("numpy_sort_s", lambda: np.sort(values))):
        times = []
        for _ in range(5):
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
        out[name] = statistics.median(times)
    return out


def build_database(url: str, responses: int, actions: int = ACTIONS) -> float:
    """A fresh demo database of ``responses`` responses and an action backlog."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dashboard.cli", "--database-url", url, "demo",
                    "--responses", str(responses), "--actions", str(actions)], cwd=ROOT,
                   check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def run(sizes: list[str], combos: int, clients: int, seconds: float, import_rows: int,
        postgres: str | None, out_dir: Path, soak_minutes: float = 10,
        soak_only: bool = False, soak_cache_mb: float = 0, browser_changes: int = 20) -> dict:
    searches_arg = str(combos)
    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "platform": platform.platform(), "cpu_reference": cpu_reference()},
              "combos": combos, "sizes": {}}
    work = Path(tempfile.mkdtemp(prefix="cxdash-bench-"))
    try:
        if soak_only:
            url = f"duckdb:///{work / f'{sizes[0]}.duckdb'}"
            build_database(url, SIZES[sizes[0]])
            report["soak"] = {"size": sizes[0], **_child(
                ["--measure", "soak", url, str(clients), str(soak_minutes), str(soak_cache_mb)])}
            sizes = []
        for size in sizes:
            url = f"duckdb:///{work / f'{size}.duckdb'}"
            entry = {"demo_load_s": build_database(url, SIZES[size])}
            entry["cold"] = _child(["--measure", "callbacks", url, "none", searches_arg])
            entry["warm"] = _child(["--measure", "callbacks", url, "memory", searches_arg])
            entry["floor"] = _child(["--measure", "floor", url, searches_arg])
            entry["gunicorn"] = _child(["--measure", "gunicorn", url, str(clients),
                                        str(seconds), searches_arg])
            entry["alerts"] = _child(["--measure", "alerts", url, str(import_rows)])
            if browser_changes > 0:
                from bench import browser

                entry["browser"] = browser.run(url, browser_changes)
            report["sizes"][size] = entry
            print(f"measured {size}", file=sys.stderr)
        if sizes and soak_minutes > 0:  # on the first size's database
            report["soak"] = {"size": sizes[0], **_child(
                ["--measure", "soak", f"duckdb:///{work / f'{sizes[0]}.duckdb'}",
                 str(clients), str(soak_minutes), str(soak_cache_mb)])}
            print("measured the soak", file=sys.stderr)
        if sizes:
            url = f"duckdb:///{work / 'import.duckdb'}"
            build_database(url, 1000)
            report["import"] = _child(["--measure", "import", url, str(import_rows)])
        if postgres and sizes:
            report["postgres"] = {}
            for size in [s for s in sizes if s != "100k"] or sizes:
                _reset_postgres(postgres)
                build_database(postgres, SIZES[size])
                report["postgres"][size] = {
                    "cold": _child(["--measure", "callbacks", postgres, "none", searches_arg]),
                    "warm": _child(["--measure", "callbacks", postgres, "memory",
                                    searches_arg]),
                }
            _reset_postgres(postgres)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report["machine"]["cpu_reference_end"] = cpu_reference()
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "latest.json").write_text(json.dumps(report, indent=2))
    return report


def _reset_postgres(url: str) -> None:
    import sqlalchemy as sa

    from data.store import normalise_url

    engine = sa.create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


def soak_table(soak: dict) -> str:
    """The soak as Markdown: first against last minute, errors, RSS."""
    first, last = soak["first"], soak["last"]
    cache = soak.get("cache_mb", "default")
    cache = f"{cache:g} MB" if isinstance(cache, (int, float)) else "of the default size"
    lines = [f"Soak on {soak['size']}: {soak['clients']} clients for {soak['minutes']:g} min, "
             f"memory cache {cache}, "
             f"{soak['requests']:,} requests, {soak['errors']} errors"
             + (f" ({soak['failures']})" if soak["failures"] else "") + ".", "",
             "| window | requests | req/s | p95 |", "|---|---:|---:|---:|"]
    for name, part in (("first minute", first), ("last minute", last)):
        lines.append(f"| {name} | {part['requests']:,} | {part['throughput_rps']:.1f} | "
                     f"{part['p95_ms']:.0f} ms |")
    lines += ["", f"Server RSS (master + worker): {soak['rss_start_mb']:.0f} MB at the start, "
                  f"{soak['rss_peak_mb']:.0f} MB peak, {soak['rss_end_mb']:.0f} MB at the end "
                  f"(every 10 s: {', '.join(str(v) for v in soak['rss_mb'])})."]
    return "\n".join(lines)


def table(report: dict) -> str:
    """Render the report as Markdown."""
    if not report["sizes"]:
        return soak_table(report["soak"]) if "soak" in report else ""
    machine = report.get("machine", {})
    lines = []
    for when in ("start", "end"):
        ref = machine.get("cpu_reference" if when == "start" else "cpu_reference_end")
        if ref:
            lines.append(f"Machine speed at the {when}: Python loop {ref['python_loop_s']:.3f} s, "
                         f"numpy sort {ref['numpy_sort_s']:.3f} s (medians of 5; lower is "
                         "faster).")
    lines += [""] if lines else []
    lines += ["| size | view | cold p50 | cold p95 | warm p50 | warm p95 | response | "
              "queries | SQL floor p95 | 1.5 × floor + 30 ms |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for size, entry in report["sizes"].items():
        for view in VIEWS:
            c, w = entry["cold"][view], entry["warm"][view]
            lines.append(f"| {size} | {view} | {c['p50_ms']:.0f} ms | {c['p95_ms']:.0f} ms | "
                         f"{w['p50_ms']:.0f} ms | {w['p95_ms']:.0f} ms | "
                         f"{c['response_kb']:.0f} KB | {_floor_cells(c)} |")
    lines += ["", "| size | raw SQL p95 | overview cold p95 | ratio | naive pandas p95 | "
              "speed-up | server RSS | concurrent clients: n, req/s, p95, errors | first load |",
              "|---|---:|---:|---:|---:|---:|---:|---|---:|"]
    for size, entry in report["sizes"].items():
        f, g = entry["floor"], entry["gunicorn"]
        cold = entry["cold"]["overview"]["p95_ms"]
        lines.append(
            f"| {size} | {f['raw_sql_p95_ms']:.0f} ms | {cold:.0f} ms | "
            f"{cold / max(f['raw_sql_p95_ms'], 0.001):.1f}× | {f['naive_p95_ms']:.0f} ms "
            f"(+{f['naive_load_s']:.1f} s load) | {f['naive_p95_ms'] / max(cold, 0.001):.1f}× | "
            f"{max(entry['cold']['peak_rss_mb'], g['server_rss_mb']):.0f} MB | "
            f"{g['clients']}, {g['throughput_rps']:.0f}, {g['p95_ms']:.0f} ms, {g['errors']} | "
            f"{g['first_load_kb']:.0f} KB |")
    for size, entry in report["sizes"].items():
        if "alerts" in entry:
            a = entry["alerts"]
            lines.append(f"Alert evaluation at {size} after importing "
                         f"{a.get('import_rows', 0):,} rows: {a['rules']} rules on every "
                         f"touchpoint, median {a['median_s']:.2f} s (max {a['max_s']:.2f} s), "
                         f"{a['alerts_per_run']} alerts.")
    imp = report.get("import")
    if imp:
        lines += ["", f"Import of {imp['rows']:,} rows: canonical CSV {imp['canonical_s']:.1f} s "
                      f"({imp['canonical_rows_per_s']:,.0f} rows/s), Qualtrics format "
                      f"{imp['qualtrics_s']:.1f} s ({imp['qualtrics_rows_per_s']:,.0f} rows/s)."]
    if report.get("postgres"):
        lines += ["", "| PostgreSQL | view | cold p50 | cold p95 | warm p50 | warm p95 | "
                  "queries | SQL floor p95 | 1.5 × floor + 30 ms |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for size, entry in report.get("postgres", {}).items():
        for view in VIEWS:
            c, w = entry["cold"][view], entry["warm"][view]
            lines.append(f"| {size} | {view} | {c['p50_ms']:.0f} ms | {c['p95_ms']:.0f} ms | "
                         f"{w['p50_ms']:.0f} ms | {w['p95_ms']:.0f} ms | {_floor_cells(c)} |")
    for size, entry in report.get("postgres", {}).items():
        worst_cold = max(v["p95_ms"] for k, v in entry["cold"].items() if k in VIEWS)
        worst_warm = max(v["p95_ms"] for k, v in entry["warm"].items() if k in VIEWS)
        lines.append(f"PostgreSQL {size}: worst view p95 {worst_cold:.0f} ms cold, "
                     f"{worst_warm:.0f} ms warm.")
    browsers = {size: e["browser"] for size, e in report["sizes"].items() if "browser" in e}
    if browsers:
        from bench import browser

        lines += ["", "In the browser (headless Chromium, from the click to the settled page):",
                  "", browser.table(browsers)]
    return "\n".join(lines)


def _floor_cells(cold: dict) -> str:
    if "sql_floor_p95_ms" not in cold:
        return " | | "
    return (f"{cold['queries_per_call']:.1f} | {cold['sql_floor_p95_ms']:.0f} ms | "
            f"{1.5 * cold['sql_floor_p95_ms'] + 30:.0f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--sizes", default="100k,1M", help="comma list of 10k, 100k, 1M, 10M")
    parser.add_argument("--combos", type=int, default=30, help="filter combinations per view")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--import-rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", default=os.environ.get("CXDASH_TEST_POSTGRES_URL"),
                        help="also measure PostgreSQL at this URL (its public schema is reset)")
    parser.add_argument("--soak-minutes", type=float, default=10,
                        help="the soak: Procfile gunicorn, default cache, --clients clients "
                             "over every view and export for this long (0: skip)")
    parser.add_argument("--soak-cache-mb", type=float, default=0,
                        help="the soak server's CXDASH_CACHE_MB (0: the default)")
    parser.add_argument("--browser-changes", type=int, default=20,
                        help="filter changes per view in headless Chromium (0: skip)")
    parser.add_argument("--soak-only", action="store_true",
                        help="run only the soak, on the first of --sizes")
    parser.add_argument("--out", default=str(ROOT / "bench-results"))
    parser.add_argument("--measure", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:  # a measuring child process
        what, url, *rest = args.measure
        if what == "callbacks":  # url cache combos
            result = measure_callbacks(url, rest[0], random_searches(int(rest[1])))
        elif what == "soak":  # url clients minutes cache_mb
            result = measure_soak(url, int(rest[0]), float(rest[1]), float(rest[2]))
        elif what == "floor":  # url combos
            result = measure_floor_and_naive(url, random_searches(int(rest[0])))
        elif what == "import":  # url rows
            result = measure_import(url, int(rest[0]))
        elif what == "alerts":  # url import_rows
            result = measure_alerts(url, int(rest[0]) if rest else 0)
        else:  # gunicorn: url clients seconds combos
            result = measure_gunicorn(url, int(rest[0]), float(rest[1]),
                                      random_searches(int(rest[2])))
        print(json.dumps(result))
        return 0
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown}; use {', '.join(SIZES)}")
    report = run(sizes, args.combos, args.clients, args.seconds, args.import_rows,
                 args.postgres, Path(args.out), args.soak_minutes, args.soak_only,
                 args.soak_cache_mb, args.browser_changes)
    print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
