"""Subscriptions to the weekly report: each user their own, for a journey, a department or
everything, sent in the user's language by ``cxdash report --subscriptions``.

Who may change which is decided here, for every caller alike: a user their own
subscriptions, an admin anyone's. Every change is in the audit trail.

The unsubscribe token is ``<id>.<signature>``: an HMAC-SHA256 with the database's shared
secret key (``accounts.secret_key``, the same for the server and the CLI) over the id and
a random salt kept in the row. It cannot be guessed, needs no session, and dies with its
subscription (a new subscription to the same place gets a new salt).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from data import accounts, schema
from data.accounts import User
from data.store import Store

SCOPES = schema.SUBSCRIPTION_SCOPES
s = schema.subscriptions
u = schema.users


class SubscriptionError(ValueError):
    """A refused subscription change; the message says why."""


class SubscriptionForbidden(PermissionError):
    """The acting user may not change this user's subscriptions."""


@dataclass(frozen=True)
class Subscription:
    id: int
    user_name: str
    scope: str  # all, journey or department
    key: str | None  # the journey's or department's key; None for all
    created_at: dt.datetime
    last_sent_week: str | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _row(row) -> Subscription:
    return Subscription(row.id, row.user_name, row.scope, row.scope_key or None,
                        row.created_at, row.last_sent_week)


def may_change(actor: User | None, user_name: str) -> bool:
    """True when ``actor`` may change ``user_name``'s subscriptions (their own, or admin)."""
    return actor is not None and (actor.name == user_name or actor.can("admin"))


def _check(actor: User | None, user_name: str) -> None:
    if not may_change(actor, user_name):
        raise SubscriptionForbidden(
            f"Only {user_name} or an admin may change {user_name}'s subscriptions; you are "
            f"{actor.name if actor else 'nobody'} ({actor.role if actor else '-'}).")


def _place(conn, scope: str, key: str | None) -> str:
    if scope not in SCOPES:
        raise SubscriptionError(f"A subscription is for one of {', '.join(SCOPES)}, "
                                f"not {scope!r}.")
    if scope == "all":
        if key:
            raise SubscriptionError("A subscription to everything has no key.")
        return ""
    if not key:
        raise SubscriptionError(f"A subscription to a {scope} needs the {scope}'s key.")
    table = schema.journeys if scope == "journey" else schema.departments
    if conn.execute(sa.select(table.c.key).where(table.c.key == key)).first() is None:
        raise SubscriptionError(f"There is no {scope} {key!r}.")
    return key


def add(store: Store, actor: User | None, user_name: str, scope: str,
        key: str | None = None) -> Subscription:
    """Subscribe ``user_name`` to the weekly report of a place; refused when it exists."""
    _check(actor, user_name)
    with store.begin() as conn:
        if conn.execute(sa.select(u.c.name).where(u.c.name == user_name)).first() is None:
            raise SubscriptionError(f"There is no user {user_name!r}.")
        scope_key = _place(conn, scope, key)
        same = (s.c.user_name == user_name) & (s.c.scope == scope) & (s.c.scope_key == scope_key)
        if conn.execute(sa.select(s.c.id).where(same)).first() is not None:
            raise SubscriptionError(f"{user_name} has this subscription already.")
        conn.execute(s.insert().values(
            user_name=user_name, scope=scope, scope_key=scope_key,
            token_salt=secrets.token_hex(16), created_at=_now(), created_by=actor.name))
        row = conn.execute(sa.select(s).where(same)).first()
        accounts.audit(conn, actor.name, "subscription.add", user_name,
                       {"id": row.id, "scope": scope, "key": scope_key or None})
    return _row(row)


def remove(store: Store, actor: User | None, subscription_id: int) -> Subscription:
    """End one subscription (its owner or an admin); return what it was."""
    with store.begin() as conn:
        row = conn.execute(sa.select(s).where(s.c.id == int(subscription_id))).first()
        if row is None:
            raise SubscriptionError(f"There is no subscription {subscription_id}.")
        _check(actor, row.user_name)
        conn.execute(s.delete().where(s.c.id == row.id))
        accounts.audit(conn, actor.name, "subscription.remove", row.user_name,
                       {"id": row.id, "scope": row.scope, "key": row.scope_key or None})
    return _row(row)


