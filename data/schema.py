"""Tables of the domain model (SQLAlchemy Core), shared by DuckDB and PostgreSQL.

Dimensions are keyed by short stable slugs; facts reference them by key and remember
the import batch they came from, so an import can be undone by deleting its batch.
The Alembic migrations in ``data/migrations`` create exactly these tables.
"""

import re

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    Sequence,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

KEY = String(64)

PERSPECTIVES = ("customer", "employee", "expert")
SURVEY_METRICS = ("nps", "ces", "csat")
BATCH_KINDS = ("catalog", "nps", "ces", "csat", "audit", "web")

personas = Table(
    "personas",
    metadata,
    Column("key", KEY, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("description", Text),
    Column("quote", Text),
    Column("goals", Text),
    Column("demographics", Text),
    Column("image", Text),
)

phases = Table(
    "phases",
    metadata,
    Column("key", KEY, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("position", Integer, nullable=False),
)

# A channel colour as stored and drawn: #RRGGBB, nothing else (it reaches CSS).
COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")

channels = Table(
    "channels",
    metadata,
    Column("key", KEY, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("color", String(16)),
)

departments = Table(
    "departments",
    metadata,
    Column("key", KEY, primary_key=True),
    Column("name", String(200), nullable=False),
)

journeys = Table(
    "journeys",
    metadata,
    Column("key", KEY, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("goal", Text),
    Column("lifecycle_stage", String(100)),
    Column("position", Integer),
)

journey_personas = Table(
    "journey_personas",
    metadata,
    Column("journey_key", KEY, primary_key=True),
    Column("persona_key", KEY, primary_key=True),
)

touchpoints = Table(
    "touchpoints",
    metadata,
    Column("key", KEY, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("journey_key", KEY, nullable=False),
    Column("phase_key", KEY, nullable=False),
    Column("channel_key", KEY, nullable=False),
    Column("department_key", KEY, nullable=False),
    Column("position", Integer, nullable=False),
    Column("pain_point", Boolean, nullable=False, default=False),
    Column("moment_of_truth", Boolean, nullable=False, default=False),
    Column("target", Float),
    Column("best_in_class", Float),
    Column("url", Text),
    Column("media_type", String(100)),
    Column("frequency", String(100)),
    Column("perception", String(100)),
    Column("reach", String(100)),
    Column("acceptance_criteria", Text),
    Column("notes", Text),
)

import_batch_id_seq = Sequence("import_batch_id_seq")

import_batches = Table(
    "import_batches",
    metadata,
    Column(
        "id",
        Integer,
        import_batch_id_seq,
        server_default=import_batch_id_seq.next_value(),
        primary_key=True,
    ),
    Column("kind", String(16), nullable=False),
    Column("file_name", Text),
    Column("content_hash", String(64)),
    Column("preset", String(64)),
    Column("created_by", String(200)),
    Column("created_at", DateTime, nullable=False),
    Column("rows_imported", Integer, nullable=False, default=0),
    Column("rows_skipped", Integer, nullable=False, default=0),
    Column("status", String(16), nullable=False, default="committed"),
    Column("undone_by", String(200)),
    Column("undone_at", DateTime),
)

audit_scores = Table(
    "audit_scores",
    metadata,
    Column("batch_id", Integer, nullable=False),
    Column("touchpoint_key", KEY, nullable=False),
    Column("date", Date, nullable=False),
    Column("perspective", String(16), nullable=False),
    Column("question", Text),
    Column("score", Float, nullable=False),  # 1-10, half points allowed (migration 0008)
    Column("comment", Text),
    Column("moved_by", Integer),  # the catalog merge that moved the row (data.catalog.merge)
)

survey_responses = Table(
    "survey_responses",
    metadata,
    Column("batch_id", Integer, nullable=False),
    Column("metric", String(8), nullable=False),
    Column("score", SmallInteger, nullable=False),
    Column("date", Date, nullable=False),
    Column("response_id", String(128)),
    Column("journey_key", KEY),
    Column("touchpoint_key", KEY),
    Column("persona_key", KEY),
    Column("channel_key", KEY),
    Column("comment", Text),
    Column("moved_by", Integer),
)

# The survey responses summed per import batch, day and dimension keys: every survey KPI
# is computed from these sums (see data.queries), a fraction of the rows at scale. Kept in
# step by the import (same transaction) and by undo (same batch_id).
survey_daily = Table(
    "survey_daily",
    metadata,
    Column("batch_id", Integer, nullable=False),
    Column("metric", String(8), nullable=False),
    Column("date", Date, nullable=False),
    Column("journey_key", KEY),
    Column("touchpoint_key", KEY),
    Column("persona_key", KEY),
    Column("channel_key", KEY),
    Column("n", BigInteger, nullable=False),
    Column("total", BigInteger, nullable=False),
    Column("total_sq", BigInteger, nullable=False),
    Column("promoters", BigInteger, nullable=False),
    Column("detractors", BigInteger, nullable=False),
    Column("easy", BigInteger, nullable=False),
    Column("top2", BigInteger, nullable=False),
    Column("moved_by", Integer),
)

# The audit scores summed per import batch, day, touchpoint and perspective, the same
# way: every audit KPI not split by question reads these (about an eighth of the rows).
audit_daily = Table(
    "audit_daily",
    metadata,
    Column("batch_id", Integer, nullable=False),
    Column("date", Date, nullable=False),
    Column("touchpoint_key", KEY, nullable=False),
    Column("perspective", String(16), nullable=False),
    Column("n", BigInteger, nullable=False),
    Column("total", Float, nullable=False),
    Column("total_sq", Float, nullable=False),
    Column("moved_by", Integer),
)

web_metrics = Table(
    "web_metrics",
    metadata,
    Column("batch_id", Integer, nullable=False),
    Column("date", Date, nullable=False),
    Column("touchpoint_key", KEY, nullable=False),
    Column("url", Text),
    Column("sessions", Integer, nullable=False),
    Column("conversions", Integer, nullable=False),
    Column("bounces", Integer),
    Column("time_on_page_s", Float),
    Column("moved_by", Integer),
)

# One row; bumped in the same transaction as every committed or undone import, so
# caches keyed by it are never stale, across processes too.
data_version = Table(
    "data_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    Column("epoch", String(32)),  # random per database, part of every cache key
)

# A named mapping for a recurring export ("Qualtrics Q4 NPS"): preset, field -> column,
# options (JSON), so next week's file of the same survey imports in one step.
import_sources = Table(
    "import_sources",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("preset", String(32), nullable=False),
    Column("mapping", Text, nullable=False),
    Column("options", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

# An export's label for a catalog entry ("Rückruf-Service" -> st-hotline), remembered.
label_aliases = Table(
    "label_aliases",
    metadata,
    Column("dimension", String(16), primary_key=True),
    Column("label", String(300), primary_key=True),
    Column("key", KEY, nullable=False),
)

# Tokens for the HTTP import API; only a SHA-256 of each token is stored.
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
    Column("last_used_at", DateTime),
    # The user whose role the token carries (tokens without one are refused).
    Column("user_name", String(200)),
)

# Signed-in browser sessions; the cookie holds a random id, this table its SHA-256.
sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_name", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
)

ROLES = ("viewer", "owner", "analyst", "admin")

# People who sign in; password_hash is empty for accounts that come through a trusted
# single-sign-on header. generation is bumped by a password change and ends old sessions.
users = Table(
    "users",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("password_hash", Text),
    Column("role", String(16), nullable=False),
    Column("department_key", KEY),
    Column("created_at", DateTime, nullable=False),
    Column("generation", Integer, nullable=False, server_default="0"),
    Column("email", String(320)),  # where alerts and subscribed reports go
    Column("lang", String(2)),  # "de" or "en"; None: the deployment's default
)

audit_log_id_seq = Sequence("audit_log_id_seq")

# Who did what and when: imports, undos, sign-ins, users and tokens.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, audit_log_id_seq, server_default=audit_log_id_seq.next_value(),
           primary_key=True),
    Column("occurred_at", DateTime, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(32), nullable=False),
    Column("target", Text),
    Column("detail", Text),
)

# Settings that every instance on the same database shares (the session signing key).
app_settings = Table(
    "app_settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

ACTION_STATUSES = ("open", "in_progress", "done", "dropped")
ACTION_ORIGINS = ("comment", "gap", "mover", "alert")

action_id_seq = Sequence("action_id_seq")

# Improvements decided on a touchpoint or a journey, with an owner (a user or a
# department) and a due date; kept apart from the facts, so undoing an import keeps them.
actions = Table(
    "actions",
    metadata,
    Column("id", Integer, action_id_seq, server_default=action_id_seq.next_value(),
           primary_key=True),
    Column("title", String(200), nullable=False),
    Column("description", Text),
    Column("journey_key", KEY, nullable=False),
    Column("touchpoint_key", KEY),  # None: an action on the whole journey
    Column("owner_user", String(200)),
    Column("owner_department", KEY),
    Column("due_date", Date),
    Column("status", String(16), nullable=False),
    Column("origin", String(16)),  # comment, gap or mover: what on screen started it
    Column("origin_ref", Text),
    Column("done_on", Date),  # the completion date "did it work?" measures around
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("changed_by", String(200), nullable=False),
    Column("changed_at", DateTime, nullable=False),
)

SUBSCRIPTION_SCOPES = ("all", "journey", "department")

subscription_id_seq = Sequence("subscription_id_seq")

# A user's own subscriptions to the weekly report (for a journey, a department or all).
# The unsubscribe link is signed with the shared secret key over id and token_salt, so it
# cannot be guessed and dies with the row; last_sent_week stops a second send of a week.
subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Integer, subscription_id_seq,
           server_default=subscription_id_seq.next_value(), primary_key=True),
    Column("user_name", String(200), nullable=False),
    Column("scope", String(16), nullable=False),
    Column("scope_key", KEY, nullable=False, server_default=""),  # "" for all
    Column("token_salt", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("last_sent_week", String(8)),  # "2026-W47"
    Column("last_sent_at", DateTime),
    UniqueConstraint("user_name", "scope", "scope_key", name="uq_subscription_place"),
)

ALERT_SCOPES = ("all", "journey", "department", "touchpoint")
ALERT_METRICS = ("audit", "nps", "ces", "csat", "conversion")
ALERT_KINDS = ("below_target", "drop", "drift")

alert_rule_id_seq = Sequence("alert_rule_id_seq")

# What to watch: a metric of the touchpoints a scope selects, by one detector. threshold
# is the target for below_target (None on audits: each touchpoint's own target); min_n
# None: the small-sample minimum (30 responses or sessions, 5 audits).
alert_rules = Table(
    "alert_rules",
    metadata,
    Column("id", Integer, alert_rule_id_seq, server_default=alert_rule_id_seq.next_value(),
           primary_key=True),
    Column("scope", String(16), nullable=False),
    Column("scope_key", KEY, nullable=False, server_default=""),  # "" for all
    Column("metric", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("threshold", Float),
    Column("min_n", Integer),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("changed_by", String(200), nullable=False),
    Column("changed_at", DateTime, nullable=False),
)

# Hysteresis: a rule is firing at a place from its alert until the metric has recovered.
alert_state = Table(
    "alert_state",
    metadata,
    Column("rule_id", Integer, primary_key=True),
    Column("place", KEY, primary_key=True),  # a touchpoint key
    Column("firing", Boolean, nullable=False),
    Column("reference", Float),  # drop: the level before it, which recovery must reach
    Column("changed_at", DateTime, nullable=False),
)

alert_id_seq = Sequence("alert_id_seq")

# Each alert once: a rule at a place for a period (uq_alert_once).
alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, alert_id_seq, server_default=alert_id_seq.next_value(),
           primary_key=True),
    Column("rule_id", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("metric", String(16), nullable=False),
    Column("place", KEY, nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("n", Integer, nullable=False),
    Column("reference", Float),  # the target, the previous period's value or the baseline
    Column("method", Text, nullable=False),
    Column("data_version", Integer, nullable=False),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("rule_id", "place", "period_end", name="uq_alert_once"),
)

# Who has read which alert, and which mail went to whom (one per alert and recipient).
alert_reads = Table(
    "alert_reads",
    metadata,
    Column("alert_id", Integer, primary_key=True),
    Column("user_name", String(200), primary_key=True),
    Column("read_at", DateTime, nullable=False),
)

alert_mails = Table(
    "alert_mails",
    metadata,
    Column("alert_id", Integer, primary_key=True),
    Column("user_name", String(200), primary_key=True),
    Column("sent_at", DateTime, nullable=False),
)

CATALOG_TABLES = {
    "personas": personas,
    "phases": phases,
    "channels": channels,
    "departments": departments,
    "journeys": journeys,
    "touchpoints": touchpoints,
}

FACT_TABLES = {
    "audit": audit_scores,
    "nps": survey_responses,
    "ces": survey_responses,
    "csat": survey_responses,
    "web": web_metrics,
    "survey": survey_responses,  # demo and mixed-metric batches
}

catalog_change_id_seq = Sequence("catalog_change_id_seq")

# Every change of a catalog entry (editor or workbook import): who, when, the entry's row
# before and after (JSON; a journey with its personas), and for a merge what it moved.
# Undoing one writes ``before`` back and marks the change undone.
catalog_changes = Table(
    "catalog_changes",
    metadata,
    Column("id", Integer, catalog_change_id_seq,
           server_default=catalog_change_id_seq.next_value(), primary_key=True),
    Column("changed_at", DateTime, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("entity", String(16), nullable=False),  # a CATALOG_TABLES name
    Column("key", KEY, nullable=False),
    Column("action", String(16), nullable=False),  # create, update, delete, merge, reorder
    Column("before", Text),
    Column("after", Text),
    Column("detail", Text),
    Column("undone_by", String(200)),
    Column("undone_at", DateTime),
)

# Pictures of personas uploaded in the catalog editor, named by their SHA-256 and type
# ("<sha256>.png"); a persona's image is then "/catalog/pictures/<name>".
persona_pictures = Table(
    "persona_pictures",
    metadata,
    Column("name", String(80), primary_key=True),
    Column("content_type", String(32), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
)

# --- audit rounds: questions asked per touchpoint or journey, rounds of auditors answering
# them on their phones; closing a round writes its answers as one audit import batch.

ROUND_STATUSES = ("open", "closed")

audit_question_id_seq = Sequence("audit_question_id_seq")

# A question for every touchpoint of a journey (journey_key) or for one touchpoint
# (touchpoint_key): exactly one of the two is set. Answered on 1-10.
audit_questions = Table(
    "audit_questions",
    metadata,
    Column("id", Integer, audit_question_id_seq,
           server_default=audit_question_id_seq.next_value(), primary_key=True),
    Column("journey_key", KEY),
    Column("touchpoint_key", KEY),
    Column("text_de", Text),
    Column("text_en", Text),
    Column("half_points", Boolean, nullable=False, default=True),
    Column("position", Integer, nullable=False, default=0),
    Column("active", Boolean, nullable=False, default=True),  # retired questions stay for rounds
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("changed_by", String(200), nullable=False),
    Column("changed_at", DateTime, nullable=False),
)

audit_round_id_seq = Sequence("audit_round_id_seq")

# A round: who audits which touchpoints, from which perspective, for which period.
# batch_id: the audit import batch its closing wrote (undoing that batch reopens it).
audit_rounds = Table(
    "audit_rounds",
    metadata,
    Column("id", Integer, audit_round_id_seq, server_default=audit_round_id_seq.next_value(),
           primary_key=True),
    Column("name", String(200), nullable=False),
    Column("date_from", Date, nullable=False),
    Column("date_to", Date, nullable=False),
    Column("perspective", String(16), nullable=False),
    Column("journey_key", KEY),  # the journey picked, when the round is a whole journey
    Column("status", String(16), nullable=False),
    Column("batch_id", Integer),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("closed_by", String(200)),
    Column("closed_at", DateTime),
)

# The touchpoints of a round, in the order auditors walk them.
audit_round_touchpoints = Table(
    "audit_round_touchpoints",
    metadata,
    Column("round_id", Integer, primary_key=True),
    Column("touchpoint_key", KEY, primary_key=True),
    Column("position", Integer, nullable=False),
)

# Who may answer a round; via_department: invited as a member of that department.
audit_invitations = Table(
    "audit_invitations",
    metadata,
    Column("round_id", Integer, primary_key=True),
    Column("user_name", String(200), primary_key=True),
    Column("via_department", KEY),
    Column("invited_by", String(200), nullable=False),
    Column("invited_at", DateTime, nullable=False),
)

# One auditor's answer to one question on one touchpoint of a round, saved as they go.
audit_answers = Table(
    "audit_answers",
    metadata,
    Column("round_id", Integer, primary_key=True),
    Column("user_name", String(200), primary_key=True),
    Column("touchpoint_key", KEY, primary_key=True),
    Column("question_id", Integer, primary_key=True),
    Column("score", Float),  # None: only a comment so far
    Column("comment", Text),
    Column("answered_at", DateTime, nullable=False),
)

# --- workshops: a journey rated live by a room of employees (a code or QR code to join on
# their phones), revealed on a big screen, and ended as one audit import batch.

WORKSHOP_STATUSES = ("open", "revealed", "closed")

workshop_id_seq = Sequence("workshop_id_seq")

# batch_id: the audit import batch its ending wrote (undoing that batch reopens it);
# customer_from/to: the period of the customers' scores beside the room's, fixed at start.
workshops = Table(
    "workshops",
    metadata,
    Column("id", Integer, workshop_id_seq, server_default=workshop_id_seq.next_value(),
           primary_key=True),
    Column("journey_key", KEY, nullable=False),
    Column("code", String(8), nullable=False, unique=True),
    Column("status", String(16), nullable=False),
    Column("customer_from", Date),
    Column("customer_to", Date),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("revealed_at", DateTime),
    Column("closed_by", String(200)),
    Column("closed_at", DateTime),
    Column("batch_id", Integer),
)

# One participant's rating of one touchpoint (1-10, whole points), changeable until the end.
workshop_ratings = Table(
    "workshop_ratings",
    metadata,
    Column("workshop_id", Integer, primary_key=True),
    Column("touchpoint_key", KEY, primary_key=True),
    Column("user_name", String(200), primary_key=True),
    Column("score", Float, nullable=False),
    Column("comment", Text),
    Column("changed_at", DateTime, nullable=False),
)

# The facilitator's note (an insight) on a touchpoint, kept with the workshop.
workshop_notes = Table(
    "workshop_notes",
    metadata,
    Column("workshop_id", Integer, primary_key=True),
    Column("touchpoint_key", KEY, primary_key=True),
    Column("note", Text, nullable=False),
    Column("changed_by", String(200), nullable=False),
    Column("changed_at", DateTime, nullable=False),
)
