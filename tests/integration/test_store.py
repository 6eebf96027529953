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
    assert store.current_revision() == "0011"
    store.upgrade()  # a second run changes nothing
    with store.connect() as conn:
        inspector = sa.inspect(conn)
        for table in schema.metadata.sorted_tables:
            assert inspector.has_table(table.name), table.name
    assert store.data_version() == 0
    assert store.is_empty()
    epoch = store.cache_namespace().split(":")[0]
    assert len(epoch) == 32 and store.cache_namespace() == f"{epoch}:0"


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


def test_survey_daily_sums_match_the_responses_through_import_and_undo(db_url):
    """The rollup every survey KPI reads equals the raw responses, before and after undo."""
    from pathlib import Path

    from data.ingest import import_file, undo
    from data.queries import survey_rollup

    fixtures = Path(__file__).parent.parent / "fixtures"
    store = Store(db_url)
    store.upgrade()
    assert import_file(store, (fixtures / "canonical" / "catalog.xlsx").read_bytes(),
                       "catalog").ok
    first = import_file(store, (fixtures / "canonical" / "nps.csv").read_bytes(), "nps")
    second = import_file(store, (fixtures / "canonical" / "ces.csv").read_bytes(), "ces")
    sr, sd = schema.survey_responses, schema.survey_daily

    def raw():
        q = sa.select(sr.c.metric, sa.func.count(), sa.func.sum(sr.c.score),
                      sa.func.sum(sr.c.score * sr.c.score)).group_by(sr.c.metric)
        with store.connect() as conn:
            return {r[0]: tuple(int(v) for v in r[1:]) for r in conn.execute(q)}

    def daily():
        q = sa.select(sd.c.metric, sa.func.sum(sd.c.n), sa.func.sum(sd.c.total),
                      sa.func.sum(sd.c.total_sq)).group_by(sd.c.metric)
        with store.connect() as conn:
            return {r[0]: tuple(int(v) for v in r[1:]) for r in conn.execute(q)}

    assert raw() == daily() and set(raw()) == {"nps", "ces"}
    undo(store, first.batch_id)
    assert raw() == daily() and set(raw()) == {"ces"}
    # The migration's backfill rebuilds the same sums from the responses.
    with store.begin() as conn:
        conn.execute(sd.delete())
        conn.execute(survey_rollup())
    assert raw() == daily()
    undo(store, second.batch_id)
    assert daily() == {}
    store.dispose()


def test_audit_daily_sums_match_the_scores_through_import_and_undo(db_url):
    """The rollup audit KPIs read equals the raw audit scores per touchpoint and
    perspective, before and after undo, and when rebuilt as the migration does."""
    from pathlib import Path

    from data.ingest import import_file, undo
    from data.queries import audit_rollup

    fixtures = Path(__file__).parent.parent / "fixtures" / "canonical"
    store = Store(db_url)
    store.upgrade()
    assert import_file(store, (fixtures / "catalog.xlsx").read_bytes(), "catalog").ok
    first = import_file(store, (fixtures / "audit.csv").read_bytes(), "audit")
    assert first.ok and first.rows_imported > 0
    au, ad = schema.audit_scores, schema.audit_daily

    def raw():
        q = sa.select(au.c.touchpoint_key, au.c.perspective, sa.func.count(),
                      sa.func.sum(au.c.score), sa.func.sum(au.c.score * au.c.score)
                      ).group_by(au.c.touchpoint_key, au.c.perspective)
        with store.connect() as conn:
            return {tuple(r[:2]): tuple(int(v) for v in r[2:]) for r in conn.execute(q)}

    def daily():
        q = sa.select(ad.c.touchpoint_key, ad.c.perspective, sa.func.sum(ad.c.n),
                      sa.func.sum(ad.c.total), sa.func.sum(ad.c.total_sq)
                      ).group_by(ad.c.touchpoint_key, ad.c.perspective)
        with store.connect() as conn:
            return {tuple(r[:2]): tuple(int(v) for v in r[2:]) for r in conn.execute(q)}

    assert raw() and raw() == daily()
    with store.begin() as conn:
        conn.execute(ad.delete())
        conn.execute(audit_rollup())
    assert raw() == daily()
    undo(store, first.batch_id)
    assert raw() == {} and daily() == {}
    store.dispose()


def test_postgresql_has_its_fact_indexes_and_fresh_statistics_after_an_import(postgres_url):
    """PostgreSQL finds the newest comments and a touchpoint's audits by index, and plans
    the first views after an import with the imported rows counted."""
    from data import demo

    store = Store(postgres_url)
    store.upgrade()
    demo.load(store, responses=5_000)
    with store.connect() as conn:
        indexes = set(conn.exec_driver_sql(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()").scalars())
        estimated = dict(conn.exec_driver_sql(
            "SELECT relname, reltuples FROM pg_class WHERE relnamespace = "
            "current_schema()::regnamespace AND relkind = 'r'").all())
        counted = {t: conn.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar()
                   for t in ("survey_responses", "survey_daily", "audit_scores", "audit_daily")}
    assert {"survey_comments_touchpoint", "survey_comments_date",
            "audit_scores_touchpoint"} <= indexes
    for table, rows in counted.items():
        assert rows > 0 and estimated[table] == pytest.approx(rows, rel=0.2), table
    store.dispose()
