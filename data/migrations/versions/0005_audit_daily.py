"""audit_daily: audit scores summed per batch, day, touchpoint and perspective (filled
from the data).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_daily",
        sa.Column("batch_id", sa.Integer, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("touchpoint_key", sa.String(64), nullable=False),
        sa.Column("perspective", sa.String(16), nullable=False),
        *[sa.Column(name, sa.BigInteger, nullable=False) for name in ("n", "total", "total_sq")],
    )
    if op.get_bind().dialect.name != "duckdb":  # DuckDB scans columns; PostgreSQL wants these
        op.create_index("audit_daily_date", "audit_daily", ["date"])
        op.create_index("audit_daily_batch", "audit_daily", ["batch_id"])
    from data.queries import audit_rollup

    op.execute(audit_rollup())


def downgrade() -> None:
    op.drop_table("audit_daily")
