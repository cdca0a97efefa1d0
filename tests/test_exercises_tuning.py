"""The exercise check of chapter 13: pass the reference, explain wrong answers."""

import math

import pytest

from lstm_course.exercises import check_hyperband_cost
from lstm_course.exercises.tuning import _hyperband_cost as hyperband_cost


def learner_answer(max_epochs, factor):
    """A from-scratch solution, written the way the chapter's exercise asks."""
    brackets, e = 0, max_epochs
    while e >= 1:
        e /= factor
        brackets += 1
    s = math.ceil(1 + math.log(max_epochs, factor))
    trials = epochs = 0
    for b in range(brackets):
        done = 0
        for r in range(b + 1):
            n = math.ceil(s / (b + 1) * factor ** (b - r))
            upto = math.ceil(max_epochs / factor ** (b - r))
            trials += n
            epochs += n * (upto - done)
            done = upto
    return trials, epochs


def test_passes_the_reference_and_a_from_scratch_answer(capsys):
    assert check_hyperband_cost(hyperband_cost)
    assert check_hyperband_cost(learner_answer)
    assert "all 5 cases match" in capsys.readouterr().out


def forgets_resumption(max_epochs, factor):
    trials, _ = learner_answer(max_epochs, factor)
    # Counts every promoted model's epochs from zero.
    brackets, e = 0, max_epochs
    while e >= 1:
        e /= factor
        brackets += 1
    s = math.ceil(1 + math.log(max_epochs, factor))
    epochs = sum(
        math.ceil(s / (b + 1) * factor ** (b - r))
        * math.ceil(max_epochs / factor ** (b - r))
        for b in range(brackets)
        for r in range(b + 1)
    )
    return trials, epochs


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (forgets_resumption, "item 1: values differ"),
        (lambda m, f: (m * f, m), "item 0: values differ"),  # a guess
        (lambda m, f: learner_answer(m, f)[0], "expected a tuple of 2"),
    ],
)
def test_explains_wrong_answers(answer, message, capsys):
    feedback = check_hyperband_cost(answer)
    out = capsys.readouterr().out
    assert not feedback
    assert message in out
    assert "hint:" in out or "tuple" in message