def list_for(store: Store, user_name: str | None = None) -> list[Subscription]:
    """A user's subscriptions (None: everyone's), by user, scope and key."""
    query = sa.select(s).order_by(s.c.user_name, s.c.scope, s.c.scope_key, s.c.id)
    if user_name is not None:
        query = query.where(s.c.user_name == user_name)
    with store.connect() as conn:
        return [_row(r) for r in conn.execute(query)]


def get(store: Store, subscription_id: int) -> Subscription | None:
    with store.connect() as conn:
        row = conn.execute(sa.select(s).where(s.c.id == int(subscription_id))).first()
    return _row(row) if row is not None else None


def subscribers(store: Store, *, journey: str | None = None,
                department: str | None = None) -> list[User]:
    """The users with an e-mail address whose subscription covers this place: everything,
    the journey or the department (a touchpoint's place names both); each user once, by name.
    With neither given the place is everything, which only subscriptions to all cover."""
    covers = s.c.scope == "all"
    if journey:
        covers = covers | ((s.c.scope == "journey") & (s.c.scope_key == journey))
    if department:
        covers = covers | ((s.c.scope == "department") & (s.c.scope_key == department))
    query = (sa.select(u).where(u.c.email.is_not(None), u.c.email != "",
                                u.c.name.in_(sa.select(s.c.user_name).where(covers)))
             .order_by(u.c.name))
    with store.connect() as conn:
        return [accounts._user(r) for r in conn.execute(query)]  # noqa: SLF001


# ---------------------------------------------------------------- unsubscribe tokens

def _signature(secret: str, subscription_id: int, salt: str) -> str:
    message = f"unsubscribe:{subscription_id}:{salt}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:40]


def token(store: Store, subscription_id: int) -> str:
    """The unsubscribe token of a subscription (for the link in its mails)."""
    with store.connect() as conn:
        salt = conn.execute(sa.select(s.c.token_salt).where(s.c.id == int(subscription_id))
                            ).scalar()
    if salt is None:
        raise SubscriptionError(f"There is no subscription {subscription_id}.")
    return f"{int(subscription_id)}.{_signature(accounts.secret_key(store), subscription_id, salt)}"


def by_token(store: Store, text: str | None) -> Subscription | None:
    """The subscription an unsubscribe token belongs to; None for any wrong token."""
    head, _, signature = (text or "").partition(".")
    if not head.isdigit() or len(head) > 12 or len(signature) != 40:
        return None
    with store.connect() as conn:
        row = conn.execute(sa.select(s).where(s.c.id == int(head))).first()
    if row is None:
        return None
    expected = _signature(accounts.secret_key(store), row.id, row.token_salt)
    return _row(row) if hmac.compare_digest(expected, signature) else None


def unsubscribe(store: Store, text: str | None) -> Subscription | None:
    """End the subscription of a token (no sign-in: the token is the proof); None when
    the token is wrong or the subscription has ended already."""
    found = by_token(store, text)
    if found is None:
        return None
    with store.begin() as conn:
        done = conn.execute(s.delete().where(s.c.id == found.id)).rowcount
        if done:
            accounts.audit(conn, found.user_name, "subscription.unsubscribe", found.user_name,
                           {"id": found.id, "scope": found.scope, "key": found.key,
                            "via": "link"})
    return found if done else None


# ---------------------------------------------------------------- sending

def claim(store: Store, subscription_id: int, week: str) -> tuple[bool, str | None]:
    """Mark a week as sent for a subscription before sending it, so two runs never both
    send it. Returns (claimed, the week sent before: for :func:`release` when the mail
    fails); not claimed when this week (or a later one) was sent already."""
    with store.begin() as conn:
        before = conn.execute(sa.select(s.c.last_sent_week).where(
            s.c.id == int(subscription_id))).first()
        if before is None:
            return False, None
        done = conn.execute(s.update().where(
            s.c.id == int(subscription_id),
            sa.or_(s.c.last_sent_week.is_(None), s.c.last_sent_week < week)
        ).values(last_sent_week=week, last_sent_at=_now())).rowcount
    return bool(done), before[0]


def release(store: Store, subscription_id: int, week: str, before: str | None) -> None:
    """Give a claimed week back after its mail failed (the next run tries again)."""
    with store.begin() as conn:
        conn.execute(s.update().where(s.c.id == int(subscription_id),
                                      s.c.last_sent_week == week)
                     .values(last_sent_week=before))
