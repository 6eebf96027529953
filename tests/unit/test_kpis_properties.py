"""Properties of the KPI math that hold for any data."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from data import kpis

counts = st.tuples(st.integers(1, 100_000), st.floats(0, 1), st.floats(0, 1))


@given(counts)
def test_nps_stays_within_bounds(c):
    n, a, b = c
    promoters = int(n * a)
    detractors = int((n - promoters) * b)
    value = kpis.nps(n, promoters, detractors)
    assert -100.0 <= value <= 100.0


@given(st.integers(1, 10_000), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_nps_moe_shrinks_as_n_grows(n, p, d):
    d = min(d, 1.0 - p)
    small = kpis.nps_moe95(n, p * n, d * n)
    large = kpis.nps_moe95(4 * n, p * 4 * n, d * 4 * n)
    assert large <= small + 1e-9
    # Four times the sample halves the margin.
    assert np.isclose(large, small / 2, atol=1e-9)


@given(st.lists(st.integers(1, 10), min_size=2, max_size=200))
def test_mean_interval_contains_mean(scores):
    arr = np.array(scores, dtype=float)
    m, lo, hi = kpis.mean_ci95(len(arr), arr.sum(), (arr**2).sum())
    assert lo <= m + 1e-9 <= hi + 2e-9
    assert 1 - 1e-9 <= m <= 10 + 1e-9


@given(st.lists(st.integers(0, 10), min_size=1, max_size=300))
def test_nps_from_counts_equals_nps_from_scores(scores):
    n = len(scores)
    p = sum(s >= 9 for s in scores)
    d = sum(s <= 6 for s in scores)
    expected = 100.0 * (p - d) / n
    assert np.isclose(kpis.nps(n, p, d), expected)


@given(st.lists(st.floats(1, 10), min_size=1, max_size=50), st.data())
def test_journey_score_lies_between_min_and_max(perf, data):
    mot = data.draw(st.lists(st.booleans(), min_size=len(perf), max_size=len(perf)))
    score = kpis.journey_score(perf, mot)
    assert min(perf) - 1e-9 <= score <= max(perf) + 1e-9


@given(st.floats(-100, 100), st.floats(-100, 100), st.floats(0, 100), st.floats(0, 100))
def test_significance_is_symmetric(a, b, v1, v2):
    assert kpis.significant_change(a, b, v1, v2) == kpis.significant_change(b, a, v2, v1)
