"""compare, rolling_origins, backtest, across_seeds and the Diebold-Mariano test."""

import numpy as np
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from lstm_course.evaluation import (
    Fold,
    across_seeds,
    backtest,
    compare,
    diebold_mariano,
    rolling_origins,
)


def test_compare_by_hand():
    y = np.array([[1.0, 2.0], [3.0, 5.0]])
    forecasts = {"a": np.array([[1.0, 1.0], [3.0, 3.0]]), "b": y + 0.5}
    train = np.array([0.0, 2.0, 1.0, 3.0])  # season-2 scale: (1 + 1) / 2 = 1
    table = compare(forecasts, y, train, season=2, baselines=["a"])
    assert list(table.index) == ["a", "b"]
    np.testing.assert_allclose(table["MAE"], [0.75, 0.5])
    np.testing.assert_allclose(table["RMSE"], [np.sqrt(5 / 4), 0.5])
    np.testing.assert_allclose(table["MASE"], [0.75, 0.5])
    np.testing.assert_allclose(table["skill"], [0.0, 1 - 0.5 / 0.75])
    assert table.attrs["baseline"] == "a"


def test_compare_default_baselines_is_every_forecast():
    y = np.arange(5.0)
    table = compare({"good": y + 0.1, "bad": y + 1}, y, np.arange(10.0))
    assert table.attrs["baseline"] == "good"
    np.testing.assert_allclose(table["skill"], [0.0, -9.0])


@pytest.mark.parametrize(
    ("forecasts", "kwargs", "error", "match"),
    [
        ({}, {}, TypeError, "non-empty dict"),
        ([1.0, 2.0], {}, TypeError, "non-empty dict"),
        ({"a": [1.0]}, {}, ValueError, "forecast 'a'.*shape"),
        ({"a": [1.0, np.nan]}, {}, ValueError, "forecast 'a'.*NaN"),
        ({1: [1.0, 2.0]}, {}, TypeError, "names must be strings"),
        ({"a": [1.0, 2.0]}, {"baselines": ["x"]}, ValueError, "not forecasts"),
        ({"a": [1.0, 2.0]}, {"baselines": "a"}, TypeError, "list of forecast"),
    ],
)
def test_compare_bad_input(forecasts, kwargs, error, match):
    with pytest.raises(error, match=match):
        compare(forecasts, [1.0, 2.0], np.arange(5.0), **kwargs)


@settings(max_examples=60, deadline=None)
@given(
    n_rows=st.integers(50, 2000),
    folds=st.integers(2, 6),
    test_size=st.integers(1, 60),
    val_size=st.integers(1, 60),
    first=st.integers(2, 400),
)
def test_rolling_origins_properties(n_rows, folds, test_size, val_size, first):
    first_test = val_size + first
    try:
        result = rolling_origins(
            n_rows,
            folds=folds,
            test_size=test_size,
            val_size=val_size,
            first_test=first_test,
        )
    except ValueError as exc:
        assert "rows" in str(exc)
        assert first_test + folds * test_size > n_rows
        return
    assert len(result) == folds
    assert result[0].test.start == first_test and result[-1].test.stop == n_rows
    for k, fold in enumerate(result):
        assert fold.number == k and fold.train.start == 0
        assert fold.train.stop == fold.val.start and fold.val.stop == fold.test.start
        assert fold.val.stop - fold.val.start == val_size
        assert fold.test.stop - fold.test.start == test_size
        if k:
            assert fold.test.start >= result[k - 1].test.stop  # no overlap
            assert fold.train.stop > result[k - 1].train.stop  # expanding


def test_rolling_origins_too_short():
    with pytest.raises(ValueError, match="need at least 140 rows"):
        rolling_origins(100, folds=4, test_size=30, val_size=10, first_test=20)
    with pytest.raises(ValueError, match="at least 11"):
        rolling_origins(100, folds=2, test_size=5, val_size=10, first_test=5)


