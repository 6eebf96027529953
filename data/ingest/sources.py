"""Remembered import knowledge: saved sources (mappings) and label aliases."""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa

from data import queries, schema
from data.ingest.problems import Problem
from data.store import Store, bump_data_version

DIMENSION_TABLES = {"journey": "journeys", "touchpoint": "touchpoints", "persona": "personas",
                    "channel": "channels"}


def load(store: Store, name: str) -> dict | None:
    """Return a saved source (kind, preset, mapping, options) or None."""
    t = schema.import_sources
    with store.connect() as conn:
        row = conn.execute(sa.select(t).where(t.c.name == name)).mappings().first()
    if row is None:
        return None
    return {"name": row["name"], "kind": row["kind"], "preset": row["preset"],
            "mapping": json.loads(row["mapping"]), "options": json.loads(row["options"])}


def save(store: Store, name: str, kind: str, preset: str, mapping: dict, options: dict) -> None:
    """Create or replace a saved source."""
    t = schema.import_sources
    values = {"kind": kind, "preset": preset, "mapping": json.dumps(mapping, ensure_ascii=False),
              "options": json.dumps(options), "updated_at": dt.datetime.now(dt.UTC).replace(
                  tzinfo=None)}
    with store.begin() as conn:
        if conn.execute(sa.select(t.c.name).where(t.c.name == name)).first():
            conn.execute(t.update().where(t.c.name == name).values(values))
        else:
            conn.execute(t.insert().values(name=name, **values))


def list_sources(store: Store) -> list[dict]:
    t = schema.import_sources
    with store.connect() as conn:
        rows = conn.execute(sa.select(t).order_by(t.c.name)).mappings().all()
    return [dict(r) for r in rows]


def aliases(store: Store) -> dict[str, dict[str, str]]:
    """Return every saved alias as dimension -> {label: key}."""
    t = schema.label_aliases
    out: dict[str, dict[str, str]] = {}
    with store.connect() as conn:
        for row in conn.execute(sa.select(t)):
            out.setdefault(row.dimension, {})[row.label] = row.key
    return out


def check_aliases(store: Store, new: dict[str, dict[str, str]]) -> Problem | None:
    """Return the problem of the first alias whose dimension or key is unknown, or None."""
    if not new:
        return None
    catalog = queries.catalog(store)
    for dimension, labels in new.items():
        table = DIMENSION_TABLES.get(dimension)
        if table is None:
            return Problem.of("alias.unknown_dimension", dimensions=", ".join(DIMENSION_TABLES),
                              dimension=repr(dimension))
        keys = set(catalog[table]["key"])
        for label, key in labels.items():
            if key not in keys:
                return Problem.of("alias.unknown_key", key=repr(key), dimension=dimension,
                                  label=repr(label))
    return None


def save_aliases(store: Store, new: dict[str, dict[str, str]]) -> Problem | None:
    """Remember labels for catalog keys; return the problem if a dimension or key is
    unknown."""
    problem = check_aliases(store, new)
    if problem:
        return problem
    rows = [{"dimension": dimension, "label": label.strip(), "key": key}
            for dimension, labels in new.items() for label, key in labels.items()]
    t = schema.label_aliases
    with store.begin(exclusive=True) as conn:
        for row in rows:
            conn.execute(t.delete().where(t.c.dimension == row["dimension"],
                                          t.c.label == row["label"]))
            conn.execute(t.insert().values(row))
        bump_data_version(conn)  # cached resolutions must see the new aliases
    store.forget_version()
    return None
