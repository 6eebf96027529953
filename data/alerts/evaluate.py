"""Evaluate every rule on the current data and record the alerts, each once.

One query per source serves every rule and place: the weekly sums per touchpoint of the
audits (audit_daily), of all survey metrics (survey_daily) and of the web metrics, as
``data.queries`` computes them for the views (cached by data version). The detectors
then run on arrays in memory (``detect``), for the last complete week the data has
reached (or any week: the backtest).

Hysteresis: ``alert_state`` keeps, per rule and place, whether it is firing; a firing
place raises no new alert until the detector says it has recovered. Dedup: an alert is
(rule, place, period end) once (uq_alert_once), so evaluating the same data twice, or
two processes at once, never records it twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import queries, schema
from data.alerts import detect
from data.alerts import rules as rules_mod
from data.alerts.rules import Rule
from data.queries import Filters
from data.store import Store

log = logging.getLogger(__name__)
a, st = schema.alerts, schema.alert_state


@dataclass
class Series:
    """Weekly sums per place and metric: places (touchpoint catalog rows), weeks (Mondays)
    and per metric a dict of arrays places × weeks."""

    places: pd.DataFrame
    weeks: pd.DatetimeIndex
    metrics: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)

    def index_of(self, day: dt.date) -> int:
        """The index of the week holding ``day`` (−1 before the first)."""
        monday = pd.Timestamp(day) - pd.Timedelta(days=pd.Timestamp(day).weekday())
        return int(self.weeks.searchsorted(monday, side="right")) - 1


@dataclass
class Raised:
    """One alert: what the detector saw at a place."""

    rule: Rule
    place: str
    period_start: dt.date
    period_end: dt.date
    value: float | None
    low: float | None
    high: float | None
    n: int
    reference: float | None
    method: str

    def as_dict(self) -> dict:
        return {"rule_id": self.rule.id, "kind": self.rule.kind, "metric": self.rule.metric,
                "place": self.place, "period_start": self.period_start,
                "period_end": self.period_end, "value": self.value, "low": self.low,
                "high": self.high, "n": self.n, "reference": self.reference,
                "method": self.method}


def _grid(frame: pd.DataFrame, places: pd.Index, weeks: pd.DatetimeIndex,
          columns: dict[str, str]) -> dict[str, np.ndarray]:
    """Arrays places × weeks of the frame's columns (0 where a week has no rows)."""
    row = places.get_indexer(frame["touchpoint"].astype(object))
    col = weeks.get_indexer(pd.to_datetime(frame["week"]))
    keep = (row >= 0) & (col >= 0)
    out = {}
    for name, column in columns.items():
        grid = np.zeros((len(places), len(weeks)))
        np.add.at(grid, (row[keep], col[keep]), frame[column].to_numpy(dtype="float64")[keep])
        out[name] = grid
    return out


def load(store: Store, metrics: set[str]) -> Series | None:
    """The weekly sums of ``metrics`` per touchpoint up to the last complete week (None
    without data): at most three queries, whatever the number of rules and places."""
    first, newest = queries.date_bounds(store)
    if newest is None:
        return None
    newest = pd.Timestamp(newest).date()
    last_sunday = newest if newest.isoweekday() == 7 else newest - dt.timedelta(
        days=newest.isoweekday())
    start = pd.Timestamp(first) - pd.Timedelta(days=pd.Timestamp(first).weekday())
    weeks = pd.date_range(start, pd.Timestamp(last_sunday) - pd.Timedelta(days=6), freq="7D")
    places = queries.catalog(store)["touchpoints"]
    series = Series(places.reset_index(drop=True), weeks)
    if len(weeks) == 0 or places.empty:
        return series
    keys = pd.Index(places["key"])
    every = Filters(date_to=last_sunday)
    if "audit" in metrics:
        frame = queries.audit_aggregates(store, every, ("week", "touchpoint"))
        series.metrics["audit"] = _grid(frame, keys, weeks,
                                        {c: c for c in detect.COLUMNS["audit"]})
    survey = metrics & {"nps", "ces", "csat"}
    if survey:
        frame = queries.survey_aggregates(store, every, ("week", "touchpoint"))
        for metric in survey:
            part = frame.loc[frame["metric"] == metric]
            series.metrics[metric] = _grid(part, keys, weeks,
                                           {c: c for c in detect.COLUMNS[metric]})
    if "conversion" in metrics:
        frame = queries.web_aggregates(store, every, ("week", "touchpoint"))
        series.metrics["conversion"] = _grid(frame, keys, weeks,
                                             {"n": "sessions", "top2": "conversions"})
    return series


def scope_mask(places: pd.DataFrame, rule: Rule) -> np.ndarray:
    """The places (touchpoints) a rule's scope selects."""
    if rule.scope == "all":
        return np.ones(len(places), dtype=bool)
    column = {"journey": "journey_key", "department": "department_key",
              "touchpoint": "key"}[rule.scope]
    return (places[column] == rule.key).to_numpy()


