"""The KPI math of DESIGN.md, vectorised over per-group aggregates.

Every function takes counts and sums (scalars, numpy arrays or pandas Series) as the
SQL aggregates in ``data.queries`` return them, and never raw rows. Shares are 0..1
internally; functions whose name ends in ``_pct`` return 0..100. Undefined values
(n = 0) are NaN.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

Z95 = 1.96
ALPHA = 0.05
NPS_ADD_EACH = 0.75  # Rocks 2016: ¾ of a promoter and ¾ of a detractor ...
NPS_ADD_N = 3.0  # ... and 3 answers
SMALL_SAMPLE_RESPONSES = 30
SMALL_SAMPLE_AUDITS = 5
AMBER_BAND = 1.0
MOMENT_OF_TRUTH_WEIGHT = 2.0

GREEN, AMBER, RED, GREY = "green", "amber", "red", "grey"


def _arr(x) -> np.ndarray:
    return np.asarray(x, dtype="float64")


def _div(num, den):
    num, den = _arr(num), _arr(den)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


# --- NPS ------------------------------------------------------------------------


def nps(n, promoters, detractors):
    """Return NPS = 100 × (promoters − detractors) / n."""
    return 100.0 * _div(_arr(promoters) - _arr(detractors), n)


def nps_variance(n, promoters, detractors):
    """Return the sampling variance of the NPS in points² (basis of MoE and significance)."""
    p, d = _div(promoters, n), _div(detractors, n)
    return 100.0**2 * _div(p + d - (p - d) ** 2, n)


def nps_adjusted(n, promoters, detractors):
    """Return the adjusted-Wald NPS and its variance in points² (Rocks 2016)."""
    # Adding 3/4 of a promoter, 3/4 of a detractor and 3 answers keeps the interval
    # honest on a handful of answers, where the plain Wald variance collapses to 0.
    n_adj = _arr(n) + NPS_ADD_N
    p = (_arr(promoters) + NPS_ADD_EACH) / n_adj
    d = (_arr(detractors) + NPS_ADD_EACH) / n_adj
    valid = _arr(n) > 0
    value = np.where(valid, 100.0 * (p - d), np.nan)
    variance = np.where(valid, 100.0**2 * (p + d - (p - d) ** 2) / n_adj, np.nan)
    return value, variance


def nps_moe95(n, promoters, detractors):
    """Return the adjusted-Wald 95 % margin of error of the NPS in points."""
    return Z95 * np.sqrt(nps_adjusted(n, promoters, detractors)[1])


# --- CES and CSAT ---------------------------------------------------------------


def mean(n, total):
    """Return the mean from count and sum."""
    return _div(total, n)


def share_pct(n, hits):
    """Return hits / n in percent (CES % easy, CSAT top-2-box, NPS shares)."""
    return 100.0 * _div(hits, n)


def share_variance_pct(n, hits):
    """Return the sampling variance of a share in percent² (p(1−p)/n)."""
    p = _div(hits, n)
    return 100.0**2 * _div(p * (1 - p), n)


def share_adjusted_pct(n, hits):
    """Return the adjusted-Wald (Agresti–Coull) share in percent and its variance in percent²."""
    n_adj = _arr(n) + Z95**2
    p = (_arr(hits) + Z95**2 / 2) / n_adj
    valid = _arr(n) > 0
    return (np.where(valid, 100.0 * p, np.nan),
            np.where(valid, 100.0**2 * p * (1 - p) / n_adj, np.nan))


def sample_variance(n, total, total_sq):
    """Return the unbiased sample variance s² from n, Σx and Σx² (NaN for n < 2)."""
    n, total, total_sq = _arr(n), _arr(total), _arr(total_sq)
    with np.errstate(divide="ignore", invalid="ignore"):
        var = (total_sq - total**2 / np.where(n > 0, n, 1)) / np.where(n > 1, n - 1, 1)
    # Rounding can leave tiny negatives when all values are equal.
    return np.where(n > 1, np.maximum(var, 0.0), np.nan)


def mean_variance(n, total, total_sq):
    """Return the sampling variance of a mean, s² / n."""
    return _div(sample_variance(n, total, total_sq), n)


def mean_ci95(n, total, total_sq):
    """Return (mean, low, high): the mean with its 95 % t-interval (NaN bounds for n < 2)."""
    n_arr = _arr(n)
    m = mean(n, total)
    se = np.sqrt(mean_variance(n, total, total_sq))
    with np.errstate(invalid="ignore"):
        t = stats.t.ppf(0.975, np.where(n_arr > 1, n_arr - 1, np.nan))
    half = t * se
    return m, m - half, m + half


# --- Touchpoints and journeys ---------------------------------------------------


def gap(performance, reference):
    """Return performance − reference (target or best-in-class)."""
    return _arr(performance) - _arr(reference)


def traffic_light(performance, target):
    """Return green ≥ target, amber within 1 point below, red further below, grey without data."""
    perf, tgt = _arr(performance), _arr(target)
    missing = np.isnan(perf) | np.isnan(tgt)
    with np.errstate(invalid="ignore"):
        light = np.where(
            perf >= tgt, GREEN, np.where(perf >= tgt - AMBER_BAND, AMBER, RED)
        ).astype(object)
    light[missing] = GREY
    return light


def _weights(moment_of_truth) -> np.ndarray:
    return np.where(np.asarray(moment_of_truth, dtype=bool), MOMENT_OF_TRUTH_WEIGHT, 1.0)


def journey_score(performance, moment_of_truth):
    """Return the mean performance of audited touchpoints, moments of truth weighted ×2."""
    perf = _arr(performance)
    weights = _weights(moment_of_truth)
    audited = ~np.isnan(perf)
    if not audited.any():
        return float("nan")
    return float(np.sum(perf[audited] * weights[audited]) / np.sum(weights[audited]))


def journey_score_variance(performance_variance, moment_of_truth):
    """Return the variance of the weighted journey score from each touchpoint's mean variance."""
    var = _arr(performance_variance)
    weights = _weights(moment_of_truth)
    known = ~np.isnan(var)
    if not known.any():
        return float("nan")
    w = weights[known]
    return float(np.sum(w**2 * var[known]) / np.sum(w) ** 2)


