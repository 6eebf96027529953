"""Did it work? A done action's touchpoint before and after its completion date, against
the journey's other touchpoints over the same weeks (a difference-in-differences, so a
company-wide upswing is not credited to the action).

Windows: the ``weeks`` × 7 days before the completion date, and as many days from it on.
Each metric (audit score; NPS, CES, CSAT of the responses linked to the touchpoint) gets
after − before for the touchpoint and for the comparison (the journey's other touchpoints
pooled), and their difference, each with its 95 % interval and significance by the rules
of ``data.kpis`` (Welch's t with Welch–Satterthwaite df for means, normal for NPS and
shares, "too few to tell" below the small-sample minimum).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from data import kpis, queries
from data.queries import Filters
from data.store import Store

DEFAULT_WEEKS = 6
METRICS = ("audit", "nps", "ces", "csat")
MEANS = ("audit", "ces")
COLUMNS = ("n", "total", "total_sq", "promoters", "detractors", "easy", "top2")


@dataclass
class Effect:
    """The effect of one done action (``status`` 'ok', 'too_early' or 'not_done')."""

    action_id: int
    status: str
    weeks: int
    done_on: dt.date | None = None
    before: tuple[dt.date, dt.date] | None = None
    after: tuple[dt.date, dt.date] | None = None
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)  # one row per metric

    def as_dict(self) -> dict:
        rows = self.rows.replace({np.nan: None}).to_dict("records") if not self.rows.empty \
            else []
        return {"action_id": self.action_id, "status": self.status, "weeks": self.weeks,
                "done_on": self.done_on.isoformat() if self.done_on else None,
                "before": [d.isoformat() for d in self.before] if self.before else None,
                "after": [d.isoformat() for d in self.after] if self.after else None,
                "metrics": rows}


def windows(done_on: dt.date, weeks: int) -> tuple[tuple[dt.date, dt.date],
                                                  tuple[dt.date, dt.date]]:
    """The before window (ending the day before) and the after window (from the day on)."""
    days = dt.timedelta(days=7 * weeks)
    return ((done_on - days, done_on - dt.timedelta(days=1)),
            (done_on, done_on + days - dt.timedelta(days=1)))


def _sums(frame: pd.DataFrame, metric: str, keep) -> dict[str, float]:
    """Summed aggregate columns of the rows (of one metric) whose touchpoint ``keep`` takes."""
    if frame.empty:
        return dict.fromkeys(COLUMNS, 0.0)
    part = frame
    if "metric" in part.columns:
        part = part.loc[part["metric"] == metric]
    part = part.loc[[bool(keep(k)) for k in part["touchpoint"]]]
    return {c: float(part[c].sum()) if c in part.columns else 0.0 for c in COLUMNS}


def _side(sums: dict, metric: str) -> dict:
    """Value, variance of the value, df and n of one window's aggregate."""
    if sums["n"] <= 0:
        return {"value": np.nan, "variance": np.nan, "df": np.nan, "n": 0}
    values = kpis.metric_values(sums, metric)
    return {"value": values["value"], "variance": values["variance"],
            "df": sums["n"] - 1, "n": int(sums["n"])}


def _df(var1, df1, var2, df2) -> float:
    """Welch–Satterthwaite degrees of freedom of a difference."""
    return float(np.asarray(kpis.welch_df(var1, df1, var2, df2)).item())


def _quantile(metric: str, df: float) -> float:
    if metric not in MEANS or not np.isfinite(df):
        return kpis.Z95
    return float(stats.t.ppf(0.975, df))


def _significant(metric: str, delta: float, var1, df1, var2, df2, enough: bool):
    """True/False, or None when a side is below the small-sample minimum."""
    if not enough or np.isnan(delta) or np.isnan(var1 + var2):
        return None
    if metric in MEANS:
        p = float(np.asarray(kpis.welch_p(delta, var1, df1, var2, df2)).item())
    else:
        p = float(np.asarray(kpis.normal_p(delta, var1, var2)).item())
    return bool(p < kpis.ALPHA)


def _enough(metric: str, *ns: int) -> bool:
    kind = "audits" if metric == "audit" else "responses"
    return not any(bool(kpis.small_sample(n, kind)) for n in ns)


def _difference(metric: str, after: dict, before: dict) -> dict:
    """after − before with its variance, df, 95 % interval and significance."""
    delta = float(kpis.change(after["value"], before["value"]))
    variance = after["variance"] + before["variance"]
    df = _df(after["variance"], after["df"], before["variance"], before["df"])
    half = _quantile(metric, df) * np.sqrt(variance)
    return {"delta": delta, "variance": variance, "df": df, "low": delta - half,
            "high": delta + half,
            "significant": _significant(metric, delta, after["variance"], after["df"],
                                        before["variance"], before["df"],
                                        _enough(metric, after["n"], before["n"]))}


def compute(store: Store, action: dict, weeks: int = DEFAULT_WEEKS,
            latest: dt.date | None = None) -> Effect:
    """Return the effect of a done action on its touchpoint (``latest``: the last date
    with data, read from the store when None)."""
    weeks = max(1, min(int(weeks or DEFAULT_WEEKS), 52))
    action_id = int(action["id"])
    done_on = action.get("done_on")
    if action.get("status") != "done" or done_on is None or not action.get("touchpoint_key"):
        return Effect(action_id, "not_done", weeks)
    done_on = queries._as_date(done_on)  # noqa: SLF001
    before, after = windows(done_on, weeks)
    latest = latest or queries.date_bounds(store)[1]
    if latest is None or latest < after[1]:
        return Effect(action_id, "too_early", weeks, done_on, before, after)
    key, journey = action["touchpoint_key"], action["journey_key"]
    rows = []
    frames = {}
    for name, (start, end) in (("before", before), ("after", after)):
        f = Filters(journeys=(journey,), date_from=start, date_to=end)
        frames[name] = (queries.audit_aggregates(store, f, by=("touchpoint",)),
                        queries.survey_aggregates(store, f, by=("touchpoint",)))
    for metric in METRICS:
        index = 0 if metric == "audit" else 1
        sides = {}
        for group, keep in (("touchpoint", lambda k: k == key),
                            ("others", lambda k: isinstance(k, str) and k != key)):
            b = _side(_sums(frames["before"][index], metric, keep), metric)
            a = _side(_sums(frames["after"][index], metric, keep), metric)
            sides[group] = (b, a, _difference(metric, a, b))
        (tb, ta, td), (ob, oa, od) = sides["touchpoint"], sides["others"]
        if tb["n"] == 0 and ta["n"] == 0:
            continue
        did = td["delta"] - od["delta"]
        did_var = td["variance"] + od["variance"]
        # Satterthwaite over all four windows, composed from the two differences' df.
        did_df = _df(td["variance"], td["df"], od["variance"], od["df"])
        half = _quantile(metric, did_df) * np.sqrt(did_var)
        rows.append({
            "metric": metric, "before": tb["value"], "after": ta["value"],
            "n_before": tb["n"], "n_after": ta["n"], "delta": td["delta"],
            "low": td["low"], "high": td["high"], "significant": td["significant"],
            "others_before": ob["value"], "others_after": oa["value"],
            "others_n_before": ob["n"], "others_n_after": oa["n"],
            "others_delta": od["delta"], "did": did, "did_low": did - half,
            "did_high": did + half,
            "did_significant": _significant(
                metric, did, td["variance"], td["df"], od["variance"], od["df"],
                _enough(metric, tb["n"], ta["n"], ob["n"], oa["n"])),
        })
    return Effect(action_id, "ok", weeks, done_on, before, after, pd.DataFrame(rows))
