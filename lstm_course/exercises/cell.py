"""Checks for the exercises of chapters 3 to 6: write the LSTM cell yourself.

Each check calls the learner's function on a single sample and on a batch, with
small random weights, compares it with :mod:`lstm_course.cell`, and prints what is
wrong and a hint. Overflow in NumPy counts as an error here, so the textbook
``1 / (1 + np.exp(-x))`` is caught on large inputs.

>>> from lstm_course.cell import forget_gate
>>> check_forget_gate(forget_gate)
✓ check_forget_gate: all 4 cases match the reference.
Feedback(passed=True)
"""

from __future__ import annotations

import functools

import numpy as np

from lstm_course import cell
from lstm_course.exercises._core import Feedback, run_cases

UNITS, N_FEATURES, BATCH = 4, 3, 5

_MATRIX_HINT = (
    "is your weight a matrix? A gate returns one value per unit: use W of shape "
    "(units, units + n_features) and W @ [h_prev, x_t] (or hx @ W.T for a batch), "
    "not a dot product with a vector."
)
_BATCH_HINT = (
    "does it work for a batch? With h_prev of shape (batch, units) concatenate "
    "along the last axis, np.concatenate([h_prev, x_t], axis=-1), and multiply "
    "as hx @ W.T."
)
_OVERFLOW_HINT = (
    "if NumPy reported an overflow, your sigmoid computes np.exp(-x) for a large "
    "negative x: use lstm_course.sigmoid or a stable formula."
)


def _strict(fn):
    """``fn`` with NumPy overflow and invalid values turned into errors."""

    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        with np.errstate(over="raise", invalid="raise"):
            return fn(*args, **kwargs)

    return wrapped


def _run(name, answer, reference, cases, hints) -> Feedback:
    if callable(answer):
        answer = _strict(answer)
    return run_cases(name, answer, reference, cases, hints=hints)


def _gate_inputs(rng, batch=None, scale=0.5):
    lead = () if batch is None else (batch,)
    h = rng.uniform(-1, 1, size=(*lead, UNITS))
    x = rng.normal(size=(*lead, N_FEATURES))
    W = rng.normal(scale=scale, size=(UNITS, UNITS + N_FEATURES))
    b = rng.normal(scale=scale, size=UNITS)
    return h, x, W, b


def check_sigmoid(fn) -> Feedback:
    """Check a learner's sigmoid, including on inputs as large as 1000.

    Parameters
    ----------
    fn : callable
        ``fn(x)`` returning the logistic function of an array, elementwise.

    Returns
    -------
    Feedback
        Truthy when every case matches :func:`lstm_course.cell.sigmoid`.

    Examples
    --------
    >>> _ = check_sigmoid(lambda x: 1 / (1 + np.exp(-x)))
    ✗ check_sigmoid: raised FloatingPointError: overflow encountered in exp ...
      hint: if NumPy reported an overflow, your sigmoid computes np.exp(-x) ...
    """
    cases = [
        ("a few small values", (np.linspace(-5, 5, 11),), {}),
        ("a matrix", (np.arange(-6.0, 6.0).reshape(3, 4),), {}),
        ("large negative inputs", (np.array([-1000.0, -750.0, -100.0]),), {}),
        ("large positive inputs", (np.array([100.0, 750.0, 1000.0]),), {}),
    ]
    hints = {
        "error": _OVERFLOW_HINT,
        "shape": "apply it elementwise; do not sum.",
    }
    return _run("check_sigmoid", fn, cell.sigmoid, cases, hints)


def check_forget_gate(fn) -> Feedback:
    """Check ``fn(h_prev, x_t, W_f, b_f)`` against :func:`lstm_course.forget_gate`.

    Parameters
    ----------
    fn : callable
        The learner's forget gate.

    Returns
    -------
    Feedback
        Truthy when every case passed.
    """
    rng = np.random.default_rng(3)
    big_bias = _gate_inputs(rng)
    big_bias = (*big_bias[:3], np.array([-800.0, -20.0, 20.0, 800.0]))
    cases = [
        ("one sample, units=4, n_features=3", _gate_inputs(rng), {}),
        ("another sample", _gate_inputs(rng, scale=1.0), {}),
        ("a batch of 5", _gate_inputs(rng, batch=BATCH), {}),
        ("very large biases", big_bias, {}),
    ]
    hints = {
        "shape": _MATRIX_HINT,
        "values": "concatenate [h_prev, x_t] in that order, add b_f, then sigmoid.",
        "error": f"{_BATCH_HINT} Also, {_OVERFLOW_HINT}",
    }
    return _run("check_forget_gate", fn, cell.forget_gate, cases, hints)


