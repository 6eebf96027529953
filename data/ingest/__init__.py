"""Imports: read a file, validate every row, and write it in one transaction or not at all.

``import_file`` is the single entry point for the CLI, the web upload and the HTTP API.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from data import queries, schema
from data.ingest.canonical import validate_catalog, validate_facts
from data.ingest.problems import Problem, RejectedFile
from data.ingest.readers import read_table, read_workbook
from data.store import Store, bulk_insert, bump_data_version

KINDS = schema.BATCH_KINDS

__all__ = ["KINDS", "ImportResult", "Problem", "RejectedFile", "commit", "import_file", "undo"]


@dataclass
class ImportResult:
    """What an import did: its batch, rows written and skipped, and the problems if rejected."""

    batch_id: int | None = None
    rows_imported: int = 0
    rows_skipped: int = 0
    errors: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "batch_id": self.batch_id,
            "rows_imported": self.rows_imported,
            "rows_skipped": self.rows_skipped,
            "errors": [p.as_dict() for p in self.errors],
        }


def import_file(
    store: Store,
    content: bytes,
    kind: str,
    *,
    file_name: str = "",
    created_by: str | None = None,
    allow_duplicate: bool = False,
) -> ImportResult:
    """Validate and import one file; on any problem nothing is written."""
    if kind not in KINDS:
        return ImportResult(errors=[Problem(None, None, f"Unknown kind {kind!r}; use one of "
                                            + ", ".join(KINDS))])
    digest = hashlib.sha256(content).hexdigest()
    try:
        if not allow_duplicate:
            _refuse_repeat(store, digest, kind)
        catalog = queries.catalog(store)
        if kind == "catalog":
            frames, problems = validate_catalog(read_workbook(content), catalog)
            problems.raise_if_any()
            skipped = 0
        else:
            frame, skipped, problems = validate_facts(kind, read_table(content, file_name), catalog)
            problems.raise_if_any()
            frames = {kind: frame}
    except RejectedFile as rejected:
        return ImportResult(errors=rejected.problems)

    batch_id = commit(store, kind, frames, rows_skipped=skipped, file_name=file_name,
                      content_hash=digest, created_by=created_by)
    return ImportResult(batch_id=batch_id, rows_imported=row_count(frames), rows_skipped=skipped)


def row_count(frames: dict[str, pd.DataFrame]) -> int:
    """Count the rows an import writes (journey-persona links are part of their journeys)."""
    return sum(len(f) for name, f in frames.items() if name != "journey_personas")


def commit(
    store: Store,
    kind: str,
    frames: dict[str, pd.DataFrame],
    *,
    rows_skipped: int = 0,
    file_name: str = "",
    content_hash: str | None = None,
    created_by: str | None = None,
    preset: str = "canonical",
) -> int:
    """Write validated frames as one import batch in one transaction; return the batch id."""
    rows = row_count(frames)
    with store.begin() as conn:
        batch_id = conn.execute(
            schema.import_batches.insert()
            .values(
                kind=kind,
                file_name=file_name or None,
                content_hash=content_hash,
                preset=preset,
                created_by=created_by,
                created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                rows_imported=rows,
                rows_skipped=rows_skipped,
                status="committed",
            )
            .returning(schema.import_batches.c.id)
        ).scalar_one()
        if kind == "catalog":
            _upsert_catalog(conn, frames)
        else:
            frame = frames[kind]
            frame.insert(0, "batch_id", batch_id)
            bulk_insert(conn, schema.FACT_TABLES[kind], frame)
        bump_data_version(conn)
    return batch_id


def _refuse_repeat(store: Store, digest: str, kind: str) -> None:
    batches = schema.import_batches
    with store.connect() as conn:
        earlier = conn.execute(
            sa.select(batches.c.id, batches.c.created_at).where(
                batches.c.content_hash == digest,
                batches.c.kind == kind,
                batches.c.status == "committed",
                batches.c.kind != "catalog",
            )
        ).first()
    if earlier is not None:
        raise RejectedFile([Problem(None, None, (
            f"This file was already imported as batch {earlier.id} on "
            f"{earlier.created_at:%Y-%m-%d %H:%M}; importing it again would count every row "
            "twice. Undo that batch first, or import with --allow-duplicate."))])


def _upsert_catalog(conn, frames: dict[str, pd.DataFrame]) -> None:
    """Insert new keys and update existing ones with the columns the workbook has."""
    for name, frame in frames.items():
        if name == "journey_personas":
            continue
        table = schema.CATALOG_TABLES[name]
        existing = {r[0] for r in conn.execute(sa.select(table.c.key))}
        records = frame.astype(object).where(frame.notna(), None).to_dict("records")
        new = [r for r in records if r["key"] not in existing]
        old = [r for r in records if r["key"] in existing]
        if new:
            defaults = {"pain_point": False, "moment_of_truth": False} if name == "touchpoints" \
                else {}
            conn.execute(table.insert(), [{**defaults, **r} for r in new])
        for record in old:
            conn.execute(
                table.update().where(table.c.key == record["key"]).values(
                    {k: val for k, val in record.items() if k != "key"}
                )
            )
    pairs = frames.get("journey_personas")
    if pairs is not None and "journeys" in frames:
        jp = schema.journey_personas
        journeys = list(frames["journeys"]["key"])
        conn.execute(jp.delete().where(jp.c.journey_key.in_(journeys)))
        if not pairs.empty:
            conn.execute(jp.insert(), pairs.drop_duplicates().to_dict("records"))


def undo(store: Store, batch_id: int) -> int:
    """Delete the rows of a committed fact batch and mark it undone; return rows removed."""
    batches = schema.import_batches
    with store.begin() as conn:
        batch = conn.execute(sa.select(batches).where(batches.c.id == batch_id)).first()
        if batch is None:
            raise LookupError(f"There is no import batch {batch_id}.")
        if batch.status != "committed":
            raise ValueError(f"Batch {batch_id} is already {batch.status}.")
        if batch.kind == "catalog":
            raise ValueError("A catalog import cannot be undone; import the previous workbook.")
        table = schema.FACT_TABLES[batch.kind]
        removed = conn.execute(table.delete().where(table.c.batch_id == batch_id)).rowcount
        conn.execute(batches.update().where(batches.c.id == batch_id).values(status="undone"))
        bump_data_version(conn)
    return removed
