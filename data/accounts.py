"""Users, roles, API tokens and the audit trail, stored in the same database as the data.

Roles are ordered: ``viewer`` < ``owner`` < ``analyst`` < ``admin``; a role may do what
the roles below it may. Passwords are stored as salted scrypt hashes (werkzeug), tokens
as SHA-256 digests; neither is ever stored or logged in the clear.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import secrets
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from data import schema
from data.store import Store

ROLES = schema.ROLES
RANK = {role: i for i, role in enumerate(ROLES)}
TOKEN_PREFIX = "cxd_"
NAME_PATTERN = re.compile(r"^[\w.@+-]{1,200}$")
# Deliberately plain: one @, no spaces, a dot in the domain; the mail server has the last word.
EMAIL_PATTERN = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
LANGUAGES = ("de", "en")
MIN_PASSWORD = 10


@functools.cache
def _dummy_hash() -> str:
    """A hash checked when the user does not exist, so both cases take the same time
    (made on first use: scrypt costs ~0.1 s, not to be paid by every CLI start)."""
    return generate_password_hash("not a password of anyone")


def signed_in_user(store: Store, name: str) -> User | None:
    """get_user, asked afresh on every request: a demotion or deletion made by any process
    holds from the next request on."""
    return get_user(store, name)


def token_user(store: Store, header: str | None) -> tuple[str, User] | None:
    """check_token, asked afresh on every request (a revoked token stops at once)."""
    return check_token(store, header)


class AccountError(ValueError):
    """A refused account change; the message says why."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    department_key: str | None = None
    generation: int = 0
    email: str | None = None
    lang: str | None = None

    def can(self, role: str) -> bool:
        """True when this user's role is ``role`` or above it."""
        return RANK.get(self.role, -1) >= RANK[role]


def may_change_department(user: User | None, department: str | None, role_for_all: str) -> bool:
    """True when ``user`` may change what belongs to ``department``: owners their own
    department's, ``role_for_all`` and above everything's (department None: a journey or
    everything, which only ``role_for_all`` and above may change)."""
    if user is None:
        return False
    if user.can(role_for_all):
        return True
    return (user.can("owner") and department is not None
            and department == user.department_key)


def check_change_department(user: User | None, department: str | None, role_for_all: str,
                            what: str, refuse) -> None:
    """Raise ``refuse(message)`` unless ``may_change_department``; ``what`` names the
    things ("actions", "alert rules") in the message."""
    if may_change_department(user, department, role_for_all):
        return
    if user is None or not user.can("owner"):
        above = "or higher" if role_for_all == "analyst" else f"or {role_for_all}"
        raise refuse(f"Changing {what} needs the role owner {above}; you are "
                     f"{user.name if user else 'nobody'} ({user.role if user else '-'}).")
    if department is None:
        raise refuse(f"{what.capitalize()} on a whole journey or on everything need the role "
                     f"{role_for_all}" + (" or higher." if role_for_all == "analyst" else "."))
    raise refuse(f"As owner of department {user.department_key or '-'} you may change {what} "
                 f"on its touchpoints only, not on {department}'s.")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}: use one of {', '.join(ROLES)}.")


def check_password_strength(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"The password needs at least {MIN_PASSWORD} characters.")


def audit(conn: sa.Connection, actor: str, action: str, target: str | None = None,
          detail: dict | str | None = None) -> None:
    """Record one action in the audit trail (inside the caller's transaction)."""
    if isinstance(detail, dict):
        detail = json.dumps(detail, ensure_ascii=False, sort_keys=True)
    conn.execute(schema.audit_log.insert().values(
        occurred_at=_now(), actor=actor or "?", action=action, target=target, detail=detail))


def record(store: Store, actor: str, action: str, target: str | None = None,
           detail: dict | str | None = None) -> None:
    """Record one action in the audit trail in its own transaction."""
    with store.begin() as conn:
        audit(conn, actor, action, target, detail)


def audit_trail(store: Store, limit: int = 200) -> pd.DataFrame:
    """Return the latest audit entries, newest first."""
    a = schema.audit_log
    return store.read_sql(sa.select(a).order_by(a.c.id.desc()).limit(limit))


# ---------------------------------------------------------------- users

def _user(row) -> User | None:
    if row is None:
        return None
    return User(row.name, row.role, row.department_key, row.generation or 0,
                row.email, row.lang)


def get_user(store: Store, name: str) -> User | None:
    u = schema.users
    with store.connect() as conn:
        return _user(conn.execute(sa.select(u).where(u.c.name == name)).first())


def list_users(store: Store) -> pd.DataFrame:
    u = schema.users
    return store.read_sql(sa.select(u.c.name, u.c.role, u.c.department_key, u.c.email,
                                    u.c.lang, u.c.created_at,
                                    (u.c.password_hash.is_not(None)).label("has_password"))
                          .order_by(u.c.name))


def count_users(store: Store) -> int:
    with store.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(schema.users)).scalar() or 0


