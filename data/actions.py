"""Actions: improvements decided on a touchpoint or a journey, with an owner (a user or a
department), a due date and a status, each change in the audit trail.

Who may write is decided here, for every caller (callbacks, API, CLI) alike: owners for
the touchpoints of their own department, analysts and admins for all, viewers never.
Every write bumps the data version, so cached views that count actions are never stale.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from data import accounts, queries, schema
from data.accounts import User
from data.store import Store, bump_data_version

STATUSES = schema.ACTION_STATUSES
ORIGINS = schema.ACTION_ORIGINS
ACTIVE = ("open", "in_progress")
TITLE_MAX = 200
FIELDS = ("title", "description", "journey_key", "touchpoint_key", "owner_user",
          "owner_department", "due_date", "status", "origin", "origin_ref", "done_on")
a = schema.actions
tp = schema.touchpoints


class ActionError(ValueError):
    """Refused input: ``field`` names the field, the message says why."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field


class ActionForbidden(PermissionError):
    """The user's role or department does not allow this change; the message says why."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def may_write(user: User | None, department: str | None) -> bool:
    """True when the user may create or change an action on a touchpoint of ``department``
    (None: an action on a whole journey, which only analysts and admins may write)."""
    return accounts.may_change_department(user, department, "analyst")


def _check_write(user: User | None, department: str | None) -> None:
    accounts.check_change_department(user, department, "analyst", "actions", ActionForbidden)


def _as_date(value, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return queries._as_date(value)  # noqa: SLF001 (the one date parser of the filters)
    except ValueError:
        raise ActionError(field, f"{field}: {value!r} is not a date (use YYYY-MM-DD).") from None


def _known(conn, table, key: str, field: str, what: str) -> None:
    column = table.c.key if "key" in table.c else table.c.name
    if conn.execute(sa.select(column).where(column == key)).first() is None:
        raise ActionError(field, f"{field}: there is no {what} {key!r}.")


def _clean(conn, values: dict, current: dict | None) -> dict:
    """Validate and complete the fields of a new or changed action."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        field = sorted(unknown)[0]
        raise ActionError(field, f"{field}: not a field of an action (use {', '.join(FIELDS)}).")
    for field, value in values.items():
        if value is not None and not isinstance(value, (str, int, float, dt.date)):
            raise ActionError(field, f"{field}: a text, number or date is needed.")
    row = {**(current or {}), **values}
    title = str(row.get("title") or "").strip()
    if not title or len(title) > TITLE_MAX:
        raise ActionError("title", f"title: 1 to {TITLE_MAX} characters are needed.")
    row["title"] = title
    row["description"] = (str(row.get("description") or "").strip() or None)
    tp_key = row.get("touchpoint_key") or None
    if tp_key:
        found = conn.execute(sa.select(tp.c.journey_key, tp.c.department_key).where(
            tp.c.key == tp_key)).first()
        if found is None:
            raise ActionError("touchpoint_key", f"touchpoint_key: there is no touchpoint "
                                                f"{tp_key!r}.")
        if "journey_key" in values and values["journey_key"] not in (None, "", found[0]):
            raise ActionError("journey_key", f"journey_key: touchpoint {tp_key!r} belongs to "
                                             f"journey {found[0]!r}.")
        row["journey_key"] = found[0]
    else:
        if not row.get("journey_key"):
            raise ActionError("touchpoint_key", "touchpoint_key or journey_key: an action "
                                                "needs a touchpoint or a journey.")
        _known(conn, schema.journeys, row["journey_key"], "journey_key", "journey")
    row["touchpoint_key"] = tp_key
    for field, table, what in (("owner_user", schema.users, "user"),
                               ("owner_department", schema.departments, "department")):
        row[field] = row.get(field) or None
        if row[field]:
            _known(conn, table, row[field], field, what)
    status = row.get("status") or "open"
    if status not in STATUSES:
        raise ActionError("status", f"status: {status!r} is not one of {', '.join(STATUSES)}.")
    row["status"] = status
    origin = row.get("origin") or None
    if origin is not None and origin not in ORIGINS:
        raise ActionError("origin", f"origin: {origin!r} is not one of {', '.join(ORIGINS)}.")
    row["origin"] = origin
    row["origin_ref"] = (str(row.get("origin_ref") or "").strip()[:2000] or None)
    row["due_date"] = _as_date(row.get("due_date"), "due_date")
    done_on = _as_date(row.get("done_on"), "done_on")
    if status == "done":
        # Completion date: as given, kept from before, or today when it is closed now.
        row["done_on"] = done_on or dt.date.today()
    elif "done_on" in values and done_on is not None:
        raise ActionError("done_on", "done_on: only a done action has a completion date.")
    else:
        row["done_on"] = None
    return {k: row[k] for k in FIELDS}


