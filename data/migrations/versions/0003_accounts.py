"""Accounts: users with roles, tokens that belong to a user, the audit trail, settings.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import CreateSequence, DropSequence

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("password_hash", sa.Text),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("department_key", sa.String(64)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        # Bumped by a password change: sessions signed for an older generation end.
        sa.Column("generation", sa.Integer, nullable=False, server_default="0"),
    )
    op.add_column("api_tokens", sa.Column("user_name", sa.String(200)))
    seq = sa.Sequence("audit_log_id_seq")
    op.execute(CreateSequence(seq))
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, server_default=seq.next_value(), primary_key=True),
        sa.Column("occurred_at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target", sa.Text),
        sa.Column("detail", sa.Text),
    )
    op.create_table(
        "app_settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("app_settings")
    op.drop_table("audit_log")
    op.execute(DropSequence(sa.Sequence("audit_log_id_seq")))
    op.drop_column("api_tokens", "user_name")
    op.drop_table("users")
