"""Catalog entries read and written inside the caller's transaction (no checks here: the
callers in data.catalog.edit check roles, rules and uses first)."""

from __future__ import annotations

import sqlalchemy as sa

from data import schema
from data.catalog.rules import columns

jp = schema.journey_personas


def read_entry(conn: sa.Connection, entity: str, key: str) -> dict | None:
    """The entry as stored (a journey with its sorted persona keys), or None."""
    table = schema.CATALOG_TABLES[entity]
    row = conn.execute(sa.select(table).where(table.c.key == key)).mappings().first()
    if row is None:
        return None
    entry = dict(row)
    if entity == "journeys":
        entry["personas"] = sorted(conn.execute(
            sa.select(jp.c.persona_key).where(jp.c.journey_key == key)).scalars())
    return entry


def write_entry(conn: sa.Connection, entity: str, key: str, entry: dict | None) -> None:
    """Make the stored entry of the key this one (None: delete it)."""
    table = schema.CATALOG_TABLES[entity]
    exists = conn.execute(sa.select(table.c.key).where(table.c.key == key)).first() is not None
    if entity == "journeys":
        conn.execute(jp.delete().where(jp.c.journey_key == key))
    if entry is None:
        conn.execute(table.delete().where(table.c.key == key))
        return
    values = {c: entry.get(c) for c in columns(entity) if c != "personas"}
    if exists:
        conn.execute(table.update().where(table.c.key == key).values(values))
    else:
        conn.execute(table.insert().values(values))
    if entity == "journeys" and entry.get("personas"):
        conn.execute(jp.insert(), [{"journey_key": key, "persona_key": p}
                                   for p in entry["personas"]])
