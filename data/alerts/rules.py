"""Alert rules: which metric of which touchpoints a detector watches.

A rule's scope selects touchpoints (everything, a journey's, a department's or one); the
rule is evaluated at each of them. Who may write is decided here, for every caller alike:
admins every rule; owners (and anyone of a higher role with a department) the rules of
their own department and of its touchpoints. Every change is in the audit trail.

Owners get default rules: the first evaluation after a department has an owner adds the
DEFAULTS for that department once (an app setting remembers it, so rules an owner
deleted stay deleted).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import sqlalchemy as sa

from data import accounts, schema
from data.accounts import User
from data.store import Store

SCOPES = schema.ALERT_SCOPES
METRICS = schema.ALERT_METRICS
KINDS = schema.ALERT_KINDS
# Plausible thresholds per metric, on the scale the app shows it.
RANGES = {"audit": (1.0, 10.0), "nps": (-100.0, 100.0), "ces": (1.0, 7.0),
          "csat": (0.0, 100.0), "conversion": (0.0, 100.0)}
DEFAULTS = (("audit", "below_target"), ("audit", "drop"), ("audit", "drift"),
            ("nps", "drop"), ("nps", "drift"))
DEFAULTS_SETTING = "alert_defaults:"
r = schema.alert_rules
tp = schema.touchpoints


class RuleError(ValueError):
    """A refused rule; the message says why."""


class RuleForbidden(PermissionError):
    """The user may not write this rule."""


@dataclass(frozen=True)
class Rule:
    id: int
    scope: str
    key: str | None  # the journey's, department's or touchpoint's key; None for all
    metric: str
    kind: str
    threshold: float | None = None
    min_n: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _row(row) -> Rule:
    return Rule(row.id, row.scope, row.scope_key or None, row.metric, row.kind,
                None if row.threshold is None else float(row.threshold),
                None if row.min_n is None else int(row.min_n))


def _department(conn, scope: str, key: str | None) -> str | None:
    """The department a rule belongs to (None for everything and journeys)."""
    if scope == "department":
        return key
    if scope == "touchpoint":
        return conn.execute(sa.select(tp.c.department_key).where(tp.c.key == key)).scalar()
    return None


def may_edit(user: User | None, department: str | None) -> bool:
    """True when ``user`` may write a rule of ``department`` (None: journey or all)."""
    return accounts.may_change_department(user, department, "admin")


def _check(user: User | None, department: str | None) -> None:
    accounts.check_change_department(user, department, "admin", "alert rules", RuleForbidden)


def _clean(conn, values: dict) -> dict:
    scope, key = values.get("scope"), values.get("scope_key") or ""
    if scope not in SCOPES:
        raise RuleError(f"scope: one of {', '.join(SCOPES)}, not {scope!r}.")
    if scope == "all":
        key = ""
    else:
        table = {"journey": schema.journeys, "department": schema.departments,
                 "touchpoint": tp}[scope]
        if not key or conn.execute(sa.select(table.c.key).where(table.c.key == key)
                                   ).first() is None:
            raise RuleError(f"scope_key: there is no {scope} {key!r}.")
    metric, kind = values.get("metric"), values.get("kind")
    if metric not in METRICS:
        raise RuleError(f"metric: one of {', '.join(METRICS)}, not {metric!r}.")
    if kind not in KINDS:
        raise RuleError(f"kind: one of {', '.join(KINDS)}, not {kind!r}.")
    threshold = values.get("threshold")
    if threshold in ("", None):
        threshold = None
    else:
        try:
            threshold = float(threshold)
        except (TypeError, ValueError):
            raise RuleError(f"threshold: {threshold!r} is not a number.") from None
        low, high = RANGES[metric]
        if not low <= threshold <= high:
            raise RuleError(f"threshold: {metric} lies between {low:g} and {high:g}.")
    if kind == "below_target" and metric != "audit" and threshold is None:
        raise RuleError("threshold: a target is needed (only audits have each "
                        "touchpoint's own target).")
    min_n = values.get("min_n")
    if min_n in ("", None):
        min_n = None
    else:
        try:
            min_n = int(min_n)
        except (TypeError, ValueError):
            raise RuleError(f"min_n: {min_n!r} is not a whole number.") from None
        if not 1 <= min_n <= 1_000_000:
            raise RuleError("min_n: between 1 and 1000000.")
    return {"scope": scope, "scope_key": key, "metric": metric, "kind": kind,
            "threshold": threshold, "min_n": min_n}


def add(store: Store, user: User | None, scope: str, key: str | None, metric: str, kind: str,
        threshold: float | None = None, min_n: int | None = None,
        actor: str | None = None) -> Rule:
    """Create a rule as ``user`` (role and department checked)."""
    with store.begin() as conn:
        row = _clean(conn, {"scope": scope, "scope_key": key, "metric": metric, "kind": kind,
                            "threshold": threshold, "min_n": min_n})
        _check(user, _department(conn, scope, row["scope_key"]))
        who, now = actor or user.name, _now()
        new_id = conn.execute(r.insert().values(
            **row, created_by=who, created_at=now, changed_by=who, changed_at=now
        ).returning(r.c.id)).scalar_one()
        accounts.audit(conn, who, "alert_rule.add", f"alert rule {new_id}", row)
        return _row(conn.execute(sa.select(r).where(r.c.id == new_id)).first())


def update(store: Store, user: User | None, rule_id: int, **changes) -> Rule:
    """Change a rule's threshold or minimum n (and scope, metric, kind) as ``user``,
    checked against its department before and after."""
    with store.begin() as conn:
        current = conn.execute(sa.select(r).where(r.c.id == int(rule_id))).first()
        if current is None:
            raise RuleError(f"There is no alert rule {rule_id}.")
        _check(user, _department(conn, current.scope, current.scope_key))
        before = {k: getattr(current, k) for k in ("scope", "scope_key", "metric", "kind",
                                                    "threshold", "min_n")}
        row = _clean(conn, {**before, **changes})
        _check(user, _department(conn, row["scope"], row["scope_key"]))
        diff = {k: [before[k], row[k]] for k in row if before[k] != row[k]}
        if diff:
            conn.execute(r.update().where(r.c.id == current.id).values(
                **row, changed_by=user.name, changed_at=_now()))
            # Another question, another state: the hysteresis starts afresh.
            conn.execute(schema.alert_state.delete().where(
                schema.alert_state.c.rule_id == current.id))
            accounts.audit(conn, user.name, "alert_rule.change", f"alert rule {rule_id}",
                           diff)
        return _row(conn.execute(sa.select(r).where(r.c.id == current.id)).first())


def remove(store: Store, user: User | None, rule_id: int) -> Rule:
    """Delete a rule as ``user`` (its alerts stay, as a record of what was raised)."""
    with store.begin() as conn:
        current = conn.execute(sa.select(r).where(r.c.id == int(rule_id))).first()
        if current is None:
            raise RuleError(f"There is no alert rule {rule_id}.")
        _check(user, _department(conn, current.scope, current.scope_key))
        conn.execute(r.delete().where(r.c.id == current.id))
        conn.execute(schema.alert_state.delete().where(
            schema.alert_state.c.rule_id == current.id))
        accounts.audit(conn, user.name, "alert_rule.remove", f"alert rule {rule_id}",
                       {"scope": current.scope, "key": current.scope_key or None,
                        "metric": current.metric, "kind": current.kind})
    return _row(current)


def all_rules(store: Store) -> list[Rule]:
    """Every rule, by id."""
    with store.connect() as conn:
        return [_row(row) for row in conn.execute(sa.select(r).order_by(r.c.id))]


def editable(store: Store, user: User | None) -> list[Rule]:
    """The rules ``user`` may change (admins: all; owners: their department's)."""
    if user is None:
        return []
    if user.can("admin"):
        return all_rules(store)
    mine = []
    with store.connect() as conn:
        for rule in all_rules(store):
            if may_edit(user, _department(conn, rule.scope, rule.key)):
                mine.append(rule)
    return mine


def _departments_due(conn) -> list[str]:
    """Departments with an owner that never had their default rules."""
    u, settings = schema.users, schema.app_settings
    owned = {row[0] for row in conn.execute(
        sa.select(u.c.department_key).where(u.c.role == "owner",
                                            u.c.department_key.is_not(None)))}
    known = {row[0] for row in conn.execute(sa.select(schema.departments.c.key))}
    done = {row[0][len(DEFAULTS_SETTING):] for row in conn.execute(
        sa.select(settings.c.key).where(settings.c.key.like(DEFAULTS_SETTING + "%")))}
    return sorted((owned & known) - done)


def pending_defaults(store: Store) -> list[Rule]:
    """The default rules the next evaluation would add (ids below 0: not stored yet)."""
    with store.connect() as conn:
        due = _departments_due(conn)
    return [Rule(-(i + 1), "department", department, metric, kind)
            for i, (department, (metric, kind)) in enumerate(
                (d, pair) for d in due for pair in DEFAULTS)]


def ensure_defaults(store: Store) -> int:
    """Add the DEFAULTS for every department that has an owner and never had them;
    return how many rules were added."""
    settings = schema.app_settings
    added = 0
    with store.connect() as conn:
        if not _departments_due(conn):  # the usual case: no write, no lock
            return 0
    with store.begin(exclusive=True) as conn:
        now = _now()
        for department in _departments_due(conn):
            for metric, kind in DEFAULTS:
                conn.execute(r.insert().values(
                    scope="department", scope_key=department, metric=metric, kind=kind,
                    created_by="cxdash", created_at=now, changed_by="cxdash", changed_at=now))
                added += 1
            conn.execute(settings.insert().values(key=DEFAULTS_SETTING + department,
                                                  value=now.isoformat()))
            accounts.audit(conn, "cxdash", "alert_rule.defaults", department,
                           {"rules": [f"{m} {k}" for m, k in DEFAULTS]})
    return added
