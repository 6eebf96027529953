"""The benchmark runs end to end at a tiny size, so it cannot rot. It asserts that every
figure is produced, not how fast anything is: speed is measured by `make bench`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_benchmark_produces_every_figure(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "bench.run", "--sizes", "10k", "--combos", "2", "--clients", "2",
         "--seconds", "1", "--import-rows", "500", "--postgres", "", "--soak-minutes", "0.1",
         "--browser-changes", "0",
         "--out", str(tmp_path)],
        cwd=ROOT, check=True, capture_output=True, timeout=600,
    )
    report = json.loads((tmp_path / "latest.json").read_text())
    entry = report["sizes"]["10k"]
    for setting in ("cold", "warm"):
        for view in ("overview", "journey", "heatmaps", "benchmark", "atlas", "touchpoint"):
            assert entry[setting][view]["errors"] == 0
            assert entry[setting][view]["p95_ms"] > 0
    assert entry["floor"]["raw_sql_p95_ms"] > 0 and entry["floor"]["naive_p95_ms"] > 0
    assert entry["gunicorn"]["requests"] > 0 and entry["gunicorn"]["errors"] == 0
    assert entry["gunicorn"]["first_load_kb"] > 100  # scripts and styles were counted
    assert report["import"]["canonical_ok"] and report["import"]["qualtrics_ok"]
    assert report["import"]["qualtrics_preset"] == "qualtrics"
    soak = report["soak"]
    assert soak["requests"] > 0 and soak["errors"] == 0 and soak["rss_peak_mb"] > 0


def test_browser_benchmark_times_a_filter_change_and_its_requests(tmp_path):
    from bench import browser
    from bench.run import build_database

    url = f"duckdb:///{tmp_path / 'demo.duckdb'}"
    build_database(url, 2_000, actions=50)
    report = browser.run(url, 3, views={"overview": browser.bench_views()["overview"]},
                         settings=("cold",))
    view = report["cold"]["views"]["overview"]
    assert view["errors"] == [] and view["changes"] == 3
    assert 0 < view["p50_ms"] <= view["p95_ms"]
    assert view["first_load_ms"] > 0 and view["requests"] >= 1 and view["decoded_kb"] > 0
    assert view["server_ms"] > 0
    assert report["cold"]["sign_in_s"] > 0
    assert "| overview |" in browser.table({"2k": report})
