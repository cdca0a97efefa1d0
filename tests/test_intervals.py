import math

import keras
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose

from lstm_course import (
    ConformalIntervals,
    PinballLoss,
    build_quantile_lstm,
    interval_coverage,
    pinball_loss,
    set_seed,
    sort_quantiles,
    winkler_score,
)

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
levels = st.floats(0.01, 0.99)


# --- pinball loss ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("y_true", "y_pred", "quantile", "expected"),
    [
        ([10.0], [8.0], 0.9, 0.9 * 2),  # value above the forecast: q per unit
        ([10.0], [12.0], 0.9, 0.1 * 2),  # below it: (1 - q) per unit
        ([10.0, 10.0], [8.0, 12.0], 0.9, (1.8 + 0.2) / 2),
        ([1.0, 2.0, 3.0], [2.0, 2.0, 5.0], 0.5, 0.5),  # half the MAE (1.0)
        ([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [3.0, 4.0]], 0.3, 0.0),
    ],
)
def test_pinball_loss_hand_computed(y_true, y_pred, quantile, expected):
    assert_allclose(pinball_loss(y_true, y_pred, quantile), expected)


@given(arrays("float64", 20, elements=finite), levels)
def test_pinball_loss_is_minimised_by_the_sample_quantile(values, q):
    best = np.quantile(values, q, method="inverted_cdf")
    loss = pinball_loss(values, np.full_like(values, best), q)
    for shift in (-1.0, -0.01, 0.01, 1.0):
        other = pinball_loss(values, np.full_like(values, best + shift), q)
        assert loss <= other + 1e-9


@given(arrays("float64", 10, elements=finite), arrays("float64", 10, elements=finite))
def test_pinball_loss_at_one_half_is_half_the_mae(y, f):
    assert_allclose(pinball_loss(y, f, 0.5), 0.5 * np.mean(np.abs(y - f)), atol=1e-9)


@pytest.mark.parametrize(
    ("quantile", "error", "match"),
    [
        (0.0, ValueError, r"quantile=0.0 is out of range.*strictly between 0 and 1"),
        (1.0, ValueError, r"quantile=1.0 is out of range"),
        (1.5, ValueError, r"quantile=1.5 is out of range"),
        ("0.9", TypeError, r"quantile must be a number.*Pass for example"),
        (True, TypeError, r"quantile must be a number"),
    ],
)
def test_pinball_loss_rejects_bad_quantiles(quantile, error, match):
    with pytest.raises(error, match=match):
        pinball_loss([1.0], [1.0], quantile)


def test_pinball_loss_rejects_bad_arrays():
    with pytest.raises(ValueError, match=r"y_true has shape \(2,\) but y_pred has"):
        pinball_loss([1.0, 2.0], [1.0], 0.5)
    with pytest.raises(ValueError, match=r"y_pred holds NaN or inf.*index \(1,\)"):
        pinball_loss([1.0, 2.0], [1.0, np.nan], 0.5)
    with pytest.raises(ValueError, match="y_true is empty"):
        pinball_loss([], [], 0.5)
    with pytest.raises(TypeError, match="y_true must be numbers"):
        pinball_loss(["a"], [1.0], 0.5)


# --- coverage and the Winkler score ---------------------------------------------


def test_interval_coverage_hand_computed():
    # inside, on the lower bound, on the upper bound, below, above
    y = [2.0, 0.0, 4.0, -1.0, 5.0]
    assert interval_coverage(y, [0.0] * 5, [4.0] * 5) == pytest.approx(3 / 5)


@pytest.mark.parametrize(
    ("y", "lower", "upper", "alpha", "expected"),
    [
        ([1.0], [0.0], [2.0], 0.2, 2.0),  # inside: the width
        ([4.0], [1.0], [3.0], 0.2, 2.0 + 10.0 * 1.0),  # 1 above, 2 / 0.2 = 10
        ([-1.0], [0.0], [2.0], 0.05, 2.0 + 40.0 * 1.0),  # 1 below, 2 / 0.05 = 40
        ([1.0, 4.0], [0.0, 1.0], [2.0, 3.0], 0.2, 7.0),  # the doctest
        ([3.0], [3.0], [3.0], 0.1, 0.0),  # a point interval that hits
    ],
)
def test_winkler_score_hand_computed(y, lower, upper, alpha, expected):
    assert_allclose(winkler_score(y, lower, upper, alpha), expected)


