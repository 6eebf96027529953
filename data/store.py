"""The database: engine, migrations, bulk inserts and the data version."""

from __future__ import annotations

import contextlib
import io
import os
import threading
import zlib
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy.engine import Connection, Engine

from data import schema

MIGRATIONS = Path(__file__).parent / "migrations"
DEFAULT_DUCKDB_PATH = Path("instance") / "cxdash.duckdb"


# The data version read once per web request (the app resets it when a request starts);
# outside a request (CLI, tests) every call reads the database.
_request_memo: ContextVar[dict | None] = ContextVar("cxdash_request_memo", default=None)
_request_versions: ContextVar[dict | None] = ContextVar("cxdash_request_versions",
                                                         default=None)


# The connection of a running Store.one_transaction, per database URL.
_held: ContextVar[dict | None] = ContextVar("cxdash_held_transaction", default=None)


class DatabaseBusyError(RuntimeError):
    """The DuckDB file is held by another process (usually the running server)."""


# How long a change waits for the one before it (a large import takes seconds).
WRITE_WAIT_S = 120
# DuckDB: the one writing process serialises its changes here, one lock per database, so
# two threads never meet in "Conflict on update!" (DuckDB's optimistic concurrency).
_write_locks: dict[str, threading.Lock] = {}
_write_locks_guard = threading.Lock()
# PostgreSQL: a transaction-level advisory lock serialises changes across processes.
_ADVISORY_KEY = zlib.crc32(b"cxdash imports")


def _write_lock(url: str) -> threading.Lock:
    with _write_locks_guard:
        return _write_locks.setdefault(url, threading.Lock())


def busy_message() -> str:
    """Say that another change is being written and nothing was written now."""
    return ("Another import or undo is being written to the database right now and did not "
            f"finish within {WRITE_WAIT_S} s; nothing was written. Try again in a minute.")


def default_url() -> str:
    """Return the URL of the default embedded database, ./instance/cxdash.duckdb."""
    return f"duckdb:///{DEFAULT_DUCKDB_PATH}"


