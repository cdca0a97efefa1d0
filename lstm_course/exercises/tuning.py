"""Checks for chapter 13 (hyperparameter tuning)."""

from __future__ import annotations

from lstm_course.exercises._core import Feedback, run_cases
from lstm_course.tuning.search import hyperband_budget


def _hyperband_cost(max_epochs: int, factor: int) -> tuple[int, int]:
    """The reference answer: ``(trials, epochs)`` one Hyperband iteration trains.

    Private, so that the API reference does not publish the exercise's answer.

    Examples
    --------
    >>> _hyperband_cost(2, 2)
    (5, 7)
    """
    budget = hyperband_budget(max_epochs, factor)
    return int(budget["trials"].sum()), int(budget["total_epochs"].sum())


def check_hyperband_cost(fn) -> Feedback:
    """Check ``fn(max_epochs, factor) -> (trials, epochs)`` for one Hyperband run.

    ``trials`` counts every model KerasTuner trains (a model promoted to a later
    round counts again, as KerasTuner gives it a new trial); ``epochs`` counts
    the epochs actually run (a promoted model resumes from its checkpoint).

    Parameters
    ----------
    fn : callable
        The learner's function.

    Returns
    -------
    Feedback

    Examples
    --------
    An attempt that counts one model per epoch:

    >>> check_hyperband_cost(lambda m, f: (m, m * f))
    ✗ check_hyperband_cost: item 0: values differ from the reference: returned ...
    Feedback(passed=False)
    """
    cases = [
        ("max_epochs=2, factor=2", (2, 2), {}),
        ("max_epochs=3, factor=3 (the chapter's)", (3, 3), {}),
        ("max_epochs=9, factor=3", (9, 3), {}),
        ("max_epochs=10, factor=2", (10, 2), {}),
        ("max_epochs=50, factor=3 (the slide's)", (50, 3), {}),
    ]
    hints = {
        "item 0": "count the brackets as KerasTuner does: divide max_epochs by "
        "factor until it drops below 1; in bracket b, round r trains "
        "ceil(s / (b + 1) * factor**(b - r)) models, s = ceil(1 + log(max_epochs, "
        "factor)).",
        "item 1": "a promoted model resumes from its checkpoint: count only the "
        "epochs it adds, ceil(max_epochs / factor**(b - r)) minus the previous "
        "round's.",
        "tuple": "return two numbers: (trials, epochs).",
    }
    return run_cases(
        "check_hyperband_cost", fn, _hyperband_cost, cases, hints=hints
    )
