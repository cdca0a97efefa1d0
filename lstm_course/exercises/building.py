"""Checks for chapter 8 (building a model)."""

from __future__ import annotations

from lstm_course.exercises._core import Feedback, run_cases
from lstm_course.models import lstm_param_count


def check_lstm_param_count(fn) -> Feedback:
    """Check ``fn(units, n_features) -> int``, the parameters of one LSTM layer.

    Parameters
    ----------
    fn : callable
        The learner's formula.

    Returns
    -------
    Feedback

    Examples
    --------
    A formula that forgets the biases:
    >>> check_lstm_param_count(lambda u, f: 4 * u * (u + f))
    ✗ check_lstm_param_count: values differ from the reference: returned 10200, ...
    Feedback(passed=False)
    """
    cases = [
        ("units=50, n_features=1 (the slides' model)", (50, 1), {}),
        ("units=1, n_features=1", (1, 1), {}),
        ("units=32, n_features=3", (32, 3), {}),
        ("units=8, n_features=20", (8, 20), {}),
    ]
    hints = {
        "values": "there are 4 blocks (forget, input, output gates and the "
        "candidate); each has a (units x (units + n_features)) weight matrix "
        "acting on [h_prev, x] and a bias of units.",
    }
    return run_cases(
        "check_lstm_param_count", fn, lstm_param_count, cases, hints=hints
    )
