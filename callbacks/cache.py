"""Whole view outputs cached by (view, arguments, data version): a repeated filter
combination is a cache lookup, and any import or undo makes every entry stale at once."""

from __future__ import annotations

from data import queries
from data.store import Store


def cached_view(store: Store, view: str, update, *args):
    """Return update(store, *args), from the cache when the same view was asked before."""
    return queries.cached(store, f"view-{view}", list(args), lambda: update(store, *args))
