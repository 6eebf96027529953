"""Integration fixtures: a demo database shared by the tests that only read it."""

from __future__ import annotations

import pytest

from data import demo
from data.store import Store


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    """Return a DuckDB store with 30,000 demo responses; tests must not write to it."""
    store = Store(f"duckdb:///{tmp_path_factory.mktemp('demo') / 'demo.duckdb'}")
    store.upgrade()
    demo.load(store, responses=30_000)
    yield store
    store.dispose()