def test_interval_scores_reject_bad_input():
    with pytest.raises(ValueError, match=r"lower > upper in 1 place.*index \(1,\)"):
        interval_coverage([1.0, 1.0], [0.0, 3.0], [2.0, 2.0])
    with pytest.raises(ValueError, match="sort_quantiles"):
        winkler_score([1.0], [3.0], [2.0], 0.1)
    with pytest.raises(ValueError, match=r"y_true has shape \(2,\) but upper"):
        interval_coverage([1.0, 2.0], [0.0, 0.0], [3.0])
    with pytest.raises(ValueError, match=r"alpha=0.0 is out of range.*miss rate"):
        winkler_score([1.0], [0.0], [2.0], 0.0)
    with pytest.raises(ValueError, match=r"alpha=1.0 is out of range"):
        winkler_score([1.0], [0.0], [2.0], 1.0)
    with pytest.raises(TypeError, match="alpha must be a number"):
        winkler_score([1.0], [0.0], [2.0], None)
    with pytest.raises(ValueError, match="lower holds NaN or inf"):
        interval_coverage([1.0], [np.inf], [2.0])


@given(
    arrays("float64", 15, elements=finite),
    arrays("float64", 15, elements=finite),
    arrays("float64", 15, elements=st.floats(0, 100)),
    st.floats(0.01, 0.99),
)
def test_winkler_score_properties(y, centre, half, alpha):
    lower, upper = centre - half, centre + half
    score = winkler_score(y, lower, upper, alpha)
    width = np.mean(upper - lower)
    coverage = interval_coverage(y, lower, upper)
    assert 0.0 <= coverage <= 1.0
    assert score >= width - 1e-9  # the penalty is never negative
    if coverage == 1.0:
        assert_allclose(score, width, atol=1e-9)
    # an interval that contains everything scores its width
    wide_lower, wide_upper = np.minimum(lower, y), np.maximum(upper, y)
    assert interval_coverage(y, wide_lower, wide_upper) == 1.0


@given(arrays("float64", 12, elements=finite), st.floats(0.01, 0.99))
def test_winkler_score_equals_scaled_pinball_losses(y, alpha):
    # S_alpha = (2 / alpha) * (L_{alpha/2}(lower) + L_{1-alpha/2}(upper))
    lower = np.full_like(y, np.quantile(y, 0.3))
    upper = np.full_like(y, np.quantile(y, 0.7))
    expected = (2 / alpha) * (
        pinball_loss(y, lower, alpha / 2) + pinball_loss(y, upper, 1 - alpha / 2)
    )
    assert_allclose(
        winkler_score(y, lower, upper, alpha), expected, rtol=1e-9, atol=1e-6
    )


# --- split-conformal intervals --------------------------------------------------


def test_conformal_width_is_the_finite_sample_quantile():
    # 9 residuals 1..9 in step 0 and 10..90 in step 1; alpha=0.2:
    # k = ceil(10 * 0.8) = 8, so the widths are the 8th smallest residuals.
    residuals = np.arange(1.0, 10.0)
    y_val = np.column_stack([residuals, -10 * residuals])
    intervals = ConformalIntervals(alpha=0.2).fit(y_val, np.zeros_like(y_val))
    assert intervals.rank_ == 8 and intervals.n_calibration_ == 9
    assert_allclose(intervals.width_, [8.0, 80.0])
    lower, upper = intervals.predict(np.array([[1.0, 2.0], [3.0, 4.0]]))
    assert_allclose(lower, [[-7.0, -78.0], [-5.0, -76.0]])
    assert_allclose(upper, [[9.0, 82.0], [11.0, 84.0]])


@pytest.mark.parametrize(
    ("n", "alpha", "rank"), [(19, 0.1, 18), (99, 0.05, 95), (4, 0.2, 4)]
)
def test_conformal_rank(n, alpha, rank):
    y = np.arange(float(n))
    assert ConformalIntervals(alpha).fit(y, np.zeros(n)).rank_ == rank
    assert rank == math.ceil((n + 1) * (1 - alpha) - 1e-9)


def test_conformal_one_dimensional():
    intervals = ConformalIntervals(alpha=0.5).fit([1.0, -2.0, 3.0], [0.0, 0.0, 0.0])
    assert intervals.width_.shape == ()
    lower, upper = intervals.predict([10.0, 20.0])
    assert_allclose(upper - lower, [2 * intervals.width_] * 2)