def check_input_gate(fn) -> Feedback:
    """Check ``fn(h_prev, x_t, W_i, b_i, W_c, b_c)`` returning ``(i_t, c_tilde)``.

    Parameters
    ----------
    fn : callable
        The learner's input gate and candidate.

    Returns
    -------
    Feedback
        Truthy when every case matches :func:`lstm_course.input_gate`.
    """
    rng = np.random.default_rng(4)

    def args(batch=None):
        h, x, W_i, b_i = _gate_inputs(rng, batch)
        _, _, W_c, b_c = _gate_inputs(rng, batch)
        return (h, x, W_i, b_i, W_c, b_c)

    cases = [("one sample", args(), {}), ("a batch of 5", args(BATCH), {})]
    hints = {
        "tuple": "return two arrays: (i_t, c_tilde).",
        "shape": _MATRIX_HINT,
        "item 0: values": "i_t = sigmoid(W_i @ [h_prev, x_t] + b_i).",
        "item 1: values": "the candidate uses tanh, not sigmoid, and W_c, b_c.",
        "error": _BATCH_HINT,
    }
    return _run("check_input_gate", fn, cell.input_gate, cases, hints)


def check_cell_update(fn) -> Feedback:
    """Check ``fn(c_prev, f_t, i_t, c_tilde)`` against the cell-state update.

    Parameters
    ----------
    fn : callable
        The learner's :func:`lstm_course.update_cell_state`.

    Returns
    -------
    Feedback
        Truthy when every case passed.
    """
    rng = np.random.default_rng(5)

    def args(shape):
        return (
            rng.normal(size=shape),
            rng.uniform(size=shape),
            rng.uniform(size=shape),
            rng.uniform(-1, 1, size=shape),
        )

    cases = [("one sample of 4 units", args((UNITS,)), {})]
    cases.append(("a batch of 5", args((BATCH, UNITS)), {}))
    hints = {
        "shape": "every product is elementwise (*), one value per unit; not np.dot.",
        "values": "c_t = f_t * c_prev + i_t * c_tilde: forget some, then add some.",
    }
    return _run("check_cell_update", fn, cell.update_cell_state, cases, hints)


def check_output_gate(fn) -> Feedback:
    """Check ``fn(h_prev, x_t, c_t, W_o, b_o)`` returning the new hidden state.

    Parameters
    ----------
    fn : callable
        The learner's :func:`lstm_course.output_gate`.

    Returns
    -------
    Feedback
        Truthy when every case passed.
    """
    rng = np.random.default_rng(6)

    def args(batch=None):
        h, x, W, b = _gate_inputs(rng, batch)
        c = rng.normal(scale=2.0, size=h.shape)
        return (h, x, c, W, b)

    cases = [("one sample", args(), {}), ("a batch of 5", args(BATCH), {})]
    hints = {
        "shape": _MATRIX_HINT,
        "values": "h_t = o_t * tanh(c_t), "
        "with o_t = sigmoid(W_o @ [h_prev, x_t] + b_o).",
        "error": _BATCH_HINT,
    }
    return _run("check_output_gate", fn, cell.output_gate, cases, hints)


def check_lstm_step(fn) -> Feedback:
    """Check ``fn(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias)``.

    The weights are in Keras' layout (gates side by side in the order i, f, c, o)
    and ``fn`` must return ``(h_t, c_t)``.

    Parameters
    ----------
    fn : callable
        The learner's :func:`lstm_course.lstm_step`.

    Returns
    -------
    Feedback
        Truthy when every case passed.
    """
    rng = np.random.default_rng(7)

    def args(batch=None):
        lead = () if batch is None else (batch,)
        return (
            rng.normal(size=(*lead, N_FEATURES)),
            rng.uniform(-1, 1, size=(*lead, UNITS)),
            rng.normal(size=(*lead, UNITS)),
            rng.normal(scale=0.5, size=(N_FEATURES, 4 * UNITS)),
            rng.normal(scale=0.5, size=(UNITS, 4 * UNITS)),
            rng.normal(scale=0.5, size=4 * UNITS),
        )

    cases = [("one sample", args(), {}), ("a batch of 5", args(BATCH), {})]
    hints = {
        "tuple": "return two arrays: (h_t, c_t).",
        "shape": "z = x_t @ kernel + h_prev @ recurrent_kernel + bias has 4 * units "
        "columns; split it into four blocks of units columns.",
        "values": "Keras' gate order is i, f, c, o; return (h_t, c_t) in that order.",
        "error": "x_t @ kernel needs kernel of shape (n_features, 4 * units).",
    }
    return _run("check_lstm_step", fn, cell.lstm_step, cases, hints)
