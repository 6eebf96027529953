"""Create the domain model: catalog, facts, import batches, data version.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import CreateSequence, DropSequence

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

KEY = sa.String(64)


def upgrade() -> None:
    op.create_table(
        "personas",
        sa.Column("key", KEY, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("quote", sa.Text),
        sa.Column("goals", sa.Text),
        sa.Column("demographics", sa.Text),
        sa.Column("image", sa.Text),
    )
    op.create_table(
        "phases",
        sa.Column("key", KEY, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "channels",
        sa.Column("key", KEY, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("color", sa.String(16)),
    )
    op.create_table(
        "departments",
        sa.Column("key", KEY, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
    )
    op.create_table(
        "journeys",
        sa.Column("key", KEY, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("goal", sa.Text),
        sa.Column("lifecycle_stage", sa.String(100)),
        sa.Column("position", sa.Integer),
    )
    op.create_table(
        "journey_personas",
        sa.Column("journey_key", KEY, primary_key=True),
        sa.Column("persona_key", KEY, primary_key=True),
    )
    op.create_table(
        "touchpoints",
        sa.Column("key", KEY, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("journey_key", KEY, nullable=False),
        sa.Column("phase_key", KEY, nullable=False),
        sa.Column("channel_key", KEY, nullable=False),
        sa.Column("department_key", KEY, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("pain_point", sa.Boolean, nullable=False),
        sa.Column("moment_of_truth", sa.Boolean, nullable=False),
        sa.Column("target", sa.Float),
        sa.Column("best_in_class", sa.Float),
        sa.Column("url", sa.Text),
        sa.Column("media_type", sa.String(100)),
        sa.Column("frequency", sa.String(100)),
        sa.Column("perception", sa.String(100)),
        sa.Column("reach", sa.String(100)),
        sa.Column("acceptance_criteria", sa.Text),
        sa.Column("notes", sa.Text),
    )
    seq = sa.Sequence("import_batch_id_seq")
    op.execute(CreateSequence(seq))
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer, server_default=seq.next_value(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("file_name", sa.Text),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("preset", sa.String(64)),
        sa.Column("created_by", sa.String(200)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("rows_imported", sa.Integer, nullable=False),
        sa.Column("rows_skipped", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
    )
    op.create_table(
        "audit_scores",
        sa.Column("batch_id", sa.Integer, nullable=False),
        sa.Column("touchpoint_key", KEY, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("perspective", sa.String(16), nullable=False),
        sa.Column("question", sa.Text),
        sa.Column("score", sa.SmallInteger, nullable=False),
        sa.Column("comment", sa.Text),
    )
    op.create_table(
        "survey_responses",
        sa.Column("batch_id", sa.Integer, nullable=False),
        sa.Column("metric", sa.String(8), nullable=False),
        sa.Column("score", sa.SmallInteger, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("response_id", sa.String(128)),
        sa.Column("journey_key", KEY),
        sa.Column("touchpoint_key", KEY),
        sa.Column("persona_key", KEY),
        sa.Column("channel_key", KEY),
        sa.Column("comment", sa.Text),
    )
    op.create_table(
        "web_metrics",
        sa.Column("batch_id", sa.Integer, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("touchpoint_key", KEY, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("sessions", sa.Integer, nullable=False),
        sa.Column("conversions", sa.Integer, nullable=False),
        sa.Column("bounces", sa.Integer),
        sa.Column("time_on_page_s", sa.Float),
    )
    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.execute("INSERT INTO data_version (id, version) VALUES (1, 0)")


def downgrade() -> None:
    for name in (
        "data_version",
        "web_metrics",
        "survey_responses",
        "audit_scores",
        "import_batches",
        "touchpoints",
        "journey_personas",
        "journeys",
        "departments",
        "channels",
        "phases",
        "personas",
    ):
        op.drop_table(name)
    op.execute(DropSequence(sa.Sequence("import_batch_id_seq")))
