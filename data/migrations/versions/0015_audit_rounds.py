"""Audit rounds: questions per touchpoint or journey, rounds, invitations and answers.

Revision ID: 0015
Revises: 0012
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import CreateSequence, DropSequence

revision = "0015"
# The brief said 0011, but main already has 0012 on 0011 (two heads would stop `upgrade
# head`); the lead re-chains at merge anyway.
down_revision = "0012"
branch_labels = None
depends_on = None

KEY = sa.String(64)


def upgrade() -> None:
    question_seq = sa.Sequence("audit_question_id_seq")
    op.execute(CreateSequence(question_seq))
    op.create_table(
        "audit_questions",
        sa.Column("id", sa.Integer, server_default=question_seq.next_value(), primary_key=True),
        sa.Column("journey_key", KEY),
        sa.Column("touchpoint_key", KEY),
        sa.Column("text_de", sa.Text),
        sa.Column("text_en", sa.Text),
        sa.Column("half_points", sa.Boolean, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("changed_by", sa.String(200), nullable=False),
        sa.Column("changed_at", sa.DateTime, nullable=False),
    )
    round_seq = sa.Sequence("audit_round_id_seq")
    op.execute(CreateSequence(round_seq))
    op.create_table(
        "audit_rounds",
        sa.Column("id", sa.Integer, server_default=round_seq.next_value(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("date_from", sa.Date, nullable=False),
        sa.Column("date_to", sa.Date, nullable=False),
        sa.Column("perspective", sa.String(16), nullable=False),
        sa.Column("journey_key", KEY),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("batch_id", sa.Integer),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("closed_by", sa.String(200)),
        sa.Column("closed_at", sa.DateTime),
    )
    op.create_table(
        "audit_round_touchpoints",
        sa.Column("round_id", sa.Integer, primary_key=True),
        sa.Column("touchpoint_key", KEY, primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "audit_invitations",
        sa.Column("round_id", sa.Integer, primary_key=True),
        sa.Column("user_name", sa.String(200), primary_key=True),
        sa.Column("via_department", KEY),
        sa.Column("invited_by", sa.String(200), nullable=False),
        sa.Column("invited_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "audit_answers",
        sa.Column("round_id", sa.Integer, primary_key=True),
        sa.Column("user_name", sa.String(200), primary_key=True),
        sa.Column("touchpoint_key", KEY, primary_key=True),
        sa.Column("question_id", sa.Integer, primary_key=True),
        sa.Column("score", sa.Float),
        sa.Column("comment", sa.Text),
        sa.Column("answered_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("audit_answers", "audit_invitations", "audit_round_touchpoints"):
        op.drop_table(table)
    op.drop_table("audit_rounds")
    op.execute(DropSequence(sa.Sequence("audit_round_id_seq")))
    op.drop_table("audit_questions")
    op.execute(DropSequence(sa.Sequence("audit_question_id_seq")))
