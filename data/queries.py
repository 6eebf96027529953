"""Filtered aggregates computed in SQL: counts and sums per group, never raw rows.

Filter semantics (the same for every view and the CLI):

- journey, phase, channel, department and touchpoint filters select touchpoints; audits
  and web metrics follow their touchpoint;
- a survey response's journey and channel are its own, or else its touchpoint's; phase,
  department and touchpoint filters keep only responses linked to a matching touchpoint;
- the persona filter keeps responses given by that persona, and audits and web metrics of
  the journeys the persona applies to;
- the date range is inclusive on both ends.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

import pandas as pd
import sqlalchemy as sa

from data import schema
from data.store import Store

tp = schema.touchpoints
sr = schema.survey_responses
sd = schema.survey_daily
au = schema.audit_scores
ad = schema.audit_daily
wm = schema.web_metrics
jp = schema.journey_personas

# The dates a filter can name: within what pandas timestamps hold (imports refuse dates
# outside it), so a period like 0001-01-01 to 9999-12-31 means "everything" and the
# arithmetic around it (previous period, trend windows) never leaves the calendar.
EARLIEST = dt.date(1678, 1, 1)
LATEST = dt.date(2261, 12, 31)


@dataclass(frozen=True)
class Filters:
    """The global filter state: tuples of keys per dimension plus an inclusive date range."""

    journeys: tuple[str, ...] = ()
    personas: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    touchpoints: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @classmethod
    def of(cls, **kwargs) -> Filters:
        """Build filters from lists, single values or None, and ISO date strings."""
        clean = {}
        for name, value in kwargs.items():
            if name in ("date_from", "date_to"):
                clean[name] = _as_date(value)
            elif value is None or value == "":
                clean[name] = ()
            elif isinstance(value, str):
                clean[name] = (value,)
            else:
                clean[name] = tuple(sorted({v for v in value if v}))
        return cls(**clean)

    def previous_period(self) -> Filters | None:
        """Return the same filters over the equally long period just before, if dated
        (None as well when that period would begin before EARLIEST)."""
        if self.date_from is None or self.date_to is None:
            return None
        length = (self.date_to - self.date_from).days + 1
        if (self.date_from - EARLIEST).days < length:
            return None
        return replace(
            self,
            date_from=self.date_from - dt.timedelta(days=length),
            date_to=self.date_from - dt.timedelta(days=1),
        )

    def widened(self, weeks: int) -> Filters:
        """Return the filters with the period reaching back at least `weeks` weeks before
        its end (for trends that need context beyond a short selected period)."""
        if self.date_to is None:
            return self
        back = dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
        start = self.date_to - back if self.date_to - EARLIEST > back else EARLIEST
        if self.date_from is not None:
            start = min(start, self.date_from)
        return replace(self, date_from=start)

    def cache_key(self) -> str:
        payload = json.dumps(asdict(self), default=str, sort_keys=True)
        return hashlib.sha1(payload.encode()).hexdigest()


def _as_date(value) -> dt.date | None:
    """A filter date, clamped to EARLIEST–LATEST."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        day = dt.date.fromisoformat(str(value)[:10])
    return min(max(day, EARLIEST), LATEST)


# --- caching --------------------------------------------------------------------


def cached(store: Store, name: str, key_parts: Iterable, compute):
    """Return compute(), memoised under (query, args, data version): for the rest of the
    web request in memory (views ask for the catalog and scorecards several times), and
    across requests in the store's cache when there is one."""
    memo = store.request_memo()
    if store.cache is None and memo is None:
        return compute()
    key = _cache_key(store, name, key_parts)
    with _computing(memo, key):
        value = _lookup(store, key)
        if value is None:
            value = compute()
            _remember(store, key, value)
    return _fresh(value)


def _computing(memo: dict | None, key: str):
    """Within a request, one thread computes a key while others asking for it wait and
    then find it in the memo (views read ahead in parallel, see prefetch)."""
    if memo is None:
        return contextlib.nullcontext()
    return memo.setdefault(("computing", key), threading.Lock())  # setdefault is atomic


