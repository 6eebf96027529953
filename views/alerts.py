"""The alerts page: the signed-in user's alerts the filters select, newest first, with
read or unread, and the rules the user may change."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data import queries
from data.accounts import User
from data.alerts import inbox, rules
from data.queries import Filters
from data.store import Store
from views.common import identity

COLUMNS = {"period_start": "period_start", "period_end": "period_end",
           "touchpoint_name": "touchpoint", "place": "key", "metric": "metric",
           "kind": "kind", "value": "value", "low": "ci95_low", "high": "ci95_high",
           "n": "n", "reference": "compared_with", "rule_id": "rule", "method": "method",
           "read": "read"}


@dataclass
class AlertsModel:
    filters: Filters
    frame: pd.DataFrame  # one row per alert, newest period first
    unread: int
    rules: list[rules.Rule] = field(default_factory=list)  # those the user may change
    may_edit: bool = False
    names: dict = field(default_factory=dict)  # (scope, key) -> the place's name


def model(store: Store, f: Filters, options: dict | None = None,
          user: User | None = None) -> AlertsModel:
    """The user's alerts the filters select and the rules they may change (no user: none;
    the page registry's ``for_user`` passes the signed-in one)."""
    if user is None:
        return AlertsModel(f, pd.DataFrame(columns=list(COLUMNS)), 0)
    frame = inbox.select(inbox.for_user(store, user), f)
    catalog = queries.catalog(store)
    names = {(scope, k): n for scope, table in (("journey", "journeys"),
                                                 ("department", "departments"),
                                                 ("touchpoint", "touchpoints"))
             for k, n in zip(catalog[table]["key"], catalog[table]["name"], strict=True)}
    return AlertsModel(f, frame, int((~frame["read"]).sum()) if not frame.empty else 0,
                       rules.editable(store, user), user.can("owner"), names)


def tables(m: AlertsModel, translate=identity) -> dict[str, pd.DataFrame]:
    """The download: the alerts as shown."""
    columns = [c for c in COLUMNS if c in m.frame.columns]
    return {"Alerts": m.frame[columns].rename(columns=COLUMNS).reset_index(drop=True)}
