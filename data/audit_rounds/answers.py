"""Answers: one auditor's score and comment per question and touchpoint, saved as they go."""

from __future__ import annotations

import math

import pandas as pd
import sqlalchemy as sa

from data import schema
from data.accounts import User
from data.audit_rounds.common import (
    COMMENT_MAX,
    SCORE_MAX,
    SCORE_MIN,
    RoundError,
    RoundForbidden,
    now,
)
from data.audit_rounds.rounds import is_invited
from data.store import Store

ans = schema.audit_answers
r = schema.audit_rounds
q = schema.audit_questions
tp = schema.touchpoints
rt = schema.audit_round_touchpoints
UNSET = object()


def parse_score(value, half_points: bool = True) -> float | None:
    """A score from a number or a text ("7,5" too); None when empty; RoundError when it is
    not on the 1-10 scale in steps of a half (or whole points)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        score = float(str(value).strip().replace(",", ".")) if isinstance(value, str) \
            else float(value)
    except ValueError:
        raise RoundError("score", f"score: {value!r} is not a number.") from None
    step = 0.5 if half_points else 1.0
    if not math.isfinite(score) or not SCORE_MIN <= score <= SCORE_MAX \
            or abs(score / step - round(score / step)) > 1e-9:
        raise RoundError("score", f"score: {value!r} is not between {SCORE_MIN:g} and "
                                  f"{SCORE_MAX:g} in steps of {step:g}.")
    return score


def _check(conn, user: User | None, round_id: int, touchpoint_key: str, question_id: int):
    """Return the question when the user may answer it on this touchpoint of this round."""
    if user is None:
        raise RoundForbidden("Answering an audit round needs signing in.")
    found = conn.execute(sa.select(r.c.status, schema.import_batches.c.status.label("batch"))
                         .select_from(r.outerjoin(schema.import_batches,
                                                  schema.import_batches.c.id == r.c.batch_id))
                         .where(r.c.id == int(round_id))).first()
    if found is None:
        raise LookupError(f"There is no audit round {round_id}.")
    if not is_invited(conn, round_id, user.name):
        raise RoundForbidden(f"{user.name} is not invited to audit round {round_id}.")
    if found.status == "closed" and found.batch != "undone":
        raise RoundForbidden(f"Audit round {round_id} is closed; its answers can no longer "
                             "be changed.")
    journey = conn.execute(sa.select(tp.c.journey_key).select_from(
        rt.join(tp, tp.c.key == rt.c.touchpoint_key)).where(
        rt.c.round_id == int(round_id), rt.c.touchpoint_key == touchpoint_key)).scalar()
    if journey is None:
        raise RoundError("touchpoint_key", f"touchpoint_key: {touchpoint_key!r} is not part "
                                           f"of audit round {round_id}.")
    question = conn.execute(sa.select(q).where(q.c.id == int(question_id))).first()
    if question is None or not question.active or not (
            question.touchpoint_key == touchpoint_key or question.journey_key == journey):
        raise RoundError("question_id", f"question_id: question {question_id} is not asked "
                                        f"on {touchpoint_key!r}.")
    return question


def save_answer(store: Store, user: User | None, round_id: int, touchpoint_key: str,
                question_id: int, *, score=UNSET, comment=UNSET) -> dict:
    """Save one answer's score and/or comment as the invited user; return the answer."""
    with store.begin() as conn:
        question = _check(conn, user, round_id, touchpoint_key, question_id)
        key = (ans.c.round_id == int(round_id), ans.c.user_name == user.name,
               ans.c.touchpoint_key == touchpoint_key, ans.c.question_id == int(question_id))
        current = conn.execute(sa.select(ans.c.score, ans.c.comment).where(*key)).first()
        values = {"score": current.score if current else None,
                  "comment": current.comment if current else None}
        if score is not UNSET:
            values["score"] = parse_score(score, bool(question.half_points))
        if comment is not UNSET:
            text = str(comment or "").strip()
            if len(text) > COMMENT_MAX:
                raise RoundError("comment", f"comment: at most {COMMENT_MAX} characters.")
            values["comment"] = text or None
        if current is None and values["score"] is None and values["comment"] is None:
            return values  # nothing given yet: no empty answer row
        if current is None:
            conn.execute(ans.insert().values(
                round_id=int(round_id), user_name=user.name, touchpoint_key=touchpoint_key,
                question_id=int(question_id), answered_at=now(), **values))
        elif (current.score, current.comment) != (values["score"], values["comment"]):
            conn.execute(ans.update().where(*key).values(answered_at=now(), **values))
    return values


def answers_of(store: Store, round_id: int, user_name: str | None = None) -> pd.DataFrame:
    """A round's answers (one auditor's, when named)."""
    query = sa.select(ans).where(ans.c.round_id == int(round_id))
    if user_name is not None:
        query = query.where(ans.c.user_name == user_name)
    return store.read_sql(query.order_by(ans.c.user_name, ans.c.touchpoint_key,
                                         ans.c.question_id))