def _department_of(conn, touchpoint_key: str | None) -> str | None:
    if not touchpoint_key:
        return None
    return conn.execute(sa.select(tp.c.department_key).where(tp.c.key == touchpoint_key)
                        ).scalar()


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def create(store: Store, user: User | None, actor: str | None = None, **values) -> int:
    """Create an action as ``user`` (role and department checked); return its id."""
    with store.begin() as conn:
        row = _clean(conn, values, None)
        _check_write(user, _department_of(conn, row["touchpoint_key"]))
        now, who = _now(), actor or user.name
        new_id = conn.execute(a.insert().values(
            **row, created_by=who, created_at=now, changed_by=who, changed_at=now
        ).returning(a.c.id)).scalar_one()
        accounts.audit(conn, who, "action.create", f"action {new_id}",
                       {k: _plain(v) for k, v in row.items() if v is not None})
        bump_data_version(conn)
    return int(new_id)


def update(store: Store, user: User | None, action_id: int, actor: str | None = None,
           **changes) -> dict:
    """Change an action as ``user`` (checked against its touchpoint before and after);
    return the changed action."""
    with store.begin() as conn:
        current = conn.execute(sa.select(a).where(a.c.id == int(action_id))).first()
        if current is None:
            raise LookupError(f"There is no action {action_id}.")
        before = {k: getattr(current, k) for k in FIELDS}
        _check_write(user, _department_of(conn, before["touchpoint_key"]))
        row = _clean(conn, changes, before)
        if row["touchpoint_key"] != before["touchpoint_key"]:
            _check_write(user, _department_of(conn, row["touchpoint_key"]))
        diff = {k: [_plain(before[k]), _plain(row[k])] for k in FIELDS
                if _plain(before[k]) != _plain(row[k])}
        if diff:
            who = actor or user.name
            conn.execute(a.update().where(a.c.id == int(action_id)).values(
                **row, changed_by=who, changed_at=_now()))
            accounts.audit(conn, who, "action.change", f"action {action_id}", diff)
            bump_data_version(conn)
    return get(store, action_id)


def get(store: Store, action_id: int) -> dict | None:
    """Return one action with its touchpoint's and journey's names, or None."""
    frame = all_actions(store, cached=False)
    match = frame.loc[frame["id"] == int(action_id)]
    return match.iloc[0].to_dict() if not match.empty else None


def _read(store: Store) -> pd.DataFrame:
    j, d = schema.journeys, schema.departments
    owner_dep = d.alias("owner_dep")
    query = (sa.select(a, tp.c.name.label("touchpoint_name"), j.c.name.label("journey_name"),
                       tp.c.department_key, tp.c.phase_key, tp.c.channel_key,
                       sa.func.coalesce(tp.c.department_key, a.c.owner_department)
                       .label("department"), owner_dep.c.name.label("owner_department_name"))
             .select_from(a.outerjoin(tp, tp.c.key == a.c.touchpoint_key)
                          .outerjoin(j, j.c.key == a.c.journey_key)
                          .outerjoin(owner_dep, owner_dep.c.key == a.c.owner_department))
             .order_by(a.c.id))
    frame = store.read_sql(query)
    for column in ("due_date", "done_on"):  # datetime.date or None, on either database
        days = pd.to_datetime(frame[column])
        frame[column] = pd.Series(days.dt.date, dtype=object).where(days.notna(), None)
    return frame


