"""Catalog editing: every change of a catalog entry with who, when, before and after
(catalog_changes); persona pictures uploaded in the editor (persona_pictures); and on
each fact row and daily sum the merge that moved it (moved_by), so undoing a merge moves
exactly those rows back.

Revision ID: 0020
Revises: 0018
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import CreateSequence, DropSequence

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

MOVABLE = ("audit_scores", "survey_responses", "web_metrics", "audit_daily", "survey_daily")


def upgrade() -> None:
    seq = sa.Sequence("catalog_change_id_seq")
    op.execute(CreateSequence(seq))
    op.create_table(
        "catalog_changes",
        sa.Column("id", sa.Integer, server_default=seq.next_value(), primary_key=True),
        sa.Column("changed_at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("entity", sa.String(16), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
        sa.Column("detail", sa.Text),
        sa.Column("undone_by", sa.String(200)),
        sa.Column("undone_at", sa.DateTime),
    )
    for table in MOVABLE:
        op.add_column(table, sa.Column("moved_by", sa.Integer))
    op.create_table(
        "persona_pictures",
        sa.Column("name", sa.String(80), primary_key=True),
        sa.Column("content_type", sa.String(32), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("persona_pictures")
    for table in MOVABLE:
        op.drop_column(table, "moved_by")
    op.drop_table("catalog_changes")
    op.execute(DropSequence(sa.Sequence("catalog_change_id_seq")))