def cached_periods(store: Store, name: str, f: Filters, by: tuple, compute):
    """Return (current, previous) of one aggregate for f and its previous period, under
    the keys ``cached(name, [filters, by])`` uses for each, so a later call for either
    period alone is a hit. compute() returns both; it runs when either is missing."""
    prev = f.previous_period()
    memo = store.request_memo()
    if store.cache is None and memo is None:
        return compute()
    keys = [_cache_key(store, name, [g.cache_key(), by]) for g in (f, prev)]
    with _computing(memo, keys[0]), _computing(memo, keys[1]):
        values = [_lookup(store, k) for k in keys]
        if any(v is None for v in values):
            values = compute()
            for key, value in zip(keys, values, strict=True):
                _remember(store, key, value)
    return tuple(_fresh(v) for v in values)


def prefetch(store: Store, *calls) -> None:
    """Run independent cached queries side by side within a web request, so that the
    view's own calls, made in its usual order, find them in the request memo (the first
    runs on the request's own thread). Outside a request (CLI, tests) it does nothing:
    there is no memo to keep the results. A call that fails here is left to fail again,
    with its error, where the view makes it."""
    if store.request_memo() is None or not calls:
        return
    store.data_version()  # read once, before the threads: one request, one data version
    first, *rest = calls
    # Short-lived threads rather than a shared pool: DuckDB and PostgreSQL work without
    # holding the GIL, and a thread that dies (a server stopping its threads) can never
    # leave a later request waiting on a pool whose workers are gone.
    threads = [
        threading.Thread(target=contextvars.copy_context().run, args=(_quietly, call),
                         name="cxdash-prefetch", daemon=True)
        for call in rest
    ]
    for thread in threads:
        thread.start()
    _quietly(first)
    for thread in threads:
        thread.join()


def _quietly(call) -> None:
    try:
        call()
    except Exception:  # noqa: BLE001 - reported by the view's own call
        pass


def _cache_key(store: Store, name: str, key_parts: Iterable) -> str:
    digest = hashlib.sha1(json.dumps(list(key_parts), default=str).encode()).hexdigest()
    return f"cxdash:{name}:{store.cache_namespace()}:{digest}"


def _lookup(store: Store, key: str):
    """The value remembered under key by this request, this process or the shared cache,
    else None."""
    memo = store.request_memo()
    if memo is not None and key in memo:
        return memo[key]
    if store.cache is None:
        return None
    value = _recent(store).get(key)
    if value is None:
        value = store.cache.get(key)
    if value is not None:
        _recent(store).put(key, value)
        if memo is not None:
            memo[key] = _fresh(value)
    return value


def _remember(store: Store, key: str, value) -> None:
    if store.cache is not None:
        store.cache.set(key, value)
        _recent(store).put(key, value)
    memo = store.request_memo()
    if memo is not None:
        memo[key] = _fresh(value)


class _Recent:
    """The most recently used cache entries of this process, in memory: a hit needs no
    file read and no unpickling (the shared cache stays the source for other processes;
    keys hold the data version, so an import elsewhere is seen on the next request)."""

    def __init__(self, size: int = 256):
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key: str):
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key: str, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


def _recent(store: Store) -> _Recent:
    recent = store.local.get("recent")
    if recent is None:
        recent = store.local["recent"] = _Recent()
    return recent


