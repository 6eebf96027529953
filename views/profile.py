"""A user's profile: address, language and report subscriptions with the places' names."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data import accounts, queries, subscriptions
from data.accounts import User
from data.store import Store


@dataclass
class ProfileModel:
    user: User
    # One row per subscription: id, scope, key, name (of the journey/department), since,
    # last_sent_week
    subscriptions: pd.DataFrame
    journeys: list[tuple[str, str]] = field(default_factory=list)  # (key, name)
    departments: list[tuple[str, str]] = field(default_factory=list)


def places(store: Store) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The journeys and departments one may subscribe to, (key, name) by name."""
    catalog = queries.catalog(store)

    def pairs(frame):
        frame = frame.sort_values("name")
        return list(zip(frame["key"], frame["name"], strict=True))

    return pairs(catalog["journeys"]), pairs(catalog["departments"])


def model(store: Store, user_name: str) -> ProfileModel | None:
    """The profile of ``user_name`` (None when there is no such user)."""
    user = accounts.get_user(store, user_name)
    if user is None:
        return None
    journeys, departments = places(store)
    names = {("journey", k): n for k, n in journeys} | {("department", k): n
                                                         for k, n in departments}
    rows = [{"id": s.id, "scope": s.scope, "key": s.key,
             "name": names.get((s.scope, s.key), s.key), "since": s.created_at,
             "last_sent_week": s.last_sent_week}
            for s in subscriptions.list_for(store, user_name)]
    frame = pd.DataFrame(rows, columns=["id", "scope", "key", "name", "since",
                                        "last_sent_week"])
    return ProfileModel(user, frame, journeys, departments)


def everyone(store: Store) -> pd.DataFrame:
    """Every subscription with its user's address and language (the admin page's table)."""
    users = accounts.list_users(store).set_index("name")
    journeys, departments = places(store)
    names = {("journey", k): n for k, n in journeys} | {("department", k): n
                                                         for k, n in departments}
    rows = []
    for s in subscriptions.list_for(store):
        known = s.user_name in users.index
        rows.append({"user_name": s.user_name,
                     "email": users.loc[s.user_name, "email"] if known else None,
                     "lang": users.loc[s.user_name, "lang"] if known else None,
                     "scope": s.scope, "name": names.get((s.scope, s.key), s.key),
                     "since": s.created_at, "last_sent_week": s.last_sent_week})
    return pd.DataFrame(rows, columns=["user_name", "email", "lang", "scope", "name", "since",
                                       "last_sent_week"])
