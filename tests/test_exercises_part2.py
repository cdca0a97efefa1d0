"""The exercise checks of chapters 7-10: pass the reference, explain wrong answers."""

import keras
import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from lstm_course import lstm_param_count, mase, seasonal_naive_forecast
from lstm_course.exercises import (
    check_early_stopping_epochs,
    check_lstm_param_count,
    check_mase,
    check_seasonal_naive,
    check_windows_1d,
)
from lstm_course.exercises.training import (
    _early_stopping_epochs as early_stopping_epochs,
)


def slides_loop(data, seq_length):
    X, y = [], []
    for i in range(len(data) - seq_length):
        X.append(data[i : i + seq_length])
        y.append(data[i + seq_length])
    return np.array(X), np.array(y)


def test_windows_1d_passes_good_answers(capsys):
    assert check_windows_1d(slides_loop)
    assert check_windows_1d(
        lambda s, k: (sliding_window_view(s[:-1], k), s[k:])  # the view version
    )
    assert "all 3 cases match" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        # one window too many: the last one has no target
        (
            lambda s, k: (sliding_window_view(s, k), s[k:]),
            "item 0: returned shape (18, 3), expected (17, 3)",
        ),
        # target is the last value of the window, not the next one
        (
            lambda s, k: (sliding_window_view(s[:-1], k), s[k - 1 : -1]),
            "item 1: values differ",
        ),
        (lambda s, k: sliding_window_view(s[:-1], k), "expected a tuple of 2"),
    ],
)
def test_windows_1d_explains_wrong_answers(answer, message, capsys):
    assert not check_windows_1d(answer)
    out = capsys.readouterr().out
    assert message in out
    assert "hint:" in out or "tuple" in out


def test_param_count_check(capsys):
    assert check_lstm_param_count(lstm_param_count)
    assert not check_lstm_param_count(lambda u, f: 3 * (u * (u + f) + u))
    assert "4 blocks" in capsys.readouterr().out
    assert not check_lstm_param_count(lambda u, f: 4 * u * (u + f))
    assert "values differ" in capsys.readouterr().out


def run_keras_early_stopping(val_losses, patience):
    """Drive the real callback with a fixed sequence of validation losses."""
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    weights = []
    callback = keras.callbacks.EarlyStopping(
        monitor="val_loss", patience=patience, restore_best_weights=True
    )
    callback.set_model(model)
    model.stop_training = False  # fit() sets this; here we drive the callback
    callback.on_train_begin()
    epochs_run = len(val_losses)
    for epoch, loss in enumerate(val_losses):
        model.layers[0].set_weights([np.full((1, 1), epoch, "float32"), np.zeros(1)])
        weights.append(epoch)
        callback.on_epoch_end(epoch, {"val_loss": loss})
        if model.stop_training:
            epochs_run = epoch + 1
            break
    callback.on_train_end()
    restored = int(model.layers[0].get_weights()[0][0, 0])
    return restored, epochs_run


@pytest.mark.parametrize(
    ("losses", "patience"),
    [
        ([5.0, 4.0, 3.0, 2.0, 1.0], 2),
        ([1.0, 0.5, 0.6, 0.7, 0.4], 2),
        ([1.0, 0.8, 0.8, 0.8, 0.1], 2),
        ([3.0, 2.0, 2.5, 1.5, 1.6, 1.7, 1.8, 1.0], 3),
        ([1.0, 2.0, 3.0], 1),
    ],
)
def test_early_stopping_reference_matches_keras(losses, patience):
    expected = run_keras_early_stopping(losses, patience)
    assert early_stopping_epochs(losses, patience) == expected


def test_early_stopping_check(capsys):
    assert check_early_stopping_epochs(early_stopping_epochs)
    capsys.readouterr()
    # uses argmin over *all* epochs: ignores that training stopped
    assert not check_early_stopping_epochs(lambda v, p: (int(np.argmin(v)), len(v)))
    assert "values differ" in capsys.readouterr().out
    # returns only the best epoch
    assert not check_early_stopping_epochs(lambda v, p: int(np.argmin(v)))
    assert "expected a tuple of 2" in capsys.readouterr().out


def test_seasonal_naive_check(capsys):
    assert check_seasonal_naive(
        lambda X, m, h: seasonal_naive_forecast(X, m, h).reshape(len(X), h)
    )
    capsys.readouterr()
    # persistence instead of seasonal naive
    assert not check_seasonal_naive(lambda X, m, h: np.repeat(X[:, -1:, 0], h, 1))
    out = capsys.readouterr().out
    assert "values differ" in out and "one season before" in out
    # 1-D output for horizon=1
    assert not check_seasonal_naive(lambda X, m, h: X[:, -m, 0])
    assert "returned shape (48,), expected (48, 1)" in capsys.readouterr().out


def test_mase_check(capsys):
    assert check_mase(mase)
    capsys.readouterr()
    # scaled by the naive error on the *test* values instead of the training series
    assert not check_mase(
        lambda t, p, tr, m: np.mean(np.abs(t - p)) / np.mean(np.abs(np.diff(t)))
    )
    out = capsys.readouterr().out
    assert "values differ" in out and "training" in out
    # ignores the season
    assert not check_mase(lambda t, p, tr, m: mase(t, p, tr, 1))
    assert "season=12" in capsys.readouterr().out
