"""Workshops: a journey rated live by a room (join code, ratings per touchpoint and user,
the facilitator's notes), ended as one audit import batch.

Revision ID: 0021
Revises: 0018
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import CreateSequence, DropSequence

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

KEY = sa.String(64)


def upgrade() -> None:
    seq = sa.Sequence("workshop_id_seq")
    op.execute(CreateSequence(seq))
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer, server_default=seq.next_value(), primary_key=True),
        sa.Column("journey_key", KEY, nullable=False),
        sa.Column("code", sa.String(8), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("customer_from", sa.Date),
        sa.Column("customer_to", sa.Date),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("revealed_at", sa.DateTime),
        sa.Column("closed_by", sa.String(200)),
        sa.Column("closed_at", sa.DateTime),
        sa.Column("batch_id", sa.Integer),
    )
    op.create_table(
        "workshop_ratings",
        sa.Column("workshop_id", sa.Integer, primary_key=True),
        sa.Column("touchpoint_key", KEY, primary_key=True),
        sa.Column("user_name", sa.String(200), primary_key=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("changed_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "workshop_notes",
        sa.Column("workshop_id", sa.Integer, primary_key=True),
        sa.Column("touchpoint_key", KEY, primary_key=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("changed_by", sa.String(200), nullable=False),
        sa.Column("changed_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("workshop_notes")
    op.drop_table("workshop_ratings")
    op.drop_table("workshops")
    op.execute(DropSequence(sa.Sequence("workshop_id_seq")))
