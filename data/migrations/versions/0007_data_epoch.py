"""A random epoch per database beside its data version: cache keys carry both, so a shared
cache (Redis, a cache folder) never serves one database's results for another whose data
version happens to be the same number (two deployments on one Redis, a database rebuilt).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("data_version", sa.Column("epoch", sa.String(32)))
    op.execute(f"UPDATE data_version SET epoch = '{uuid.uuid4().hex}'")


def downgrade() -> None:
    op.drop_column("data_version", "epoch")
