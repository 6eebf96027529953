"""The catalog as the workbook the import takes (export), and what a workbook import does
to the catalog's versions and to touchpoints that have actions."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from data import export, schema
from data.catalog import changes
from data.catalog.entries import read_entry
from data.catalog.rules import ENTITIES, REFERENCES, read_catalog
from data.ingest.canonical import CATALOG_COLUMNS
from data.ingest.problems import Note
from data.store import Store

RENAMED = {column: sheet for sheet, column, _ in REFERENCES}


def sheets(conn: sa.Connection) -> dict[str, pd.DataFrame]:
    """Every catalog table as its sheet of the import's workbook (same columns)."""
    catalog = read_catalog(conn)
    jp = schema.journey_personas
    pairs = pd.DataFrame(conn.execute(sa.select(jp.c.journey_key, jp.c.persona_key)).all(),
                         columns=["journey_key", "persona_key"])
    out = {}
    for entity in ENTITIES:
        required, optional = CATALOG_COLUMNS[entity]
        frame = catalog[entity].rename(columns=RENAMED)
        if entity == "journeys":
            frame["personas"] = [", ".join(sorted(pairs.loc[pairs["journey_key"] == k,
                                                            "persona_key"]))
                                 for k in frame["key"]]
        if "position" in frame.columns:
            frame = frame.sort_values(["position", "key"], na_position="last")
        else:
            frame = frame.sort_values("key")
        out[entity] = frame[[c for c in (*required, *optional) if c in frame.columns]]
    return out


def workbook(store: Store) -> bytes:
    """The catalog as an .xlsx workbook that the catalog import reads back unchanged."""
    with store.connect() as conn:
        tables = sheets(conn)
    return export.to_xlsx(tables, {"cxdash": "catalog"}, literal=True)


def kept_with_actions(store: Store, frames: dict[str, pd.DataFrame]) -> Note | None:
    """A note when a workbook leaves out touchpoints that have actions: the import never
    deletes an entry, so they stay (say so, as they may be missed)."""
    if "touchpoints" not in frames:
        return None
    listed = set(frames["touchpoints"]["key"])
    a, tp = schema.actions, schema.touchpoints
    with store.connect() as conn:
        keys = sorted(k for k in conn.execute(
            sa.select(a.c.touchpoint_key).distinct().join(tp, tp.c.key == a.c.touchpoint_key)
        ).scalars() if k not in listed)
    return Note("note.catalog_kept", n=len(keys), keys=", ".join(keys)) if keys else None


def entries(conn: sa.Connection, frames: dict[str, pd.DataFrame]) -> dict:
    """The stored entries a workbook's frames touch, (entity, key) -> entry or None."""
    return {(entity, key): read_entry(conn, entity, key)
            for entity in ENTITIES if entity in frames for key in frames[entity]["key"]}


def record_import(conn: sa.Connection, before: dict, actor: str, batch_id: int) -> None:
    """Version every entry a workbook import created or changed, like an editor change."""
    for (entity, key), old in before.items():
        new = read_entry(conn, entity, key)
        if new != old:
            changes.record(conn, actor, entity, key, "create" if old is None else "update",
                           old, new, {"batch": batch_id})

