"""Change tests of README's KPI table against hand-computed values and scipy.stats."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from data import kpis


def _cols(scores):
    xs = np.asarray(scores, dtype=float)
    return {"n": len(xs), "total": xs.sum(), "total_sq": (xs**2).sum()}


def test_welch_by_hand():
    # A = 6..10: m 8, s² 2.5, n 5 -> v 0.5 ; B = 4, 5, 6: m 5, s² 1, n 3 -> v 1/3
    # t = 3 / sqrt(5/6) = 3.2863 ; df = (5/6)² / (0.25/4 + (1/9)/2) = 5.8824
    assert kpis.welch_df(0.5, 4, 1 / 3, 2) == pytest.approx(100 / 17)
    p = kpis.welch_p(3.0, 0.5, 4, 1 / 3, 2)
    assert p == pytest.approx(2 * stats.t.sf(3 / math.sqrt(5 / 6), 100 / 17))
    assert p == pytest.approx(0.017178, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 10), min_size=2, max_size=60),
       st.lists(st.integers(1, 10), min_size=2, max_size=60))
def test_welch_equals_scipy_ttest_ind_from_stats(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    if a.std() == 0 and b.std() == 0:
        return
    ca, cb = _cols(a), _cols(b)
    va = kpis.mean_variance(ca["n"], ca["total"], ca["total_sq"])
    vb = kpis.mean_variance(cb["n"], cb["total"], cb["total_sq"])
    ours = kpis.welch_p(a.mean() - b.mean(), va, len(a) - 1, vb, len(b) - 1)
    ref = stats.ttest_ind_from_stats(a.mean(), a.std(ddof=1), len(a), b.mean(),
                                     b.std(ddof=1), len(b), equal_var=False).pvalue
    assert ours == pytest.approx(ref, rel=1e-6, abs=1e-12)
    # ... and scipy's test on the raw scores.
    assert ours == pytest.approx(stats.ttest_ind(a, b, equal_var=False).pvalue,
                                 rel=1e-6, abs=1e-12)


def test_mean_change_uses_welch_not_z():
    # Five audits each: 6..10 vs 4..8 gives m 8 vs 6, v 0.5 + 0.5; z = 2 / 1 = 2 would be
    # "significant" at 1.96, Welch's t(8) = 2 has p = 0.0805: not significant.
    result = kpis.change_significance("audit", _cols([6, 7, 8, 9, 10]), _cols([4, 5, 6, 7, 8]))
    assert result[0] is False
    assert kpis.welch_p(2.0, 0.5, 4, 0.5, 4) == pytest.approx(
        stats.ttest_ind([6, 7, 8, 9, 10], [4, 5, 6, 7, 8], equal_var=False).pvalue)


def test_mean_change_significant_with_enough_audits():
    big = kpis.change_significance("audit", _cols([9, 10] * 5), _cols([4, 5] * 5))
    assert big[0] is True


def test_two_audits_are_too_few_to_tell_however_large_the_change():
    # The "Ratenzahlung ▲ +1.3 * n = 2": now None, never True.
    result = kpis.change_significance("audit", _cols([9, 10]), _cols([1, 2, 1, 2, 1]))
    assert result[0] is None
    assert kpis.change_significance("audit", _cols([9, 10, 9, 10, 9]),
                                    _cols([1, 2, 1, 2]))[0] is None


def test_minimum_is_five_audits_and_thirty_responses_on_both_sides():
    five, four = _cols([5, 6, 7, 8, 9]), _cols([5, 6, 7, 8])
    assert kpis.change_significance("audit", five, five)[0] is False
    assert kpis.change_significance("audit", five, four)[0] is None
    nps30 = {"n": 30, "promoters": 10, "detractors": 10}
    nps29 = {"n": 29, "promoters": 10, "detractors": 10}
    assert kpis.change_significance("nps", nps30, nps30)[0] is False
    assert kpis.change_significance("nps", nps30, nps29)[0] is None
    assert kpis.change_significance("ces", _cols([5] * 30), _cols([4] * 29))[0] is None


def test_constant_periods_are_decided_without_a_standard_error():
    assert kpis.change_significance("audit", _cols([8] * 6), _cols([8] * 6))[0] is False
    assert kpis.change_significance("audit", _cols([8] * 6), _cols([6] * 6))[0] is True


def test_nps_difference_of_adjusted_wald_estimates_by_hand():
    # 50 P / 20 D of 100 vs 35 P / 30 D of 100. Adjusted: n' = 103,
    # NPS'1 = 100 * (50.75 - 20.75) / 103 = 29.1262, var'1 = 59.1593 (points²)
    # NPS'2 = 100 * (35.75 - 30.75) / 103 = 4.8544,  var'2 = 62.4538
    # z = 24.2718 / sqrt(121.6132) = 2.2010 -> significant at 95 %
    a1, v1 = kpis.nps_adjusted(100, 50, 20)
    a2, v2 = kpis.nps_adjusted(100, 35, 30)
    assert a1 == pytest.approx(29.1262, abs=1e-4) and v1 == pytest.approx(59.1593, abs=1e-4)
    assert a2 == pytest.approx(4.8544, abs=1e-4) and v2 == pytest.approx(62.4538, abs=1e-4)
    p = kpis.normal_p(a1 - a2, v1, v2)
    assert p == pytest.approx(2 * stats.norm.sf(2.2010), abs=1e-4)
    cur = {"n": 100, "promoters": 50, "detractors": 20}
    prev = {"n": 100, "promoters": 35, "detractors": 30}
    assert kpis.change_significance("nps", cur, prev)[0] is True
    # 40 P / 20 D vs 35 P / 30 D: z = 1.27, not significant.
    assert kpis.change_significance("nps", {"n": 100, "promoters": 40, "detractors": 20},
                                    prev)[0] is False


def test_share_change_is_agresti_caffo_by_hand():
    # 40 of 50 vs 30 of 50: p1 = 41/52, p2 = 31/52, z = 2.1723 (plain Wald would say 2.236)
    cur, prev = {"n": 50, "top2": 40}, {"n": 50, "top2": 30}
    p1, p2 = 41 / 52, 31 / 52
    z = (p1 - p2) / math.sqrt(p1 * (1 - p1) / 52 + p2 * (1 - p2) / 52)
    assert z == pytest.approx(2.1723, abs=1e-4)
    assert kpis.change_significance("csat", cur, prev)[0] is True
    assert kpis.change_significance("csat", {"n": 50, "top2": 36}, prev)[0] is False
    assert kpis.change_significance("ces_easy", {"n": 50, "easy": 40},
                                    {"n": 50, "easy": 30})[0] is True


def test_share_interval_is_agresti_coull_and_never_zero_width():
    # 10 of 10: n' = 13.8416, p = 11.9208 / 13.8416 = 0.86123 -> low 67.91 %, high clipped 100
    row = kpis.metric_values({"n": 10, "top2": 10}, "csat")
    assert row["value"] == pytest.approx(100.0)
    assert row["low"] == pytest.approx(67.9105, abs=1e-3)
    assert row["high"] == pytest.approx(100.0)


def test_journey_score_change_uses_satterthwaite_df():
    # One touchpoint: the journey test reduces to Welch's t with df = n - 1 each.
    v1, v2 = 0.5, 0.5
    df1 = kpis.journey_score_df([v1], [False], [5])
    assert df1 == pytest.approx(4.0)
    sig = kpis.journey_change_significance(8.0, v1, df1, 5, 6.0, v2, 4.0, 5)
    assert sig is False  # t(8) = 2, p = 0.08
    assert kpis.journey_change_significance(8.0, v1, df1, 4, 6.0, v2, 4.0, 5) is None
    # Two touchpoints, weights 1 and 2: a = (1/9, 4/9); df = (Σ a v)² / Σ (a v)² / (n - 1)
    df = kpis.journey_score_df([0.9, 0.9], [False, True], [10, 10])
    a = np.array([1 / 9, 4 / 9]) * 0.9
    assert df == pytest.approx(a.sum() ** 2 / ((a**2) / 9).sum())


def test_significance_mask_treats_too_few_as_not_significant():
    assert list(kpis.significance_mask([True, False, None, np.True_])) == [
        True, False, False, True]
