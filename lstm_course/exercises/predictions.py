"""Checks for chapter 10 (predictions and baselines)."""

from __future__ import annotations

import numpy as np

from lstm_course.baselines import seasonal_naive_forecast
from lstm_course.exercises._core import Feedback, run_cases
from lstm_course.metrics import mase
from lstm_course.windows import make_windows


def check_seasonal_naive(fn) -> Feedback:
    """Check ``fn(X, season, horizon)`` against :func:`seasonal_naive_forecast`.

    ``X`` holds windows of shape ``(samples, seq_length, 1)``; the answer must have
    shape ``(samples, horizon)`` (also for ``horizon=1``).

    Parameters
    ----------
    fn : callable
        The learner's seasonal-naive forecast.

    Returns
    -------
    Feedback

    Examples
    --------
    An attempt that repeats the last value (persistence) instead:

    >>> def seasonal(X, season, horizon):
    ...     return np.repeat(X[:, -1:, 0], horizon, axis=1)
    >>> check_seasonal_naive(seasonal)
    ✗ check_seasonal_naive: values differ from the reference (largest difference ...
    Feedback(passed=False)
    """
    series = np.sin(np.arange(60.0) * 2 * np.pi / 7) + np.arange(60.0) / 10
    X12, _ = make_windows(series, 12)
    X7, _ = make_windows(series, 7)

    def reference(X, season, horizon):
        return seasonal_naive_forecast(X, season, horizon).reshape(
            len(X), horizon
        )

    cases = [
        ("season=7, horizon=1", (X12, 7, 1), {}),
        ("season=7, horizon=7", (X12, 7, 7), {}),
        ("season=7, horizon=10 (longer than a season)", (X12, 7, 10), {}),
        ("windows exactly one season long", (X7, 7, 3), {}),
    ]
    hints = {
        "shape": "return one column per forecast step: shape (samples, horizon).",
        "values": "step h (1-based) copies the value one season before it: the "
        "last season of the window is X[:, -season:, 0]; repeat it if horizon > "
        "season.",
        "error": "the last season of each window is X[:, -season:, 0].",
    }
    return run_cases("check_seasonal_naive", fn, reference, cases, hints=hints)


def check_mase(fn) -> Feedback:
    """Check ``fn(y_true, y_pred, y_train, season)`` against :func:`lstm_course.mase`.

    Parameters
    ----------
    fn : callable
        The learner's mean absolute scaled error.

    Returns
    -------
    Feedback

    Examples
    --------
    An attempt that always scales by the one-step naive error:

    >>> def my_mase(y_true, y_pred, y_train, season):
    ...     scale = np.mean(np.abs(np.diff(y_train)))
    ...     return np.mean(np.abs(y_true - y_pred)) / scale
    >>> check_mase(my_mase)
    ✗ check_mase: values differ from the reference (largest difference 0.484) ...
    Feedback(passed=False)
    """
    rng = np.random.default_rng(7)
    y_train = np.sin(np.arange(100.0) * 2 * np.pi / 12) + rng.normal(
        0, 0.3, 100
    )
    y_true = rng.normal(size=20)
    y_pred = y_true + rng.normal(0, 0.5, 20)
    cases = [
        ("season=1", (y_true, y_pred, y_train, 1), {}),
        ("season=12", (y_true, y_pred, y_train, 12), {}),
        ("a perfect forecast", (y_true, y_true.copy(), y_train, 12), {}),
    ]
    hints = {
        "values": "the scale is the mean of |y_train[t] - y_train[t - season]| "
        "over the *training* series only, not over y_true.",
    }
    return run_cases("check_mase", fn, mase, cases, hints=hints)