def all_actions(store: Store, cached: bool = True) -> pd.DataFrame:
    """Return every action (one row each) with touchpoint, journey and department names
    (held per data version, which every action change bumps)."""
    if not cached:
        return _read(store)
    return queries.held_per_version(store, "actions", lambda: _read(store))


def with_state(frame: pd.DataFrame, today: dt.date | None = None) -> pd.DataFrame:
    """Add ``overdue`` (open or in progress past its due date) and ``owner`` (the user, or
    else the department) to a frame of actions."""
    today = today or dt.date.today()
    due = pd.to_datetime(frame["due_date"])
    overdue = (frame["status"].isin(ACTIVE) & due.notna() & (due < pd.Timestamp(today))).tolist()
    owner = [u if isinstance(u, str) and u else (dn if isinstance(dn, str) and dn else
                                                 (dk if isinstance(dk, str) else ""))
             for u, dn, dk in zip(frame["owner_user"], frame["owner_department_name"],
                                  frame["owner_department"], strict=True)]
    return frame.assign(overdue=overdue, owner=owner)


def select(store: Store, f: queries.Filters, today: dt.date | None = None) -> pd.DataFrame:
    """Return the actions the global filters select, with their state.

    The journey, phase, channel, department, touchpoint and persona filters select through
    the action's touchpoint (an action on a whole journey through its journey and its
    owner department); the period keeps actions that were active in it: created before
    its end, and not done or dropped before its start."""
    frame = with_state(all_actions(store), today)
    if frame.empty:
        return frame
    keep = pd.Series(True, index=frame.index)
    if f.journeys:
        keep &= frame["journey_key"].isin(f.journeys)
    if f.personas:
        jp = queries.catalog(store)["journey_personas"]
        keep &= frame["journey_key"].isin(jp.loc[jp["persona_key"].isin(f.personas),
                                                 "journey_key"])
    on_tp = frame["touchpoint_key"].notna()
    for name, column in (("phases", "phase_key"), ("channels", "channel_key"),
                         ("touchpoints", "touchpoint_key")):
        keys = getattr(f, name)
        if keys:
            keep &= on_tp & frame[column].isin(keys)
    if f.departments:
        keep &= frame["department"].isin(f.departments)
    if f.date_to:
        end = pd.Timestamp(f.date_to) + pd.Timedelta(days=1)
        keep &= pd.to_datetime(frame["created_at"]) < end
    if f.date_from:
        closed = frame["status"].isin(("done", "dropped"))
        # Closed on its done date, else on the day of its last change (by columns: a loop
        # over 10,000 timestamps took half of a cold actions list).
        changed = pd.to_datetime(frame["changed_at"])
        if changed.dt.tz is not None:
            changed = changed.dt.tz_localize(None)
        when = pd.to_datetime(frame["done_on"]).fillna(changed.dt.normalize())
        keep &= ~closed | (when >= pd.Timestamp(f.date_from))
    return frame.loc[keep].reset_index(drop=True)


def counts_by_touchpoint(frame: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Touchpoint key -> open (open or in progress), overdue and done action counts."""
    out: dict[str, dict[str, int]] = {}
    if frame.empty:
        return out
    for key, g in frame.loc[frame["touchpoint_key"].notna()].groupby("touchpoint_key"):
        out[key] = {"open": int(g["status"].isin(ACTIVE).sum()),
                    "overdue": int(g["overdue"].sum()),
                    "done": int((g["status"] == "done").sum())}
    return out
