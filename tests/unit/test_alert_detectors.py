"""The alert detectors against hand-computed series: EWMA values and limits, the
interval below target, the significant drop, and silence below the minimum n."""

from __future__ import annotations

import math

import numpy as np
import pytest

from data.alerts import detect


def test_ewma_values_and_variances_by_hand():
    z, var = detect.ewma([[5.0, 4.0, 3.0]], [[1.0, 1.0, 4.0]], 5.0, lam=0.2)
    # z1 = .2·5 + .8·5, z2 = .2·4 + .8·5, z3 = .2·3 + .8·4.8
    assert z[0].tolist() == pytest.approx([5.0, 4.8, 4.44])
    # v1 = .04·1, v2 = .64·.04 + .04·1, v3 = .64·.0656 + .04·4
    assert var[0].tolist() == pytest.approx([0.04, 0.0656, 0.201984])


def test_a_week_without_answers_leaves_the_ewma_and_its_variance():
    z, var = detect.ewma([[4.0, np.nan, 4.0]], [[1.0, np.nan, 1.0]], 5.0)
    assert z[0].tolist() == pytest.approx([4.8, 4.8, 4.64])
    assert var[0].tolist() == pytest.approx([0.04, 0.04, 0.64 * 0.04 + 0.04])


def _weeks(means, n, s2=1.0):
    """Audit sums of one place: per week n scores with the given mean and variance s²."""
    means = np.asarray(means, dtype=float)
    n = np.broadcast_to(np.asarray(n, dtype=float), means.shape)
    total = means * n
    total_sq = (n - 1) * s2 + n * means**2
    return {"n": n[None, :].copy(), "total": total[None, :], "total_sq": total_sq[None, :]}


def test_drift_limit_by_hand_and_alarm():
    weeks = [8.0] * 26 + [7.0] * 13
    series = _weeks(weeks, 10)
    found = detect.drift(series, "audit", t=38, min_n=5)
    # Baseline: 260 scores, mean 8, s² = 26·9 / 259 (every week has s² = 1 and mean 8).
    sigma2 = 26 * 9 / 259
    z = 8 - (1 - 0.8**13) * 1.0  # EWMA of 13 weeks at 7, started at 8
    var_z = 0.04 * sigma2 / 10 * sum(0.64**j for j in range(13))
    sd = math.sqrt(var_z + (1 - 0.8**13) ** 2 * sigma2 / 260)
    assert found.value[0] == pytest.approx(z)
    assert found.low[0] == pytest.approx(8 - 3 * sd)
    assert found.reference[0] == pytest.approx(8.0)
    assert bool(found.fire[0]) and not bool(found.recovered[0])


def test_drift_limits_widen_as_weeks_thin():
    thick = detect.drift(_weeks([8.0] * 39, 10), "audit", t=38, min_n=5)
    thin = detect.drift(_weeks([8.0] * 39, [10] * 26 + [1] * 13), "audit", t=38, min_n=5)
    assert thin.low[0] < thick.low[0] < 8.0
    assert not thin.fire[0] and not thick.fire[0]


def test_a_steady_place_raises_no_drift_and_counts_as_recovered():
    found = detect.drift(_weeks([8.0] * 39, 10), "audit", t=38, min_n=5)
    assert not found.fire[0] and found.recovered[0]


def test_below_target_needs_the_whole_interval_below():
    # 4 weeks × 2 audits at mean 6, s² = 1: n = 8, t-interval 6 ± 2.365·√(1·… / 8)
    series = _weeks([6.0] * 4, 2)
    s2 = (4 * 1 + 8 * 0) / 7  # within-week variance pooled: Σ(n−1)s² / (N−1), means equal
    half = 2.364624 * math.sqrt(s2 / 8)
    low_target = detect.below_target(series, "audit", 3, np.array([6.0 + half - 0.01]), 5)
    high_target = detect.below_target(series, "audit", 3, np.array([6.0 + half + 0.01]), 5)
    assert high_target.high[0] == pytest.approx(6.0 + half, abs=1e-4)
    assert not low_target.fire[0] and high_target.fire[0]


def test_no_alert_below_the_minimum_n():
    series = _weeks([3.0] * 4, 1, s2=0.0)  # 4 audits far below target
    assert not detect.below_target(series, "audit", 3, np.array([9.0]), 5).fire[0]
    assert detect.below_target(series, "audit", 3, np.array([9.0]), 4).fire[0]
    drop = _weeks([9.0] * 4 + [3.0] * 4, 1, s2=0.0)
    assert not detect.drop(drop, "audit", 7, 5).fire[0]


def test_no_drift_alert_below_the_minimum_n():
    weeks = [8.0] * 26 + [3.0] * 13
    thin = _weeks(weeks, [10] * 26 + [1] * 13)  # 4 audits in the current period
    assert not detect.drift(thin, "audit", 38, 5).fire[0]
    assert detect.drift(thin, "audit", 38, 4).fire[0]


def test_drop_fires_on_a_significant_decline_only():
    big = _weeks([8.0] * 4 + [6.0] * 4, 10)
    small = _weeks([8.0] * 4 + [7.9] * 4, 10)
    found = detect.drop(big, "audit", 7, 5)
    assert found.fire[0] and found.reference[0] == pytest.approx(8.0)
    assert not detect.drop(small, "audit", 7, 5).fire[0]
    rise = _weeks([6.0] * 4 + [8.0] * 4, 10)
    assert not detect.drop(rise, "audit", 7, 5).fire[0]


def test_a_significant_drop_smaller_than_the_minimum_does_not_fire():
    # 8.0 -> 7.6 on 4 x 400 audits each side is significant (tiny variance), but 0.4 < 0.5.
    slight = _weeks([8.0] * 4 + [7.6] * 4, 400)
    assert not detect.drop(slight, "audit", 7, 5).fire[0]
    assert detect.drop(_weeks([8.0] * 4 + [7.4] * 4, 400), "audit", 7, 5).fire[0]
    assert "at least 0.5" in detect.method("drop", "audit")


def test_drop_recovers_only_at_the_level_before_it():
    series = _weeks([8.0] * 4 + [7.5] * 4, 10)
    assert not detect.drop(series, "audit", 7, 5, np.array([8.0])).recovered[0]
    assert detect.drop(series, "audit", 7, 5, np.array([7.4])).recovered[0]


def test_nps_drop_uses_the_adjusted_wald_test():
    prev = {"n": 200.0, "promoters": 120.0, "detractors": 20.0}  # NPS 50
    cur = {"n": 200.0, "promoters": 80.0, "detractors": 60.0}  # NPS 10
    series = {k: np.array([[prev[k] / 4] * 4 + [cur[k] / 4] * 4]) for k in prev}
    found = detect.drop(series, "nps", 7, 30)
    assert found.fire[0] and found.value[0] == pytest.approx(10.0)


def test_false_alarm_rate_of_the_drift_limit():
    assert detect.false_alarms_per_year() == pytest.approx(52 * 0.0013499, rel=1e-3)
