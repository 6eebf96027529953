"""Rounds: name, period, perspective, touchpoints, and the auditors invited to them.

A round is open until it is closed; undoing the batch its closing wrote opens it again
("reopened": the answers are kept, auditors may correct them, and it can be closed anew).
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from data import accounts, schema
from data.accounts import User
from data.audit_rounds.common import (
    NAME_MAX,
    PERSPECTIVES,
    RoundError,
    as_date,
    check_manage,
    now,
)
from data.audit_rounds.questions import list_questions, questions_for
from data.store import Store

r = schema.audit_rounds
rt = schema.audit_round_touchpoints
inv = schema.audit_invitations
tp = schema.touchpoints
batches = schema.import_batches


def _touchpoints(conn, journey_key: str | None, keys) -> list[str]:
    """The round's touchpoints in walking order (a journey's all, or those picked)."""
    j = schema.journeys
    query = (sa.select(tp.c.key).select_from(tp.join(j, j.c.key == tp.c.journey_key))
             .order_by(j.c.position, j.c.key, tp.c.position, tp.c.key))
    if journey_key:
        found = conn.execute(query.where(tp.c.journey_key == journey_key)).scalars().all()
        if not found:
            raise RoundError("journey_key", f"journey_key: journey {journey_key!r} does not "
                                            "exist or has no touchpoints.")
        return list(found)
    keys = [k for k in dict.fromkeys(keys or []) if k]
    if not keys:
        raise RoundError("touchpoints", "touchpoints: pick a journey or at least one "
                                        "touchpoint.")
    found = list(conn.execute(query.where(tp.c.key.in_(keys))).scalars().all())
    unknown = sorted(set(keys) - set(found))
    if unknown:
        raise RoundError("touchpoints", f"touchpoints: there is no touchpoint {unknown[0]!r}.")
    return found


def _members(conn, departments) -> list[tuple[str, str]]:
    """(user, department) for every user of the departments (each user once)."""
    u = schema.users
    out: dict[str, str] = {}
    for department in departments or []:
        if conn.execute(sa.select(schema.departments.c.key).where(
                schema.departments.c.key == department)).first() is None:
            raise RoundError("departments", f"departments: there is no department "
                                            f"{department!r}.")
        for name in conn.execute(sa.select(u.c.name).where(u.c.department_key == department)
                                 .order_by(u.c.name)).scalars():
            out.setdefault(name, department)
    return list(out.items())


def _invite(conn, user: User, round_id: int, users, departments) -> list[str]:
    """Add invitations (users by name, departments as all their users); return the new."""
    u = schema.users
    wanted = [(name, None) for name in dict.fromkeys(users or []) if name]
    for name, _ in wanted:
        if conn.execute(sa.select(u.c.name).where(u.c.name == name)).first() is None:
            raise RoundError("users", f"users: there is no user {name!r}.")
    wanted += _members(conn, departments)
    present = set(conn.execute(sa.select(inv.c.user_name).where(inv.c.round_id == round_id))
                  .scalars())
    stamp, added = now(), []
    for name, department in wanted:
        if name in present:
            continue
        conn.execute(inv.insert().values(round_id=round_id, user_name=name,
                                         via_department=department, invited_by=user.name,
                                         invited_at=stamp))
        present.add(name)
        added.append(name)
    if added:
        accounts.audit(conn, user.name, "round.invite", f"audit round {round_id}",
                       {"users": added, "departments": list(departments or [])})
    return added


def create_round(store: Store, user: User | None, *, name: str, date_from, date_to,
                 perspective: str = "customer", journey_key: str | None = None,
                 touchpoints=None, users=(), departments=()) -> int:
    """Create a round (analysts and admins) with its touchpoints and invitations."""
    check_manage(user, "Creating audit rounds")
    name = str(name or "").strip()
    if not name or len(name) > NAME_MAX:
        raise RoundError("name", f"name: 1 to {NAME_MAX} characters are needed.")
    start, end = as_date(date_from, "date_from"), as_date(date_to, "date_to")
    if end < start:
        raise RoundError("date_to", "date_to: the period ends before it starts.")
    if perspective not in PERSPECTIVES:
        raise RoundError("perspective", f"perspective: {perspective!r} is not one of "
                                        f"{', '.join(PERSPECTIVES)}.")
    asked = list_questions(store, active_only=True)
    with store.begin() as conn:
        keys = _touchpoints(conn, journey_key, touchpoints)
        journeys = dict(conn.execute(sa.select(tp.c.key, tp.c.journey_key).where(
            tp.c.key.in_(keys))).all())
        silent = [k for k in keys if questions_for(asked, k, journeys[k]).empty]
        if silent:
            raise RoundError("touchpoints", "touchpoints: no question is asked on "
                             f"{', '.join(silent)}; add questions first or leave them out.")
        round_id = conn.execute(r.insert().values(
            name=name, date_from=start, date_to=end, perspective=perspective,
            journey_key=journey_key or None, status="open", created_by=user.name,
            created_at=now()).returning(r.c.id)).scalar_one()
        conn.execute(rt.insert(), [{"round_id": round_id, "touchpoint_key": k, "position": i}
                                   for i, k in enumerate(keys, start=1)])
        accounts.audit(conn, user.name, "round.create", f"audit round {round_id}",
                       {"name": name, "from": start.isoformat(), "to": end.isoformat(),
                        "perspective": perspective, "touchpoints": keys})
        _invite(conn, user, round_id, users, departments)
    return int(round_id)


def invite(store: Store, user: User | None, round_id: int, users=(), departments=()
           ) -> list[str]:
    """Invite more auditors to a round (analysts and admins); return who is new."""
    check_manage(user, "Inviting auditors")
    with store.begin() as conn:
        found = conn.execute(sa.select(r.c.status, batches.c.status.label("batch")).select_from(
            r.outerjoin(batches, batches.c.id == r.c.batch_id)).where(
            r.c.id == int(round_id))).first()
        if found is None:
            raise LookupError(f"There is no audit round {round_id}.")
        if _state(found.status, found.batch) == "closed":
            raise RoundError("users", f"Audit round {round_id} is closed; nobody more can "
                                      "answer it.")
        return _invite(conn, user, int(round_id), users, departments)


def _state(status: str, batch_status) -> str:
    if status != "closed":
        return "open"
    return "reopened" if batch_status == "undone" else "closed"


def _read(store: Store, where=None) -> pd.DataFrame:
    j = schema.journeys
    query = (sa.select(r, batches.c.status.label("batch_status"),
                       batches.c.undone_by, batches.c.undone_at,
                       j.c.name.label("journey_name"))
             .select_from(r.outerjoin(batches, batches.c.id == r.c.batch_id)
                          .outerjoin(j, j.c.key == r.c.journey_key))
             .order_by(r.c.date_from.desc(), r.c.id.desc()))
    if where is not None:
        query = query.where(where)
    frame = store.read_sql(query)
    frame["state"] = [_state(s, b if isinstance(b, str) else None)
                      for s, b in zip(frame["status"], frame["batch_status"], strict=True)]
    return frame


def list_rounds(store: Store) -> pd.DataFrame:
    """Every round, newest period first, with its state (open, closed, reopened)."""
    return _read(store)


def get_round(store: Store, round_id: int) -> dict | None:
    """One round with its state, or None."""
    frame = _read(store, r.c.id == int(round_id))
    return frame.iloc[0].to_dict() if not frame.empty else None


def rounds_of(store: Store, user_name: str) -> pd.DataFrame:
    """The rounds a user is invited to, newest period first."""
    invited = sa.select(inv.c.round_id).where(inv.c.user_name == user_name)
    return _read(store, r.c.id.in_(invited))


def round_touchpoints(store: Store, round_id: int) -> pd.DataFrame:
    """A round's touchpoints in walking order, with name, journey and department."""
    j = schema.journeys
    return store.read_sql(
        sa.select(rt.c.touchpoint_key, rt.c.position, tp.c.name, tp.c.journey_key,
                  tp.c.department_key, j.c.name.label("journey_name"))
        .select_from(rt.join(tp, tp.c.key == rt.c.touchpoint_key)
                     .outerjoin(j, j.c.key == tp.c.journey_key))
        .where(rt.c.round_id == int(round_id)).order_by(rt.c.position))


def invitations(store: Store, round_id: int) -> pd.DataFrame:
    """Who is invited to a round (and through which department)."""
    return store.read_sql(sa.select(inv).where(inv.c.round_id == int(round_id))
                          .order_by(inv.c.user_name))


def is_invited(conn, round_id: int, user_name: str) -> bool:
    return conn.execute(sa.select(inv.c.user_name).where(
        inv.c.round_id == int(round_id), inv.c.user_name == user_name)).first() is not None
