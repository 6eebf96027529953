"""What uses a catalog entry: facts (counted from the daily sums where there are some),
actions, audit rounds, users and subscriptions. An entry in use cannot be deleted."""

from __future__ import annotations

import sqlalchemy as sa

from data import schema
from data.ingest.messages import render

sd, ad = schema.survey_daily, schema.audit_daily
tp, ac = schema.touchpoints, schema.actions
aq, ar = schema.audit_questions, schema.audit_rounds
art, sub = schema.audit_round_touchpoints, schema.subscriptions


def _sum(column):
    """Rows summed in a daily table (its n) whose column is the key."""
    return lambda key: sa.select(sa.func.coalesce(sa.func.sum(column.table.c.n), 0)).where(
        column == key)


def _count(column, *more):
    return lambda key: sa.select(sa.func.count()).select_from(column.table).where(
        column == key, *more)


# entity -> (what, how many of it use the key); "responses" and "audits" from daily sums.
USES = {
    "touchpoints": (
        ("responses", _sum(sd.c.touchpoint_key)), ("audits", _sum(ad.c.touchpoint_key)),
        ("web_rows", _count(schema.web_metrics.c.touchpoint_key)),
        ("actions", _count(ac.c.touchpoint_key)), ("questions", _count(aq.c.touchpoint_key)),
        ("rounds", _count(art.c.touchpoint_key)),
    ),
    "journeys": (
        ("touchpoints", _count(tp.c.journey_key)), ("responses", _sum(sd.c.journey_key)),
        ("actions", _count(ac.c.journey_key)), ("questions", _count(aq.c.journey_key)),
        ("rounds", _count(ar.c.journey_key)),
        ("subscriptions", _count(sub.c.scope_key, sub.c.scope == "journey")),
    ),
    "phases": (("touchpoints", _count(tp.c.phase_key)),),
    "channels": (("touchpoints", _count(tp.c.channel_key)),
                 ("responses", _sum(sd.c.channel_key))),
    "departments": (
        ("touchpoints", _count(tp.c.department_key)),
        ("users", _count(schema.users.c.department_key)),
        ("actions", _count(ac.c.owner_department)),
        ("subscriptions", _count(sub.c.scope_key, sub.c.scope == "department")),
    ),
    "personas": (("journeys", _count(schema.journey_personas.c.persona_key)),
                 ("responses", _sum(sd.c.persona_key))),
}

def uses(conn: sa.Connection, entity: str, key: str) -> dict[str, int]:
    """Return what uses the entry, by kind, only the kinds with a count above zero."""
    out = {}
    for what, query in USES[entity]:
        n = int(conn.execute(query(key)).scalar_one() or 0)
        if n:
            out[what] = n
    return out


def describe(counts: dict[str, int], lang: str = "en") -> str:
    """The counts in words: "1,204 survey responses, 96 audit scores"."""
    return ", ".join(render(f"catalog.use.{what}", {"n": n}, lang) for what, n in counts.items())
