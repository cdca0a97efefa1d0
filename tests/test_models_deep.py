import keras
import numpy as np
import pytest

from lstm_course.models import build_bidirectional_lstm, build_stacked_lstm


def lstm_params(units, inputs):
    """Four gates, each with a kernel, a recurrent kernel and a bias."""
    return 4 * (units * (units + inputs) + units)


def stacked_params(n_features, units, num_layers, horizon):
    first = lstm_params(units, n_features)
    rest = (num_layers - 1) * lstm_params(units, units)
    return first + rest + (units + 1) * horizon


def bidirectional_params(n_features, units, horizon):
    return 2 * lstm_params(units, n_features) + (2 * units + 1) * horizon


def lstm_layers(model):
    return [layer for layer in model.layers if isinstance(layer, keras.layers.LSTM)]


@pytest.mark.parametrize(
    ("num_layers", "flags"),
    [
        (1, [False]),
        (2, [True, False]),
        (3, [True, True, False]),
        (5, [True, True, True, True, False]),
    ],
)
def test_stacked_return_sequences_on_all_but_last(num_layers, flags):
    model = build_stacked_lstm(12, units=4, num_layers=num_layers)
    layers = lstm_layers(model)
    assert len(layers) == num_layers
    assert len(model.layers) == num_layers + 1  # the LSTMs and one Dense head
    assert [layer.return_sequences for layer in layers] == flags
    assert isinstance(model.layers[-1], keras.layers.Dense)


@pytest.mark.parametrize(
    ("seq_length", "n_features", "units", "num_layers", "horizon"),
    [
        (10, 1, 50, 2, 1),
        (24, 3, 8, 3, 6),
        (5, 7, 16, 1, 24),
        (1, 2, 1, 4, 1),
    ],
)
def test_stacked_shapes_and_parameter_count(
    seq_length, n_features, units, num_layers, horizon
):
    model = build_stacked_lstm(
        seq_length, n_features, units=units, num_layers=num_layers, horizon=horizon
    )
    assert model.input_shape == (None, seq_length, n_features)
    assert model.output_shape == (None, horizon)
    assert model.count_params() == stacked_params(
        n_features, units, num_layers, horizon
    )
    x = np.zeros((3, seq_length, n_features), dtype="float32")
    assert model.predict(x, verbose=0).shape == (3, horizon)


def test_stacked_intermediate_outputs_are_sequences():
    model = build_stacked_lstm(9, 2, units=5, num_layers=3)
    shapes = [tuple(layer.output.shape) for layer in lstm_layers(model)]
    assert shapes == [(None, 9, 5), (None, 9, 5), (None, 5)]


def test_stacked_passes_activation_and_dropout():
    model = build_stacked_lstm(
        6, units=3, num_layers=2, activation="relu", dropout=0.25
    )
    for layer in lstm_layers(model):
        assert layer.cell.activation is keras.activations.relu
        assert layer.dropout == pytest.approx(0.25)
        assert layer.recurrent_dropout == 0.0


def test_defaults_keep_the_cudnn_conditions():
    for model in (build_stacked_lstm(6), build_bidirectional_lstm(6)):
        for layer in model.layers[:-1]:
            lstms = (
                [layer.forward_layer, layer.backward_layer]
                if hasattr(layer, "forward_layer")
                else [layer]
            )
            for lstm in lstms:
                assert lstm.cell.activation is keras.activations.tanh
                assert lstm.cell.recurrent_activation is keras.activations.sigmoid
                assert lstm.recurrent_dropout == 0.0
                assert lstm.unroll is False
                assert lstm.use_bias is True


@pytest.mark.parametrize(
    ("seq_length", "n_features", "units", "horizon"),
    [(10, 1, 50, 1), (24, 3, 8, 6), (2, 5, 1, 2)],
)
def test_bidirectional_shapes_and_parameter_count(
    seq_length, n_features, units, horizon
):
    model = build_bidirectional_lstm(
        seq_length, n_features, units=units, horizon=horizon
    )
    assert isinstance(model.layers[0], keras.layers.Bidirectional)
    assert len(model.layers) == 2
    assert tuple(model.layers[0].output.shape) == (None, 2 * units)
    assert model.output_shape == (None, horizon)
    assert model.count_params() == bidirectional_params(n_features, units, horizon)


def test_bidirectional_backward_layer_reads_the_window_reversed():
    model = build_bidirectional_lstm(8, 1, units=3)
    bi = model.layers[0]
    assert bi.forward_layer.go_backwards is False
    assert bi.backward_layer.go_backwards is True


def test_models_are_compiled_with_adam_and_mse():
    for model in (build_stacked_lstm(4, units=2), build_bidirectional_lstm(4, units=2)):
        assert isinstance(model.optimizer, keras.optimizers.Adam)
        assert model.loss == "mse"


def test_same_seed_same_weights():
    from lstm_course import set_seed

    set_seed(3)
    a = build_stacked_lstm(5, units=3).get_weights()
    set_seed(3)
    b = build_stacked_lstm(5, units=3).get_weights()
    for wa, wb in zip(a, b, strict=True):
        np.testing.assert_array_equal(wa, wb)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"seq_length": 0}, ValueError, r"seq_length=0 is too small"),
        ({"seq_length": 2.5}, TypeError, r"seq_length must be an integer"),
        ({"n_features": 0}, ValueError, r"n_features=0 is too small"),
        ({"units": -1}, ValueError, r"units=-1 is too small"),
        ({"units": True}, TypeError, r"units must be an integer"),
        ({"horizon": 0}, ValueError, r"horizon=0 is too small"),
        (
            {"activation": "relux"},
            ValueError,
            r"activation=.relux. is not a Keras activation",
        ),
        ({"activation": None}, TypeError, r"activation must be a name such as .tanh."),
        ({"learning_rate": 0}, ValueError, r"learning_rate=0 is out of range"),
        ({"learning_rate": "fast"}, TypeError, r"learning_rate must be a number"),
    ],
)
@pytest.mark.parametrize("builder", [build_stacked_lstm, build_bidirectional_lstm])
def test_bad_arguments_are_refused(builder, kwargs, error, match):
    args = {"seq_length": 10} | kwargs
    with pytest.raises(error, match=match):
        builder(**args)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"num_layers": 0}, ValueError, r"num_layers=0 is too small"),
        ({"num_layers": "2"}, TypeError, r"num_layers must be an integer"),
        ({"dropout": 1.0}, ValueError, r"dropout=1.0 is out of range"),
        ({"dropout": -0.1}, ValueError, r"dropout=-0.1 is out of range"),
        ({"dropout": "0.2"}, TypeError, r"dropout must be a number in \[0, 1\)"),
    ],
)
def test_stacked_bad_depth_and_dropout(kwargs, error, match):
    with pytest.raises(error, match=match):
        build_stacked_lstm(10, **kwargs)


def test_one_layer_stack_matches_build_lstm_model():
    from lstm_course import build_lstm_model, lstm_param_count

    stack = build_stacked_lstm(12, 3, units=7, num_layers=1, horizon=4)
    single = build_lstm_model(12, 3, units=7, horizon=4)
    assert stack.count_params() == single.count_params()
    assert stack.count_params() == lstm_param_count(7, 3) + 7 * 4 + 4


@pytest.mark.parametrize("builder", [build_stacked_lstm, build_bidirectional_lstm])
def test_learning_rate_reaches_adam(builder):
    model = builder(5, units=2, learning_rate=0.005)
    assert float(model.optimizer.learning_rate) == pytest.approx(0.005)
