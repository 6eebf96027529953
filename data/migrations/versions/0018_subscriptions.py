"""Subscriptions to the weekly report: a user's own, for a journey, a department or all,
each with its unsubscribe secret and the last week sent.

Revision ID: 0018
Revises: 0015
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import CreateSequence, DropSequence

revision = "0018"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    seq = sa.Sequence("subscription_id_seq")
    op.execute(CreateSequence(seq))
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer, server_default=seq.next_value(), primary_key=True),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("scope_key", sa.String(64), nullable=False, server_default=""),
        sa.Column("token_salt", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("last_sent_week", sa.String(8)),
        sa.Column("last_sent_at", sa.DateTime),
        sa.UniqueConstraint("user_name", "scope", "scope_key", name="uq_subscription_place"),
    )


def downgrade() -> None:
    op.drop_table("subscriptions")
    op.execute(DropSequence(sa.Sequence("subscription_id_seq")))
