"""Workshops: a journey rated live by a room. The facilitator (analysts and admins) starts
one for a journey and gets a short join code; every signed-in user who has the code rates
the journey's touchpoints 1-10 on their phone, changeable until the end; the facilitator
reveals the room's numbers, notes insights per touchpoint, and ends the workshop, which
writes the ratings as one audit import batch (perspective employee) that can be undone
like any import (the workshop is then "reopened": ratings may change, it can end again).

Who may write is decided here, for every caller alike, and every write is in the audit
trail. The pieces of audit rounds are reused: their errors, role check and closing path.
"""

from __future__ import annotations

import datetime as dt
import secrets

import pandas as pd
import sqlalchemy as sa

from data import accounts, ingest, schema
from data.accounts import User
from data.audit_rounds.closing import FACT_COLUMNS
from data.audit_rounds.common import (
    COMMENT_MAX,
    RoundError,
    RoundForbidden,
    check_manage,
    may_manage,
    now,
)
from data.ingest.problems import Problem, RejectedFile
from data.store import Store

PRESET = "workshop"
# Six characters a room reads off a projector without asking: no 0/O, 1/I/L, 5/S, 2/Z, 8/B.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
NOTE_MAX = 1000
SCORES = range(1, 11)

w = schema.workshops
wr = schema.workshop_ratings
wn = schema.workshop_notes
tp = schema.touchpoints
batches = schema.import_batches

__all__ = ["RoundError", "RoundForbidden", "end_workshop", "find_by_code", "get_workshop",
           "join", "may_manage", "normalise_code", "notes_of", "rate", "ratings_of", "reveal",
           "save_note", "start_workshop", "touchpoints_of"]


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text) -> str:
    """A code as typed (spaces, lower case) in its stored form."""
    return "".join(str(text or "").split()).upper()


def state(status: str, batch_status) -> str:
    """open, revealed, closed, or reopened (ended, its batch undone)."""
    if status != "closed":
        return status
    return "reopened" if batch_status == "undone" else "closed"


def _read(conn, where) -> dict | None:
    j = schema.journeys
    row = conn.execute(
        sa.select(w, batches.c.status.label("batch_status"), j.c.name.label("journey_name"))
        .select_from(w.outerjoin(batches, batches.c.id == w.c.batch_id)
                     .outerjoin(j, j.c.key == w.c.journey_key))
        .where(where)).mappings().first()
    if row is None:
        return None
    found = dict(row)
    found["state"] = state(found["status"], found["batch_status"])
    return found


def get_workshop(store: Store, workshop_id) -> dict | None:
    """One workshop with its state and journey name, or None."""
    try:
        ident = int(workshop_id)
    except (TypeError, ValueError):
        return None
    with store.connect() as conn:
        return _read(conn, w.c.id == ident)


def find_by_code(store: Store, code) -> dict | None:
    """The workshop of a join code (as typed), or None."""
    with store.connect() as conn:
        return _read(conn, w.c.code == normalise_code(code))


def open_for_journey(store: Store, journey_key: str) -> dict | None:
    """The journey's newest workshop that has not ended (or was reopened), or None."""
    with store.connect() as conn:
        ids = conn.execute(sa.select(w.c.id).where(w.c.journey_key == journey_key)
                           .order_by(w.c.id.desc())).scalars().all()
        for ident in ids:
            found = _read(conn, w.c.id == ident)
            if found["state"] != "closed":
                return found
    return None


def start_workshop(store: Store, user: User | None, journey_key: str,
                   customer_period: tuple | None = None) -> int:
    """Start a workshop for a journey (analysts and admins); return its id.
    ``customer_period``: (from, to) of the customers' scores shown beside the room's."""
    check_manage(user, "Starting a workshop")
    start, end = customer_period or (None, None)
    with store.begin() as conn:
        if not conn.execute(sa.select(tp.c.key).where(tp.c.journey_key == journey_key)
                            .limit(1)).first():
            raise RoundError("journey_key", f"journey_key: journey {journey_key!r} does not "
                                            "exist or has no touchpoints.")
        taken = set(conn.execute(sa.select(w.c.code)).scalars())
        code = new_code()
        while code in taken:
            code = new_code()
        ident = conn.execute(w.insert().values(
            journey_key=journey_key, code=code, status="open",
            customer_from=_date(start), customer_to=_date(end), created_by=user.name,
            created_at=now()).returning(w.c.id)).scalar_one()
        accounts.audit(conn, user.name, "workshop.start", f"workshop {ident}",
                       {"journey": journey_key, "code": code})
    return int(ident)


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def join(store: Store, user: User | None, code) -> dict:
    """The workshop a signed-in user joins with a code; refused when unknown or ended."""
    if user is None:
        raise RoundForbidden("Joining a workshop needs signing in.")
    found = find_by_code(store, code)
    if found is None:
        raise LookupError(f"There is no workshop with the code {normalise_code(code)!r}.")
    if found["state"] == "closed":
        raise RoundForbidden(f"Workshop {found['code']} has ended.")
    return found


