"""``cxdash demo --replace`` is all or nothing: a failure (or a kill) half-way through
loading leaves the data that was there before."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from dashboard import cli
from data import demo, schema
from data.store import Store


def _counts(url: str) -> tuple[int, int]:
    store = Store(url)
    try:
        with store.connect() as conn:
            return tuple(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                         for t in (schema.survey_responses, schema.import_batches))
    finally:
        store.dispose()


def test_a_replace_that_fails_half_way_leaves_the_old_data(tmp_path, monkeypatch):
    url = f"duckdb:///{tmp_path / 'demo.duckdb'}"
    assert cli.main(["--database-url", url, "demo", "--responses", "1000", "--seed", "3"]) == 0
    before = _counts(url)
    real, calls = demo.commit, []

    def dies_after_the_audits(store, kind, *args, **kwargs):
        calls.append(kind)
        if kind == "survey":  # the wipe, the catalog and the audits are written by now
            raise KeyboardInterrupt("killed")
        return real(store, kind, *args, **kwargs)

    monkeypatch.setattr(demo, "commit", dies_after_the_audits)
    with pytest.raises(KeyboardInterrupt):
        cli.main(["--database-url", url, "demo", "--replace", "--responses", "2000"])
    assert calls == ["catalog", "audit", "survey"]
    assert _counts(url) == before

    monkeypatch.setattr(demo, "commit", real)
    assert cli.main(["--database-url", url, "demo", "--replace", "--responses", "2000"]) == 0
    after = _counts(url)
    assert after[0] == 2000 and after[1] == 4


def test_a_replace_killed_with_sigkill_leaves_the_old_data(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    url = f"duckdb:///{tmp_path / 'demo.duckdb'}"
    assert cli.main(["--database-url", url, "demo", "--responses", "1000"]) == 0
    before = _counts(url)
    child = subprocess.Popen([sys.executable, "-m", "dashboard.cli", "--database-url", url,
                              "demo", "--replace", "--responses", "300000"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3)  # the wipe is done, the load is under way
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert _counts(url) == before
