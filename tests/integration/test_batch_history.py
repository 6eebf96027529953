"""A batch remembers who undid it and when (migration 0009 fills in older undos from the
audit log); the CLI's --json keeps rows_skipped and says what the skipped rows were."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig

from dashboard import cli
from data import accounts, schema
from data.ingest import import_file, undo
from data.store import MIGRATIONS, Store

FIXTURES = Path(__file__).parent.parent / "fixtures" / "canonical"


def test_undo_records_who_and_when(store):
    batch = import_file(store, b"date,score\n2026-03-02,9\n", "nps").batch_id
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(seconds=5)
    undo(store, batch, actor="erika")
    b = schema.import_batches
    with store.connect() as conn:
        row = conn.execute(sa.select(b.c.undone_by, b.c.undone_at).where(b.c.id == batch)).one()
    assert row.undone_by == "erika" and row.undone_at >= before


def test_the_migration_takes_older_undos_from_the_audit_log(db_url):
    store = Store(db_url)
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.connect() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0007")
        conn.commit()
    with store.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO import_batches (id, kind, created_at, rows_imported, rows_skipped, "
            "status) VALUES (5, 'nps', TIMESTAMP '2026-03-01 09:00:00', 1, 0, 'undone'), "
            "(6, 'nps', TIMESTAMP '2026-03-01 10:00:00', 1, 0, 'committed')")
        accounts.audit(conn, "max", "undo", "5", {"rows": 1})
    store.upgrade()
    with store.connect() as conn:
        rows = dict(conn.exec_driver_sql(
            "SELECT id, undone_by FROM import_batches ORDER BY id").fetchall())
    assert rows == {5: "max", 6: None}
    store.dispose()


def test_the_cli_json_splits_the_skipped_rows(duckdb_url, capsys):
    store = Store(duckdb_url)
    store.upgrade()
    assert import_file(store, (FIXTURES / "catalog.xlsx").read_bytes(), "catalog").ok
    store.dispose()
    path = FIXTURES / "nps_bad.csv"
    code = cli.main(["--database-url", duckdb_url, "import", str(path), "--kind", "nps",
                     "--skip-invalid", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["rows_imported"] == 1 and out["rows_skipped"] == 4
    assert (out["rows_unanswered"], out["rows_invalid"], out["rows_duplicate"],
            out["rows_skipped_other"]) == (0, 4, 0, 0)
