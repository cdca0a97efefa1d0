import keras
import numpy as np
import pytest

from lstm_course import build_lstm_model, lstm_param_count


@pytest.mark.parametrize(
    ("seq_length", "n_features", "units", "horizon"),
    [(10, 1, 50, 1), (24, 3, 8, 12), (1, 2, 1, 1)],
)
def test_shapes_and_parameter_count(seq_length, n_features, units, horizon):
    model = build_lstm_model(seq_length, n_features, units, horizon)
    assert model.input_shape == (None, seq_length, n_features)
    assert model.output_shape == (None, horizon)
    lstm = model.layers[0]
    assert isinstance(lstm, keras.layers.LSTM)
    assert lstm.count_params() == lstm_param_count(units, n_features)
    assert lstm.count_params() == 4 * (units * (units + n_features) + units)
    assert (
        model.count_params()
        == lstm_param_count(units, n_features) + (units + 1) * horizon
    )


def test_slide_model_has_10451_parameters():
    assert build_lstm_model(10).count_params() == 10451


def test_compiled_with_adam_and_mse():
    model = build_lstm_model(5, units=4, learning_rate=0.01)
    assert isinstance(model.optimizer, keras.optimizers.Adam)
    np.testing.assert_allclose(float(model.optimizer.learning_rate), 0.01)
    assert model.loss == "mse"
    assert model.layers[0].activation is keras.activations.tanh


def test_relu_activation_and_one_step_fit():
    model = build_lstm_model(4, units=3, activation="relu")
    assert model.layers[0].activation is keras.activations.relu
    X = np.zeros((8, 4, 1), "float32")
    history = model.fit(X, np.zeros(8, "float32"), epochs=1, verbose=0)
    assert np.isfinite(history.history["loss"][0])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"seq_length": 0}, ValueError, "seq_length=0 is too small"),
        ({"seq_length": 5, "horizon": 0}, ValueError, "horizon=0 is too small"),
        ({"seq_length": 5, "units": 2.0}, TypeError, "units must be an integer"),
        ({"seq_length": 5, "n_features": 0}, ValueError, "n_features=0 is too"),
        ({"seq_length": 5, "activation": "tanhh"}, ValueError, "not a Keras activ"),
        ({"seq_length": 5, "activation": 3}, TypeError, "activation must be"),
        ({"seq_length": 5, "learning_rate": 5}, ValueError, "learning_rate=5 is out"),
    ],
)
def test_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        build_lstm_model(**kwargs)


def test_param_count_bad_input():
    with pytest.raises(ValueError, match="units=0 is too small"):
        lstm_param_count(0, 1)
