import numpy as np
import pytest

import lstm_course as lc
from lstm_course.exercises import (
    check_cell_update,
    check_forget_gate,
    check_input_gate,
    check_lstm_step,
    check_output_gate,
    check_sigmoid,
)


# Typical wrong answers a learner writes.
def slide_forget_gate(h_prev, x_t, W_f, b_f):
    """The outline's version: a weight vector, so one number for all units."""
    hx = np.concatenate([h_prev, x_t], axis=-1)
    return lc.sigmoid(np.atleast_1d(np.dot(hx, W_f[0]) + b_f[0]))


def swapped_forget_gate(h_prev, x_t, W_f, b_f):
    return lc.sigmoid(np.concatenate([x_t, h_prev], axis=-1) @ W_f.T + b_f)


def unbatched_forget_gate(h_prev, x_t, W_f, b_f):
    return lc.sigmoid(W_f @ np.concatenate([h_prev, x_t]) + b_f)


def naive_sigmoid_forget_gate(h_prev, x_t, W_f, b_f):
    z = np.concatenate([h_prev, x_t], axis=-1) @ W_f.T + b_f
    return 1 / (1 + np.exp(-z))


def sigmoid_candidate(h_prev, x_t, W_i, b_i, W_c, b_c):
    i_t, _ = lc.input_gate(h_prev, x_t, W_i, b_i, W_c, b_c)
    return i_t, lc.sigmoid(np.concatenate([h_prev, x_t], axis=-1) @ W_c.T + b_c)


def only_i(h_prev, x_t, W_i, b_i, W_c, b_c):
    return lc.input_gate(h_prev, x_t, W_i, b_i, W_c, b_c)[0]


def output_without_tanh(h_prev, x_t, c_t, W_o, b_o):
    o = lc.sigmoid(np.concatenate([h_prev, x_t], axis=-1) @ W_o.T + b_o)
    return o * c_t


def step_wrong_gate_order(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    z = x_t @ kernel + h_prev @ recurrent_kernel + bias
    i, c_hat, f, o = np.split(z, 4, axis=-1)  # TF1's i, c, f, o order
    c = lc.sigmoid(f) * c_prev + lc.sigmoid(i) * np.tanh(c_hat)
    return lc.sigmoid(o) * np.tanh(c), c


def step_swapped_outputs(*args):
    h, c = lc.lstm_step(*args)
    return c, h


@pytest.mark.parametrize(
    ("check", "reference"),
    [
        (check_sigmoid, lc.sigmoid),
        (check_forget_gate, lc.forget_gate),
        (check_input_gate, lc.input_gate),
        (check_cell_update, lc.update_cell_state),
        (check_output_gate, lc.output_gate),
        (check_lstm_step, lc.lstm_step),
    ],
)
def test_reference_passes(check, reference, capsys):
    assert check(reference)
    assert "✓" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("check", "wrong", "expected_lines"),
    [
        (
            check_sigmoid,
            lambda x: 1 / (1 + np.exp(-x)),
            [
                "raised FloatingPointError: overflow",
                "hint: if NumPy reported an overflow",
            ],
        ),
        (check_sigmoid, lambda x: np.tanh(x), ["values differ"]),
        (
            check_forget_gate,
            slide_forget_gate,
            ["returned shape (1,), expected (4,)", "hint: is your weight a matrix?"],
        ),
        (
            check_forget_gate,
            swapped_forget_gate,
            ["values differ", "hint: concatenate [h_prev, x_t] in that order"],
        ),
        (
            check_forget_gate,
            unbatched_forget_gate,
            ["(a batch of 5)", "does it work for a batch?"],
        ),
        (
            check_forget_gate,
            naive_sigmoid_forget_gate,
            ["overflow", "(very large biases)"],
        ),
        (check_input_gate, sigmoid_candidate, ["item 1: values differ", "uses tanh"]),
        (check_input_gate, only_i, ["expected a tuple of 2", "(i_t, c_tilde)"]),
        (
            check_cell_update,
            lambda c, f, i, ct: f * c + ct,
            ["values differ", "c_t = f_t * c_prev + i_t * c_tilde"],
        ),
        (
            check_cell_update,
            lambda c, f, i, ct: np.dot(f, c) + np.dot(i, ct),
            ["returned shape (), expected (4,)", "elementwise"],
        ),
        (
            check_output_gate,
            output_without_tanh,
            ["values differ", "h_t = o_t * tanh(c_t)"],
        ),
        (
            check_lstm_step,
            step_wrong_gate_order,
            ["values differ", "gate order is i, f, c, o"],
        ),
        (
            check_lstm_step,
            step_swapped_outputs,
            ["item 0: values differ", "(h_t, c_t)"],
        ),
        (check_lstm_step, "not a function", ["expected a function, got str"]),
    ],
)
def test_wrong_answers_fail_with_a_helpful_message(
    check, wrong, expected_lines, capsys
):
    result = check(wrong)
    out = capsys.readouterr().out
    assert not result
    assert out.startswith("✗")
    for line in expected_lines:
        assert line in out, out
