import keras
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from lstm_course import (
    forget_gate,
    gate_activations,
    gate_weights,
    input_gate,
    lstm_forward,
    lstm_step,
    output_gate,
    sigmoid,
    update_cell_state,
    weights_from_keras,
)

TOL = {"rtol": 1e-5, "atol": 1e-5}


def random_weights(rng, n_features, units, scale=0.5, dtype="float32"):
    kernel = rng.normal(scale=scale, size=(n_features, 4 * units)).astype(dtype)
    recurrent = rng.normal(scale=scale, size=(units, 4 * units)).astype(dtype)
    bias = rng.normal(scale=scale, size=4 * units).astype(dtype)
    return kernel, recurrent, bias


def keras_lstm(weights, n_features, units, **kwargs):
    layer = keras.layers.LSTM(units, return_state=True, **kwargs)
    layer.build((None, None, n_features))
    layer.set_weights(list(weights))
    return layer


# ------------------------------------------------------------------ equal to Keras
@settings(max_examples=25, deadline=None)
@given(
    batch=st.integers(1, 4),
    time=st.integers(1, 6),
    n_features=st.integers(1, 4),
    units=st.integers(1, 5),
    return_sequences=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_lstm_forward_matches_keras(
    batch, time, n_features, units, return_sequences, seed
):
    rng = np.random.default_rng(seed)
    weights = random_weights(rng, n_features, units)
    x = rng.normal(size=(batch, time, n_features)).astype("float32")
    layer = keras_lstm(weights, n_features, units, return_sequences=return_sequences)
    expected = [np.asarray(a) for a in layer(x)]
    got = lstm_forward(x, *weights, return_sequences=return_sequences)
    for g, e in zip(got, expected, strict=True):
        assert g.shape == e.shape
        assert g.dtype == np.float32
        assert_allclose(g, e, **TOL)


def test_lstm_forward_matches_keras_on_a_long_sequence_with_initial_state():
    rng = np.random.default_rng(0)
    batch, time, n_features, units = 3, 40, 2, 6
    weights = random_weights(rng, n_features, units)
    x = rng.normal(size=(batch, time, n_features)).astype("float32")
    h0 = rng.uniform(-1, 1, size=(batch, units)).astype("float32")
    c0 = rng.normal(size=(batch, units)).astype("float32")
    layer = keras_lstm(weights, n_features, units, return_sequences=True)
    expected = [np.asarray(a) for a in layer(x, initial_state=[h0, c0])]
    got = lstm_forward(x, *weights, h0=h0, c0=c0, return_sequences=True)
    for g, e in zip(got, expected, strict=True):
        assert_allclose(g, e, **TOL)


def test_weights_from_keras_round_trip_in_a_trained_shape_model():
    rng = np.random.default_rng(1)
    model = keras.Sequential(
        [keras.Input((7, 3)), keras.layers.LSTM(5), keras.layers.Dense(1)]
    )
    kernel, recurrent, bias = weights_from_keras(model.layers[0])
    assert (kernel.shape, recurrent.shape, bias.shape) == ((3, 20), (5, 20), (20,))
    # Keras starts the forget gate's bias at 1 (unit_forget_bias=True), the rest at 0.
    assert_allclose(bias, np.r_[np.zeros(5), np.ones(5), np.zeros(10)])
    x = rng.normal(size=(4, 7, 3)).astype("float32")
    h_T = lstm_forward(x, kernel, recurrent, bias)[0]
    dense_w, dense_b = model.layers[1].get_weights()
    assert_allclose(h_T @ dense_w + dense_b, model.predict(x, verbose=0), **TOL)


def test_weights_from_keras_without_bias():
    layer = keras.layers.LSTM(2, use_bias=False)
    layer.build((None, 3, 1))
    kernel, recurrent, bias = weights_from_keras(layer)
    assert_allclose(bias, np.zeros(8))
    x = np.ones((1, 3, 1), "float32")
    assert_allclose(lstm_forward(x, kernel, recurrent, bias)[0], layer(x), **TOL)


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (
            lambda: keras.layers.GRU(2),
            TypeError,
            "must be a keras.layers.LSTM, got GRU",
        ),
        (
            lambda: keras.Sequential([keras.Input((3, 1)), keras.layers.LSTM(2)]),
            TypeError,
            "pass its LSTM layer",
        ),
        (lambda: keras.layers.LSTM(2), ValueError, "has no weights yet"),
        (
            lambda: keras.layers.LSTM(2, activation="relu"),
            ValueError,
            "activation='relu'",
        ),
        (lambda: keras.layers.LSTM(2, go_backwards=True), ValueError, "go_backwards"),
    ],
)
def test_weights_from_keras_refuses(make, error, match):
    layer = make()
    if match in ("activation='relu'", "go_backwards"):
        layer.build((None, 3, 1))
    with pytest.raises(error, match=match):
        weights_from_keras(layer)


