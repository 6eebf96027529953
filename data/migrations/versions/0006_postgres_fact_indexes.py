"""PostgreSQL indexes for the reads that still touch the fact tables: the newest comments
(of a touchpoint or of any selection) and a touchpoint's audits split by question.
DuckDB needs none: facts are stored in date order and it skips row groups by min/max.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INDEXES = {
    # name: (table, columns, partial condition)
    "survey_comments_touchpoint": ("survey_responses", ["touchpoint_key", "date"],
                                   "comment IS NOT NULL"),
    "survey_comments_date": ("survey_responses", ["date"], "comment IS NOT NULL"),
    "audit_scores_touchpoint": ("audit_scores", ["touchpoint_key", "date"], None),
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "duckdb":
        return
    for name, (table, columns, where) in INDEXES.items():
        op.create_index(name, table, columns,
                        postgresql_where=sa.text(where) if where else None)


def downgrade() -> None:
    if op.get_bind().dialect.name == "duckdb":
        return
    for name, (table, _, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
