"""Shared fixtures: fresh databases (DuckDB always, PostgreSQL when configured) and apps."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

from data.store import Store, normalise_url

POSTGRES_URL = os.environ.get("CXDASH_TEST_POSTGRES_URL", "")
REQUIRE_ALL = os.environ.get("CXDASH_TEST_REQUIRE_ALL") == "1"


def _skip_or_fail(reason: str) -> None:
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (CXDASH_TEST_REQUIRE_ALL=1: CI must not skip this)")
    pytest.skip(reason)


@pytest.fixture
def duckdb_url(tmp_path) -> str:
    return f"duckdb:///{tmp_path / 'test.duckdb'}"


@pytest.fixture
def postgres_url():
    """Yield a URL to a fresh, empty PostgreSQL schema, dropped afterwards."""
    if not POSTGRES_URL:
        _skip_or_fail("PostgreSQL tests need CXDASH_TEST_POSTGRES_URL")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(normalise_url(POSTGRES_URL))
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.dispose()


@pytest.fixture(params=["duckdb", "postgres"])
def db_url(request) -> str:
    """Run a test once on DuckDB and once on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def store(db_url):
    s = Store(db_url)
    s.upgrade()
    yield s
    s.dispose()


@pytest.fixture
def duck_store(duckdb_url):
    s = Store(duckdb_url)
    s.upgrade()
    yield s
    s.dispose()


# Accounts: one user per role, named after it, all with this password.
PASSWORD = "correct-horse-battery"


def add_role_users(store: Store, owner_department: str | None = None) -> None:
    """Create the users viewer, owner, analyst and admin (those that do not exist yet)."""
    from data import accounts

    for role in accounts.ROLES:
        if accounts.get_user(store, role) is None:
            accounts.add_user(store, role, role, PASSWORD,
                              owner_department if role == "owner" else None, actor="tests")


def sign_in(client, name: str, password: str = PASSWORD):
    """Sign a Flask test client in; return the client."""
    response = client.post("/login", data={"username": name, "password": password})
    assert response.status_code == 302, response.data[:300]
    return client


def analyst_database(url: str) -> str:
    """Give a database the test catalog and one user per role; return an analyst's token."""
    from pathlib import Path

    from data.accounts import create_token
    from data.ingest import import_file

    store = Store(url)
    store.upgrade()
    catalog = Path(__file__).parent / "fixtures" / "canonical" / "catalog.xlsx"
    assert import_file(store, catalog.read_bytes(), "catalog").ok
    add_role_users(store)
    token = create_token(store, "analyst", "nightly")
    store.dispose()
    return token