def _fresh(value, depth: int = 1):
    """A copy callers may change: frames, and frames in a dict or list (the catalog), are
    copied lazily (pandas copy-on-write); deeper structures (view outputs) are shared."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy(deep=False)
    if depth and isinstance(value, dict):
        return {k: _fresh(v, depth - 1) for k, v in value.items()}
    if depth and isinstance(value, (list, tuple)):
        return type(value)(_fresh(v, depth - 1) for v in value)
    return value


# --- filter clauses -------------------------------------------------------------


FILTER_DIMENSIONS = ("journey", "phase", "channel", "department", "touchpoint", "persona")


def _keys(f: Filters, dimension: str) -> tuple[str, ...]:
    return getattr(f, dimension + "s")


def _dimension_conditions(f: Filters, columns: dict) -> list:
    """Return `column IN keys` for every filtered dimension; columns maps dimension to a
    zero-argument function returning its expression. Without a persona column, the persona
    filter selects the journeys the persona applies to."""
    conds = []
    for dim in FILTER_DIMENSIONS:
        keys = _keys(f, dim)
        if not keys:
            continue
        if dim == "persona" and "persona" not in columns:
            persona_journeys = sa.select(jp.c.journey_key).where(jp.c.persona_key.in_(keys))
            conds.append(tp.c.journey_key.in_(persona_journeys))
        else:
            conds.append(columns[dim]().in_(keys))
    return conds


_TOUCHPOINT_COLUMNS = {
    "journey": lambda: tp.c.journey_key,
    "phase": lambda: tp.c.phase_key,
    "channel": lambda: tp.c.channel_key,
    "department": lambda: tp.c.department_key,
    "touchpoint": lambda: tp.c.key,
}


def _touchpoint_conditions(f: Filters) -> list:
    return _dimension_conditions(f, _TOUCHPOINT_COLUMNS)


def _date_conditions(column, f: Filters) -> list:
    conds = []
    if f.date_from:
        conds.append(column >= f.date_from)
    if f.date_to:
        conds.append(column <= f.date_to)
    return conds


def _week(column):
    return sa.cast(sa.func.date_trunc("week", column), sa.Date)


def _as_frame(store: Store, query) -> pd.DataFrame:
    return store.read_sql(query)


def _sum(column, type_=sa.Double):
    """SUM(column) as a plain number, 0 over no rows: DuckDB's HUGEINT and PostgreSQL's
    NUMERIC sums would arrive as Python ints or Decimals, one conversion pass per column."""
    return sa.cast(sa.func.coalesce(sa.func.sum(column), 0), type_)


# --- survey responses -----------------------------------------------------------

def _survey_group_columns(table) -> dict:
    """Group and filter expressions for survey rows (raw responses or their daily sums)."""
    return {
        "week": lambda: _week(table.c.date),
        "touchpoint": lambda: table.c.touchpoint_key,
        "journey": lambda: sa.func.coalesce(table.c.journey_key, tp.c.journey_key),
        "channel": lambda: sa.func.coalesce(table.c.channel_key, tp.c.channel_key),
        "phase": lambda: tp.c.phase_key,
        "department": lambda: tp.c.department_key,
        "persona": lambda: table.c.persona_key,
    }


SURVEY_COLUMNS = ("n", "total", "total_sq", "promoters", "detractors", "easy", "top2")
_SURVEY_GROUP_COLUMNS = _survey_group_columns(sr)
_DAILY_GROUP_COLUMNS = _survey_group_columns(sd)
SURVEY_KEYS = ("batch_id", "metric", "date", "journey_key", "touchpoint_key", "persona_key",
               "channel_key")


def survey_rollup(batch_id: int | None = None):
    """INSERT … SELECT that sums a batch's responses (or all) into survey_daily."""
    score = sr.c.score

    def count_if(cond):
        return sa.func.sum(sa.case((cond, 1), else_=0))

    keys = [sr.c[k] for k in SURVEY_KEYS]
    select = sa.select(
        *keys,
        sa.func.count().label("n"),
        sa.func.sum(score).label("total"),
        sa.func.sum(score * score).label("total_sq"),
        count_if((sr.c.metric == "nps") & (score >= 9)).label("promoters"),
        count_if((sr.c.metric == "nps") & (score <= 6)).label("detractors"),
        count_if((sr.c.metric == "ces") & (score >= 5)).label("easy"),
        count_if((sr.c.metric == "csat") & (score >= 4)).label("top2"),
    ).group_by(*keys).order_by(sr.c.date)  # in date order: range scans skip whole blocks
    if batch_id is not None:
        select = select.where(sr.c.batch_id == batch_id)
    return sd.insert().from_select([*SURVEY_KEYS, *SURVEY_COLUMNS], select)


def _survey_query(f: Filters, by: tuple[str, ...], split: bool = False):
    """Survey sums per metric (and group), read from survey_daily; with split, over f and
    its previous period, told apart by a boolean column ``current``."""
    needs_touchpoint = bool(
        f.phases or f.departments or f.journeys or f.channels or f.touchpoints
    ) or any(g in ("journey", "channel", "phase", "department") for g in by)
    source = sd.outerjoin(tp, tp.c.key == sd.c.touchpoint_key) if needs_touchpoint else sd
    exprs = [sd.c.metric, *[_DAILY_GROUP_COLUMNS[g]() for g in by]]
    groups = [e.label(g) for e, g in zip(exprs, ("metric", *by), strict=True)]
    if split:
        exprs.insert(0, sd.c.date >= f.date_from)
        groups.insert(0, exprs[0].label("current"))
    query = sa.select(*groups, *[_sum(sd.c[c]).label(c) for c in SURVEY_COLUMNS]) \
        .select_from(source)
    dates = replace(f, date_from=f.previous_period().date_from) if split else f
    conds = _date_conditions(sd.c.date, dates) + _dimension_conditions(f, _DAILY_GROUP_COLUMNS)
    if conds:
        query = query.where(*conds)
    return query.group_by(*exprs).order_by(*exprs)


