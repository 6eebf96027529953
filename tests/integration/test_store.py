"""The store: migrations, bulk inserts in one transaction, the DuckDB single-writer rule."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pandas as pd
import pytest
import sqlalchemy as sa

from data import schema
from data.store import DatabaseBusyError, Store, bulk_insert


def test_migrations_create_every_table_and_are_idempotent(store):
    assert store.current_revision() == "0003"
    store.upgrade()  # a second run changes nothing
    with store.connect() as conn:
        inspector = sa.inspect(conn)
        for table in schema.metadata.sorted_tables:
            assert inspector.has_table(table.name), table.name
    assert store.data_version() == 0
    assert store.is_empty()


def test_bulk_insert_rolls_back_with_its_transaction(store):
    frame = pd.DataFrame({
        "batch_id": [1, 1], "metric": ["nps", "nps"], "score": [9, 3],
        "date": pd.to_datetime(["2026-01-01", "2026-01-02"]).date,
        "response_id": ["a", None], "comment": ["schön", None],
    })
    with pytest.raises(RuntimeError), store.begin() as conn:
        assert bulk_insert(conn, schema.survey_responses, frame) == 2
        raise RuntimeError("fail after the insert")
    assert store.is_empty()
    with store.begin() as conn:
        bulk_insert(conn, schema.survey_responses, frame)
    rows = store.read_sql(sa.select(schema.survey_responses).order_by("score"))
    assert list(rows["score"]) == [3, 9]
    assert rows["comment"].isna().tolist() == [True, False]
    assert rows.loc[rows["score"] == 9, "comment"].item() == "schön"


def test_import_batch_ids_come_from_a_sequence(store):
    with store.begin() as conn:
        ids = [
            conn.execute(schema.import_batches.insert().values(
                kind="nps", created_at=pd.Timestamp("2026-01-01").to_pydatetime(),
                rows_imported=0, rows_skipped=0, status="committed",
            ).returning(schema.import_batches.c.id)).scalar_one()
            for _ in range(3)
        ]
    assert ids == sorted(ids) and len(set(ids)) == 3


def test_duckdb_file_held_by_another_process_gives_a_clear_error(tmp_path):
    path = tmp_path / "busy.duckdb"
    first = Store(f"duckdb:///{path}")
    first.upgrade()
    first.dispose()  # an open pool keeps the file locked
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(path)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseBusyError, match="in use by another process"):
            Store(f"duckdb:///{path}").data_version()
    finally:
        holder.communicate("")