def touchpoints_of(store: Store, journey_key: str) -> pd.DataFrame:
    """The journey's touchpoints in the order of its steps (phase, then step)."""
    ph = schema.phases
    return store.read_sql(
        sa.select(tp.c.key, tp.c.name, tp.c.position, tp.c.phase_key,
                  ph.c.name.label("phase_name"), ph.c.position.label("phase_position"))
        .select_from(tp.outerjoin(ph, ph.c.key == tp.c.phase_key))
        .where(tp.c.journey_key == journey_key)
        .order_by(ph.c.position, tp.c.position, tp.c.key))


def _writable(conn, workshop_id: int) -> dict:
    found = _read(conn, w.c.id == int(workshop_id))
    if found is None:
        raise LookupError(f"There is no workshop {workshop_id}.")
    if found["state"] == "closed":
        raise RoundForbidden(f"Workshop {found['code']} has ended; its ratings can no longer "
                             "be changed.")
    return found


def parse_rating(value) -> int:
    """A rating from a number or text: a whole point from 1 to 10; RoundError otherwise."""
    try:
        score = float(str(value).strip().replace(",", "."))
    except (TypeError, ValueError):
        raise RoundError("score", f"score: {value!r} is not a number.") from None
    if score not in SCORES:
        raise RoundError("score", f"score: {value!r} is not a whole point from 1 to 10.")
    return int(score)


def rate(store: Store, user: User | None, workshop_id: int, touchpoint_key: str, score,
         comment=None) -> int:
    """Save (or change) the signed-in user's rating of a touchpoint; return the score."""
    if user is None:
        raise RoundForbidden("Rating in a workshop needs signing in.")
    value = parse_rating(score)
    text = str(comment or "").strip() or None
    if text and len(text) > COMMENT_MAX:
        raise RoundError("comment", f"comment: at most {COMMENT_MAX} characters.")
    with store.begin() as conn:
        found = _writable(conn, workshop_id)
        if conn.execute(sa.select(tp.c.key).where(
                tp.c.key == touchpoint_key,
                tp.c.journey_key == found["journey_key"])).first() is None:
            raise RoundError("touchpoint_key", f"touchpoint_key: {touchpoint_key!r} is not a "
                                               "touchpoint of this workshop's journey.")
        key = (wr.c.workshop_id == found["id"], wr.c.touchpoint_key == touchpoint_key,
               wr.c.user_name == user.name)
        current = conn.execute(sa.select(wr.c.score, wr.c.comment).where(*key)).first()
        if current is not None and comment is None:
            text = current.comment  # a changed score keeps the comment given before
        if current is None:
            conn.execute(wr.insert().values(workshop_id=found["id"],
                                            touchpoint_key=touchpoint_key,
                                            user_name=user.name, score=value, comment=text,
                                            changed_at=now()))
        elif (current.score, current.comment) != (value, text):
            conn.execute(wr.update().where(*key).values(score=value, comment=text,
                                                        changed_at=now()))
        else:
            return value
        accounts.audit(conn, user.name, "workshop.rate", f"workshop {found['id']}",
                       {"touchpoint": touchpoint_key, "score": value})
    return value


def ratings_of(store: Store, workshop_id: int, user_name: str | None = None) -> pd.DataFrame:
    """A workshop's ratings (one participant's, when named)."""
    query = sa.select(wr).where(wr.c.workshop_id == int(workshop_id))
    if user_name is not None:
        query = query.where(wr.c.user_name == user_name)
    return store.read_sql(query.order_by(wr.c.touchpoint_key, wr.c.user_name))


