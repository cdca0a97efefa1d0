import keras
import numpy as np
import pytest

from lstm_course import ForgetBias, gradient_norms_by_lag, make_recall_task


def test_recall_task_layout():
    X, y = make_recall_task(n_samples=8, seq_length=6, seed=3)
    assert X.shape == (8, 6, 2)
    assert y.shape == (8,)
    np.testing.assert_array_equal(y, X[:, 0, 0])
    np.testing.assert_array_equal(X[:, :, 1], np.eye(1, 6)[[0] * 8])
    assert X[:, :, 0].min() >= -1 and X[:, :, 0].max() <= 1


def test_recall_task_is_seeded():
    a, _ = make_recall_task(n_samples=4, seq_length=5, seed=1)
    b, _ = make_recall_task(n_samples=4, seq_length=5, seed=1)
    c, _ = make_recall_task(n_samples=4, seq_length=5, seed=2)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_gradient_of_linear_model_is_its_weights():
    # sum(model(x)) = sum_t w_t * x_t, so the gradient at lag k is |w_{T-1-k}|.
    T = 7
    w = np.arange(1, T + 1, dtype="float32")
    model = keras.Sequential(
        [keras.Input((T, 1)), keras.layers.Flatten(), keras.layers.Dense(1)]
    )
    model.layers[-1].set_weights([w[:, None], np.zeros(1, "float32")])
    X = np.random.default_rng(0).normal(size=(5, T, 1))
    norms = gradient_norms_by_lag(model, X)
    np.testing.assert_allclose(norms, w[::-1], rtol=1e-6)


def test_gradient_of_constant_model_is_zero():
    model = keras.Sequential(
        [keras.Input((4, 1)), keras.layers.Lambda(lambda x: 0 * x)]
    )
    norms = gradient_norms_by_lag(model, np.ones((2, 4, 1)))
    np.testing.assert_array_equal(norms, np.zeros(4))


@pytest.mark.parametrize(
    ("X", "match"),
    [
        (np.ones((4, 3)), "must be 3-D"),
        (np.ones((0, 3, 1)), "empty"),
        (np.full((1, 3, 1), np.nan), "NaN or inf"),
    ],
)
def test_gradient_bad_input(X, match):
    with pytest.raises(ValueError, match=match):
        gradient_norms_by_lag(keras.layers.SimpleRNN(2), X)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"seq_length": 1}, ValueError, "seq_length=1 is too small"),
        ({"n_samples": 0}, ValueError, "n_samples=0 is too small"),
        ({"n_samples": 2.0}, TypeError, "n_samples must be an integer"),
    ],
)
def test_recall_task_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_recall_task(**kwargs)


def test_forget_bias_sets_only_the_forget_block():
    layer = keras.layers.LSTM(3, unit_forget_bias=False, bias_initializer=ForgetBias(5))
    layer.build((None, 4, 2))
    bias = layer.cell.bias.numpy()
    np.testing.assert_array_equal(bias, [0, 0, 0, 5, 5, 5, 0, 0, 0, 0, 0, 0])


def test_forget_bias_keeps_gradient_alive():
    X, _ = make_recall_task(n_samples=8, seq_length=41, seed=0)
    keras.utils.set_random_seed(0)
    default = gradient_norms_by_lag(keras.layers.LSTM(8), X)
    keras.utils.set_random_seed(0)
    opened = gradient_norms_by_lag(
        keras.layers.LSTM(8, unit_forget_bias=False, bias_initializer=ForgetBias(5.0)),
        X,
    )
    # sigmoid(5)^40 is about 0.76; sigmoid(1)^40 is about 3e-6.
    assert opened[40] > 1e3 * default[40]


@pytest.mark.parametrize(
    ("value", "shape", "error", "match"),
    [
        ("5", (8,), TypeError, "value must be a real number"),
        (5.0, (7,), ValueError, r"shape \(4 \* units,\)"),
        (5.0, (4, 2), ValueError, "bias_initializer of keras.layers.LSTM"),
    ],
)
def test_forget_bias_bad_input(value, shape, error, match):
    with pytest.raises(error, match=match):
        ForgetBias(value)(shape)
