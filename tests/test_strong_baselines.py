"""The linear and statistical baselines, against scikit-learn and statsmodels."""

import warnings

import numpy as np
import pytest
from sklearn.linear_model import Ridge
from statsmodels.tsa.holtwinters import ExponentialSmoothing

from lstm_course import make_windows, seasonal_naive_forecast
from lstm_course.baselines import ETSForecaster, LinearForecaster


@pytest.fixture(scope="module")
def windows():
    rng = np.random.default_rng(3)
    t = np.arange(600)
    series = np.column_stack(
        [np.sin(2 * np.pi * t / 12) + 0.2 * rng.normal(size=600), rng.normal(size=600)]
    )
    X, y = make_windows(series, seq_length=24, horizon=3, target=0)
    return X[:400], y[:400], X[400:500], y[400:500], X[500:]


@pytest.mark.parametrize("residual_season", [None, 1, 12])
@pytest.mark.parametrize("alpha", [0.01, 3.0, 1000.0])
def test_linear_equals_sklearn_ridge(windows, alpha, residual_season):
    X, y, X_val, y_val, X_test = windows
    model = LinearForecaster(alphas=[alpha], residual_season=residual_season)
    model.fit(X, y, X_val, y_val)
    base = (
        0 if residual_season is None else seasonal_naive_forecast(X, residual_season, 3)
    )
    reference = Ridge(alpha=alpha).fit(X.reshape(400, -1), y - base)
    expected = reference.predict(X_test.reshape(len(X_test), -1))
    if residual_season is not None:
        expected = expected + seasonal_naive_forecast(X_test, residual_season, 3)
    np.testing.assert_allclose(model.predict(X_test), expected, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(model.coef_, reference.coef_.T, rtol=1e-5, atol=1e-8)


def test_linear_chooses_alpha_with_lowest_validation_mae(windows):
    X, y, X_val, y_val, _ = windows
    alphas = [0.1, 10.0, 1e4, 1e7]
    model = LinearForecaster(alphas=alphas).fit(X, y, X_val, y_val)
    maes = {}
    for alpha in alphas:
        pred = (
            Ridge(alpha=alpha)
            .fit(X.reshape(400, -1), y)
            .predict(X_val.reshape(100, -1))
        )
        maes[alpha] = np.mean(np.abs(pred - y_val))
    assert model.alpha_ == min(maes, key=maes.get)
    np.testing.assert_allclose(
        [model.validation_mae_[a] for a in alphas],
        [maes[a] for a in alphas],
        rtol=1e-6,
    )
    # The huge penalty forecasts the training mean: clearly worse.
    assert maes[1e7] > 1.5 * maes[model.alpha_]


def test_linear_recovers_a_linear_rule_and_keeps_one_step_shape():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 5, 2))
    y = 2 * X[:, -1, 0] - X[:, 0, 1] + 0.5
    model = LinearForecaster(alphas=[1e-6]).fit(X[:200], y[:200], X[200:], y[200:])
    assert model.predict(X[200:]).shape == (100,)
    np.testing.assert_allclose(model.predict(X[200:]), y[200:], atol=1e-4)
    np.testing.assert_allclose(model.intercept_, [0.5], atol=1e-4)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"alphas": []}, ValueError, "positive finite"),
        ({"alphas": [0.0]}, ValueError, "positive finite"),
        ({"alphas": [np.nan]}, ValueError, "positive finite"),
        ({"alphas": "big"}, TypeError, "sequence of positive"),
        ({"residual_season": 0}, ValueError, "at least 1"),
        ({"residual_season": 1.5}, TypeError, "integer"),
    ],
)
def test_linear_bad_settings(windows, kwargs, error, match):
    X, y, X_val, y_val, _ = windows
    with pytest.raises(error, match=match):
        LinearForecaster(**kwargs).fit(X, y, X_val, y_val)


