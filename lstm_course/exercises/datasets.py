"""Exercise checks for chapters 11 (weather) and 12 (energy)."""

from __future__ import annotations

import numpy as np

from lstm_course.datasets import wind_components
from lstm_course.exercises._core import Feedback, run_cases


def check_wind_components(fn) -> Feedback:
    """Check a learner's ``fn(speed, direction_deg) -> (x, y)`` (chapter 11).

    The reference is :func:`lstm_course.datasets.wind_components`: with the direction in
    degrees, ``x = speed * cos(direction)`` and ``y = speed * sin(direction)``.

    Parameters
    ----------
    fn : callable
        The learner's function.

    Returns
    -------
    Feedback
        Truthy when every case matches.

    Examples
    --------
    An attempt that passes degrees straight to ``np.cos``:

    >>> check_wind_components(lambda s, d: (s * np.cos(d), s * np.sin(d)))
    ✗ check_wind_components: item 0: values differ from the reference (largest ...
    Feedback(passed=False)
    """
    rng = np.random.default_rng(11)
    cases = [
        (
            "a north wind, 5 m/s, from 0°",
            (np.array([5.0]), np.array([0.0])),
            {},
        ),
        (
            "an east wind, 3 m/s, from 90°",
            (np.array([3.0]), np.array([90.0])),
            {},
        ),
        (
            "calm air: speed 0",
            (np.array([0.0, 0.0]), np.array([0.0, 200.0])),
            {},
        ),
        (
            "100 random winds",
            (rng.uniform(0, 15, 100), rng.uniform(0, 360, 100)),
            {},
        ),
    ]
    hints = {
        "values": "turn degrees into radians first (np.deg2rad), and use cos for "
        "x and sin for y.",
        "tuple": "return the two components as a tuple: return x, y.",
        "shape": "compute one x and one y per wind, element-wise.",
    }
    return run_cases(
        "check_wind_components", fn, wind_components, cases, hints=hints
    )


def _day_rows(X, steps_per_day=48):
    X = np.asarray(X)
    n, steps, features = X.shape
    return X.reshape(n, steps // steps_per_day, steps_per_day * features)


def check_day_rows(fn) -> Feedback:
    """Check a learner's ``fn(X, steps_per_day)`` that stacks each day in one row.

    ``X`` has shape ``(samples, days * steps_per_day, features)``; the answer must
    have shape ``(samples, days, steps_per_day * features)``, where row ``d`` of a
    sample holds the ``steps_per_day`` time steps of day ``d`` one after the
    other, all features of a step together (chapter 12).

    Parameters
    ----------
    fn : callable
        The learner's function.

    Returns
    -------
    Feedback
        Truthy when every case matches.

    Examples
    --------
    An attempt that reshapes the steps and features in the wrong order:

    >>> check_day_rows(lambda X, n: X.reshape(len(X), X.shape[2], -1))
    ✗ check_day_rows: returned shape (2, 1, 6), expected (2, 2, 3) (2 samples, 2 ...
    Feedback(passed=False)
    """
    rng = np.random.default_rng(12)
    cases = [
        (
            "2 samples, 2 days of 3 steps, 1 feature",
            (np.arange(12.0).reshape(2, 6, 1), 3),
            {},
        ),
        (
            "1 sample, 7 days of 4 steps, 2 features",
            (np.arange(56.0).reshape(1, 28, 2), 4),
            {},
        ),
        (
            "5 samples, a week of half-hours, 6 features",
            (rng.normal(size=(5, 336, 6)), 48),
            {},
        ),
    ]
    hints = {
        "shape": "the result has one row per day: (samples, days, "
        "steps_per_day * features).",
        "values": "reshape keeps the time order; do not transpose or swap axes "
        "before reshaping.",
    }
    return run_cases("check_day_rows", fn, _day_rows, cases, hints=hints)
