"""Editing the catalog: create, change, delete, reorder steps, merge touchpoints, undo.

Every write is decided here for every caller alike: analysts and admins only; the rules
of the workbook import; no delete of an entry in use. Each write is one exclusive
transaction that records the change (data.catalog.changes), writes the audit trail and
bumps the data version, so every cached view shows the new catalog at once.
"""

from __future__ import annotations

import contextlib

import sqlalchemy as sa

from data import accounts, schema
from data.accounts import User
from data.catalog import changes
from data.catalog import merge as merging
from data.catalog.entries import read_entry, write_entry
from data.catalog.rules import ENTITIES, CatalogError, check
from data.catalog.usage import describe, uses
from data.ingest.problems import Problem
from data.store import Store, bump_data_version

tp = schema.touchpoints


class CatalogForbidden(PermissionError):
    """The user's role does not allow changing the catalog."""


def may_edit(user: User | None) -> bool:
    return user is not None and user.can("analyst")


def require_editor(user: User | None) -> str:
    if not may_edit(user):
        raise CatalogForbidden(CatalogError.of(
            "catalog.forbidden", value=user.name if user else "nobody",
            role=user.role if user else "-").messages()[0])
    return user.name


@contextlib.contextmanager
def _writing(store: Store, user: User | None, what: str, target: str):
    """One checked, audited, version-bumping write: yields (connection, actor, detail);
    the caller fills detail for the audit trail."""
    actor = require_editor(user)
    detail: dict = {"what": what}
    with store.begin(exclusive=True) as conn:
        yield conn, actor, detail
        accounts.audit(conn, actor, "catalog", target, detail)
        bump_data_version(conn)
    store.forget_version()


def save(store: Store, user: User | None, entity: str, entry: dict, *, new: bool) -> int | None:
    """Create (``new``) or change an entry; return the change id (None: nothing changed).

    The key is the entry's identity and is not changed: renaming changes the name, and
    every fact keeps pointing at the key."""
    key = str(entry.get("key") or "").strip()
    with _writing(store, user, "create" if new else "update", f"{entity}/{key}") as (
            conn, actor, detail):
        after = check(conn, entity, {**entry, "key": key}, new=new)
        before = None if new else read_entry(conn, entity, key)
        if before == after:
            detail["unchanged"] = True
            return None
        write_entry(conn, entity, key, after)
        detail["change"] = changes.record(conn, actor, entity, key,
                                          "create" if new else "update", before, after)
    return detail["change"]


def in_use(conn: sa.Connection, entity: str, key: str) -> CatalogError | None:
    """Why the entry cannot be deleted (with the counts and the way out), or None."""
    found = uses(conn, entity, key)
    if not found:
        return None
    way_out = ("catalog.way_out.merge" if entity == "touchpoints" else
               "catalog.way_out.reassign" if "touchpoints" in found else "catalog.way_out.facts")
    return CatalogError([Problem.of("catalog.in_use", value=key, counts=found,
                                    uses=describe(found)),
                         Problem.of(way_out, dimension=entity.rstrip("s"))])


def delete(store: Store, user: User | None, entity: str, key: str) -> int:
    """Delete an entry nothing uses; return the change id."""
    with _writing(store, user, "delete", f"{entity}/{key}") as (conn, actor, detail):
        before = read_entry(conn, entity, key) if entity in ENTITIES else None
        if before is None:
            raise CatalogError.of("catalog.unknown_entry", "key", value=repr(key), entity=entity)
        refused = in_use(conn, entity, key)
        if refused:
            raise refused
        write_entry(conn, entity, key, None)
        detail["change"] = changes.record(conn, actor, entity, key, "delete", before, None)
    return detail["change"]


def _steps(conn: sa.Connection, journey: str) -> list[str]:
    return list(conn.execute(sa.select(tp.c.key).where(tp.c.journey_key == journey)
                             .order_by(tp.c.position, tp.c.key)).scalars())


def _place(conn: sa.Connection, positions: dict[str, int]) -> None:
    for key, position in positions.items():
        conn.execute(tp.update().where(tp.c.key == key).values(position=position))


def move(store: Store, user: User | None, key: str, step: int) -> int | None:
    """Move a touchpoint one step earlier (-1) or later (+1) in its journey; the journey's
    steps are numbered 1, 2, … afterwards. Return the change id (None at either end)."""
    with _writing(store, user, "reorder", f"touchpoints/{key}") as (conn, actor, detail):
        entry = read_entry(conn, "touchpoints", key)
        if entry is None:
            raise CatalogError.of("catalog.unknown_entry", "key", value=repr(key),
                                  entity="touchpoints")
        journey = entry["journey_key"]
        order = _steps(conn, journey)
        at = order.index(key)
        if not 0 <= at + step < len(order):
            return None
        before = dict(conn.execute(sa.select(tp.c.key, tp.c.position)
                                   .where(tp.c.journey_key == journey)).all())
        order[at], order[at + step] = order[at + step], order[at]
        after = {k: i for i, k in enumerate(order, start=1)}
        _place(conn, after)
        detail["change"] = changes.record(conn, actor, "journeys", journey, "reorder",
                                          before, after, {"moved": key, "step": step})
    return detail["change"]


def merge(store: Store, user: User | None, source: str, into: str) -> int:
    """Merge touchpoint source into ``into`` (see data.catalog.merge); return the change id."""
    with _writing(store, user, "merge", f"touchpoints/{source}") as (conn, actor, detail):
        detail["into"] = into
        detail["change"] = merging.merge(conn, actor, source, into)
    store.refresh_statistics(*(t.name for t in merging.MOVABLE))
    return detail["change"]


def undo(store: Store, user: User | None, change_id: int) -> None:
    """Undo a change: only the newest not undone of its entry, merges newest first."""
    with _writing(store, user, "undo", f"change/{change_id}") as (conn, actor, detail):
        change = changes.get(conn, change_id)
        if change is None:
            raise CatalogError.of("catalog.unknown_entry", None, value=change_id,
                                  entity="changes")
        if change["undone_at"] is not None:
            raise CatalogError.of("catalog.undo_done", None, value=change_id)
        entity, key, action = change["entity"], change["key"], change["action"]
        latest = changes.latest_id(conn, entity, key)
        if latest != change_id:
            raise CatalogError.of("catalog.undo_not_latest", None, value=key, latest=latest)
        if action == "merge":
            newest = changes.latest_merge_id(conn)
            if newest != change_id:
                raise CatalogError.of("catalog.undo_not_latest_merge", None, latest=newest)
            merging.unmerge(conn, change)
        elif action == "reorder":
            _place(conn, {k: p for k, p in change["before"].items()
                          if read_entry(conn, "touchpoints", k) is not None})
        elif change["before"] is None:  # undo a creation: delete, if nothing uses it now
            refused = in_use(conn, entity, key)
            if refused:
                raise refused
            write_entry(conn, entity, key, None)
        else:  # an update or a deletion: the entry as it was, checked by today's rules
            write_entry(conn, entity, key, check(conn, entity, change["before"],
                                                 new=change["after"] is None, restore=True))
        changes.mark_undone(conn, change_id, actor)
        detail.update(change=change_id, entity=entity, key=key, action=action)
