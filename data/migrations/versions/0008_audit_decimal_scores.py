"""Audit scores as decimals on 1-10 (half points: the mean of a panel, "6,5" from German
Excel); audit_daily's sums follow, so its totals keep the halves.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

COLUMNS = (("audit_scores", "score"), ("audit_daily", "total"), ("audit_daily", "total_sq"))


def _alter(table: str, column: str, type_: str) -> None:
    # Written by hand for both dialects: DuckDB has no ALTER through Alembic's batch mode.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE {type_} "
                   f"USING {column}::{type_}")
    else:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE {type_}")


def upgrade() -> None:
    for table, column in COLUMNS:
        _alter(table, column, "DOUBLE PRECISION")


def downgrade() -> None:
    _alter("audit_scores", "score", "SMALLINT")
    _alter("audit_daily", "total", "BIGINT")
    _alter("audit_daily", "total_sq", "BIGINT")