def _survey_frame(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    if frame.empty:
        frame = frame.astype(dict.fromkeys(SURVEY_COLUMNS, "float64"))
    if "week" in by:
        frame["week"] = pd.to_datetime(frame["week"])
    return frame


def survey_aggregates(store: Store, f: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return per metric (and group) n, Σscore, Σscore², promoters, detractors, easy, top2."""
    by = tuple(by)
    return cached(store, "survey", [f.cache_key(), by],
                  lambda: _survey_frame(_as_frame(store, _survey_query(f, by)), by))


def survey_periods(store: Store, f: Filters, by: tuple[str, ...] = ()):
    """Return survey_aggregates for f and for its previous period (None when f is not
    dated), read in one query."""
    by = tuple(by)
    if f.previous_period() is None:
        return survey_aggregates(store, f, by), None

    def compute():
        both = _as_frame(store, _survey_query(f, by, split=True))
        return _split_periods(both, lambda part: _survey_frame(part, by))

    return cached_periods(store, "survey", f, by, compute)


def _split_periods(frame: pd.DataFrame, finish) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows of a split query as (current, previous), without the ``current`` column
    (the first one; the query orders by it, so the previous period's rows come first)."""
    first = int((~frame["current"].to_numpy(dtype=bool)).sum())
    rest = frame.columns[1:]
    return (finish(frame.iloc[first:][rest].reset_index(drop=True)),
            finish(frame.iloc[:first][rest].reset_index(drop=True)))


# --- audits ---------------------------------------------------------------------

def _audit_group_columns(table) -> dict:
    """Group expressions for audit rows (raw scores or their daily sums)."""
    return {
        **_TOUCHPOINT_COLUMNS,
        "week": lambda: _week(table.c.date),
        "touchpoint": lambda: table.c.touchpoint_key,
        "perspective": lambda: table.c.perspective,
        "question": lambda: table.c.question,
    }


AUDIT_COLUMNS = ("n", "total", "total_sq")
AUDIT_KEYS = ("batch_id", "date", "touchpoint_key", "perspective")
_AUDIT_GROUP_COLUMNS = {au: _audit_group_columns(au), ad: _audit_group_columns(ad)}


def audit_rollup(batch_id: int | None = None):
    """INSERT … SELECT that sums a batch's audit scores (or all) into audit_daily."""
    keys = [au.c[k] for k in AUDIT_KEYS]
    select = sa.select(
        *keys,
        sa.func.count().label("n"),
        sa.func.sum(au.c.score).label("total"),
        sa.func.sum(au.c.score * au.c.score).label("total_sq"),
    ).group_by(*keys).order_by(au.c.date)  # in date order: range scans skip whole blocks
    if batch_id is not None:
        select = select.where(au.c.batch_id == batch_id)
    return ad.insert().from_select([*AUDIT_KEYS, *AUDIT_COLUMNS], select)


# Each fact table with a daily rollup, and the INSERT … SELECT that fills it for a batch.
ROLLUPS = {"survey_responses": (sd, survey_rollup), "audit_scores": (ad, audit_rollup)}


def _audit_query(f: Filters, by: tuple[str, ...], split: bool = False):
    """Audit sums per group (from the daily sums unless split by question); with split,
    over f and its previous period, told apart by a boolean column ``current``."""
    table = au if "question" in by else ad
    columns = _AUDIT_GROUP_COLUMNS[table]
    groups = [columns[g]().label(g) for g in by]
    if split:
        groups.insert(0, (table.c.date >= f.date_from).label("current"))
    sums = (sa.cast(sa.func.count(), sa.Double), _sum(au.c.score),
            _sum(au.c.score * au.c.score)) if table is au else \
        tuple(_sum(ad.c[c]) for c in AUDIT_COLUMNS)
    query = sa.select(
        *groups, *[e.label(c) for e, c in zip(sums, AUDIT_COLUMNS, strict=True)],
    ).select_from(table.join(tp, tp.c.key == table.c.touchpoint_key))
    dates = replace(f, date_from=f.previous_period().date_from) if split else f
    conds = _touchpoint_conditions(f) + _date_conditions(table.c.date, dates)
    if conds:
        query = query.where(*conds)
    if groups:
        elements = [g.element for g in groups]
        query = query.group_by(*elements).order_by(*elements)
    return query


def _audit_frame(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    if not by and frame.empty:  # no groups: one row, zero audits
        frame = pd.DataFrame([dict.fromkeys(AUDIT_COLUMNS, 0.0)])
    elif frame.empty:
        frame = frame.astype(dict.fromkeys(AUDIT_COLUMNS, "float64"))
    if "week" in by:
        frame["week"] = pd.to_datetime(frame["week"])
    return frame


def _by_touchpoint(split: pd.DataFrame) -> pd.DataFrame:
    return split.groupby("touchpoint", as_index=False, sort=True)[list(AUDIT_COLUMNS)].sum()


def audit_aggregates(store: Store, f: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return per group n, Σscore and Σscore² of audit scores (from their daily sums,
    unless split by question)."""
    by = tuple(by)
    if by == ("touchpoint",):
        # Views that ask for this also ask for the split by perspective: one query serves both.
        return _by_touchpoint(audit_aggregates(store, f, ("touchpoint", "perspective")))
    return cached(store, "audit", [f.cache_key(), by],
                  lambda: _audit_frame(_as_frame(store, _audit_query(f, by)), by))


def audit_periods(store: Store, f: Filters, by: tuple[str, ...] = ()):
    """Return audit_aggregates for f and for its previous period (None when f is not
    dated), read in one query."""
    by = tuple(by)
    if f.previous_period() is None:
        return audit_aggregates(store, f, by), None
    if by == ("touchpoint",):
        cur, prev = audit_periods(store, f, ("touchpoint", "perspective"))
        return _by_touchpoint(cur), _by_touchpoint(prev)

    def compute():
        both = _as_frame(store, _audit_query(f, by, split=True))
        return _split_periods(both, lambda part: _audit_frame(part, by))

    return cached_periods(store, "audit", f, by, compute)


# --- web metrics ----------------------------------------------------------------


_WEB_GROUP_COLUMNS = {
    **_TOUCHPOINT_COLUMNS,
    "week": lambda: _week(wm.c.date),
    "touchpoint": lambda: wm.c.touchpoint_key,
}
WEB_COLUMNS = ("sessions", "conversions", "bounces")


def web_aggregates(store: Store, f: Filters, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return per group summed sessions, conversions and bounces, and the days with data."""
    by = tuple(by)

    def compute():
        exprs = [_WEB_GROUP_COLUMNS[g]() for g in by]
        query = sa.select(
            *[e.label(g) for e, g in zip(exprs, by, strict=True)],
            *[_sum(wm.c[c], sa.BigInteger).label(c) for c in WEB_COLUMNS],
            sa.cast(sa.func.count(), sa.BigInteger).label("days"),
        ).select_from(wm.join(tp, tp.c.key == wm.c.touchpoint_key))
        conds = _touchpoint_conditions(f) + _date_conditions(wm.c.date, f)
        if conds:
            query = query.where(*conds)
        if exprs:
            query = query.group_by(*exprs).order_by(*exprs)
        frame = _as_frame(store, query)
        if frame.empty:
            frame = frame.astype(dict.fromkeys((*WEB_COLUMNS, "days"), "int64"))
        if "week" in by:
            frame["week"] = pd.to_datetime(frame["week"])
        return frame

    return cached(store, "web", [f.cache_key(), by], compute)


def web_totals(store: Store, f: Filters) -> dict:
    """Return summed sessions, conversions and bounces of the filtered web metrics."""
    row = web_aggregates(store, f).iloc[0]
    return {c: int(row[c]) for c in WEB_COLUMNS}


def latest_comments(store: Store, f: Filters, limit: int = 10) -> pd.DataFrame:
    """Return the newest comments of audits and survey responses (date, source, metric,
    score, comment); a handful of rows, never the table."""

    def audit_q(g: Filters):
        return sa.select(
            au.c.date, sa.literal("audit").label("source"), au.c.perspective.label("metric"),
            au.c.score, au.c.comment,
        ).select_from(au.join(tp, tp.c.key == au.c.touchpoint_key)).where(
            au.c.comment.is_not(None), *_touchpoint_conditions(g),
            *_date_conditions(au.c.date, g),
        ).order_by(au.c.date.desc(), au.c.batch_id.desc(), au.c.perspective, au.c.score,
                   au.c.comment).limit(limit)

    def survey_q(g: Filters):
        return sa.select(
            sr.c.date, sa.literal("survey").label("source"), sr.c.metric, sr.c.score,
            sr.c.comment,
        ).select_from(sr.outerjoin(tp, tp.c.key == sr.c.touchpoint_key)).where(
            sr.c.comment.is_not(None), *_dimension_conditions(g, _SURVEY_GROUP_COLUMNS),
            *_date_conditions(sr.c.date, g),
        ).order_by(sr.c.date.desc(), sr.c.batch_id.desc(), sr.c.metric, sr.c.score,
                   sr.c.comment).limit(limit)

    def compute():
        frame = pd.concat([_newest(store, audit_q, f, limit), _newest(store, survey_q, f, limit)])
        if frame.empty:
            return frame
        # Newest first; on one day audits before responses, each in its query's order
        return frame.sort_values("date", ascending=False, kind="stable").head(limit).reset_index(
            drop=True)

    return cached(store, "comments", [f.cache_key(), limit], compute)


def _newest(store: Store, query, f: Filters, limit: int) -> pd.DataFrame:
    """Run query(filters) for the newest `limit` rows, first over the period's last two
    weeks, then its last quarter, then all of it: facts are stored in date order, so a
    short window reads a few row groups where the whole period reads millions of rows.
    A window that already holds `limit` rows holds the newest ones."""
    end = f.date_to or date_bounds(store)[1]
    for days in (14, 91):
        if end is None:
            break
        start = end - dt.timedelta(days=days - 1)
        if f.date_from is not None and start <= f.date_from:
            break
        frame = _as_frame(store, query(replace(f, date_from=start, date_to=end)))
        if len(frame) >= limit:
            return frame
    return _as_frame(store, query(f))


# --- catalog --------------------------------------------------------------------


def catalog(store: Store) -> dict[str, pd.DataFrame]:
    """Return every dimension table (small) as DataFrames, ordered for display."""

    def compute():
        order = {
            "phases": schema.phases.c.position,
            "journeys": schema.journeys.c.position,
            "touchpoints": tp.c.position,
        }
        out = {}
        for name, table in schema.CATALOG_TABLES.items():
            query = sa.select(table)
            first = order.get(name)
            query = query.order_by(first, table.c.name) if first is not None else query.order_by(
                table.c.name
            )
            out[name] = _as_frame(store, query)
        out["journey_personas"] = _as_frame(store, sa.select(jp))
        return out

    # The catalog is small and changes only with an import: each process keeps the one of
    # the current data version in memory (seven queries saved on every request).
    return held_per_version(store, "catalog", compute)


def held_per_version(store: Store, name: str, compute):
    """Return compute() for the current data version, kept in this process's memory (and
    the shared cache): for small tables every view reads whole, the catalog and the
    actions, which change only with a write that bumps the data version."""
    namespace = store.cache_namespace()
    held = store.local.get(name)
    if held is not None and held[0] == namespace:
        return _fresh(held[1])
    value = cached(store, name, [], compute)
    store.local[name] = (namespace, _fresh(value))
    return value


def filtered_touchpoints(store: Store, f: Filters) -> pd.DataFrame:
    """Return the catalog rows of the touchpoints the filters select."""

    def compute():
        query = sa.select(tp)
        conds = _touchpoint_conditions(f)
        if conds:
            query = query.where(*conds)
        return _as_frame(store, query.order_by(tp.c.journey_key, tp.c.position))

    # The period does not select touchpoints: one entry serves every period.
    return cached(store, "touchpoints", [replace(f, date_from=None, date_to=None).cache_key()],
                  compute)


def has_data(store: Store) -> bool:
    """True once any survey response or audit is stored."""
    return cached(store, "has-data", [], lambda: not store.is_empty())


def date_bounds(store: Store) -> tuple[dt.date | None, dt.date | None]:
    """Return the first and last date of any survey response or audit."""

    def compute():
        lows, highs = [], []
        with store.connect() as conn:
            for table in (sr, au):
                lo, hi = conn.execute(
                    sa.select(sa.func.min(table.c.date), sa.func.max(table.c.date))
                ).one()
                if lo is not None:
                    lows.append(_as_date(lo))
                    highs.append(_as_date(hi))
        return (min(lows) if lows else None, max(highs) if highs else None)

    return cached(store, "bounds", [], compute)
