"""The versions of the catalog: one row per change (who, when, before and after as JSON),
undone newest first per entry."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import sqlalchemy as sa

from data import schema
from data.store import Store

cc = schema.catalog_changes


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _json(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True,
                                                 default=str)


def record(conn: sa.Connection, actor: str, entity: str, key: str, action: str,
           before: dict | None, after: dict | None, detail: dict | None = None) -> int:
    """Write one change (inside the caller's transaction); return its id."""
    return conn.execute(cc.insert().values(
        changed_at=now(), actor=actor or "?", entity=entity, key=key, action=action,
        before=_json(before), after=_json(after), detail=_json(detail),
    ).returning(cc.c.id)).scalar_one()


def set_detail(conn: sa.Connection, change_id: int, detail: dict) -> None:
    conn.execute(cc.update().where(cc.c.id == change_id).values(detail=_json(detail)))


def get(conn: sa.Connection, change_id: int) -> dict | None:
    """The change with before, after and detail parsed."""
    row = conn.execute(sa.select(cc).where(cc.c.id == change_id)).mappings().first()
    if row is None:
        return None
    out = dict(row)
    for name in ("before", "after", "detail"):
        out[name] = json.loads(out[name]) if out[name] else None
    return out


def latest_id(conn: sa.Connection, entity: str, key: str) -> int | None:
    """The newest change of an entry not undone yet."""
    return conn.execute(sa.select(sa.func.max(cc.c.id)).where(
        cc.c.entity == entity, cc.c.key == key, cc.c.undone_at.is_(None))).scalar()


def latest_merge_id(conn: sa.Connection) -> int | None:
    return conn.execute(sa.select(sa.func.max(cc.c.id)).where(
        cc.c.action == "merge", cc.c.undone_at.is_(None))).scalar()


def mark_undone(conn: sa.Connection, change_id: int, actor: str) -> None:
    conn.execute(cc.update().where(cc.c.id == change_id).values(undone_by=actor or "?",
                                                                undone_at=now()))


def history(store: Store, entity: str | None = None, limit: int = 50) -> pd.DataFrame:
    """The newest changes (of one entity, or all), newest first, each with ``undoable``:
    the newest not undone of its entry (a merge: the newest merge, too)."""
    query = sa.select(cc).order_by(cc.c.id.desc()).limit(limit)
    if entity == "touchpoints":  # steps reordered are a journey's change, made among its steps
        query = query.where(sa.or_(cc.c.entity == entity, cc.c.action == "reorder"))
    elif entity:
        query = query.where(cc.c.entity == entity)
    with store.connect() as conn:
        result = conn.execute(query)
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
        if frame.empty:
            return frame.assign(undoable=[])
        newest_merge = latest_merge_id(conn)
        latest = {(e, k): latest_id(conn, e, k)
                  for e, k in set(zip(frame["entity"], frame["key"], strict=True))}
    frame["undoable"] = [
        bool(pd.isna(u) and latest[(e, k)] == i and (a != "merge" or i == newest_merge))
        for i, e, k, a, u in zip(frame["id"], frame["entity"], frame["key"], frame["action"],
                                 frame["undone_at"], strict=True)]
    return frame
