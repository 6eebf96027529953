"""Questions: asked on one touchpoint, or on every touchpoint of a journey."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from data import accounts, schema
from data.accounts import User
from data.audit_rounds.common import TEXT_MAX, RoundError, check_manage, now
from data.store import Store

q = schema.audit_questions
tp = schema.touchpoints


def _texts(text_de, text_en) -> dict:
    texts = {"text_de": (str(text_de or "").strip() or None),
             "text_en": (str(text_en or "").strip() or None)}
    if not texts["text_de"] and not texts["text_en"]:
        raise RoundError("text_de", "text: a question needs a German or an English text.")
    for field, text in texts.items():
        if text and len(text) > TEXT_MAX:
            raise RoundError(field, f"{field}: at most {TEXT_MAX} characters.")
    return texts


def add_question(store: Store, user: User | None, *, text_de: str | None = None,
                 text_en: str | None = None, touchpoint_key: str | None = None,
                 journey_key: str | None = None, half_points: bool = True,
                 position: int | None = None) -> int:
    """Add a question on a touchpoint or on a whole journey (analysts and admins)."""
    check_manage(user, "Adding questions")
    texts = _texts(text_de, text_en)
    if bool(touchpoint_key) == bool(journey_key):
        raise RoundError("touchpoint_key", "touchpoint_key or journey_key: a question is asked "
                                           "on one touchpoint or on one journey.")
    with store.begin() as conn:
        if touchpoint_key and conn.execute(sa.select(tp.c.key).where(
                tp.c.key == touchpoint_key)).first() is None:
            raise RoundError("touchpoint_key", f"touchpoint_key: there is no touchpoint "
                                               f"{touchpoint_key!r}.")
        j = schema.journeys
        if journey_key and conn.execute(sa.select(j.c.key).where(
                j.c.key == journey_key)).first() is None:
            raise RoundError("journey_key", f"journey_key: there is no journey {journey_key!r}.")
        if position is None:
            position = (conn.execute(sa.select(sa.func.max(q.c.position))).scalar() or 0) + 1
        stamp = now()
        new_id = conn.execute(q.insert().values(
            journey_key=journey_key or None, touchpoint_key=touchpoint_key or None,
            half_points=bool(half_points), position=int(position), active=True,
            created_by=user.name, created_at=stamp, changed_by=user.name, changed_at=stamp,
            **texts).returning(q.c.id)).scalar_one()
        accounts.audit(conn, user.name, "question.create", f"question {new_id}",
                       {"touchpoint": touchpoint_key, "journey": journey_key, **texts})
    return int(new_id)


def update_question(store: Store, user: User | None, question_id: int, **changes) -> None:
    """Change a question's texts, half points or position, or retire it (active=False)."""
    check_manage(user, "Changing questions")
    allowed = {"text_de", "text_en", "half_points", "position", "active"}
    if set(changes) - allowed:
        field = sorted(set(changes) - allowed)[0]
        raise RoundError(field, f"{field}: not a field of a question.")
    with store.begin() as conn:
        row = conn.execute(sa.select(q).where(q.c.id == int(question_id))).first()
        if row is None:
            raise LookupError(f"There is no question {question_id}.")
        values = {k: v for k, v in changes.items() if k in ("half_points", "position", "active")}
        if "text_de" in changes or "text_en" in changes:
            values.update(_texts(changes.get("text_de", row.text_de),
                                 changes.get("text_en", row.text_en)))
        diff = {k: [getattr(row, k), v] for k, v in values.items() if getattr(row, k) != v}
        if not diff:
            return
        conn.execute(q.update().where(q.c.id == int(question_id)).values(
            **values, changed_by=user.name, changed_at=now()))
        accounts.audit(conn, user.name, "question.change", f"question {question_id}", diff)


def list_questions(store: Store, active_only: bool = False) -> pd.DataFrame:
    """Every question with the name of its touchpoint or journey, in asking order."""
    j = schema.journeys
    query = (sa.select(q, tp.c.name.label("touchpoint_name"), j.c.name.label("journey_name"))
             .select_from(q.outerjoin(tp, tp.c.key == q.c.touchpoint_key)
                          .outerjoin(j, j.c.key == q.c.journey_key))
             .order_by(q.c.position, q.c.id))
    if active_only:
        query = query.where(q.c.active.is_(True))
    return store.read_sql(query)


def questions_for(frame: pd.DataFrame, touchpoint_key: str, journey_key: str) -> pd.DataFrame:
    """The active questions asked on a touchpoint: its own and its journey's, in order."""
    if frame.empty:
        return frame
    mine = frame["active"].astype(bool) & (
        (frame["touchpoint_key"] == touchpoint_key) | (frame["journey_key"] == journey_key))
    return frame.loc[mine].reset_index(drop=True)


def text(row, lang: str) -> str:
    """A question's text in a language, the other one when that is missing."""
    first, second = ("text_de", "text_en") if lang == "de" else ("text_en", "text_de")
    value = row[first] if isinstance(row[first], str) and row[first] else row[second]
    return value or ""
