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
    assert small > 0  # adjusted Wald: never ±0, whatever the answers


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


@given(st.integers(0, 500), st.integers(0, 500), st.floats(0, 1), st.floats(0, 1),
       st.floats(0, 1), st.floats(0, 1))
def test_nps_significance_is_symmetric_and_needs_thirty_a_side(n1, n2, a, b, c, d):
    cur = {"n": n1, "promoters": int(n1 * a), "detractors": int((n1 - int(n1 * a)) * b)}
    prev = {"n": n2, "promoters": int(n2 * c), "detractors": int((n2 - int(n2 * c)) * d)}
    forward = kpis.change_significance("nps", cur, prev)[0]
    assert forward == kpis.change_significance("nps", prev, cur)[0]
    assert (forward is None) == (min(n1, n2) < 30)


@given(st.lists(st.integers(1, 10), min_size=0, max_size=40),
       st.lists(st.integers(1, 10), min_size=0, max_size=40))
def test_mean_significance_is_decided_only_with_five_audits_a_side(a, b):
    def cols(xs):
        return {"n": len(xs), "total": float(sum(xs)), "total_sq": float(sum(x * x for x in xs))}
    result = kpis.change_significance("audit", cols(a), cols(b))[0]
    assert result in (True, False, None)
    assert (result is None) == (min(len(a), len(b)) < 5)