def test_conformal_errors():
    with pytest.raises(ValueError, match=r"alpha=0.1 needs at least 9 validation"):
        ConformalIntervals(0.1).fit(np.zeros(5), np.zeros(5))
    with pytest.raises(ValueError, match=r"alpha=1.5 is out of range"):
        ConformalIntervals(1.5).fit(np.zeros(50), np.zeros(50))
    with pytest.raises(ValueError, match=r"y_val has shape \(50,\) but pred_val"):
        ConformalIntervals(0.1).fit(np.zeros(50), np.zeros((50, 2)))
    with pytest.raises(RuntimeError, match="not fitted yet"):
        ConformalIntervals(0.1).predict(np.zeros((3, 2)))
    fitted = ConformalIntervals(0.1).fit(np.zeros((50, 2)), np.ones((50, 2)))
    with pytest.raises(ValueError, match=r"rows of shape \(3,\).*fitted on rows"):
        fitted.predict(np.zeros((4, 3)))
    assert repr(fitted) == "ConformalIntervals(alpha=0.1)"


@settings(max_examples=50)
@given(
    arrays(
        "float64", st.tuples(st.integers(20, 60), st.integers(1, 4)), elements=finite
    ),
    st.floats(0.05, 0.5),
)
def test_conformal_covers_its_own_calibration_set(errors, alpha):
    # at least k of the n residuals are <= the k-th smallest: coverage >= 1 - alpha
    intervals = ConformalIntervals(alpha).fit(errors, np.zeros_like(errors))
    lower, upper = intervals.predict(np.zeros_like(errors))
    for step in range(errors.shape[1]):
        inside = interval_coverage(errors[:, step], lower[:, step], upper[:, step])
        assert inside >= 1 - alpha - 1e-12


@pytest.mark.parametrize("alpha", [0.2, 0.1, 0.05])
def test_conformal_coverage_on_a_simulated_series(alpha):
    """10,000 draws of a sine plus Gaussian noise whose scale grows with the step.

    Each column is one independent experiment: 99 validation forecasts of a
    biased forecaster (the sine plus 0.3) calibrate the intervals, one new
    forecast is scored. The marginal coverage of split conformal is exactly
    k / (n + 1) for continuous errors, within 1 / (n + 1) of 1 - alpha.
    """
    rng = np.random.default_rng(2023)
    draws, n, steps = 10_000, 99, 3
    scale = np.array([0.5, 1.0, 2.0])  # known noise per forecast step
    t = np.arange(n + 1)[:, None, None] + rng.uniform(0, 100, size=(1, draws, 1))
    signal = np.sin(2 * np.pi * t / 24) + np.zeros((1, 1, steps))
    y = signal + rng.normal(size=(n + 1, draws, steps)) * scale
    forecast = signal + 0.3
    y_val = y[:n].reshape(n, draws * steps)
    pred_val = forecast[:n].reshape(n, draws * steps)
    intervals = ConformalIntervals(alpha).fit(y_val, pred_val)
    lower, upper = intervals.predict(forecast[n].reshape(1, -1))
    inside = ((lower <= y[n].reshape(1, -1)) & (y[n].reshape(1, -1) <= upper)).reshape(
        draws, steps
    )
    for step in range(steps):
        assert abs(inside[:, step].mean() - (1 - alpha)) < 0.03
    assert abs(inside.mean() - intervals.rank_ / (n + 1)) < 0.01


def test_conformal_widths_match_the_known_noise():
    """With many validation forecasts the width is the noise's |e| quantile."""
    rng = np.random.default_rng(5)
    scale = np.array([0.5, 1.0, 2.0])
    errors = rng.normal(size=(20_000, 3)) * scale
    intervals = ConformalIntervals(alpha=0.1).fit(errors, np.zeros_like(errors))
    assert_allclose(intervals.width_, 1.6449 * scale, rtol=0.03)  # z_{0.95}
    test = rng.normal(size=(10_000, 3)) * scale
    lower, upper = intervals.predict(np.zeros_like(test))
    assert abs(interval_coverage(test, lower, upper) - 0.9) < 0.03


# --- quantile LSTM --------------------------------------------------------------


def test_sort_quantiles_counts_crossings():
    forecasts = np.array(
        [[[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]], [[0.0, 0.0, 1.0], [2.0, 1.0, 3.0]]]
    )
    result = sort_quantiles(forecasts)
    assert result.crossings == 2  # ties are not crossings
    assert_allclose(result.quantiles[0, 1], [1.0, 2.0, 3.0])
    assert (np.diff(result.quantiles, axis=-1) >= 0).all()
    with pytest.raises(ValueError, match="NaN or inf"):
        sort_quantiles([[np.nan, 1.0]])
    with pytest.raises(ValueError, match="last axis"):
        sort_quantiles(3.0)


