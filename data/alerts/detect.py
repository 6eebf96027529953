"""The three detectors, on weekly sums per place (arrays of shape places × weeks), for
one evaluation week ``t`` (the index of the last complete week) and all places at once.

- **below target**: the current period's (the last ``PERIOD_WEEKS`` weeks) whole 95 %
  interval lies below the target; recovered when the value is back at the target.
- **drop**: the current period against the one before it, by the change test of the
  overview (``kpis.change_significance``: Welch's t for means, adjusted Wald for the NPS,
  Agresti–Caffo for shares), significant, down, and by at least ``MIN_DROP`` (a change
  people would act on: the test alone, run every week on overlapping periods, fires on
  small wobbles of large samples); recovered when the value is back at the level before
  the drop.
- **drift**: an EWMA (λ = LAMBDA) of the weekly values over the last ``DRIFT_WEEKS``
  weeks, started at the baseline mean μ₀ of the ``BASELINE_WEEKS`` weeks before them.
  With σ² the per-answer variance of the baseline and nᵢ the answers of week i, the
  variance of the EWMA is Var(zₜ) = (1 − λ)² Var(zₜ₋₁) + λ² σ²/nₜ (a week without
  answers leaves z and its variance as they were); the limit is μ₀ − L·sd with
  sd² = Var(zₜ) + (1 − (1 − λ)ᵏ)² σ²/n₀ (k weeks with answers, n₀ the baseline's
  answers: μ₀ is an estimate too), so it widens when weeks are thin. Alarm when z < μ₀ − L·√Var(z) in the evaluation week; recovered
  when z is back within L/2 standard deviations of μ₀. In control, z is normal with
  that variance, so an evaluation is a false alarm with probability Φ(−L) (0.135 % for
  L = 3): at most 52 × Φ(−L) ≈ 0.07 alarm-weeks a year per place and metric.

Every detector is silent below the minimum n (the current period, and the previous
period or the baseline it compares with). Higher is better for every metric (CES is on
1–7 with 7 = least effort).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from data import kpis

PERIOD_WEEKS = 4
LAMBDA = 0.2
L = 3.0
DRIFT_WEEKS = 13
BASELINE_WEEKS = 26
# The kpis metric each alert metric is computed as; conversion is a share like CSAT's
# top-2-box (conversions as hits of sessions).
KPI_METRIC = {"audit": "audit", "nps": "nps", "ces": "ces", "csat": "csat",
              "conversion": "csat"}
COLUMNS = {"audit": ("n", "total", "total_sq"), "ces": ("n", "total", "total_sq"),
           "nps": ("n", "promoters", "detractors"), "csat": ("n", "top2"),
           "conversion": ("n", "top2")}
METHODS = {
    "below_target": "95 % interval below target ({interval})",
    "drop": "change vs previous {weeks} weeks, {test}, p < 0.05, at least {min_drop}",
    "drift": f"EWMA λ={LAMBDA:g}, L={L:g} (limits from n per week), "
             f"{DRIFT_WEEKS} weeks against the {BASELINE_WEEKS} before",
}
INTERVALS = {"audit": "Student t", "ces": "Student t", "nps": "adjusted Wald",
             "csat": "Agresti–Coull", "conversion": "Agresti–Coull"}
TESTS = {"audit": "Welch t", "ces": "Welch t", "nps": "adjusted Wald z",
         "csat": "Agresti–Caffo z", "conversion": "Agresti–Caffo z"}
# The smallest drop worth an alert, on each metric's display scale (audit points, NPS
# points, CES points, percentage points of top-2-box and of conversion).
MIN_DROP = {"audit": 0.5, "nps": 10.0, "ces": 0.3, "csat": 5.0, "conversion": 1.0}
MIN_HISTORY = {"below_target": PERIOD_WEEKS, "drop": 2 * PERIOD_WEEKS,
               "drift": DRIFT_WEEKS + BASELINE_WEEKS}


def minimum_n(metric: str) -> int:
    """The small-sample minimum: 5 audits, else 30 responses (or sessions)."""
    return kpis.SMALL_SAMPLE_AUDITS if metric == "audit" else kpis.SMALL_SAMPLE_RESPONSES


def method(kind: str, metric: str) -> str:
    """The method an alert of this kind and metric names."""
    return METHODS[kind].format(interval=INTERVALS[metric], weeks=PERIOD_WEEKS,
                                test=TESTS[metric], min_drop=f"{MIN_DROP[metric]:g}")


@dataclass
class Findings:
    """Per place: whether the detector fires and whether the metric has recovered, with
    the numbers an alert records (value, interval, n, reference)."""

    fire: np.ndarray
    recovered: np.ndarray
    value: np.ndarray
    low: np.ndarray
    high: np.ndarray
    n: np.ndarray
    reference: np.ndarray


def window(series: dict[str, np.ndarray], start: int, stop: int) -> dict[str, np.ndarray]:
    """The sums of weeks [start, stop) per place."""
    start = max(start, 0)
    return {c: v[:, start:stop].sum(axis=1) for c, v in series.items()}


def values(sums: dict[str, np.ndarray], metric: str) -> dict[str, np.ndarray]:
    """value, low, high (95 %) per place from sums, on the metric's display scale."""
    return kpis.metric_arrays(sums, KPI_METRIC[metric])


