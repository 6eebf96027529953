"""survey_daily: survey responses summed per batch, day and keys (filled from the data).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SUMS = ("n", "total", "total_sq", "promoters", "detractors", "easy", "top2")


def upgrade() -> None:
    op.create_table(
        "survey_daily",
        sa.Column("batch_id", sa.Integer, nullable=False),
        sa.Column("metric", sa.String(8), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("journey_key", sa.String(64)),
        sa.Column("touchpoint_key", sa.String(64)),
        sa.Column("persona_key", sa.String(64)),
        sa.Column("channel_key", sa.String(64)),
        *[sa.Column(name, sa.BigInteger, nullable=False) for name in SUMS],
    )
    if op.get_bind().dialect.name != "duckdb":  # DuckDB scans columns; PostgreSQL wants these
        op.create_index("survey_daily_date", "survey_daily", ["date"])
        op.create_index("survey_daily_batch", "survey_daily", ["batch_id"])
    from data.queries import survey_rollup

    op.execute(survey_rollup())


def downgrade() -> None:
    op.drop_table("survey_daily")