# --- Change, samples, web -------------------------------------------------------


def change(current, previous):
    """Return current − previous."""
    return _arr(current) - _arr(previous)


def welch_df(var1, df1, var2, df2):
    """Return the Welch–Satterthwaite degrees of freedom of a difference of two means.

    ``var1``, ``var2`` are the variances of the means (s²/n), ``df1``, ``df2`` their
    degrees of freedom (n − 1, or an effective df for a weighted mean)."""
    var1, var2, df1, df2 = _arr(var1), _arr(var2), _arr(df1), _arr(df2)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (var1 + var2) ** 2 / (var1**2 / df1 + var2**2 / df2)


def welch_p(delta, var1, df1, var2, df2):
    """Return the two-sided p-value of Welch's t-test for a difference of means."""
    delta, total = _arr(delta), _arr(var1) + _arr(var2)
    with np.errstate(divide="ignore", invalid="ignore"):
        t_stat = np.abs(delta) / np.sqrt(total)
        p = 2 * stats.t.sf(t_stat, welch_df(var1, df1, var2, df2))
    # Both periods constant: no spread at all, so any difference is certain.
    return np.where(total == 0, np.where(delta == 0, 1.0, 0.0), p)


def normal_p(delta, var1, var2):
    """Return the two-sided normal p-value of a difference with variances var1 + var2."""
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.abs(_arr(delta)) / np.sqrt(_arr(var1) + _arr(var2))
    return 2 * stats.norm.sf(z)


def decide(p, enough):
    """Return True (significant at 95 %), False, or None ("too few to tell") per element.

    None where ``enough`` is false (a period below the small-sample minimum) or the test
    is undefined."""
    p = np.atleast_1d(_arr(p))
    enough = np.broadcast_to(np.atleast_1d(np.asarray(enough, dtype=bool)), p.shape)
    out = np.empty(p.shape, dtype=object)
    for i, (pi, ok) in enumerate(zip(p, enough, strict=True)):
        out[i] = None if (not ok or np.isnan(pi)) else bool(pi < ALPHA)
    return out