def reveal(store: Store, user: User | None, workshop_id: int) -> None:
    """Show the room's numbers on the screen (analysts and admins); until then only counts."""
    check_manage(user, "Revealing a workshop's ratings")
    with store.begin() as conn:
        found = _writable(conn, workshop_id)
        if found["status"] == "revealed":
            return
        conn.execute(w.update().where(w.c.id == found["id"]).values(
            status="revealed", revealed_at=now()))
        accounts.audit(conn, user.name, "workshop.reveal", f"workshop {found['id']}")


def save_note(store: Store, user: User | None, workshop_id: int, touchpoint_key: str,
              note) -> None:
    """Keep the facilitator's note (an insight) on a touchpoint; empty removes it."""
    check_manage(user, "Noting insights in a workshop")
    text = str(note or "").strip()
    if len(text) > NOTE_MAX:
        raise RoundError("note", f"note: at most {NOTE_MAX} characters.")
    with store.begin() as conn:
        found = _read(conn, w.c.id == int(workshop_id))
        if found is None:
            raise LookupError(f"There is no workshop {workshop_id}.")
        key = (wn.c.workshop_id == found["id"], wn.c.touchpoint_key == touchpoint_key)
        current = conn.execute(sa.select(wn.c.note).where(*key)).scalar()
        if (current or "") == text:
            return
        conn.execute(wn.delete().where(*key))
        if text:
            conn.execute(wn.insert().values(workshop_id=found["id"],
                                            touchpoint_key=touchpoint_key, note=text,
                                            changed_by=user.name, changed_at=now()))
        accounts.audit(conn, user.name, "workshop.note", f"workshop {found['id']}",
                       {"touchpoint": touchpoint_key, "chars": len(text)})


def notes_of(store: Store, workshop_id: int) -> dict[str, str]:
    """Touchpoint key -> the facilitator's note."""
    frame = store.read_sql(sa.select(wn.c.touchpoint_key, wn.c.note)
                           .where(wn.c.workshop_id == int(workshop_id)))
    return dict(zip(frame["touchpoint_key"], frame["note"], strict=True))


def fact_frame(conn, found: dict) -> pd.DataFrame:
    """The audit facts of a workshop: one row per rating, dated the workshop's day."""
    rows = conn.execute(sa.select(wr).where(wr.c.workshop_id == found["id"])
                        .order_by(wr.c.touchpoint_key, wr.c.user_name)).all()
    day = pd.Timestamp(found["created_at"]).date()
    return pd.DataFrame({
        "touchpoint_key": [r.touchpoint_key for r in rows],
        "date": [day] * len(rows),
        "perspective": ["employee"] * len(rows),
        "question": [f"Workshop {found['code']}"] * len(rows),
        "score": [float(r.score) for r in rows],
        "comment": [r.comment or None for r in rows],
    }, columns=FACT_COLUMNS)


def end_workshop(store: Store, user: User | None, workshop_id: int) -> int:
    """End a workshop (analysts and admins): write its ratings as one audit batch; return
    the batch id. A reopened workshop (its batch undone) can be ended again."""
    check_manage(user, "Ending a workshop")
    frames: dict[str, pd.DataFrame] = {"audit": pd.DataFrame(columns=FACT_COLUMNS)}
    found = get_workshop(store, workshop_id)
    if found is None:
        raise LookupError(f"There is no workshop {workshop_id}.")

    def guard(conn) -> int:
        # Inside the import's exclusive transaction: the ratings as they are when the batch
        # is written, and the workshop closed in the same commit.
        current = _writable(conn, found["id"])
        frame = fact_frame(conn, current)
        if frame.empty:
            raise RejectedFile([Problem.of("file.nothing_to_write", skipped=0)])
        frames["audit"] = frame
        conn.execute(w.update().where(w.c.id == current["id"]).values(
            status="closed", closed_by=user.name, closed_at=now()))
        accounts.audit(conn, user.name, "workshop.end", f"workshop {current['id']}",
                       {"code": current["code"], "ratings": len(frame)})
        return 0

    try:
        batch_id = ingest.commit(
            store, "audit", frames,
            file_name=f"Workshop {found['code']}: {found['journey_name'] or found['journey_key']}",
            created_by=user.name, preset=PRESET, guard=guard,
            written=lambda conn, batch: conn.execute(
                w.update().where(w.c.id == found["id"]).values(batch_id=batch)))
    except RejectedFile:
        raise RoundError("ratings", f"Workshop {found['code']} has no ratings yet; nothing "
                                    "to write.") from None
    return int(batch_id)
