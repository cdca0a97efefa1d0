import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_course import make_windows, naive_forecast, seasonal_naive_forecast


def test_naive_lines_up_with_make_windows():
    data = np.arange(20.0) ** 2
    X, y = make_windows(data, 5, horizon=3)
    forecast = naive_forecast(X, horizon=3)
    assert forecast.shape == y.shape
    np.testing.assert_array_equal(forecast[:, 0], data[4:-3])
    np.testing.assert_array_equal(forecast[:, 2], forecast[:, 0])


def test_seasonal_naive_is_exact_on_a_periodic_series():
    season = 6
    data = np.tile(np.arange(season, dtype=float), 10)
    for horizon in (1, 4, 13):
        X, y = make_windows(data, 2 * season, horizon=horizon)
        np.testing.assert_array_equal(
            seasonal_naive_forecast(X, season, horizon=horizon), y
        )


def test_seasonal_naive_multifeature_target():
    data = np.arange(40.0).reshape(20, 2)
    X, _ = make_windows(data, 4, horizon=2, target=1)
    forecast = seasonal_naive_forecast(X, season=3, horizon=2, target=1)
    np.testing.assert_array_equal(forecast, X[:, 1:3, 1])


@settings(max_examples=40, deadline=None)
@given(
    seq_length=st.integers(1, 12),
    horizon=st.integers(1, 10),
    season=st.integers(1, 12),
)
def test_seasonal_naive_definition(seq_length, horizon, season):
    data = np.random.default_rng(seq_length).normal(size=60)
    X, _ = make_windows(data, seq_length, horizon)
    if season > seq_length:
        with pytest.raises(ValueError, match="needs windows of at least"):
            seasonal_naive_forecast(X, season, horizon)
        return
    got = seasonal_naive_forecast(X, season, horizon).reshape(len(X), horizon)
    for h in range(1, horizon + 1):
        k = (h - 1) // season
        # y_{T+h-m(k+1)}, with T the window's last position (seq_length - 1)
        pos = seq_length - 1 + h - season * (k + 1)
        np.testing.assert_array_equal(got[:, h - 1], X[:, pos, 0])
    if season == 1:
        np.testing.assert_array_equal(
            got, naive_forecast(X, horizon).reshape(got.shape)
        )


@pytest.mark.parametrize(
    ("X", "kwargs", "error", "match"),
    [
        (np.ones((4, 5)), {}, ValueError, "must be 3-D windows"),
        (np.ones((0, 5, 1)), {}, ValueError, "holds no windows"),
        (np.ones((4, 5, 1)), {"horizon": 0}, ValueError, "horizon=0 is too small"),
        (np.ones((4, 5, 1)), {"target": 1}, ValueError, "target=1 does not exist"),
        (np.array([[["a"]]]), {}, TypeError, "must hold numbers"),
    ],
)
def test_naive_bad_input(X, kwargs, error, match):
    with pytest.raises(error, match=match):
        naive_forecast(X, **kwargs)


@pytest.mark.parametrize(
    ("season", "error", "match"),
    [
        (0, ValueError, "season=0 is too small"),
        (1.5, TypeError, "season must be an integer"),
        (48, ValueError, "season=48 needs windows of at least 48 steps"),
    ],
)
def test_seasonal_bad_input(season, error, match):
    with pytest.raises(error, match=match):
        seasonal_naive_forecast(np.ones((3, 24, 1)), season)