def below_target(series, metric: str, t: int, target: np.ndarray, min_n: int) -> Findings:
    """The current period's whole 95 % interval lies below ``target`` (per place)."""
    cur = window(series, t - PERIOD_WEEKS + 1, t + 1)
    v = values(cur, metric)
    target = np.asarray(target, dtype="float64")
    enough = cur["n"] >= min_n
    with np.errstate(invalid="ignore"):
        fire = enough & (v["high"] < target)
        recovered = enough & (v["value"] >= target)
    return Findings(fire, recovered, v["value"], v["low"], v["high"], cur["n"], target)


def drop(series, metric: str, t: int, min_n: int, reference: np.ndarray | None = None
         ) -> Findings:
    """The current period is significantly below the previous one (per place).
    ``reference`` is the level a firing place must regain to have recovered (the value
    before its drop); without it, the previous period's value."""
    cur = window(series, t - PERIOD_WEEKS + 1, t + 1)
    prev = window(series, t - 2 * PERIOD_WEEKS + 1, t - PERIOD_WEEKS + 1)
    v, pv = values(cur, metric), values(prev, metric)
    sig = kpis.change_significance(KPI_METRIC[metric], cur, prev)
    enough = (cur["n"] >= min_n) & (prev["n"] >= min_n)
    with np.errstate(invalid="ignore"):
        fire = (enough & kpis.significance_mask(sig)
                & (v["value"] <= pv["value"] - MIN_DROP[metric]))
        back = pv["value"] if reference is None else np.where(
            np.isnan(reference), pv["value"], reference)
        recovered = (cur["n"] >= min_n) & (v["value"] >= back)
    return Findings(fire, recovered, v["value"], v["low"], v["high"], cur["n"], pv["value"])


def unit_variance(sums: dict[str, np.ndarray], metric: str) -> np.ndarray:
    """The variance of one answer (σ²) per place, on the display scale."""
    n = sums["n"]
    kpi = KPI_METRIC[metric]
    if kpi in ("audit", "ces"):
        return kpis.sample_variance(n, sums["total"], sums["total_sq"])
    if kpi == "nps":
        return kpis.nps_variance(n, sums["promoters"], sums["detractors"]) * n
    return kpis.share_variance_pct(n, sums["top2"]) * n


def ewma(x: np.ndarray, week_variance: np.ndarray, mu0, lam: float = LAMBDA
         ) -> tuple[np.ndarray, np.ndarray]:
    """z and Var(z) after each week (axis 1): z₀ = μ₀, zᵢ = λxᵢ + (1 − λ)zᵢ₋₁,
    Var(zᵢ) = (1 − λ)²Var(zᵢ₋₁) + λ²·week_varianceᵢ; a week whose value is NaN (no
    answers) leaves both unchanged."""
    x = np.atleast_2d(np.asarray(x, dtype="float64"))
    week_variance = np.atleast_2d(np.asarray(week_variance, dtype="float64"))
    z = np.broadcast_to(np.asarray(mu0, dtype="float64"), x.shape[:1]).copy()
    var = np.zeros(x.shape[0])
    zs, vs = np.empty_like(x), np.empty_like(x)
    for i in range(x.shape[1]):
        seen = ~np.isnan(x[:, i])
        z = np.where(seen, lam * np.where(seen, x[:, i], 0) + (1 - lam) * z, z)
        var = np.where(seen, (1 - lam) ** 2 * var + lam**2 * np.where(
            seen, week_variance[:, i], 0), var)
        zs[:, i], vs[:, i] = z, var
    return zs, vs


def drift(series, metric: str, t: int, min_n: int) -> Findings:
    """The EWMA of the last DRIFT_WEEKS weekly values fell below its lower limit."""
    first = t - DRIFT_WEEKS + 1
    base = window(series, first - BASELINE_WEEKS, first)
    mu0 = values(base, metric)["value"]
    sigma2 = unit_variance(base, metric)
    weeks = {c: v[:, first:t + 1] for c, v in series.items()}
    n = weeks["n"]
    x = kpis.metric_arrays(weeks, KPI_METRIC[metric])["value"]
    with np.errstate(divide="ignore", invalid="ignore"):
        week_var = sigma2[:, None] / np.where(n > 0, n, np.nan)
    z, var = ewma(x, week_var, mu0)
    # z − μ₀ also carries the baseline's own error, weighted by the share of z that the
    # weeks (not the start value μ₀) make up.
    seen = (~np.isnan(x)).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        mu0_var = sigma2 / np.where(base["n"] > 0, base["n"], np.nan)
    z_t = z[:, -1]
    sd_t = np.sqrt(var[:, -1] + (1 - (1 - LAMBDA) ** seen) ** 2 * mu0_var)
    cur = window(series, t - PERIOD_WEEKS + 1, t + 1)
    enough = (cur["n"] >= min_n) & (base["n"] >= min_n) & (sd_t > 0)
    with np.errstate(invalid="ignore"):
        fire = enough & (z_t < mu0 - L * sd_t)
        recovered = enough & (z_t >= mu0 - L / 2 * sd_t)
    return Findings(fire, recovered, z_t, mu0 - L * sd_t, mu0 + L * sd_t, cur["n"], mu0)


def false_alarms_per_year(level: float = L) -> float:
    """Expected alarm-weeks a year per place and metric in control: 52 × Φ(−L)."""
    return 52.0 * float(stats.norm.cdf(-level))
