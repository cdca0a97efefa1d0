"""The trained temperature LSTM of chapters 3 to 6 (lc.train_temperature_lstm)."""

import keras
import numpy as np
import pytest

from lstm_course import TemperatureLSTM, load_weather, train_temperature_lstm

# Small and quick: 10 training days (216 windows), 2 units, 1 epoch.
SMALL = {"seq_length": 24, "units": 2, "train_days": 10, "epochs": 1, "seed": 0}


@pytest.fixture(scope="module")
def run():
    return train_temperature_lstm(**SMALL)


def test_returns_the_model_its_loss_and_its_data(run):
    assert isinstance(run, TemperatureLSTM)
    hours = len(load_weather())
    assert run.train_hours == 10 * 24
    assert run.temp_c.shape == run.scaled.shape == (hours,)
    assert run.temp_c.dtype == run.scaled.dtype == np.float32
    assert len(run.time) == hours and run.time.freqstr == "h"
    assert run.X.shape == (hours - 24, 24, 1) and run.y.shape == (hours - 24,)
    assert run.X_train.shape == (10 * 24 - 24, 24, 1)
    assert run.y_train.shape == (10 * 24 - 24,)
    assert isinstance(run.model.layers[0], keras.layers.LSTM)
    assert run.model.layers[0].units == 2
    assert run.model.input_shape == (None, 24, 1)
    assert run.model.output_shape == (None, 1)
    assert len(run.loss) == 1 and all(isinstance(v, float) for v in run.loss)
    assert np.isfinite(run.loss).all()


def test_series_is_load_weathers_temperature(run):
    expected = load_weather()["temp_c"].to_numpy("float32")
    np.testing.assert_array_equal(run.temp_c, expected)
    assert run.time.equals(load_weather().index)


def test_scaling_uses_only_the_training_hours(run):
    train = load_weather()["temp_c"].to_numpy("float32")[: 10 * 24]
    assert run.mean == float(train.mean())
    assert run.std == float(train.std())
    assert isinstance(run.mean, float) and isinstance(run.std, float)
    np.testing.assert_array_equal(run.scaled, (run.temp_c - run.mean) / run.std)
    # Standardised over the training hours, not over the year (which is warmer).
    np.testing.assert_allclose(run.scaled[: run.train_hours].mean(), 0, atol=1e-5)
    np.testing.assert_allclose(run.scaled[: run.train_hours].std(), 1, rtol=1e-5)
    assert abs(run.scaled.mean()) > 0.5


def test_windows_are_the_series_and_training_targets_stay_in_training(run):
    i = 100
    np.testing.assert_array_equal(run.X[i, :, 0], run.scaled[i : i + 24])
    assert run.y[i] == run.scaled[i + 24]
    # The last training window's target is the last training hour.
    last = len(run.X_train) - 1
    assert last + 24 == run.train_hours - 1
    assert run.y_train[-1] == run.scaled[run.train_hours - 1]


def test_data_is_read_only(run):
    for array in (run.temp_c, run.scaled, run.X, run.y):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 0
    with pytest.raises(AttributeError):
        run.train_hours = 1


def test_same_seed_gives_the_same_weights(run):
    again = train_temperature_lstm(**SMALL)
    for a, b in zip(run.model.get_weights(), again.model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert again.loss == run.loss
    other = train_temperature_lstm(**{**SMALL, "seed": 1})
    assert not np.array_equal(run.model.get_weights()[0], other.model.get_weights()[0])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"seq_length": 0}, ValueError, "seq_length=0 is too small"),
        ({"units": 2.0}, TypeError, "units must be an integer"),
        ({"units": True}, TypeError, "units must be an integer"),
        ({"train_days": 0}, ValueError, "train_days=0 is too small"),
        ({"train_days": 1}, ValueError, "24 training hours, too few"),
        ({"train_days": 400}, ValueError, "train_days=400 is longer than the series"),
        ({"epochs": 0}, ValueError, "epochs=0 is too small"),
        ({"epochs": "4"}, TypeError, "epochs must be an integer"),
        ({"seed": -1}, ValueError, "seed=-1 is too small"),
        ({"seed": 2**32}, ValueError, "seed=4294967296 is too large"),
        ({"batch_size": 0}, ValueError, "batch_size=0 is too small"),
        ({"learning_rate": 5}, ValueError, "learning_rate=5 is out of range"),
        ({"learning_rate": "0.01"}, TypeError, "learning_rate must be a number"),
    ],
)
def test_bad_arguments_name_the_problem(kwargs, error, match):
    with pytest.raises(error, match=match):
        train_temperature_lstm(**kwargs)


def test_arguments_are_keyword_only():
    with pytest.raises(TypeError, match="positional"):
        train_temperature_lstm(24)
