"""What every part of audit rounds shares: the errors, the role check, the scale."""

from __future__ import annotations

import datetime as dt

from data import schema
from data.accounts import User

PERSPECTIVES = schema.PERSPECTIVES
SCORE_MIN, SCORE_MAX = 1.0, 10.0
TEXT_MAX = 500
COMMENT_MAX = 2000
NAME_MAX = 200


class RoundError(ValueError):
    """Refused input: ``field`` names the field, the message says why."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field


class RoundForbidden(PermissionError):
    """The user may not do this (role, or not invited); the message says why."""


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def may_manage(user: User | None) -> bool:
    """True when the user may manage questions and rounds (analysts and admins)."""
    return user is not None and user.can("analyst")


def check_manage(user: User | None, what: str) -> User:
    """Return the user when they may manage rounds; raise RoundForbidden otherwise."""
    if may_manage(user):
        return user
    who = f"{user.name} ({user.role})" if user else "nobody"
    raise RoundForbidden(f"{what} needs the role analyst or higher; you are {who}.")


def as_date(value, field: str) -> dt.date:
    """A date from a date or YYYY-MM-DD text; RoundError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        raise RoundError(field, f"{field}: {value!r} is not a date (use YYYY-MM-DD).") from None
