"""Checks for chapters 14 (multiple features), 15 (stacked) and 16 (bidirectional)."""

from __future__ import annotations

import numpy as np

from lstm_course.exercises._core import (
    RETURNED_NONE,
    Feedback,
    LearnerTimeout,
    _emit,
    _timeout_message,
    call_learner,
    run_cases,
)
from lstm_course.models import lstm_param_count


def _stacked_param_count(n_features, units, num_layers, horizon):
    first = lstm_param_count(units, n_features)
    rest = (num_layers - 1) * lstm_param_count(units, units)
    return first + rest + units * horizon + horizon


def _bidirectional_param_count(n_features, units, horizon):
    return (
        2 * lstm_param_count(units, n_features) + 2 * units * horizon + horizon
    )


def check_stacked_param_count(fn) -> Feedback:
    """Check ``fn(n_features, units, num_layers, horizon) -> int`` (chapter 15).

    The parameters of :func:`lstm_course.build_stacked_lstm`: the first LSTM reads
    ``n_features`` values per step, every later one reads the ``units`` outputs of
    the layer below, and a ``Dense(horizon)`` head reads the last layer's state.

    Parameters
    ----------
    fn : callable
        The learner's formula.

    Returns
    -------
    Feedback

    Examples
    --------
    An attempt in which every layer reads the input features:

    >>> def per_layer(f, u, layers, h):
    ...     return layers * 4 * (u * (u + f) + u) + u * h + h
    >>> check_stacked_param_count(per_layer)
    ✗ check_stacked_param_count: values differ from the reference: returned ...
    Feedback(passed=False)
    """
    cases = [
        ("one layer: the plain LSTM model", (1, 50, 1, 1), {}),
        ("two layers, 8 features, 8 outputs", (8, 32, 2, 8), {}),
        ("three layers, 8 features, 8 outputs", (8, 32, 3, 8), {}),
        ("four tiny layers", (3, 2, 4, 5), {}),
    ]
    hints = {
        "values": "layers 2, 3, ... read the units outputs of the layer below, not "
        "the n_features inputs: each is lstm_param_count(units, units). The Dense "
        "head has units * horizon weights and horizon biases.",
    }
    return run_cases(
        "check_stacked_param_count",
        fn,
        _stacked_param_count,
        cases,
        hints=hints,
    )


def check_bidirectional_param_count(fn) -> Feedback:
    """Check ``fn(n_features, units, horizon) -> int`` (chapter 16).

    The parameters of :func:`lstm_course.build_bidirectional_lstm`: two LSTMs of
    ``units`` each (one per direction, with their own weights) and a
    ``Dense(horizon)`` head on their concatenated states.

    Parameters
    ----------
    fn : callable
        The learner's formula.

    Returns
    -------
    Feedback

    Examples
    --------
    An attempt whose Dense head reads one direction only:

    >>> def one_head(f, u, h):
    ...     return 2 * 4 * (u * (u + f) + u) + u * h + h
    >>> check_bidirectional_param_count(one_head)
    ✗ check_bidirectional_param_count: values differ from the reference: ...
    Feedback(passed=False)
    """
    cases = [
        ("1 feature, 50 units, 1 output", (1, 50, 1), {}),
        ("8 features, 32 units, 8 outputs", (8, 32, 8), {}),
        ("3 features, 2 units, 5 outputs", (3, 2, 5), {}),
    ]
    hints = {
        "values": "the backward LSTM has its own weights (2 x lstm_param_count), "
        "and the Dense head reads 2 * units values (both directions' states).",
    }
    return run_cases(
        "check_bidirectional_param_count",
        fn,
        _bidirectional_param_count,
        cases,
        hints=hints,
    )


def check_permute_feature(fn) -> Feedback:
    """Check ``fn(X, column, seed) -> X_permuted`` (chapter 14).

    Permutation importance breaks the link between one feature and the target by
    shuffling that feature's windows across samples, and leaves everything else
    alone. The answer must return a new array of the same shape whose ``column``
    holds the same windows in another order, whose other columns are unchanged,
    and it must not modify ``X`` (windows from ``make_windows`` are read-only).

    Parameters
    ----------
    fn : callable
        The learner's function.

    Returns
    -------
    Feedback

    Examples
    --------
    An attempt that shuffles every column, not just one:

    >>> def permute(X, column, seed):
    ...     return X[np.random.default_rng(seed).permutation(len(X))]
    >>> check_permute_feature(permute)
    ✗ check_permute_feature: changed other columns too; shuffle only the chosen ...
    Feedback(passed=False)
    """
    name = "check_permute_feature"
    if not callable(fn):
        return _emit(
            name, False, [f"expected a function, got {type(fn).__name__}."]
        )
    rng = np.random.default_rng(0)
    base = rng.normal(size=(50, 6, 3))
    for column in (0, 2):
        X = base.copy()
        X.flags.writeable = False  # like the windows of make_windows
        try:
            got = call_learner(fn, (X, column, 1), {})
        except LearnerTimeout:
            return _emit(
                name, False, [f"{_timeout_message()} (column={column})"]
            )
        except Exception as exc:  # a learner's bug is feedback, not a crash
            hint = (
                "copy X first (np.array(X, copy=True)): windows are read-only views."
                if "read-only" in str(exc)
                else "call it as fn(X, column, seed)."
            )
            return _emit(
                name,
                False,
                [f"raised {type(exc).__name__}: {exc}", f"hint: {hint}"],
            )
        if got is None:
            return _emit(name, False, [RETURNED_NONE])
        problem = _permutation_problem(np.asarray(got), base, column)
        if problem:
            return _emit(name, False, [f"{problem} (column={column})"])
    return _emit(
        name, True, ["shuffles one feature's windows and nothing else."]
    )


def _permutation_problem(got, X, column) -> str | None:
    if got.shape != X.shape:
        return f"returned shape {got.shape}, expected {X.shape}"
    others = [c for c in range(X.shape[2]) if c != column]
    if not np.array_equal(got[:, :, others], X[:, :, others]):
        return "changed other columns too; shuffle only the chosen column"
    if np.array_equal(got[:, :, column], X[:, :, column]):
        return "left the column as it was; shuffle its windows across samples"
    rows = {row.tobytes(): 0 for row in X[:, :, column]}
    for row in got[:, :, column]:
        if row.tobytes() not in rows:
            return (
                "the column holds values that are not whole windows of X; shuffle "
                "whole windows (the sample axis), not the time steps inside them"
            )
    if sorted(r.tobytes() for r in got[:, :, column]) != sorted(rows):
        return "some windows appear twice and others not at all; use a permutation"
    return None