# ----------------------------------------------------------- the gates, composed
def per_gate_step(x_t, h_prev, c_prev, weights):
    gates = gate_weights(*weights)
    f_t = forget_gate(h_prev, x_t, *gates["f"])
    i_t, c_tilde = input_gate(h_prev, x_t, *gates["i"], *gates["c"])
    c_t = update_cell_state(c_prev, f_t, i_t, c_tilde)
    h_t = output_gate(h_prev, x_t, c_t, *gates["o"])
    return h_t, c_t


@pytest.mark.parametrize("lead", [(), (1,), (6,)])
def test_gates_compose_to_lstm_step(lead):
    rng = np.random.default_rng(2)
    n_features, units = 3, 4
    weights = random_weights(rng, n_features, units, dtype="float64")
    x_t = rng.normal(size=(*lead, n_features))
    h = rng.uniform(-1, 1, size=(*lead, units))
    c = rng.normal(size=(*lead, units))
    expected = lstm_step(x_t, h, c, *weights)
    got = per_gate_step(x_t, h, c, weights)
    for g, e in zip(got, expected, strict=True):
        assert g.shape == (*lead, units)
        assert_allclose(g, e, rtol=1e-12)


def test_gate_weights_layout():
    kernel = np.arange(2 * 12, dtype=float).reshape(2, 12)
    recurrent = -np.arange(3 * 12, dtype=float).reshape(3, 12)
    gates = gate_weights(kernel, recurrent, np.arange(12.0))
    W_c, b_c = gates["c"]  # the third block of columns: 6, 7, 8
    assert W_c.shape == (3, 5)
    assert_allclose(W_c[:, :3], recurrent[:, 6:9].T)
    assert_allclose(W_c[:, 3:], kernel[:, 6:9].T)
    assert_allclose(b_c, [6, 7, 8])
    assert list(gates) == ["i", "f", "c", "o"]


def test_gate_activations_agree_with_lstm_forward():
    rng = np.random.default_rng(3)
    weights = random_weights(rng, 2, 3, dtype="float64")
    x = rng.normal(size=(4, 9, 2))
    acts = gate_activations(x, *weights)
    out, _, c_T = lstm_forward(x, *weights, return_sequences=True)
    assert set(acts) == {"i", "f", "c_tilde", "o", "c", "h"}
    assert all(a.shape == (4, 9, 3) for a in acts.values())
    assert_allclose(acts["h"], out, rtol=1e-12)
    assert_allclose(acts["c"][:, -1], c_T, rtol=1e-12)
    assert_allclose(acts["h"], acts["o"] * np.tanh(acts["c"]), rtol=1e-12)
    for key in ("i", "f", "o"):
        assert ((acts[key] > 0) & (acts[key] < 1)).all()


def test_batch_rows_are_independent():
    rng = np.random.default_rng(4)
    weights = random_weights(rng, 2, 3, dtype="float64")
    x = rng.normal(size=(5, 6, 2))
    whole = lstm_forward(x, *weights)[0]
    one_by_one = np.concatenate(
        [lstm_forward(x[k : k + 1], *weights)[0] for k in range(5)]
    )
    assert_allclose(whole, one_by_one, rtol=1e-12)


@pytest.mark.parametrize(
    ("bias", "expected"),
    [(-50.0, 0.0), (0.0, 0.5), (50.0, 1.0)],
)
def test_forget_gate_saturates_with_its_bias(bias, expected):
    f = forget_gate(np.zeros(3), np.ones(2), np.zeros((3, 5)), np.full(3, bias))
    assert_allclose(f, np.full(3, expected), atol=1e-12)


def test_cell_update_keeps_or_replaces():
    c_prev, c_tilde = np.array([3.0, 3.0]), np.array([-1.0, -1.0])
    kept = update_cell_state(c_prev, np.ones(2), np.zeros(2), c_tilde)
    replaced = update_cell_state(c_prev, np.zeros(2), np.ones(2), c_tilde)
    assert_allclose(kept, c_prev)
    assert_allclose(replaced, c_tilde)


# ------------------------------------------------------------------------ sigmoid
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_sigmoid_is_stable(dtype):
    x = np.array([-1e4, -1000, -100, -20, 0, 20, 100, 1000, 1e4], dtype=dtype)
    # Underflow to 0 is harmless (and silent by default); overflow is what warns.
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        y = sigmoid(x)
    assert y.dtype == np.dtype(dtype)
    assert np.isfinite(y).all()
    assert_allclose(y[[0, 4, -1]], [0.0, 0.5, 1.0])
    assert (np.diff(y) >= 0).all()


def test_sigmoid_matches_the_textbook_formula_where_it_is_safe():
    x = np.linspace(-30, 30, 601)
    assert_allclose(sigmoid(x), 1 / (1 + np.exp(-x)), rtol=1e-14)
    assert_allclose(sigmoid(x) + sigmoid(-x), 1.0, rtol=1e-14)
    assert sigmoid(3).dtype == np.float64
    assert sigmoid(np.float32(0.0)).shape == ()


