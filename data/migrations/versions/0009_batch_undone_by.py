"""Who undid an import batch and when, kept on the batch for the Data page's history
(batches undone before this migration take both from the audit log).

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("import_batches", sa.Column("undone_by", sa.String(200)))
    op.add_column("import_batches", sa.Column("undone_at", sa.DateTime))
    for column, source in (("undone_by", "actor"), ("undone_at", "occurred_at")):
        op.execute(
            f"UPDATE import_batches SET {column} = (SELECT MAX(a.{source}) FROM audit_log a "
            "WHERE a.action = 'undo' AND a.target = CAST(import_batches.id AS VARCHAR)) "
            "WHERE status = 'undone'")


def downgrade() -> None:
    op.drop_column("import_batches", "undone_at")
    op.drop_column("import_batches", "undone_by")
