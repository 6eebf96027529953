"""Whole view outputs cached by (view, arguments, data version): a repeated filter
combination is a cache lookup, and any import or undo makes every entry stale at once."""

from __future__ import annotations

import json

from dash._utils import to_json
from dash.development.base_component import Component

from data import queries
from data.store import Store


def cached_view(store: Store, view: str, update, *args):
    """Return update(store, *args), from the cache when the same view was asked before."""
    return queries.cached(store, f"view-{view}", list(args),
                          lambda: _plain(update(store, *args)))


def _plain(value):
    """Components as plain JSON-ready dicts (figures are dicts already): a cache hit then
    needs no walk through component objects to serialise them (≈ 3 ms for the overview);
    Dash's renderer takes both forms alike."""
    if isinstance(value, Component):
        return json.loads(to_json(value))
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    return value
