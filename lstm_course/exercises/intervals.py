"""Checks for the chapter "How sure is the forecast?" (prediction intervals)."""

from __future__ import annotations

import numpy as np

from lstm_course.exercises._core import Feedback, compare, run_cases
from lstm_course.intervals import pinball_loss

_GENERAL = (
    "with the error e = y_true - y_pred, the loss is the mean of "
    "max(quantile * e, (quantile - 1) * e): a value above the forecast costs "
    "quantile per unit, one below it (1 - quantile) per unit."
)

# Typical wrong answers, each with the advice that fixes it.
_MISTAKES = [
    (
        lambda t, p, q: pinball_loss(t, p, 1 - q),
        "the sign is flipped: use e = y_true - y_pred (not y_pred - y_true), so "
        "that a value above the forecast costs quantile per unit.",
    ),
    (
        lambda t, p, q: q * np.mean(np.abs(t - p)),
        "both sides of the error cost the same here; a value below the forecast "
        "costs (1 - quantile) per unit, one above it quantile per unit.",
    ),
    (
        lambda t, p, q: np.mean(np.maximum(q * (t - p), 0.0)),
        "only values above the forecast are counted; values below it cost "
        "(1 - quantile) per unit too: max(quantile * e, (quantile - 1) * e).",
    ),
    (
        lambda t, p, q: np.size(t) * pinball_loss(t, p, q),
        "this is the sum over all values; return the mean.",
    ),
]


def _diagnose(fn, cases) -> str:
    """The advice for the first typical mistake ``fn`` matches, else general."""
    for _, args, _ in cases:
        try:
            got = fn(*args)
        except Exception:  # run_cases reports the error itself
            return _GENERAL
        if compare(got, pinball_loss(*args)) is None:
            continue
        for wrong, advice in _MISTAKES:
            if compare(got, wrong(*args)) is None:
                return advice
        return _GENERAL
    return _GENERAL


def check_pinball_loss(fn) -> Feedback:
    """Check ``fn(y_true, y_pred, quantile)`` against :func:`lstm_course.pinball_loss`.

    The answer must return the *mean* pinball loss (a number) of arrays of any
    shape, for any level strictly between 0 and 1. A wrong answer gets a hint
    for the usual mistakes: a flipped sign, one cost for both sides, a missing
    side, or a sum instead of a mean.

    Parameters
    ----------
    fn : callable
        The learner's pinball loss.

    Returns
    -------
    Feedback

    Examples
    --------
    An attempt with the sign of the error the wrong way round:

    >>> def my_pinball(y_true, y_pred, quantile):
    ...     e = np.asarray(y_pred) - np.asarray(y_true)
    ...     return np.mean(np.maximum(quantile * e, (quantile - 1) * e))
    >>> check_pinball_loss(my_pinball)
    ✗ check_pinball_loss: values differ from the reference (largest difference ...
    Feedback(passed=False)
    """
    rng = np.random.default_rng(11)
    y_true = rng.normal(10.0, 2.0, size=50)
    y_pred = np.full(50, 10.0)
    y_2d = rng.normal(size=(8, 3))
    cases = [
        (
            "quantile=0.9, forecasts too low and too high",
            (y_true, y_pred, 0.9),
            {},
        ),
        ("quantile=0.1", (y_true, y_pred, 0.1), {}),
        (
            "quantile=0.5 (half the mean absolute error)",
            (y_true, y_pred, 0.5),
            {},
        ),
        (
            "arrays of shape (8, 3), quantile=0.75",
            (y_2d, 0.5 * y_2d, 0.75),
            {},
        ),
        ("a perfect forecast", (y_true, y_true.copy(), 0.9), {}),
    ]
    hints = {
        "values": _diagnose(fn, cases) if callable(fn) else _GENERAL,
        "shape": "return one number: the mean over all values.",
        "error": "turn the inputs into arrays with np.asarray, then use "
        "np.maximum (elementwise), not max.",
    }
    return run_cases(
        "check_pinball_loss", fn, pinball_loss, cases, hints=hints
    )
