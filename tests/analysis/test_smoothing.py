"""Crude and empirical-Bayes (beta-binomial) rates: hand-checked examples and edge cases."""

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from ilp_dash.analysis.smoothing import (
    HotspotError,
    crude_rate,
    eb_rates,
    fit_beta_prior,
    village_totals,
)

# Four villages, worked by hand (formulas in ilp_dash/analysis/smoothing.py):
#   stunted y = 2, 8, 3, 12;  measured n = 10, 20, 30, 40;  crude r = .2, .4, .1, .3
#   N = 100, μ = 25/100 = 0.25
#   S = Σ n (r − μ)² = 10·.0025 + 20·.0225 + 30·.0225 + 40·.0025 = 1.25
#   (k − 1) μ(1 − μ) = 3 · 0.1875 = 0.5625
#   N − Σn²/N − (k − 1) = 100 − 3000/100 − 3 = 67
#   τ² = (1.25 − 0.5625) / 67 = 0.6875 / 67 = 0.0102612
#   a + b = μ(1 − μ)/τ² − 1 = 0.1875 · 67 / 0.6875 − 1 = 18.272727 − 1 = 190/11
#   a = 0.25 · 190/11 = 47.5/11,  b = 142.5/11
#   EB_i = (a + y_i) / (a + b + n_i), in elevenths:
#     (47.5 + 22) / (190 + 110) = 69.5/300 = 0.231667
#     (47.5 + 88) / (190 + 220) = 135.5/410 = 0.330488
#     (47.5 + 33) / (190 + 330) = 80.5/520 = 0.154808
#     (47.5 + 132) / (190 + 440) = 179.5/630 = 0.284921
Y = np.array([2, 8, 3, 12])
N = np.array([10, 20, 30, 40])


def test_crude_rate_by_hand():
    assert_allclose(crude_rate(Y, N), [0.2, 0.4, 0.1, 0.3])
    out = crude_rate(np.array([0, 1]), np.array([0, 4]))
    assert np.isnan(out[0]) and out[1] == 0.25


def test_prior_by_hand():
    prior = fit_beta_prior(Y, N)
    assert prior.mean == pytest.approx(0.25)
    assert prior.between_variance == pytest.approx(0.6875 / 67)
    assert prior.strength == pytest.approx(190 / 11)
    assert prior.a == pytest.approx(47.5 / 11)
    assert prior.b == pytest.approx(142.5 / 11)
    assert prior.villages == 4


def test_eb_rates_by_hand():
    eb = eb_rates(Y, N)
    assert_allclose(eb.rate, [69.5 / 300, 135.5 / 410, 80.5 / 520, 179.5 / 630])
    # shrinkage form: w r + (1 − w) μ with w = n / (n + a + b)
    w = N / (N + 190 / 11)
    assert_allclose(eb.rate, w * eb.crude + (1 - w) * 0.25)


def test_interval_is_posterior_beta_quantiles():
    eb = eb_rates(Y, N, level=0.9)
    a, b = 47.5 / 11 + Y, 142.5 / 11 + N - Y
    assert_allclose(eb.lower, stats.beta.ppf(0.05, a, b), rtol=1e-10)
    assert_allclose(eb.upper, stats.beta.ppf(0.95, a, b), rtol=1e-10)
    assert np.all((eb.lower < eb.rate) & (eb.rate < eb.upper))


def test_smaller_villages_are_shrunk_more():
    # same crude rate 0.5, ten times the children: closer to its own rate
    eb = eb_rates(np.array([1, 10, 20, 60]), np.array([2, 20, 200, 400]))
    assert abs(eb.rate[0] - eb.prior.mean) < abs(eb.rate[1] - eb.prior.mean)
    assert eb.upper[0] - eb.lower[0] > eb.upper[1] - eb.lower[1]


def test_no_extra_variation_pools_everything():
    # identical crude rates: S = 0 < (k − 1) μ(1 − μ), τ² < 0 → point-mass prior at μ
    eb = eb_rates(np.array([5, 10, 20]), np.array([50, 100, 200]))
    assert eb.prior.between_variance < 0 and np.isinf(eb.prior.strength)
    assert_allclose(eb.rate, 0.1)
    assert_allclose(eb.lower, 0.1)
    assert_allclose(eb.upper, 0.1)


def test_village_with_nobody_measured_gets_prior_mean():
    eb = eb_rates(np.append(Y, 0), np.append(N, 0))
    assert np.isnan(eb.crude[-1])
    assert eb.rate[-1] == pytest.approx(0.25)
    assert eb.prior.villages == 4
    assert eb.lower[-1] == pytest.approx(stats.beta.ppf(0.025, 47.5 / 11, 142.5 / 11))


@pytest.mark.parametrize(
    "y, n, match",
    [
        ([3, 1], [2, 5], "stunted exceeds measured at position 0"),
        ([-1, 1], [2, 5], "0 or more"),
        ([1.5, 1], [2, 5], "whole numbers"),
        ([1, 2, 3], [2, 5], "same length"),
        ([1, np.nan], [2, 5], "missing"),
        ([0, 0], [0, 0], "no child was measured"),
    ],
)
def test_bad_counts_raise(y, n, match):
    with pytest.raises(HotspotError, match=match):
        eb_rates(np.array(y), np.array(n))


def test_bad_level_raises():
    with pytest.raises(HotspotError, match="level must be between 0 and 1"):
        eb_rates(Y, N, level=95)
    assert issubclass(HotspotError, ValueError)


def test_village_totals_sum_months_and_fill_missing_villages():
    counts = pd.DataFrame(
        {
            "kode_desa": ["b", "a", "b"],
            "bulan": ["2024-06", "2024-06", "2024-07"],
            "diukur": [10, 5, 12],
            "stunting": [2, 1, 3],
        }
    )
    measured, stunted = village_totals(counts, np.array(["a", "b", "c"]))
    assert measured.tolist() == [5, 22, 0] and stunted.tolist() == [1, 5, 0]


@pytest.mark.parametrize(
    "frame, match",
    [
        ({"kode_desa": ["a"], "diukur": [5]}, "lack column"),
        ({"kode_desa": ["a"], "diukur": [5.5], "stunting": [1]}, "diukur must be a whole number"),
        ({"kode_desa": ["a"], "diukur": [5], "stunting": [-1]}, "stunting must be a whole number"),
        ({"kode_desa": ["a"], "diukur": [5], "stunting": [6]}, "exceeds diukur in row 0"),
        ({"kode_desa": ["z"], "diukur": [5], "stunting": [1]}, "not in the boundaries: z"),
    ],
)
def test_village_totals_rejects_bad_counts(frame, match):
    with pytest.raises(HotspotError, match=match):
        village_totals(pd.DataFrame(frame), np.array(["a", "b"]))
