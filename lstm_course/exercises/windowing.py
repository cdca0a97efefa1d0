"""Checks for chapter 7 (windowing)."""

from __future__ import annotations

import numpy as np

from lstm_course.exercises._core import Feedback, run_cases
from lstm_course.windows import make_windows


def _windows_1d(series, seq_length):
    X, y = make_windows(np.asarray(series), seq_length)
    return X[:, :, 0], y


def check_windows_1d(fn) -> Feedback:
    """Check ``fn(series, seq_length) -> (X, y)`` against :func:`make_windows`.

    ``X`` must have shape ``(len(series) - seq_length, seq_length)`` (one row per
    window) and ``y`` shape ``(len(series) - seq_length,)``, the value right after
    each window.

    Parameters
    ----------
    fn : callable
        The learner's windowing function for a 1-D series.

    Returns
    -------
    Feedback
        Truthy when every case matches.

    Examples
    --------
    An attempt whose targets are one step too early:

    >>> from numpy.lib.stride_tricks import sliding_window_view
    >>> def windows_1d(series, seq_length):
    ...     windows = sliding_window_view(series[:-1], seq_length)
    ...     return windows, series[seq_length - 1 : -1]
    >>> check_windows_1d(windows_1d)
    ✗ check_windows_1d: item 1: values differ from the reference (largest ...
    Feedback(passed=False)
    """
    cases = [
        (
            "a sine of 20 points, seq_length=3",
            (np.sin(np.arange(20.0)), 3),
            {},
        ),
        ("0..9 with seq_length=1", (np.arange(10.0), 1), {}),
        (
            "exactly one window: 0..5 with seq_length=5",
            (np.arange(6.0), 5),
            {},
        ),
    ]
    hints = {
        "shape": "a series of n points gives n - seq_length windows: the last "
        "window must still have a value after it.",
        "values": "window i is series[i : i + seq_length] and its target is "
        "series[i + seq_length], the first value *after* the window.",
        "error": "slice the series so that every window has a target after it.",
    }
    return run_cases("check_windows_1d", fn, _windows_1d, cases, hints=hints)
