"""Actions: improvements on a touchpoint or a journey with owner, due date and status.

Revision ID: 0011
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import CreateSequence, DropSequence

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    seq = sa.Sequence("action_id_seq")
    op.execute(CreateSequence(seq))
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer, server_default=seq.next_value(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("journey_key", sa.String(64), nullable=False),
        sa.Column("touchpoint_key", sa.String(64)),
        sa.Column("owner_user", sa.String(200)),
        sa.Column("owner_department", sa.String(64)),
        sa.Column("due_date", sa.Date),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("origin", sa.String(16)),
        sa.Column("origin_ref", sa.Text),
        sa.Column("done_on", sa.Date),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("changed_by", sa.String(200), nullable=False),
        sa.Column("changed_at", sa.DateTime, nullable=False),
    )



def downgrade() -> None:
    op.drop_table("actions")
    op.execute(DropSequence(sa.Sequence("action_id_seq")))
