import random

import keras
import numpy as np
import pytest

from lstm_course import set_seed


def draws():
    return (
        random.random(),
        np.random.rand(),
        float(keras.random.uniform((1,))[0]),
    )


def test_same_seed_gives_same_draws_everywhere():
    set_seed(123)
    first = draws()
    set_seed(123)
    assert draws() == first


def test_different_seeds_give_different_draws():
    set_seed(1)
    a = draws()
    set_seed(2)
    b = draws()
    assert all(x != y for x, y in zip(a, b, strict=True))


def test_returns_seeded_generator():
    g1 = set_seed(7)
    g2 = np.random.default_rng(7)
    np.testing.assert_array_equal(g1.random(3), g2.random(3))


def test_same_seed_same_trained_weights():
    def train():
        set_seed(0)
        model = keras.Sequential(
            [keras.Input((5, 1)), keras.layers.LSTM(4), keras.layers.Dense(1)]
        )
        model.compile(optimizer="adam", loss="mse")
        X = np.random.rand(32, 5, 1).astype("float32")
        model.fit(X, X[:, -1, 0], epochs=2, batch_size=8, verbose=0)
        return model.get_weights()

    for a, b in zip(train(), train(), strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    ("seed", "error", "match"),
    [
        (-1, ValueError, "at least 0"),
        (2**32, ValueError, "too large"),
        (1.5, TypeError, "seed must be an integer"),
        ("42", TypeError, "seed must be an integer"),
        (True, TypeError, "seed must be an integer"),
    ],
)
def test_bad_seed(seed, error, match):
    with pytest.raises(error, match=match):
        set_seed(seed)


def test_bad_deterministic_flag():
    with pytest.raises(TypeError, match="deterministic must be True or False"):
        set_seed(0, deterministic="yes")
