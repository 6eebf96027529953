"""Browser tests run in headless Chromium via dash_duo; without a browser they are skipped."""

from __future__ import annotations

import os
import shutil

import pytest

from dashboard.app import create_app
from dashboard.config import Config
from data import demo
from data.store import Store
from tests.conftest import add_role_users

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which(
    "google-chrome")
DRIVER = shutil.which("chromedriver")
REQUIRE_ALL = os.environ.get("CXDASH_TEST_REQUIRE_ALL") == "1"


def pytest_collection_modifyitems(config, items):
    if (BROWSER and DRIVER) or REQUIRE_ALL:
        return  # CI (CXDASH_TEST_REQUIRE_ALL=1) runs them and fails loudly without a browser
    reason = "browser tests need chromium and chromedriver on PATH (apt-get install chromium " \
             "chromium-driver)"
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> str:
    """Return the URL of a DuckDB file with a small demo dataset (built once)."""
    url = f"duckdb:///{tmp_path_factory.mktemp('browser') / 'demo.duckdb'}"
    store = Store(url)
    store.upgrade()
    demo.load(store, responses=20_000)
    add_role_users(store, owner_department="KS")
    store.dispose()
    return url


@pytest.fixture
def demo_app(demo_db):
    return create_app(Config.from_env({}, database_url=demo_db, cache_url="none",
                                      language="en"))


@pytest.fixture(autouse=True)
def laptop_window(request):
    """Browse at 1366 × 900, the laptop size the views are designed for."""
    if "dash_duo" in request.fixturenames:
        request.getfixturevalue("dash_duo").driver.set_window_size(1366, 900)


@pytest.fixture
def catalog_app(tmp_path):
    """An app on a database holding only the small test catalog."""
    from pathlib import Path

    from data.ingest import import_file

    url = f"duckdb:///{tmp_path / 'catalog.duckdb'}"
    store = Store(url)
    store.upgrade()
    catalog = Path(__file__).parent.parent / "fixtures" / "canonical" / "catalog.xlsx"
    assert import_file(store, catalog.read_bytes(), "catalog").ok
    add_role_users(store)
    store.dispose()
    return create_app(Config.from_env({}, database_url=url, cache_url="none", language="en",
                                      upload_dir=str(tmp_path / "uploads")))
