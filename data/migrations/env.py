"""Alembic environment: run migrations on the connection the store hands over."""

from alembic import context
from alembic.ddl.impl import DefaultImpl

from data.schema import metadata


class DuckDBImpl(DefaultImpl):
    """Let Alembic drive DuckDB (it has no built-in implementation for the dialect)."""

    __dialect__ = "duckdb"
    transactional_ddl = True


connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
