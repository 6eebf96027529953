"""Closing a round: its scores become audit facts in one import batch, through the same
commit as every import, so the batch list shows it and undo removes it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from data import accounts, ingest, schema
from data.accounts import User
from data.audit_rounds.common import RoundError, check_manage, now
from data.ingest.problems import Problem, RejectedFile

PRESET = "audit-round"
r = schema.audit_rounds
ans = schema.audit_answers
q = schema.audit_questions
FACT_COLUMNS = ["touchpoint_key", "date", "perspective", "question", "score", "comment"]


def _question_text(text_de, text_en) -> str | None:
    # Facts keep one text: German first (the catalog's language), English when it is all.
    return text_de or text_en or None


def fact_frame(conn, round_row) -> pd.DataFrame:
    """The audit facts of a round: one row per score given, dated when it was given
    (kept inside the round's period), with the round's perspective."""
    rows = conn.execute(
        sa.select(ans.c.touchpoint_key, ans.c.answered_at, ans.c.score, ans.c.comment,
                  q.c.text_de, q.c.text_en)
        .select_from(ans.join(q, q.c.id == ans.c.question_id))
        .where(ans.c.round_id == round_row.id, ans.c.score.is_not(None))
        .order_by(ans.c.touchpoint_key, ans.c.user_name, q.c.position, q.c.id)).all()
    start, end = round_row.date_from, round_row.date_to

    def day(stamp) -> dt.date:
        return min(max(pd.Timestamp(stamp).date(), start), end)

    return pd.DataFrame({
        "touchpoint_key": [row.touchpoint_key for row in rows],
        "date": [day(row.answered_at) for row in rows],
        "perspective": [round_row.perspective] * len(rows),
        "question": [_question_text(row.text_de, row.text_en) for row in rows],
        "score": [float(row.score) for row in rows],
        "comment": [row.comment or None for row in rows],
    }, columns=FACT_COLUMNS)


def close_round(store, user: User | None, round_id: int) -> int:
    """Close a round (analysts and admins): write its scores as one audit batch; return
    the batch id. A reopened round (its batch undone) can be closed again."""
    check_manage(user, "Closing audit rounds")
    frames: dict[str, pd.DataFrame] = {"audit": pd.DataFrame(columns=FACT_COLUMNS)}

    def guard(conn) -> int:
        # Inside the import's exclusive transaction: the round's state and its answers as
        # they are when the batch is written, and the round closed in the same commit.
        row = conn.execute(sa.select(r).where(r.c.id == int(round_id))).first()
        if row is None:
            raise LookupError(f"There is no audit round {round_id}.")
        if row.status == "closed" and row.batch_id is not None:
            batch = conn.execute(sa.select(schema.import_batches.c.status).where(
                schema.import_batches.c.id == row.batch_id)).scalar()
            if batch != "undone":
                raise RoundError(None, f"Audit round {round_id} is already closed (batch "
                                       f"{row.batch_id}).")
        frame = fact_frame(conn, row)
        if frame.empty:
            raise RejectedFile([Problem.of("file.nothing_to_write", skipped=0)])
        frames["audit"] = frame
        conn.execute(r.update().where(r.c.id == row.id).values(
            status="closed", closed_by=user.name, closed_at=now()))
        accounts.audit(conn, user.name, "round.close", f"audit round {row.id}",
                       {"name": row.name, "scores": len(frame)})
        return 0

    with store.connect() as conn:
        title = conn.execute(sa.select(r.c.name).where(r.c.id == int(round_id))).scalar()
    if title is None:
        raise LookupError(f"There is no audit round {round_id}.")
    try:
        batch_id = ingest.commit(
            store, "audit", frames, file_name=f"Audit round {round_id}: {title}",
            created_by=user.name, preset=PRESET, guard=guard,
            written=lambda conn, batch: conn.execute(
                r.update().where(r.c.id == int(round_id)).values(batch_id=batch)))
    except RejectedFile:
        raise RoundError("answers", f"Audit round {round_id} has no scores yet; nothing to "
                                    "write.") from None
    return int(batch_id)
