import numpy as np
import pytest

from lstm_course import lstm_param_count
from lstm_course.exercises import (
    check_bidirectional_param_count,
    check_permute_feature,
    check_stacked_param_count,
)
from lstm_course.models import build_bidirectional_lstm, build_stacked_lstm


def stacked(n_features, units, num_layers, horizon):
    first = lstm_param_count(units, n_features)
    return (
        first
        + (num_layers - 1) * lstm_param_count(units, units)
        + (units + 1) * (horizon)
    )


def bidirectional(n_features, units, horizon):
    return 2 * lstm_param_count(units, n_features) + (2 * units + 1) * horizon


def test_reference_formulas_match_keras():
    assert build_stacked_lstm(
        5, 8, units=32, num_layers=3, horizon=8
    ).count_params() == (stacked(8, 32, 3, 8))
    assert build_bidirectional_lstm(5, 8, units=32, horizon=8).count_params() == (
        bidirectional(8, 32, 8)
    )


def test_stacked_check_passes_reference(capsys):
    assert check_stacked_param_count(stacked)
    assert "✓ check_stacked_param_count: all 4 cases" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        # every layer reads the features (forgets that layer 2 reads units)
        (
            lambda f, u, n, h: n * lstm_param_count(u, f) + (u + 1) * h,
            "layers 2, 3, ... read the units outputs",
        ),
        # forgets the Dense head's biases
        (
            lambda f, u, n, h: stacked(f, u, n, h) - h,
            "values differ from the reference",
        ),
        (lambda f, u, n: 0, "raised TypeError"),
    ],
)
def test_stacked_check_explains_wrong_answers(capsys, wrong, message):
    assert not check_stacked_param_count(wrong)
    assert message in capsys.readouterr().out


def test_bidirectional_check(capsys):
    assert check_bidirectional_param_count(bidirectional)
    capsys.readouterr()
    # one direction only
    assert not check_bidirectional_param_count(
        lambda f, u, h: lstm_param_count(u, f) + (u + 1) * h
    )
    out = capsys.readouterr().out
    assert "✗ check_bidirectional_param_count" in out
    assert "the backward LSTM has its own weights" in out
    # head reads units instead of 2 * units
    assert not check_bidirectional_param_count(
        lambda f, u, h: 2 * lstm_param_count(u, f) + (u + 1) * h
    )
    assert "2 * units" in capsys.readouterr().out


def permute(X, column, seed):
    order = np.random.default_rng(seed).permutation(len(X))
    out = np.array(X, copy=True)
    out[:, :, column] = X[order, :, column]
    return out


def test_permute_check_passes_reference(capsys):
    assert check_permute_feature(permute)
    assert "shuffles one feature's windows and nothing else" in capsys.readouterr().out


def in_place(X, column, seed):
    X[:, :, column] = X[::-1, :, column]
    return X


def shuffle_time(X, column, seed):
    out = np.array(X, copy=True)
    out[:, :, column] = X[:, ::-1, column]
    return out


def shuffle_all(X, column, seed):
    return np.array(X, copy=True)[np.random.default_rng(seed).permutation(len(X))]


def with_replacement(X, column, seed):
    out = np.array(X, copy=True)
    out[:, :, column] = X[np.zeros(len(X), dtype=int), :, column]
    return out


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (in_place, "copy X first"),
        (shuffle_time, "not the time steps inside them"),
        (shuffle_all, "changed other columns too"),
        (with_replacement, "some windows appear twice"),
        (lambda X, column, seed: np.array(X), "left the column as it was"),
        (lambda X, column, seed: X[:, :, column], "returned shape"),
        ("permute", "expected a function"),
    ],
)
def test_permute_check_explains_wrong_answers(capsys, wrong, message):
    assert not check_permute_feature(wrong)
    out = capsys.readouterr().out
    assert "✗ check_permute_feature" in out
    assert message in out
