"""Merging one touchpoint into another: its facts, daily sums, actions, audit questions and
saved labels move to the other, then it is deleted; undone exactly.

Facts have no row ids, so each moved fact and daily-sum row is marked with the merge's
change id (``moved_by``). A row moved before, by an earlier merge into this touchpoint,
keeps that earlier mark; the merge remembers those marks (``prior``), and undoing it moves
them back as well. Merges are undone newest first, so no later merge has moved them since.
"""

from __future__ import annotations

import sqlalchemy as sa

from data import schema
from data.catalog import changes
from data.catalog.entries import read_entry, write_entry
from data.catalog.rules import CatalogError
from data.catalog.usage import uses

# Every table whose rows name a touchpoint and carry a moved_by mark.
MOVABLE = (schema.audit_scores, schema.survey_responses, schema.web_metrics,
           schema.audit_daily, schema.survey_daily)
# What a merge moves, counted as the preview says it.
MOVED_KINDS = ("responses", "audits", "web_rows", "actions", "questions")
ac, aq, la = schema.actions, schema.audit_questions, schema.label_aliases


def refusal(conn: sa.Connection, source: str, into: str) -> CatalogError | None:
    """Why source cannot be merged into ``into`` (None: it can)."""
    if source == into:
        return CatalogError.of("catalog.merge_self", "into")
    a, b = read_entry(conn, "touchpoints", source), read_entry(conn, "touchpoints", into)
    for key, entry, field in ((source, a, "key"), (into, b, "into")):
        if entry is None:
            return CatalogError.of("catalog.unknown_entry", field, value=repr(key),
                                   entity="touchpoints")
    if a["journey_key"] != b["journey_key"]:
        return CatalogError.of("catalog.merge_journeys", "into", value=source,
                               journey=a["journey_key"], into=into,
                               into_journey=b["journey_key"])
    rounds = uses(conn, "touchpoints", source).get("rounds", 0)
    if rounds:
        return CatalogError.of("catalog.merge_rounds", "key", value=source, n=rounds)
    return None


def moved_counts(conn: sa.Connection, source: str) -> dict[str, int]:
    """How many of each kind a merge of source would move (zero counts included)."""
    found = uses(conn, "touchpoints", source)
    return {kind: found.get(kind, 0) for kind in MOVED_KINDS}


def merge(conn: sa.Connection, actor: str, source: str, into: str) -> int:
    """Move everything of source to ``into`` and delete source; return the change id."""
    problem = refusal(conn, source, into)
    if problem:
        raise problem
    before = read_entry(conn, "touchpoints", source)
    counts = moved_counts(conn, source)
    change = changes.record(conn, actor, "touchpoints", source, "merge", before, None)
    prior: set[int] = set()
    for table in MOVABLE:
        prior.update(conn.execute(sa.select(table.c.moved_by).distinct().where(
            table.c.touchpoint_key == source, table.c.moved_by.is_not(None))).scalars())
        conn.execute(table.update().where(table.c.touchpoint_key == source,
                                          table.c.moved_by.is_(None)).values(moved_by=change))
        conn.execute(table.update().where(table.c.touchpoint_key == source)
                     .values(touchpoint_key=into))
    detail = {"into": into, "moved": counts, "prior": sorted(prior)}
    for name, table, column, where in (
            ("actions", ac, ac.c.touchpoint_key, ()),
            ("questions", aq, aq.c.touchpoint_key, ()),
            ("aliases", la, la.c.key, (la.c.dimension == "touchpoint",))):
        ident = table.c.label if table is la else table.c.id
        detail[name] = sorted(conn.execute(sa.select(ident).where(column == source, *where))
                              .scalars())
        conn.execute(table.update().where(column == source, *where)
                     .values({column.name: into}))
    write_entry(conn, "touchpoints", source, None)
    changes.set_detail(conn, change, detail)
    return change


def unmerge(conn: sa.Connection, change: dict) -> None:
    """Undo a merge: the touchpoint back, and every row it moved back to it."""
    source, detail = change["key"], change["detail"]
    into, mark = detail["into"], change["id"]
    write_entry(conn, "touchpoints", source, change["before"])
    for table in MOVABLE:
        conn.execute(table.update().where(table.c.moved_by == mark)
                     .values(touchpoint_key=source, moved_by=None))
        if detail["prior"]:
            conn.execute(table.update().where(table.c.moved_by.in_(detail["prior"]),
                                              table.c.touchpoint_key == into)
                         .values(touchpoint_key=source))
    for name, table, column, ident in (("actions", ac, ac.c.touchpoint_key, ac.c.id),
                                       ("questions", aq, aq.c.touchpoint_key, aq.c.id),
                                       ("aliases", la, la.c.key, la.c.label)):
        if detail.get(name):
            where = (la.c.dimension == "touchpoint",) if table is la else ()
            conn.execute(table.update().where(ident.in_(detail[name]), column == into, *where)
                         .values({column.name: source}))