def _enough(n_current, n_previous, kind: str):
    limit = SMALL_SAMPLE_AUDITS if kind == "audits" else SMALL_SAMPLE_RESPONSES
    return (_arr(n_current) >= limit) & (_arr(n_previous) >= limit)


def change_significance(metric: str, current: dict, previous: dict) -> np.ndarray:
    """Return True/False/None per element for the change of a metric between two periods.

    ``current`` and ``previous`` hold the aggregate columns ``metric_arrays`` reads.
    Means (ces, audit, csat_mean) by Welch's t with Welch–Satterthwaite df; NPS by the
    difference of two adjusted-Wald estimates (Rocks 2016); shares (csat top-2-box,
    ces_easy) by Agresti–Caffo (one success and one failure added to each period).
    None ("too few to tell") unless both periods have the small-sample minimum."""
    n1, n2 = _arr(current["n"]), _arr(previous["n"])
    if metric in ("ces", "audit", "csat_mean"):
        m1, m2 = mean(n1, current["total"]), mean(n2, previous["total"])
        v1 = mean_variance(n1, current["total"], current["total_sq"])
        v2 = mean_variance(n2, previous["total"], previous["total_sq"])
        delta = m1 - m2
        p = welch_p(delta, v1, n1 - 1, v2, n2 - 1)
    elif metric == "nps":
        a1, v1 = nps_adjusted(n1, current["promoters"], current["detractors"])
        a2, v2 = nps_adjusted(n2, previous["promoters"], previous["detractors"])
        delta = a1 - a2
        p = normal_p(delta, v1, v2)
    elif metric in ("csat", "ces_easy"):
        col = "top2" if metric == "csat" else "easy"
        p1 = (_arr(current[col]) + 1) / (n1 + 2)
        p2 = (_arr(previous[col]) + 1) / (n2 + 2)
        delta = p1 - p2
        p = normal_p(delta, p1 * (1 - p1) / (n1 + 2), p2 * (1 - p2) / (n2 + 2))
    else:
        raise ValueError(f"unknown metric {metric!r}")
    kind = "audits" if metric == "audit" else "responses"
    return decide(p, _enough(n1, n2, kind))


def journey_score_df(performance_variance, moment_of_truth, n):
    """Return the Satterthwaite effective degrees of freedom of the weighted journey score."""
    var, n = _arr(performance_variance), _arr(n)
    weights = _weights(moment_of_truth)
    known = ~np.isnan(var) & (n > 1)
    if not known.any():
        return float("nan")
    parts = weights[known] ** 2 * var[known]
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum(parts) ** 2 / np.sum(parts**2 / (n[known] - 1)))


def journey_change_significance(score, variance, df, n, prev_score, prev_variance, prev_df,
                                prev_n):
    """Return True/False/None for the change of a journey score (Welch, Satterthwaite df)."""
    delta = change(score, prev_score)
    p = welch_p(delta, variance, df, prev_variance, prev_df)
    return decide(p, _enough(n, prev_n, "audits"))[0]


def significance_mask(values) -> np.ndarray:
    """Return a boolean mask that is True only where a change is significant (not None)."""
    return np.array([v is True or v is np.True_ for v in values], dtype=bool)


def small_sample(n, kind: str = "responses"):
    """True when fewer than 30 responses (or 5 audits) stand behind a number."""
    limit = SMALL_SAMPLE_AUDITS if kind == "audits" else SMALL_SAMPLE_RESPONSES
    return _arr(n) < limit


def conversion_rate_pct(sessions, conversions):
    """Return conversions / sessions in percent."""
    return 100.0 * _div(conversions, sessions)


# --- Whole summaries ------------------------------------------------------------


def _scalar(x):
    value = float(np.asarray(x).item()) if np.size(x) == 1 else x
    return None if isinstance(value, float) and np.isnan(value) else value


def survey_row(frame: pd.DataFrame, metric: str) -> dict:
    """Return the aggregate row of one metric as a dict of floats (zeros when absent)."""
    cols = ("n", "total", "total_sq", "promoters", "detractors", "easy", "top2")
    if frame.empty or metric not in set(frame["metric"]):
        return dict.fromkeys(cols, 0.0)
    row = frame.loc[frame["metric"] == metric].iloc[0]
    return {c: float(row[c]) for c in cols}