def test_sigmoid_refuses_text():
    with pytest.raises(TypeError, match="x must hold numbers"):
        sigmoid(["a", "b"])


# ------------------------------------------------------------------ bad shapes
U, F = 4, 3  # units, features
h, x = np.zeros(U), np.zeros(F)
W, b = np.zeros((U, U + F)), np.zeros(U)
K, R, B = np.zeros((F, 4 * U)), np.zeros((U, 4 * U)), np.zeros(4 * U)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (
            lambda: forget_gate(h, x, np.zeros(U + F), b),
            r"W_f must have shape \(4, 7\), but has shape \(7,\)",
        ),
        (
            lambda: forget_gate(h, x, W.T, b),
            r"W_f must have shape \(4, 7\), but has shape \(7, 4\)",
        ),
        (
            lambda: forget_gate(h, x, W, 0.0),
            r"b_f must have shape \(4,\), but has shape \(\)",
        ),
        (
            lambda: forget_gate(np.zeros((2, U)), x, W, b),
            r"h_prev has shape \(2, 4\) and x_t has shape \(3,\)",
        ),
        (
            lambda: forget_gate(np.zeros((2, U)), np.zeros((3, F)), W, b),
            "h_prev has batch size 2 .* x_t has batch size 3",
        ),
        (
            lambda: forget_gate(np.zeros((1, 2, U)), x, W, b),
            r"h_prev must be 1-D .* but has shape \(1, 2, 4\)",
        ),
        (
            lambda: input_gate(h, x, W, b, W[:, :5], b),
            r"W_c must have shape \(4, 7\), but has shape \(4, 5\)",
        ),
        (
            lambda: input_gate(h, x, W, b[:2], W, b),
            r"b_i must have shape \(4,\), but has shape \(2,\)",
        ),
        (
            lambda: update_cell_state(
                np.zeros(U), np.zeros(U), np.zeros(3), np.zeros(U)
            ),
            r"i_t must have the same shape as c_prev, \(4,\), but has shape \(3,\)",
        ),
        (
            lambda: output_gate(h, x, np.zeros(5), W, b),
            r"c_t must have shape \(4,\), but has shape \(5,\)",
        ),
        (
            lambda: output_gate(h, x, np.zeros(U), np.zeros((U, U)), b),
            r"W_o must have shape \(4, 7\), but has shape \(4, 4\)",
        ),
        (
            lambda: lstm_step(x, h, h, K, R[:, :8], B),
            r"recurrent_kernel must have shape \(4, 16\), but has shape \(4, 8\)",
        ),
        (
            lambda: lstm_step(x, h, h, K[:, :12], R, B),
            r"kernel must have shape \(3, 16\), but has shape \(3, 12\)",
        ),
        (
            lambda: lstm_step(x, h, h, K, R, B[:4]),
            r"bias must have shape \(16,\), but has shape \(4,\)",
        ),
        (
            lambda: lstm_step(np.zeros(2), h, h, K, R, B),
            r"x_t must have shape \(3,\), but has shape \(2,\)",
        ),
        (
            lambda: lstm_step(x, np.zeros(5), np.zeros(5), K, R, B),
            r"h_prev must have shape \(4,\), but has shape \(5,\)",
        ),
        (
            lambda: lstm_step(x, h, np.zeros(3), K, R, B),
            r"c_prev must have shape \(4,\), but has shape \(3,\)",
        ),
        (
            lambda: lstm_step(x, h, h, K, np.zeros((U, 4 * U + 1)), B),
            r"recurrent_kernel must have shape \(units, 4 \* units\)",
        ),
        (
            lambda: lstm_forward(np.zeros((5, F)), K, R, B),
            r"x must be 3-D \(batch, time, n_features\), but has shape \(5, 3\)",
        ),
        (
            lambda: lstm_forward(np.zeros((2, 5, 1)), K, R, B),
            r"x must have shape \(2, 5, 3\), but has shape \(2, 5, 1\)",
        ),
        (lambda: lstm_forward(np.zeros((2, 0, F)), K, R, B), "x has no time steps"),
        (
            lambda: lstm_forward(np.zeros((2, 5, F)), K, R, B, h0=np.zeros(U)),
            r"h0 must have shape \(2, 4\), but has shape \(4,\)",
        ),
        (
            lambda: lstm_forward(np.zeros((2, 5, F)), K, R, B, c0=np.zeros((3, U))),
            r"c0 must have shape \(2, 4\), but has shape \(3, 4\)",
        ),
        (
            lambda: gate_weights(K, R, np.zeros((4, U))),
            r"bias must have shape \(16,\), but has shape \(4, 4\)",
        ),
    ],
)
def test_bad_shapes_name_expected_and_actual(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_return_sequences_must_be_bool():
    with pytest.raises(TypeError, match="return_sequences must be True or False"):
        lstm_forward(np.zeros((1, 2, F)), K, R, B, return_sequences="yes")