def test_linear_bad_data(windows):
    X, y, X_val, y_val, X_test = windows
    with pytest.raises(RuntimeError, match="not fitted"):
        LinearForecaster().predict(X_test)
    with pytest.raises(ValueError, match="one row per window"):
        LinearForecaster().fit(X, y[:-1], X_val, y_val)
    with pytest.raises(ValueError, match="same horizon"):
        LinearForecaster().fit(X, y, X_val, y_val[:, :2])
    with pytest.raises(ValueError, match="same seq_length"):
        LinearForecaster().fit(X, y, X_val[:, 1:], y_val)
    bad = np.array(X)
    bad[3, 2, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        LinearForecaster().fit(bad, y, X_val, y_val)
    model = LinearForecaster().fit(X, y, X_val, y_val)
    with pytest.raises(ValueError, match="fitted on windows of shape"):
        model.predict(X_test[:, 2:])


@pytest.fixture(scope="module")
def seasonal_series():
    rng = np.random.default_rng(1)
    t = np.arange(24 * 30)
    return 5 + 0.01 * t + 2 * np.sin(2 * np.pi * t / 24) + rng.normal(0, 0.3, t.size)


def _statsmodels_forecast(y, ets, steps):
    p = ets.params_
    model = ExponentialSmoothing(
        y,
        trend="add" if ets.trend else None,
        damped_trend=ets.trend,
        seasonal="add",
        seasonal_periods=ets.season,
        initialization_method="known",
        initial_level=p["level"],
        initial_trend=p["slope"] if ets.trend else None,
        initial_seasonal=p["seasons"],
    )
    fixed = {"smoothing_level": p["alpha"], "smoothing_seasonal": p["gamma"]}
    if ets.trend:
        fixed |= {"smoothing_trend": p["beta"], "damping_trend": p["phi"]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.fit(**fixed, optimized=False)


@pytest.mark.parametrize("trend", [False, True])
def test_ets_forecasts_match_statsmodels_at_every_origin(seasonal_series, trend):
    y = seasonal_series
    ets = ETSForecaster(24, trend=trend).fit(y[:500])
    origins = [499, 555, 700]
    ours = ets.forecast_from(y, origins, horizon=30)
    for row, origin in zip(ours, origins, strict=True):
        reference = _statsmodels_forecast(y[: origin + 1], ets, 30)
        expected = reference.forecast(30)
        # statsmodels reuses s_{t-m} at h = m; FPP3's formula uses s_t (the season
        # just updated), which statsmodels' own state array holds.
        steps = np.arange(30) != 23
        np.testing.assert_allclose(row[steps], expected[steps], rtol=1e-9)
        damping = np.sum(ets.params_["phi"] ** np.arange(1, 25))
        by_hand = (
            reference.level[-1]
            + damping * reference.trend[-1] * trend
            + reference.season[-1]
        )
        np.testing.assert_allclose(row[23], by_hand, rtol=1e-9)


def test_ets_never_looks_past_the_origin(seasonal_series):
    y = seasonal_series
    ets = ETSForecaster(24).fit(y[:500])
    changed = y.copy()
    changed[601:] += 100
    np.testing.assert_array_equal(
        ets.forecast_from(y, [550, 600], 24), ets.forecast_from(changed, [550, 600], 24)
    )
    assert not np.allclose(
        ets.forecast_from(y, [601], 24), ets.forecast_from(changed, [601], 24)
    )


def test_ets_bad_input(seasonal_series):
    y = seasonal_series
    with pytest.raises(RuntimeError, match="not fitted"):
        ETSForecaster(24).forecast_from(y, [10], 3)
    with pytest.raises(ValueError, match="two seasons"):
        ETSForecaster(24).fit(y[:30])
    with pytest.raises(ValueError, match="at least 2"):
        ETSForecaster(1).fit(y)
    with pytest.raises(TypeError, match="True or False"):
        ETSForecaster(24, trend="yes").fit(y)
    with pytest.raises(ValueError, match="1-D"):
        ETSForecaster(24).fit(y.reshape(-1, 2))
    with pytest.raises(ValueError, match="NaN"):
        ETSForecaster(24).fit(np.r_[y[:100], np.nan])
    ets = ETSForecaster(24).fit(y[:200])
    with pytest.raises(ValueError, match="must lie in"):
        ets.forecast_from(y, [len(y)], 3)
    with pytest.raises(TypeError, match="integer indices"):
        ets.forecast_from(y, [1.5], 3)