def summary(survey: pd.DataFrame, audits: dict, web: dict) -> dict:
    """Return the ``cxdash kpi --json`` structure from overall aggregates.

    ``survey`` has one row per metric (n, total, total_sq, promoters, detractors, easy,
    top2); ``audits`` has n, total, total_sq; ``web`` has sessions and conversions.
    """
    s = survey_row(survey, "nps")
    c = survey_row(survey, "ces")
    t = survey_row(survey, "csat")
    n_audits = audits.get("n", 0) or 0
    sessions = web.get("sessions") or 0
    conversions = web.get("conversions") or 0
    return {
        "nps": {
            "n": int(s["n"]),
            "value": _scalar(nps(s["n"], s["promoters"], s["detractors"])),
            "moe95": _scalar(nps_moe95(s["n"], s["promoters"], s["detractors"])),
            "promoters_pct": _scalar(share_pct(s["n"], s["promoters"])),
            "detractors_pct": _scalar(share_pct(s["n"], s["detractors"])),
        },
        "ces": {
            "n": int(c["n"]),
            "mean": _scalar(mean(c["n"], c["total"])),
            "easy_pct": _scalar(share_pct(c["n"], c["easy"])),
        },
        "csat": {"n": int(t["n"]), "top2_pct": _scalar(share_pct(t["n"], t["top2"]))},
        "audits": {
            "n": int(n_audits),
            "mean": _scalar(mean(n_audits, audits.get("total", 0) or 0)),
        },
        "web": {
            "sessions": int(sessions),
            "conversions": int(conversions),
            "conversion_rate_pct": _scalar(conversion_rate_pct(sessions, conversions)),
        },
    }


def _bounds(centre, half, lowest, highest):
    return np.clip(centre - half, lowest, highest), np.clip(centre + half, lowest, highest)


def metric_arrays(columns: dict, metric: str) -> dict[str, np.ndarray]:
    """Return value, variance, low, high and small from aggregate columns (arrays or
    scalars): n, promoters, detractors, top2, total, total_sq as the metric needs.

    ``metric`` is nps (points), ces (mean 1–7), csat (top-2-box %) or audit (mean 1–10).
    Intervals are 95 %: adjusted Wald for NPS (Rocks 2016) and shares (Agresti–Coull),
    Student's t for means. ``variance`` is the plain (Wald or s²/n) sampling variance."""
    n = _arr(columns["n"])
    if metric == "nps":
        value = nps(n, columns["promoters"], columns["detractors"])
        variance = nps_variance(n, columns["promoters"], columns["detractors"])
    elif metric == "csat":
        value = share_pct(n, columns["top2"])
        variance = share_variance_pct(n, columns["top2"])
    elif metric in ("ces", "audit"):
        value, low, high = mean_ci95(n, columns["total"], columns["total_sq"])
        variance = mean_variance(n, columns["total"], columns["total_sq"])
    else:
        raise ValueError(f"unknown metric {metric!r}")
    if metric == "nps":
        centre, adj_var = nps_adjusted(n, columns["promoters"], columns["detractors"])
        low, high = _bounds(centre, Z95 * np.sqrt(adj_var), -100.0, 100.0)
    elif metric == "csat":
        centre, adj_var = share_adjusted_pct(n, columns["top2"])
        low, high = _bounds(centre, Z95 * np.sqrt(adj_var), 0.0, 100.0)
    return {"value": value, "variance": variance, "low": low, "high": high,
            "small": small_sample(n, "audits" if metric == "audit" else "responses")}


def metric_values(row: dict, metric: str) -> dict[str, float | bool]:
    """The same for one aggregate row, as plain numbers."""
    out = metric_arrays(row, metric)
    return {k: (bool(v) if k == "small" else float(v)) for k, v in out.items()} | {
        "n": int(row["n"])}


def metric_table(frame: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Add value, variance, low, high and small to aggregate rows of one metric (the
    rows of ``survey_aggregates`` for that metric, or of ``audit_aggregates``)."""
    out = frame.copy()
    columns = {c: out[c].to_numpy(dtype="float64") for c in
               ("n", "promoters", "detractors", "top2", "total", "total_sq") if c in out}
    for name, values in metric_arrays(columns, metric).items():
        out[name] = values
    return out
