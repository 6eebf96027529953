"""The alerts raised: who they are for, who has read them, which mails went out, and the
action an alert becomes.

An alert at a touchpoint is for the owners of its department and for the subscribers of
its journey, its department or everything (``subscriptions.subscribers``); a user with
neither a department nor a subscription (an admin, a CX lead) has every alert. Reading
is each user's own: marking read writes only the signed-in user's row.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from data import accounts, actions, queries, schema, subscriptions
from data.accounts import User
from data.store import Store

a, reads, mails = schema.alerts, schema.alert_reads, schema.alert_mails
tp = schema.touchpoints


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _read(store: Store) -> pd.DataFrame:
    query = (sa.select(a, tp.c.name.label("touchpoint_name"), tp.c.journey_key,
                       tp.c.department_key, tp.c.phase_key, tp.c.channel_key)
             .select_from(a.outerjoin(tp, tp.c.key == a.c.place))
             .order_by(a.c.period_end.desc(), a.c.id.desc()))
    frame = store.read_sql(query)
    for column in ("period_start", "period_end"):
        frame[column] = [pd.Timestamp(v).date() for v in frame[column]]
    return frame


def all_alerts(store: Store) -> pd.DataFrame:
    """Every alert, newest period first, with its touchpoint's name, journey and department."""
    return _read(store)


def _covered(store: Store, user: User) -> tuple[set[str], set[str], bool] | None:
    """(departments, journeys, everything) the user's alerts come from; None: all alerts."""
    subs = subscriptions.list_for(store, user.name)
    departments = {s.key for s in subs if s.scope == "department"}
    journeys = {s.key for s in subs if s.scope == "journey"}
    everything = any(s.scope == "all" for s in subs)
    if user.role == "owner" and user.department_key:
        departments.add(user.department_key)
    if not subs and not departments:
        return None
    return departments, journeys, everything


def for_user(store: Store, user: User, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The alerts that are for ``user``, with ``read`` (bool) for that user."""
    frame = all_alerts(store) if frame is None else frame
    covered = _covered(store, user)
    if covered is not None and not covered[2]:
        departments, journeys, _ = covered
        frame = frame.loc[frame["department_key"].isin(departments)
                          | frame["journey_key"].isin(journeys)]
    with store.connect() as conn:
        seen = {row[0] for row in conn.execute(
            sa.select(reads.c.alert_id).where(reads.c.user_name == user.name))}
    return frame.assign(read=frame["id"].isin(seen)).reset_index(drop=True)


def unread_count(store: Store, user: User | None) -> int:
    """How many of the user's alerts they have not read."""
    if user is None:
        return 0
    frame = for_user(store, user)
    return int((~frame["read"]).sum()) if not frame.empty else 0


def select(frame: pd.DataFrame, f: queries.Filters) -> pd.DataFrame:
    """The alerts the global filters select (through their touchpoint; the period keeps
    alerts whose period ends in it)."""
    keep = pd.Series(True, index=frame.index)
    for name, column in (("journeys", "journey_key"), ("departments", "department_key"),
                         ("phases", "phase_key"), ("channels", "channel_key"),
                         ("touchpoints", "place")):
        keys = getattr(f, name)
        if keys:
            keep &= frame[column].isin(keys)
    if f.date_from:
        keep &= frame["period_end"] >= f.date_from
    if f.date_to:
        keep &= frame["period_end"] <= f.date_to
    return frame.loc[keep].reset_index(drop=True)


def mark_read(store: Store, user: User | None, alert_ids) -> int:
    """Mark alerts read for ``user`` (their own reading only); return how many were new."""
    if user is None:
        raise PermissionError("Marking alerts read needs a signed-in user.")
    ids = sorted({int(i) for i in alert_ids})
    done = 0
    with store.begin() as conn:
        known = {row[0] for row in conn.execute(sa.select(a.c.id).where(a.c.id.in_(ids)))}
        seen = {row[0] for row in conn.execute(sa.select(reads.c.alert_id).where(
            reads.c.user_name == user.name, reads.c.alert_id.in_(ids)))}
        for alert_id in sorted(known - seen):
            conn.execute(reads.insert().values(alert_id=alert_id, user_name=user.name,
                                               read_at=_now()))
            done += 1
        if done:
            accounts.audit(conn, user.name, "alert.read", user.name,
                           {"alerts": sorted(known - seen)})
    return done


def get(store: Store, alert_id: int) -> dict | None:
    frame = all_alerts(store)
    match = frame.loc[frame["id"] == int(alert_id)]
    return match.iloc[0].to_dict() if not match.empty else None


def to_action(store: Store, user: User | None, alert_id: int, title: str) -> int:
    """Create an action on the alert's touchpoint (origin alert; the role and department
    are checked by ``actions.create``); return its id."""
    alert = get(store, alert_id)
    if alert is None:
        raise LookupError(f"There is no alert {alert_id}.")
    return actions.create(store, user, title=title, touchpoint_key=alert["place"],
                          origin="alert", origin_ref=f"alert {int(alert_id)}")


def recipients(store: Store, alert: dict) -> list[User]:
    """The owners of the alert's department and the subscribers of its place, with an
    e-mail address, each once, by name."""
    u = schema.users
    with store.connect() as conn:
        owners = [accounts._user(row) for row in conn.execute(  # noqa: SLF001
            sa.select(u).where(u.c.role == "owner",
                               u.c.department_key == alert["department_key"],
                               u.c.email.is_not(None), u.c.email != ""))]
    found = {user.name: user for user in owners}
    for user in subscriptions.subscribers(store, journey=alert["journey_key"],
                                          department=alert["department_key"]):
        found.setdefault(user.name, user)
    return [found[name] for name in sorted(found)]


def claim_mail(store: Store, alert_id: int, user_name: str) -> bool:
    """Record the mail of an alert to a user before sending it; False when it was sent
    (or claimed) already, so each alert reaches each recipient once."""
    with store.begin() as conn:
        if conn.execute(sa.select(mails.c.alert_id).where(
                mails.c.alert_id == int(alert_id), mails.c.user_name == user_name)).first():
            return False
        conn.execute(mails.insert().values(alert_id=int(alert_id), user_name=user_name,
                                           sent_at=_now()))
    return True


def release_mail(store: Store, alert_id: int, user_name: str) -> None:
    """Give a claimed mail back after sending failed (the next run tries again)."""
    with store.begin() as conn:
        conn.execute(mails.delete().where(mails.c.alert_id == int(alert_id),
                                          mails.c.user_name == user_name))


def recent(store: Store, days: int = 7) -> list[dict]:
    """The alerts raised in the last ``days`` days (a mail run retries what failed)."""
    since = _now() - dt.timedelta(days=days)
    frame = all_alerts(store)
    return frame.loc[pd.to_datetime(frame["created_at"]) >= since].to_dict("records")