@given(arrays("float64", (5, 4, 3), elements=finite))
def test_sorting_never_worsens_the_pinball_loss(forecasts):
    y = np.zeros((5, 4))
    sorted_ = sort_quantiles(forecasts).quantiles
    # per-level losses may move; their total never rises
    total = sum(
        pinball_loss(y, forecasts[..., j], q) for j, q in enumerate((0.1, 0.5, 0.9))
    )
    total_sorted = sum(
        pinball_loss(y, sorted_[..., j], q) for j, q in enumerate((0.1, 0.5, 0.9))
    )
    assert total_sorted <= total + 1e-6


def test_pinball_loss_keras_matches_numpy():
    rng = np.random.default_rng(0)
    y = rng.normal(size=(6, 4))
    pred = rng.normal(size=(6, 4, 3))
    quantiles = (0.1, 0.5, 0.9)
    expected = np.mean(
        [pinball_loss(y, pred[..., j], q) for j, q in enumerate(quantiles)]
    )
    got = float(PinballLoss(quantiles)(y.astype("float32"), pred.astype("float32")))
    assert_allclose(got, expected, rtol=1e-5)


def test_pinball_loss_keras_serialises():
    loss = PinballLoss((0.2, 0.8))
    again = keras.losses.deserialize(keras.losses.serialize(loss))
    assert isinstance(again, PinballLoss) and again.quantiles == (0.2, 0.8)


@pytest.mark.parametrize(
    ("quantiles", "error", "match"),
    [
        ((0.9, 0.1), ValueError, "strictly increasing"),
        ((0.1, 1.0), ValueError, r"quantile level 1.0 .* out of range"),
        ((), ValueError, "quantiles is empty"),
        (0.5, TypeError, "quantiles must be a sequence"),
        (("a",), TypeError, "quantiles must hold numbers"),
    ],
)
def test_build_quantile_lstm_validates_quantiles(quantiles, error, match):
    with pytest.raises(error, match=match):
        build_quantile_lstm(5, quantiles=quantiles)


def test_quantile_lstm_learns_known_quantiles():
    """Gaussian noise of a known scale around a sine: the 0.9-quantile forecast
    should cover about 90% of the training targets after a few epochs."""
    set_seed(0)
    rng = np.random.default_rng(0)
    n, seq_length, horizon = 1200, 8, 2
    phase = rng.uniform(0, 2 * np.pi, size=n)
    steps = np.arange(seq_length + horizon)
    clean = np.sin(phase[:, None] + 0.5 * steps)
    X = clean[:, :seq_length, None].astype("float32")
    y = (clean[:, seq_length:] + rng.normal(0, 0.3, (n, horizon))).astype("float32")
    model = build_quantile_lstm(
        seq_length,
        quantiles=(0.1, 0.5, 0.9),
        units=16,
        horizon=horizon,
        learning_rate=1e-2,
    )
    model.fit(X, y, epochs=15, batch_size=64, verbose=0)
    raw = model.predict(X, verbose=0)
    assert raw.shape == (n, horizon, 3)
    result = sort_quantiles(raw)
    assert result.quantiles.shape == raw.shape
    assert 0 <= result.crossings <= n * horizon
    assert (np.diff(result.quantiles, axis=-1) >= 0).all()
    upper_coverage = np.mean(y <= result.quantiles[..., 2])
    lower_coverage = np.mean(y >= result.quantiles[..., 0])
    assert 0.8 < upper_coverage < 0.97
    assert 0.8 < lower_coverage < 0.97


def test_quantile_lstm_saves_and_loads(tmp_path):
    set_seed(1)
    model = build_quantile_lstm(4, quantiles=(0.25, 0.75), units=3, horizon=2)
    X = np.random.default_rng(1).normal(size=(5, 4, 1)).astype("float32")
    model.fit(X, X[:, :2, 0], epochs=1, verbose=0)  # builds the optimizer state
    path = tmp_path / "quantile.keras"
    model.save(path)
    loaded = keras.models.load_model(path)
    assert loaded.loss.quantiles == (0.25, 0.75)
    assert_allclose(loaded.predict(X, verbose=0), model.predict(X, verbose=0))
