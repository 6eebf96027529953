"""KPI math against values computed by hand from DESIGN.md's definitions."""

import math

import numpy as np
import pandas as pd
import pytest

from data import kpis


def test_nps_is_promoters_minus_detractors_share():
    # 10 answers: 9,10,10 promoters (3); 7,8 passives; 0,3,5,6,6 detractors (5)
    assert kpis.nps(10, 3, 5) == pytest.approx(-20.0)


def test_nps_margin_of_error_is_adjusted_wald():
    # Rocks 2016: n' = 203, p = 100.75/203, d = 40.75/203,
    # var = (p + d - (p - d)^2) / 203 ; moe = 100 * 1.96 * sqrt(var) = 10.7414
    p, d = 100.75 / 203, 40.75 / 203
    assert kpis.nps_moe95(200, 100, 40) == pytest.approx(
        100 * 1.96 * math.sqrt((p + d - (p - d) ** 2) / 203))
    assert kpis.nps_moe95(200, 100, 40) == pytest.approx(10.7414, abs=1e-4)


def test_nps_margin_of_error_of_one_promoter_is_not_zero():
    # n' = 4, p = 1.75/4, d = 0.75/4: var = (0.625 - 0.0625) / 4 = 0.140625, se = 0.375
    assert kpis.nps_moe95(1, 1, 0) == pytest.approx(73.5)
    assert kpis.nps_moe95(3, 3, 0) > 0


def test_nps_of_nothing_is_undefined():
    assert math.isnan(kpis.nps(0, 0, 0))
    assert math.isnan(kpis.nps_moe95(0, 0, 0))


def test_ces_mean_and_share_easy():
    scores = [7, 6, 5, 4, 2, 1, 7, 5]
    n, total = len(scores), sum(scores)
    easy = sum(s >= 5 for s in scores)  # 5 answers of 5..7
    assert kpis.mean(n, total) == pytest.approx(37 / 8)
    assert kpis.share_pct(n, easy) == pytest.approx(62.5)


def test_csat_top_two_box():
    # 4 of 5 answers are 4 or 5
    assert kpis.share_pct(5, 4) == pytest.approx(80.0)


def test_mean_interval_is_student_t():
    scores = np.array([6, 7, 8, 9, 10], dtype=float)
    m, lo, hi = kpis.mean_ci95(5, scores.sum(), (scores**2).sum())
    # s = sqrt(2.5), se = sqrt(2.5/5) = 0.7071, t(0.975, 4) = 2.776445
    assert m == pytest.approx(8.0)
    assert hi - m == pytest.approx(2.776445 * math.sqrt(0.5), rel=1e-5)
    assert m - lo == pytest.approx(hi - m)


def test_mean_interval_needs_two_values():
    m, lo, hi = kpis.mean_ci95(1, 7, 49)
    assert m == 7 and math.isnan(lo) and math.isnan(hi)


def test_sample_variance_of_equal_values_is_zero_not_negative():
    assert kpis.sample_variance(3, 21.0, 147.0) == 0.0


def test_gaps_to_target_and_best_in_class():
    assert kpis.gap(6.5, 8.0) == pytest.approx(-1.5)
    assert kpis.gap(9.5, 9.0) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("performance", "target", "light"),
    [
        (8.0, 8.0, "green"),
        (9.1, 8.0, "green"),
        (7.5, 8.0, "amber"),
        (7.0, 8.0, "amber"),  # exactly one point below is still amber
        (6.99, 8.0, "red"),
        (float("nan"), 8.0, "grey"),
        (7.0, float("nan"), "grey"),
    ],
)
def test_traffic_light(performance, target, light):
    assert kpis.traffic_light([performance], [target])[0] == light


def test_journey_score_weights_moments_of_truth_twice():
    # (6 + 2*9 + 7) / (1 + 2 + 1) = 31 / 4
    assert kpis.journey_score([6, 9, 7], [False, True, False]) == pytest.approx(7.75)


def test_journey_score_ignores_unaudited_touchpoints():
    assert kpis.journey_score([6, np.nan, 8], [False, True, False]) == pytest.approx(7.0)
    assert math.isnan(kpis.journey_score([np.nan], [True]))


def test_small_sample_limits():
    assert list(kpis.small_sample([29, 30])) == [True, False]
    assert list(kpis.small_sample([4, 5], "audits")) == [True, False]


def test_conversion_rate():
    assert kpis.conversion_rate_pct(400, 10) == pytest.approx(2.5)
    assert math.isnan(kpis.conversion_rate_pct(0, 0))


def test_vectorised_over_groups():
    values = kpis.nps(np.array([10, 4, 0]), np.array([5, 4, 0]), np.array([5, 0, 0]))
    assert values[0] == 0 and values[1] == 100 and math.isnan(values[2])


def test_metric_table_nps_interval_is_moe():
    frame = pd.DataFrame({"n": [200.0], "promoters": [100.0], "detractors": [40.0],
                          "total": [0.0], "total_sq": [0.0], "easy": [0.0], "top2": [0.0]})
    row = kpis.metric_table(frame, "nps").iloc[0]
    assert row["value"] == pytest.approx(30.0)
    # The interval is centred on the adjusted estimate 100 * (100.75 - 40.75) / 203.
    centre = 100 * 60 / 203
    assert row["high"] - centre == pytest.approx(10.7414, abs=1e-4)
    assert centre - row["low"] == pytest.approx(10.7414, abs=1e-4)
    assert not row["small"]


def test_summary_uses_nulls_when_nothing_is_there():
    empty = pd.DataFrame(columns=["metric", "n", "total", "total_sq", "promoters", "detractors",
                                  "easy", "top2"])
    result = kpis.summary(empty, {}, {})
    assert result["nps"] == {"n": 0, "value": None, "moe95": None, "promoters_pct": None,
                             "detractors_pct": None}
    assert result["web"]["conversion_rate_pct"] is None