def findings(series: Series, rule: Rule, t: int,
             reference: np.ndarray | None = None) -> detect.Findings | None:
    """What the rule's detector says at every place for week index ``t`` (None when the
    history is too short or the metric has no data)."""
    data = series.metrics.get(rule.metric)
    if data is None or t + 1 < detect.MIN_HISTORY[rule.kind]:
        return None
    min_n = rule.min_n or detect.minimum_n(rule.metric)
    if rule.kind == "below_target":
        target = (np.full(len(series.places), rule.threshold)
                  if rule.threshold is not None
                  else series.places["target"].to_numpy(dtype="float64"))
        return detect.below_target(data, rule.metric, t, target, min_n)
    if rule.kind == "drop":
        return detect.drop(data, rule.metric, t, min_n, reference)
    return detect.drift(data, rule.metric, t, min_n)


def _number(x) -> float | None:
    return None if x is None or not np.isfinite(x) else float(x)


def step(series: Series, rule: Rule, t: int, state: dict[str, tuple[bool, float | None]]
         ) -> tuple[list[Raised], dict[str, tuple[bool, float | None]]]:
    """Run one rule for week index ``t`` against its state (place → (firing, reference));
    return the alerts raised and the new state. Pure: the backtest calls it week by week."""
    places = series.places["key"].to_numpy()
    reference = np.array([state.get(p, (False, None))[1] or np.nan for p in places])
    found = findings(series, rule, t, reference if rule.kind == "drop" else None)
    if found is None:
        return [], state
    end = (series.weeks[t] + pd.Timedelta(days=6)).date()
    span = detect.DRIFT_WEEKS if rule.kind == "drift" else detect.PERIOD_WEEKS
    start = series.weeks[max(t - span + 1, 0)].date()
    raised, new_state = [], dict(state)
    for i in np.nonzero(scope_mask(series.places, rule))[0]:
        place = places[i]
        firing = state.get(place, (False, None))[0]
        if not firing and found.fire[i]:
            raised.append(Raised(rule, place, start, end, _number(found.value[i]),
                                 _number(found.low[i]), _number(found.high[i]),
                                 int(found.n[i]), _number(found.reference[i]),
                                 detect.method(rule.kind, rule.metric)))
            new_state[place] = (True, _number(found.reference[i]))
        elif firing and found.recovered[i]:
            new_state[place] = (False, None)
    return raised, new_state


def _states(store: Store) -> dict[int, dict[str, tuple[bool, float | None]]]:
    out: dict[int, dict] = {}
    with store.connect() as conn:
        for row in conn.execute(sa.select(st)):
            out.setdefault(row.rule_id, {})[row.place] = (bool(row.firing), row.reference)
    return out


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def run(store: Store, dry_run: bool = False) -> list[Raised]:
    """Evaluate every rule for the last complete week and record what it raises (with
    ``dry_run`` nothing is written: the alerts it would raise). Return the new alerts."""
    if not dry_run:
        rules_mod.ensure_defaults(store)
    rules = rules_mod.all_rules(store) + (rules_mod.pending_defaults(store) if dry_run else [])
    if not rules:
        return []
    series = load(store, {r.metric for r in rules})
    if series is None or len(series.weeks) == 0:
        return []
    t = len(series.weeks) - 1
    states = _states(store)
    raised, changed = [], {}
    for rule in rules:
        before = states.get(rule.id, {})
        new, after = step(series, rule, t, before)
        raised += new
        changed[rule.id] = {p: v for p, v in after.items() if before.get(p) != v}
    if dry_run:
        return raised
    return record(store, raised, changed)


def record(store: Store, raised: list[Raised],
           changed: dict[int, dict[str, tuple[bool, float | None]]]) -> list[Raised]:
    """Write the new alerts (those not recorded before) and the changed states in one
    transaction; return the alerts that are new."""
    new = []
    now = _now()
    with store.begin(exclusive=True) as conn:
        version = store.data_version()
        for alert in raised:
            exists = conn.execute(sa.select(a.c.id).where(
                a.c.rule_id == alert.rule.id, a.c.place == alert.place,
                a.c.period_end == alert.period_end)).first()
            if exists is None:
                conn.execute(a.insert().values(**alert.as_dict(), data_version=version,
                                               created_at=now))
                new.append(alert)
        for rule_id, places in changed.items():
            for place, (firing, reference) in places.items():
                conn.execute(st.delete().where(st.c.rule_id == rule_id, st.c.place == place))
                conn.execute(st.insert().values(rule_id=rule_id, place=place, firing=firing,
                                                reference=reference, changed_at=now))
    return new


def after_change(store: Store) -> None:
    """Run after a committed import or undo: evaluate, then the store's after_change
    hooks (mails). Never raises: a failed evaluation is logged, the import stands."""
    if store.in_one_transaction():
        return  # nothing is committed yet (demo --replace): the caller evaluates after
    try:
        new = run(store)
    except Exception:  # noqa: BLE001 (an alert failure must never fail an import)
        log.exception("Evaluating the alert rules after an import failed")
        return
    for hook in store.after_change:
        try:
            hook(store, new)
        except Exception:  # noqa: BLE001
            log.exception("An after-import hook failed")
