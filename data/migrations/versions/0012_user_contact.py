"""A user's e-mail address and language, so alerts and subscribed reports reach each
person in their language.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("email", sa.String(320)))
    op.add_column("users", sa.Column("lang", sa.String(2)))


def downgrade() -> None:
    op.drop_column("users", "lang")
    op.drop_column("users", "email")
