"""The page registry is the one list of pages: the navbar, the router, the role checks,
the downloads and the benchmark all follow it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bench import run as bench
from callbacks import shell
from dashboard import auth, exports, pages
from layouts import shell as shell_layout


def _user(role: str):
    from data import accounts

    return SimpleNamespace(name=role, role=role, department_key=None,
                           can=lambda needed: accounts.RANK[role] >= accounts.RANK[needed])


def test_navbar_shows_the_registry_pages_each_role_may_open():
    entries = pages.navbar_entries()
    assert [p for p, _, _ in entries][:2] == ["/", "/journey"]
    viewer = str(shell_layout.navbar("en", _user("viewer"), True, entries))
    analyst = str(shell_layout.navbar("en", _user("analyst"), True, entries))
    for path, _, role in entries:
        assert (f"'page': '{path}'" in viewer) == (role is None)
        assert f"'page': '{path}'" in analyst


def test_router_serves_every_registered_page_and_checks_its_role(demo_store, monkeypatch):
    monkeypatch.setattr(auth, "current_user", lambda: _user("viewer"))
    for page in pages.PAGES:
        path = page.path + ("st-hotline" if page.prefix else "")
        out = str(shell.route(demo_store, path, "", "en"))
        refused = "id='forbidden'" in out
        assert refused == (page.role is not None), path
        assert "Page not found" not in out, path
    assert pages.find("/touchpoints/st-hotline").name == "touchpoint"
    assert pages.find("/touchpoints/a/b") is None and pages.find("/nowhere") is None


def test_role_checks_downloads_and_benchmark_read_the_registry(demo_store):
    assert auth.guarded_outputs() == {"data-": "analyst", "admin-": "admin",
                                      "action-form-": "owner", "audits-manage-": "analyst",
                                      "catalog-": "analyst", "workshop-screen-": "analyst"}
    assert bench.VIEWS == {p.bench[0]: p.bench[1:] for p in pages.PAGES if p.bench}
    assert {"overview", "heatmaps", "touchpoint"} <= set(bench.VIEWS)
    for page in pages.PAGES:
        if page.view is None:
            with pytest.raises(LookupError):
                exports.view_tables(demo_store, page.path, "", "en")