def _check_contact(email: str | None, lang: str | None) -> None:
    if email and (len(email) > 320 or not EMAIL_PATTERN.match(email)):
        raise AccountError(f"{email!r} is not an e-mail address.")
    if lang and lang not in LANGUAGES:
        raise AccountError(f"The language is one of {', '.join(LANGUAGES)}, not {lang!r}.")


def add_user(store: Store, name: str, role: str, password: str | None,
             department_key: str | None = None, actor: str = "cli", *,
             email: str | None = None, lang: str | None = None) -> User:
    """Create a user; password None makes a single-sign-on account without a password."""
    if not NAME_PATTERN.match(name or ""):
        raise AccountError("A user name is 1–200 letters, digits or . _ @ + -.")
    _check_role(role)
    _check_contact(email, lang)
    if password is not None:
        check_password_strength(password)
    u = schema.users
    with store.begin() as conn:
        if conn.execute(sa.select(u.c.name).where(u.c.name == name)).first():
            raise AccountError(f"The user {name!r} exists already.")
        if department_key:
            known = conn.execute(sa.select(schema.departments.c.key).where(
                schema.departments.c.key == department_key)).first()
            if not known:
                raise AccountError(f"Unknown department {department_key!r}.")
        conn.execute(u.insert().values(
            name=name, role=role, department_key=department_key or None, created_at=_now(),
            password_hash=generate_password_hash(password) if password is not None else None,
            generation=0, email=email or None, lang=lang or None))
        audit(conn, actor, "user.add", name, {"role": role, "department": department_key})
    return User(name, role, department_key or None, 0, email or None, lang or None)


def update_user(store: Store, name: str, *, role: str | None = None,
                department_key: str | None = "", actor: str = "cli",
                email: str | None = "", lang: str | None = "") -> None:
    """Change a user's role, department, e-mail or language ('' leaves one as it is,
    None clears it)."""
    u = schema.users
    values: dict = {}
    _check_contact(email, lang)
    if email != "":
        values["email"] = email or None
    if lang != "":
        values["lang"] = lang or None
    if role is not None:
        _check_role(role)
        values["role"] = role
    if department_key != "":
        values["department_key"] = department_key or None
    with store.begin() as conn:
        current = conn.execute(sa.select(u).where(u.c.name == name)).first()
        if current is None:
            raise AccountError(f"There is no user {name!r}.")
        if role and role != "admin" and current.role == "admin" and _admins(conn) <= 1:
            raise AccountError("The last admin cannot lose the admin role.")
        # Only a role or department change ends sessions; a new address or language does not.
        access = {"role", "department_key"} & set(values)
        bump = {"generation": u.c.generation + 1} if access else {}
        conn.execute(u.update().where(u.c.name == name).values(**bump, **values))
        audit(conn, actor, "user.change", name, {k: v for k, v in values.items()})


def _admins(conn) -> int:
    u = schema.users
    return conn.execute(sa.select(sa.func.count()).select_from(u).where(u.c.role == "admin")
                        ).scalar() or 0


def delete_user(store: Store, name: str, actor: str = "cli") -> None:
    u = schema.users
    with store.begin() as conn:
        current = conn.execute(sa.select(u).where(u.c.name == name)).first()
        if current is None:
            raise AccountError(f"There is no user {name!r}.")
        if current.role == "admin" and _admins(conn) <= 1:
            raise AccountError("The last admin cannot be deleted.")
        conn.execute(u.delete().where(u.c.name == name))
        conn.execute(schema.api_tokens.delete().where(schema.api_tokens.c.user_name == name))
        conn.execute(schema.subscriptions.delete().where(
            schema.subscriptions.c.user_name == name))
        _end_sessions(conn, name)
        audit(conn, actor, "user.delete", name)


def set_password(store: Store, name: str, password: str, actor: str = "cli") -> None:
    """Set a new password; the user's other sessions end."""
    check_password_strength(password)
    u = schema.users
    with store.begin() as conn:
        done = conn.execute(u.update().where(u.c.name == name).values(
            password_hash=generate_password_hash(password), generation=u.c.generation + 1))
        if done.rowcount == 0:
            raise AccountError(f"There is no user {name!r}.")
        _end_sessions(conn, name)
        audit(conn, actor, "user.password", name)


def change_own_password(store: Store, name: str, current: str, new: str) -> None:
    """A signed-in user's own change: the current password must be right; every session
    of the user ends (the caller starts a new one for this browser)."""
    if authenticate(store, name, current) is None:
        raise AccountError("The current password is wrong.")
    if new == current:
        raise AccountError("The new password must differ from the current one.")
    set_password(store, name, new, actor=name)


# ---------------------------------------------------------------- sessions

def start_session(store: Store, name: str, hours: float) -> str:
    """Create a server-side session for ``name``; return the id for the cookie (only its
    hash is stored). Expired sessions are removed on the way, so the table stays small."""
    sid = secrets.token_urlsafe(32)
    s, now = schema.sessions, _now()
    with store.begin() as conn:
        conn.execute(s.delete().where(s.c.expires_at < now))
        conn.execute(s.insert().values(id_hash=_digest(sid), user_name=name, created_at=now,
                                       expires_at=now + dt.timedelta(hours=hours)))
    return sid