def test_backtest_matches_compare_on_each_fold():
    rng = np.random.default_rng(0)
    y = rng.normal(size=300).cumsum()
    folds = rolling_origins(300, folds=4, test_size=20, val_size=10, first_test=100)

    def run_fold(fold):
        truth = y[fold.test]
        last = y[fold.test.start - 1]
        mean = y[fold.train].mean()
        return (
            truth,
            {"naive": np.full(20, last), "mean": np.full(20, mean)},
            y[fold.train],
        )

    result = backtest(run_fold, folds, baselines=["naive"])
    assert len(result.folds) == 8
    for fold in folds:
        truth, forecasts, train = run_fold(fold)
        expected = compare(forecasts, truth, train, baselines=["naive"])
        got = result.folds[result.folds["fold"] == fold.number].set_index("model")
        np.testing.assert_allclose(
            got[["MAE", "RMSE", "MASE"]], expected[["MAE", "RMSE", "MASE"]]
        )
    per_model = result.folds.groupby("model")["MAE"]
    np.testing.assert_allclose(
        result.summary.loc[["naive", "mean"], "MAE mean"],
        per_model.mean()[["naive", "mean"]],
    )
    assert result.errors["naive"].shape == (80,)
    expected_errors = np.concatenate([y[f.test] - y[f.test.start - 1] for f in folds])
    np.testing.assert_allclose(result.errors["naive"], expected_errors)
    np.testing.assert_allclose(
        result.summary.loc["naive", "pooled MAE"], np.abs(expected_errors).mean()
    )


def test_backtest_bad_input():
    folds = rolling_origins(100, folds=2, test_size=5, val_size=5, first_test=50)
    with pytest.raises(TypeError, match="must be a function"):
        backtest("no", folds)
    with pytest.raises(ValueError, match="non-empty list of Fold"):
        backtest(lambda f: None, [])
    with pytest.raises(ValueError, match="must return the tuple"):
        backtest(lambda f: [1], folds)

    def changing(fold):
        name = "a" if fold.number == 0 else "b"
        return np.ones(5), {name: np.ones(5)}, np.arange(10.0)

    with pytest.raises(ValueError, match="same models"):
        backtest(changing, folds)
    assert isinstance(folds[0], Fold)


