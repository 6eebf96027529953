"""Alerts: rules per scope, metric and detector; the alerts raised (each once), the
hysteresis state per rule and place, who read which alert and which mails were sent.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import CreateSequence, DropSequence

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rule_seq, alert_seq = sa.Sequence("alert_rule_id_seq"), sa.Sequence("alert_id_seq")
    op.execute(CreateSequence(rule_seq))
    op.execute(CreateSequence(alert_seq))
    op.create_table(
        "alert_rules",
        sa.Column("id", sa.Integer, server_default=rule_seq.next_value(), primary_key=True),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("scope_key", sa.String(64), nullable=False, server_default=""),
        sa.Column("metric", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("threshold", sa.Float),
        sa.Column("min_n", sa.Integer),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("changed_by", sa.String(200), nullable=False),
        sa.Column("changed_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "alert_state",
        sa.Column("rule_id", sa.Integer, primary_key=True),
        sa.Column("place", sa.String(64), primary_key=True),
        sa.Column("firing", sa.Boolean, nullable=False),
        sa.Column("reference", sa.Float),
        sa.Column("changed_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, server_default=alert_seq.next_value(), primary_key=True),
        sa.Column("rule_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("metric", sa.String(16), nullable=False),
        sa.Column("place", sa.String(64), nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("reference", sa.Float),
        sa.Column("method", sa.Text, nullable=False),
        sa.Column("data_version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("rule_id", "place", "period_end", name="uq_alert_once"),
    )
    op.create_table(
        "alert_reads",
        sa.Column("alert_id", sa.Integer, primary_key=True),
        sa.Column("user_name", sa.String(200), primary_key=True),
        sa.Column("read_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "alert_mails",
        sa.Column("alert_id", sa.Integer, primary_key=True),
        sa.Column("user_name", sa.String(200), primary_key=True),
        sa.Column("sent_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("alert_mails", "alert_reads", "alerts", "alert_state", "alert_rules"):
        op.drop_table(table)
    op.execute(DropSequence(sa.Sequence("alert_id_seq")))
    op.execute(DropSequence(sa.Sequence("alert_rule_id_seq")))