def normalise_url(url: str) -> str:
    """Map user-facing URLs to SQLAlchemy ones (postgresql:// uses psycopg 3)."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


@dataclass
class Store:
    """One database with its engine and an optional query cache (get/set duck-typed)."""

    url: str
    cache: Any = None
    engine: Engine = field(init=False)
    # Small per-process state keyed by data version (see queries.catalog)
    local: dict = field(init=False, default_factory=dict, repr=False)
    # Called with the store after every committed import or undo (see data.ingest): the
    # app and the CLI add the alert mails here.
    after_change: list = field(init=False, default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.url = normalise_url(self.url)
        if self.is_duckdb:
            path = self.url.split(":///", 1)[1] if ":///" in self.url else ""
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.engine = sa.create_engine(self.url, pool_pre_ping=not self.is_duckdb)

    @property
    def is_duckdb(self) -> bool:
        return self.engine_dialect == "duckdb"

    @property
    def engine_dialect(self) -> str:
        return self.url.split(":", 1)[0].split("+", 1)[0]

    def connect(self) -> Connection:
        """Open a connection, translating DuckDB's file lock into a clear error."""
        try:
            return self.engine.connect()
        except Exception as exc:  # duckdb raises IOException subclasses for the lock
            if self.is_duckdb and "lock" in str(exc).lower():
                raise DatabaseBusyError(
                    f"The database {self.url} is in use by another process, usually a "
                    "running cxdash server (DuckDB allows one writing process). Import through the "
                    "server (Data page or POST /api/v1/imports), stop the "
                    "server for this command, or run on PostgreSQL for several processes."
                ) from exc
            raise

    def begin(self, exclusive: bool = False):
        """Open a connection with a transaction (a context manager); ``exclusive`` makes it
        wait for every other exclusive one (imports, undos): checks made inside then still
        hold when it commits, across threads (DuckDB) and processes (PostgreSQL). Inside
        one_transaction, that transaction's connection."""
        held = (_held.get() or {}).get(self.url)
        if held is not None:  # inside one_transaction: part of that one
            return contextlib.nullcontext(held)
        if not exclusive:
            return _Transaction(self.connect())
        release = None
        if self.is_duckdb:
            lock = _write_lock(self.url)
            if not lock.acquire(timeout=WRITE_WAIT_S):
                raise DatabaseBusyError(busy_message())
            release = lock.release
        try:
            transaction = _Transaction(self.connect(), release)
        except BaseException:
            if release:
                release()
            raise
        if self.engine_dialect == "postgresql":
            try:
                conn = transaction.conn
                conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{WRITE_WAIT_S}s'")
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_ADVISORY_KEY})")
            except sa.exc.OperationalError as exc:
                transaction.__exit__(type(exc), exc, None)
                raise DatabaseBusyError(busy_message()) from exc
        return transaction

    @contextlib.contextmanager
    def one_transaction(self):
        """Make every ``begin()`` of this thread inside the block part of one transaction:
        all of it is committed at the end, or none of it (an error, a kill)."""
        with self.connect() as conn:
            trans = conn.begin()
            token = _held.set({**(_held.get() or {}), self.url: conn})
            try:
                yield conn
            except BaseException:
                trans.rollback()
                raise
            else:
                trans.commit()
            finally:
                _held.reset(token)

    def in_one_transaction(self) -> bool:
        """True inside this thread's one_transaction (nothing is committed yet)."""
        return (_held.get() or {}).get(self.url) is not None

    def upgrade(self) -> None:
        """Apply all pending Alembic migrations."""
        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.connect() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()

    def current_revision(self) -> str | None:
        """Return the applied Alembic revision, None on an empty database."""
        with self.connect() as conn:
            if not sa.inspect(conn).has_table("alembic_version"):
                return None
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()

    def data_version(self) -> int:
        """Return the number bumped by every committed or undone import (read once per
        web request, so one request sees one consistent state)."""
        return self._version_and_epoch()[0]

    def cache_namespace(self) -> str:
        """Return what cache keys start with: this database's epoch and data version
        (another database on the same cache never shares a key, whatever its version)."""
        version, epoch = self._version_and_epoch()
        return f"{epoch}:{version}"

    def _version_and_epoch(self) -> tuple[int, str]:
        memo = _request_versions.get()
        if memo is not None and self.url in memo:
            return memo[self.url]
        dv = schema.data_version
        with self.connect() as conn:
            row = conn.execute(sa.select(dv.c.version, dv.c.epoch)).first()
        value = (row[0] or 0, row[1] or "") if row else (0, "")
        if memo is not None:
            memo[self.url] = value
        return value

    @staticmethod
    def begin_request() -> None:
        """Start a web request: the data version is read afresh, then reused; results of
        cached queries are remembered for the rest of the request (see request_memo)."""
        _request_versions.set({})
        _request_memo.set({})

    @staticmethod
    def request_memo() -> dict | None:
        """This web request's memo of query results (None outside a request)."""
        return _request_memo.get()

    def forget_version(self) -> None:
        """Drop the remembered data version after this request changed the data."""
        memo = _request_versions.get()
        if memo is not None:
            memo.pop(self.url, None)
        results = _request_memo.get()
        if results is not None:
            results.clear()

    def is_empty(self) -> bool:
        """True when no facts have been imported yet."""
        with self.connect() as conn:
            for table in (schema.survey_responses, schema.audit_scores):
                if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
                    return False
        return True

    def refresh_statistics(self, *tables: str) -> None:
        """Refresh PostgreSQL's planner statistics of tables after a bulk write. Autovacuum
        would, a minute or so later; until then the first filter changes after a large
        import are planned blind (overview p95 667 → 319 ms right after loading 1M
        responses). DuckDB keeps its statistics as it writes."""
        if self.engine_dialect != "postgresql" or not tables:
            return
        with self.connect() as conn:
            conn.exec_driver_sql("ANALYZE " + ", ".join(f'"{t}"' for t in tables))
            conn.commit()

    def read_sql(self, query, params: dict | None = None) -> pd.DataFrame:
        """Run a query and return its (small, aggregated) result as a DataFrame."""
        if self.is_duckdb and not params and isinstance(query, sa.sql.Select):
            rows, columns = self._read_duckdb(query)
        else:
            with self.connect() as conn:
                result = conn.execute(query, params or {})
                rows, columns = result.fetchall(), list(result.keys())
        return _frame(rows, columns)

    def _read_duckdb(self, query) -> tuple[list, list[str]]:
        """Run a SELECT on the pooled DuckDB connection itself: SQLAlchemy's per-statement
        transaction and result machinery cost more than DuckDB's own aggregate here."""
        compiled = query.compile(dialect=self.engine.dialect,
                                 compile_kwargs={"render_postcompile": True})
        values = [compiled.params[name] for name in compiled.positiontup or ()]
        try:
            raw = self.engine.raw_connection()
        except Exception:
            self.connect().close()  # raises the clear "database busy" error
            raise
        try:
            cursor = raw.driver_connection.execute(compiled.string, values)
            return cursor.fetchall(), [d[0] for d in cursor.description]
        finally:
            raw.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _frame(rows: list, columns: list[str]) -> pd.DataFrame:
    """A DataFrame of result rows (text as plain Python objects, see data/__init__.py)."""
    return pd.DataFrame(rows, columns=columns)