def test_across_seeds_reproducible_and_different():
    def draw(seed):
        return np.random.normal(size=4)

    first = across_seeds(draw, seeds=[1, 2, 3])
    again = across_seeds(draw, seeds=[1, 2, 3])
    for a, b in zip(first.forecasts, again.forecasts, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.allclose(first.forecasts[0], first.forecasts[1])
    truth = np.zeros(4)
    scores = first.scores(truth)
    assert list(scores.index) == [1, 2, 3]
    np.testing.assert_allclose(scores, [np.abs(f).mean() for f in first.forecasts])
    summary = first.summary(truth)
    assert summary["min"] <= summary["mean"] <= summary["max"]
    np.testing.assert_allclose(first.ensemble(), np.mean(first.forecasts, axis=0))


@pytest.mark.parametrize(
    ("seeds", "fn", "error", "match"),
    [
        ([1, 1], lambda s: np.ones(2), ValueError, "two distinct"),
        ([1, -1], lambda s: np.ones(2), ValueError, "at least 0"),
        ([1, 2], "f", TypeError, "function of the seed"),
        ([1, 2], lambda s: np.ones(s), ValueError, "shape"),
        ([1, 2], lambda s: np.array([np.nan]), ValueError, "NaN"),
    ],
)
def test_across_seeds_bad_input(seeds, fn, error, match):
    with pytest.raises(error, match=match):
        across_seeds(fn, seeds)


def _dm_by_hand(e1, e2, h):
    """Diebold-Mariano with the HLN correction, loop by loop, as in the papers."""
    d = [abs(a) - abs(b) for a, b in zip(e1, e2, strict=True)]
    n = len(d)
    mean = sum(d) / n
    gamma = []
    for k in range(h):
        total = 0.0
        for t in range(k, n):
            total += (d[t] - mean) * (d[t - k] - mean)
        gamma.append(total / n)
    variance = gamma[0] + 2 * sum(gamma[1:])
    dm = mean / (variance / n) ** 0.5
    hln = dm * ((n + 1 - 2 * h + h * (h - 1) / n) / n) ** 0.5
    return hln, 2 * stats.t.sf(abs(hln), n - 1)


@pytest.mark.parametrize("h", [1, 2, 5])
def test_dm_against_a_hand_computation(h):
    rng = np.random.default_rng(h)
    e1 = rng.normal(size=60)
    e2 = 1.1 * e1 + rng.normal(scale=0.5, size=60)
    result = diebold_mariano(e1, e2, horizon=h)
    stat, p = _dm_by_hand(e1, e2, h)
    np.testing.assert_allclose(
        [result.statistic, result.p_value], [stat, p], rtol=1e-10
    )
    assert result.n == 60


def test_dm_tiny_case_computed_on_paper():
    # d = |e1| - |e2| = [-1, 1, -2, -2]: mean -1, gamma_0 = (0 + 4 + 1 + 1) / 4 = 1.5
    # DM = -1 / sqrt(1.5 / 4); HLN factor sqrt((4 + 1 - 2) / 4) for h = 1.
    result = diebold_mariano([0.0, 2.0, -1.0, 0.0], [1.0, 1.0, 3.0, 2.0])
    expected = -1 / np.sqrt(1.5 / 4) * np.sqrt(3 / 4)
    np.testing.assert_allclose(result.statistic, expected)
    np.testing.assert_allclose(result.p_value, 2 * stats.t.sf(abs(expected), 3))
    assert result.mean_difference == -1.0


@pytest.mark.parametrize("h", [1, 3, 8])
def test_dm_equals_statsmodels_hac_mean_test_before_correction(h):
    rng = np.random.default_rng(10 + h)
    e1 = rng.normal(size=400)
    e2 = np.convolve(rng.normal(size=400 + h), np.ones(h) / h, "valid")[:400] * 1.4
    d = np.abs(e1) - np.abs(e2)
    ols = sm.OLS(d, np.ones_like(d)).fit(
        cov_type="HAC",
        cov_kwds={"maxlags": h - 1, "kernel": "uniform", "use_correction": False},
    )
    n = 400
    hln = np.sqrt((n + 1 - 2 * h + h * (h - 1) / n) / n)
    result = diebold_mariano(e1, e2, horizon=h)
    np.testing.assert_allclose(result.statistic, ols.tvalues[0] * hln, rtol=1e-8)


def test_dm_is_antisymmetric_and_squared_loss_and_2d():
    rng = np.random.default_rng(5)
    a, b = rng.normal(size=(200, 4)), rng.normal(size=(200, 4)) * 1.2
    ab, ba = diebold_mariano(a, b, 4), diebold_mariano(b, a, 4)
    np.testing.assert_allclose(ab.statistic, -ba.statistic)
    np.testing.assert_allclose(ab.p_value, ba.p_value)
    by_origin = diebold_mariano(
        np.abs(a).mean(axis=1), np.abs(b).mean(axis=1), 4
    )  # loss of |mean abs| equals mean of abs per origin
    np.testing.assert_allclose(ab.statistic, by_origin.statistic)
    sq = diebold_mariano(a, b, 4, loss="squared")
    d = (a**2 - b**2).mean(axis=1)
    assert np.sign(sq.statistic) == np.sign(d.mean())


@pytest.mark.parametrize(
    ("a", "b", "kwargs", "error", "match"),
    [
        ([1.0, 2.0, 3.0], [1.0, 2.0], {}, ValueError, "shape"),
        ([1.0] * 5, [1.0] * 5, {}, ValueError, "identical losses"),
        (
            [1.0, 2.0, 3.0, 4.0],
            [2.0, 1.0, 3.0, 1.0],
            {"horizon": 2},
            ValueError,
            "too few",
        ),
        ([1.0] * 6, [2.0] * 6, {"loss": "huber"}, ValueError, "absolute"),
        ([1.0, np.inf, 1.0], [1.0, 2.0, 3.0], {}, ValueError, "NaN or inf"),
        ([1.0] * 6, [2.0] * 6, {"horizon": 0}, ValueError, "at least 1"),
    ],
)
def test_dm_bad_input(a, b, kwargs, error, match):
    with pytest.raises(error, match=match):
        diebold_mariano(a, b, **kwargs)


def test_dm_refuses_a_non_positive_variance():
    # Alternating differences: the lag-1 autocovariance cancels gamma_0.
    d = np.tile([1.0, -1.0], 20) + 0.5
    with pytest.raises(ValueError, match="not positive"):
        diebold_mariano(d + 10, np.full(40, 10.0), horizon=2)
