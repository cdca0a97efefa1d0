import keras
import numpy as np
import pytest

from lstm_course import (
    build_lstm_model,
    make_windows,
    predict_next_value,
    recursive_forecast,
)


def shift_model(seq_length, horizon=1, n_features=1):
    """A linear 'model' whose forecast is (last value + 1), exactly."""
    model = keras.Sequential(
        [
            keras.Input((seq_length, n_features)),
            keras.layers.Flatten(),
            keras.layers.Dense(horizon),
        ]
    )
    w = np.zeros((seq_length * n_features, horizon), "float32")
    w[(seq_length - 1) * n_features, :] = 1.0
    model.layers[-1].set_weights([w, np.ones(horizon, "float32")])
    return model


def test_predict_next_value_matches_predict():
    model = build_lstm_model(6, n_features=2, units=3)
    seq = np.random.default_rng(0).normal(size=(6, 2))
    expected = model.predict(seq[None], verbose=0)[0, 0]
    got = predict_next_value(model, seq)
    assert isinstance(got, float)
    np.testing.assert_allclose(got, expected, rtol=1e-5)


def test_predict_next_value_multi_output():
    got = predict_next_value(shift_model(3, horizon=2), np.array([1.0, 2.0, 3.0]))
    np.testing.assert_allclose(got, [4.0, 4.0])


def test_recursive_forecast_feeds_back():
    model = shift_model(3)
    np.testing.assert_allclose(
        recursive_forecast(model, np.array([0.0, 1.0, 2.0, 5.0]), steps=4),
        [6.0, 7.0, 8.0, 9.0],
    )


def test_recursive_forecast_batch_and_multi_output():
    data = np.arange(10.0)
    X, _ = make_windows(data, 3)
    one = recursive_forecast(shift_model(3), X, steps=5)
    two = recursive_forecast(shift_model(3, horizon=2), X, steps=5)
    assert one.shape == two.shape == (7, 5)
    expected = X[:, -1, 0][:, None] + np.arange(1, 6)
    np.testing.assert_allclose(one, expected)
    # two outputs per run, both "last + 1": the second run starts from last + 1
    np.testing.assert_allclose(two[:, :3], X[:, -1:, 0] + [1, 1, 2])


def test_one_step_recursive_equals_predict_next_value():
    model = build_lstm_model(5, units=2)
    history = np.sin(np.arange(12.0))
    np.testing.assert_allclose(
        recursive_forecast(model, history, 1)[0],
        predict_next_value(model, history[-5:]),
        rtol=1e-6,
    )


@pytest.mark.parametrize(
    ("sequence", "match"),
    [
        (np.zeros(10), r"expects one window of shape \(6, 1\).*has shape \(10,\)"),
        (np.zeros((6, 2)), r"shape \(6, 1\).*has shape \(6, 2\)"),
        (np.zeros((1, 6, 1)), r"has shape \(1, 6, 1\)"),
        (np.array([0, 1, 2, np.nan, 4, 5.0]), r"NaN or inf, the first at index \(3,"),
    ],
)
def test_predict_next_value_bad_input(sequence, match):
    with pytest.raises(ValueError, match=match):
        predict_next_value(build_lstm_model(6, units=2), sequence)


def test_bad_model():
    with pytest.raises(TypeError, match="must be a built Keras model"):
        predict_next_value(object(), np.zeros(3))


@pytest.mark.parametrize(
    ("history", "steps", "error", "match"),
    [
        (np.zeros(3), 2, ValueError, "history has 3 values, but .* seq_length=6"),
        (np.zeros((4, 5, 1)), 2, ValueError, r"windows of shape \(samples, 6, 1\)"),
        (np.zeros(10), 0, ValueError, "steps=0 is too small"),
    ],
)
def test_recursive_bad_input(history, steps, error, match):
    with pytest.raises(error, match=match):
        recursive_forecast(build_lstm_model(6, units=2), history, steps)


def test_recursive_refuses_multifeature_model():
    with pytest.raises(ValueError, match="needs a model with 1 input feature"):
        recursive_forecast(build_lstm_model(4, n_features=2, units=2), np.zeros(9), 3)
