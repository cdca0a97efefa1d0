import numpy as np
import pytest

from lstm_course import mae, mase, naive_scale, rmse


@pytest.mark.parametrize(
    ("y_true", "y_pred", "expected_mae", "expected_rmse"),
    [
        ([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], 0.0, 0.0),
        ([0.0, 0.0], [3.0, -4.0], 3.5, np.sqrt(12.5)),
        ([[1.0, 2.0], [3.0, 4.0]], [[2.0, 2.0], [3.0, 6.0]], 0.75, np.sqrt(1.25)),
    ],
)
def test_mae_rmse(y_true, y_pred, expected_mae, expected_rmse):
    np.testing.assert_allclose(mae(y_true, y_pred), expected_mae)
    np.testing.assert_allclose(rmse(y_true, y_pred), expected_rmse)


def test_match_keras_metrics():
    import keras

    rng = np.random.default_rng(0)
    a, b = rng.normal(size=50), rng.normal(size=50)
    np.testing.assert_allclose(
        mae(a, b), float(keras.metrics.MeanAbsoluteError()(a, b)), rtol=1e-6
    )
    np.testing.assert_allclose(
        rmse(a, b), float(keras.metrics.RootMeanSquaredError()(a, b)), rtol=1e-6
    )


def test_mase_definition():
    y_train = np.array([1.0, 3.0, 2.0, 5.0, 4.0, 6.0])
    scale1 = np.mean(np.abs(np.diff(y_train)))
    scale2 = np.mean(np.abs(y_train[2:] - y_train[:-2]))
    y_true, y_pred = np.array([7.0, 8.0]), np.array([6.0, 10.0])
    np.testing.assert_allclose(mase(y_true, y_pred, y_train), 1.5 / scale1)
    np.testing.assert_allclose(mase(y_true, y_pred, y_train, season=2), 1.5 / scale2)


def test_in_sample_naive_has_mase_one():
    # The seasonal naive forecast scored on the training series itself: MASE = 1.
    y = np.random.default_rng(3).normal(size=100).cumsum()
    np.testing.assert_allclose(mase(y[4:], y[:-4], y, season=4), 1.0)
    assert naive_scale(y, 4) == pytest.approx(np.mean(np.abs(y[4:] - y[:-4])))


@pytest.mark.parametrize(
    ("y_true", "y_pred", "error", "match"),
    [
        (
            np.ones(3),
            np.ones((3, 1)),
            ValueError,
            r"shape \(3,\) but y_pred .*\(3, 1\)",
        ),
        ([], [], ValueError, "y_true is empty"),
        (
            [1.0, np.nan],
            [1.0, 2.0],
            ValueError,
            r"NaN or inf, the first at index \(1,\)",
        ),
        (["a"], [1.0], TypeError, "y_true must be numbers"),
    ],
)
def test_metric_bad_input(y_true, y_pred, error, match):
    with pytest.raises(error, match=match):
        mae(y_true, y_pred)
    with pytest.raises(error, match=match):
        rmse(y_true, y_pred)


@pytest.mark.parametrize(
    ("y_train", "season", "error", "match"),
    [
        (np.ones(10), 1, ValueError, "is 0: the series repeats"),
        (np.tile([1.0, 2.0], 5), 2, ValueError, r"\(season=2\) is 0"),
        (np.arange(3.0), 3, ValueError, "needs more than 3"),
        (np.ones((5, 2)), 1, ValueError, "must be the 1-D training series"),
        (np.arange(5.0), 0, ValueError, "season=0 is too small"),
    ],
)
def test_mase_bad_scale(y_train, season, error, match):
    with pytest.raises(error, match=match):
        mase([1.0], [2.0], y_train, season=season)