def session_user(store: Store, sid: str | None) -> User | None:
    """The user of a live session id (None when unknown, ended or expired), with the
    role as it is now."""
    if not sid or not isinstance(sid, str):
        return None
    s, u = schema.sessions, schema.users
    query = (sa.select(u).join(s, s.c.user_name == u.c.name)
             .where(s.c.id_hash == _digest(sid), s.c.expires_at > _now()))
    with store.connect() as conn:
        return _user(conn.execute(query).first())


def end_session(store: Store, sid: str | None) -> None:
    """End one session (sign-out)."""
    if sid and isinstance(sid, str):
        with store.begin() as conn:
            conn.execute(schema.sessions.delete().where(
                schema.sessions.c.id_hash == _digest(sid)))


def _end_sessions(conn: sa.Connection, name: str) -> None:
    conn.execute(schema.sessions.delete().where(schema.sessions.c.user_name == name))


def authenticate(store: Store, name: str, password: str) -> User | None:
    """Return the user for a correct name and password, else None (same cost either way)."""
    u = schema.users
    with store.connect() as conn:
        row = conn.execute(sa.select(u).where(u.c.name == (name or ""))).first()
    stored = row.password_hash if row is not None else None
    ok = check_password_hash(stored or _dummy_hash(), password or "")
    return _user(row) if ok and stored else None


def ensure_admin(store: Store, password: str | None = None) -> str | None:
    """On a database without users, create ``admin``; return the password it got.

    The password is ``password`` (CXDASH_ADMIN_PASSWORD) or a new random one, which the
    caller shows once. Returns None when users exist already.
    """
    if count_users(store):
        return None
    password = password or secrets.token_urlsafe(12)
    try:
        add_user(store, "admin", "admin", password, actor="first-run")
    except (AccountError, sa.exc.IntegrityError):
        return None  # another process created it a moment ago
    return password


def secret_key(store: Store) -> str:
    """Return the session signing key that all instances on this database share."""
    s = schema.app_settings
    with store.connect() as conn:
        value = conn.execute(sa.select(s.c.value).where(s.c.key == "secret_key")).scalar()
    if value:
        return value
    try:
        with store.begin() as conn:
            conn.execute(s.insert().values(key="secret_key", value=secrets.token_hex(32)))
    except sa.exc.IntegrityError:
        pass
    with store.connect() as conn:
        return conn.execute(sa.select(s.c.value).where(s.c.key == "secret_key")).scalar()


# ---------------------------------------------------------------- tokens

def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(store: Store, user: str, name: str | None = None, actor: str = "cli") -> str:
    """Create an API token that acts as ``user``; only its hash is stored, so show it once."""
    t = schema.api_tokens
    if get_user(store, user) is None:
        raise AccountError(f"There is no user {user!r}: create it with `cxdash users add`.")
    name = name or f"{user}-{secrets.token_hex(3)}"
    if not NAME_PATTERN.match(name):
        raise AccountError("A token name is 1–200 letters, digits or . _ @ + -.")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.begin() as conn:
        if conn.execute(sa.select(t.c.name).where(t.c.name == name)).first():
            raise AccountError(f"A token named {name!r} exists: revoke it first.")
        conn.execute(t.insert().values(name=name, token_hash=_digest(token), user_name=user,
                                       created_at=_now()))
        audit(conn, actor, "token.create", name, {"user": user})
    return token


def revoke_token(store: Store, name: str, actor: str = "cli") -> None:
    t = schema.api_tokens
    with store.begin() as conn:
        if conn.execute(t.delete().where(t.c.name == name)).rowcount == 0:
            raise AccountError(f"There is no token {name!r}.")
        audit(conn, actor, "token.revoke", name)


def list_tokens(store: Store) -> pd.DataFrame:
    t = schema.api_tokens
    return store.read_sql(sa.select(t.c.name, t.c.user_name, t.c.created_at, t.c.last_used_at)
                          .order_by(t.c.name))


def check_token(store: Store, header: str | None) -> tuple[str, User] | None:
    """Return (token name, its user) for an ``Authorization: Bearer …`` header, else None."""
    if not header or not header.startswith("Bearer "):
        return None
    t, u = schema.api_tokens, schema.users
    digest = _digest(header[len("Bearer "):].strip())
    query = (sa.select(t.c.name.label("token"), t.c.last_used_at, u.c.name.label("user"),
                       u.c.role, u.c.department_key, u.c.generation)
             .join(u, u.c.name == t.c.user_name).where(t.c.token_hash == digest))
    with store.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    now = _now()
    # "Last used" to the minute: no write transaction on every API request.
    if row.last_used_at is None or now - row.last_used_at > dt.timedelta(minutes=1):
        try:
            with store.begin() as conn:
                conn.execute(t.update().where(t.c.token_hash == digest).values(
                    last_used_at=now))
        except sa.exc.DBAPIError:
            pass  # a concurrent request of the same token wrote it a moment ago
    return row.token, User(row.user, row.role, row.department_key, row.generation or 0)