class _Transaction:
    def __init__(self, conn: Connection, release=None):
        self.conn = conn
        self.release = release  # called once the transaction has ended
        try:
            self.trans = conn.begin()
        except BaseException:
            conn.close()
            raise

    def __enter__(self) -> Connection:
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.trans.commit()
            else:
                self.trans.rollback()
        finally:
            self.conn.close()
            if self.release:
                self.release()


def bump_data_version(conn: Connection) -> None:
    """Increment the data version inside the caller's transaction."""
    dv = schema.data_version
    conn.execute(sa.update(dv).where(dv.c.id == 1).values(version=dv.c.version + 1))


def bulk_insert(conn: Connection, table: sa.Table, frame: pd.DataFrame) -> int:
    """Insert a DataFrame into a table inside the caller's transaction; fast per dialect.

    DuckDB reads the registered frame directly, PostgreSQL takes COPY, anything else
    falls back to executemany.
    """
    if frame.empty:
        return 0
    columns = [c for c in frame.columns if c in table.c]
    frame = frame[columns]
    dialect = conn.dialect.name
    if dialect == "duckdb":
        raw = conn.connection.driver_connection
        view = f"_cxdash_bulk_{os.getpid()}_{id(frame)}"
        try:  # DuckDB scans an Arrow table about twice as fast as pandas' object columns
            source = pa.Table.from_pandas(frame, preserve_index=False)
        except (pa.ArrowException, ValueError, TypeError):
            source = frame
        raw.register(view, source)
        try:
            cols = ", ".join(f'"{c}"' for c in columns)
            # Rows stored in date order let a date range or "newest first" skip whole
            # row groups by their min/max (the latest comments of 10M responses: 30 → 2 ms).
            order = ' ORDER BY "date"' if "date" in columns else ""
            raw.execute(f'INSERT INTO "{table.name}" ({cols}) SELECT {cols} FROM "{view}"{order}')
        finally:
            raw.unregister(view)
    elif dialect == "postgresql":
        raw = conn.connection.driver_connection
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, header=False, na_rep="\\N", date_format="%Y-%m-%d")
        cols = ", ".join(f'"{c}"' for c in columns)
        sql = f'COPY "{table.name}" ({cols}) FROM STDIN WITH (FORMAT csv, NULL \'\\N\')'
        with raw.cursor() as cur, cur.copy(sql) as copy:
            copy.write(buffer.getvalue())
    else:
        records = frame.astype(object).where(frame.notna(), None).to_dict("records")
        conn.execute(table.insert(), records)
    return len(frame)
