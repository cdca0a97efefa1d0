"""Checks for chapter 9 (training)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from lstm_course._validation import check_int
from lstm_course.exercises._core import Feedback, run_cases


def _early_stopping_epochs(
    val_losses: Sequence[float], patience: int
) -> tuple:
    """What ``keras.callbacks.EarlyStopping`` would do with these losses.

    The reference answer of the chapter's exercise: private, so that the API
    reference does not publish it.

    With ``monitor="val_loss"``, ``min_delta=0`` and ``restore_best_weights=True``:
    training stops once the validation loss has not improved (strictly) for
    ``patience`` epochs in a row, and the weights of the best epoch come back.

    Parameters
    ----------
    val_losses : sequence of float
        The validation loss after each epoch of a run without early stopping.
    patience : int
        Epochs without improvement to wait before stopping (at least 1).

    Returns
    -------
    (best_epoch, epochs_run) : tuple of int
        The 0-based epoch whose weights are restored, and how many epochs ran.

    Examples
    --------
    >>> _early_stopping_epochs([1.0, 0.5, 0.6, 0.7, 0.4], patience=2)
    (1, 4)
    """
    patience = check_int(patience, "patience", minimum=1)
    losses = np.asarray(val_losses, dtype=float)
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, loss in enumerate(losses):
        wait += 1
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
            continue
        if wait >= patience and epoch > 0:
            return best_epoch, epoch + 1
    return best_epoch, len(losses)


def check_early_stopping_epochs(fn) -> Feedback:
    """Check ``fn(val_losses, patience) -> (best_epoch, epochs_run)``.

    Parameters
    ----------
    fn : callable
        The learner's simulation of early stopping.

    Returns
    -------
    Feedback

    Examples
    --------
    An attempt that never stops early:

    >>> check_early_stopping_epochs(
    ...     lambda losses, patience: (int(np.argmin(losses)), len(losses))
    ... )
    ✗ check_early_stopping_epochs: item 0: values differ from the reference: ...
    Feedback(passed=False)
    """
    cases = [
        ("a loss that keeps falling", ([5.0, 4.0, 3.0, 2.0, 1.0], 2), {}),
        (
            "a minimum at epoch 1, patience 2",
            ([1.0, 0.5, 0.6, 0.7, 0.4], 2),
            {},
        ),
        ("a tie is not an improvement", ([1.0, 0.8, 0.8, 0.8, 0.1], 2), {}),
        ("patience 3", ([3.0, 2.0, 2.5, 1.5, 1.6, 1.7, 1.8, 1.0], 3), {}),
    ]
    hints = {
        "values": "count epochs since the last strict improvement; stop when the "
        "count reaches patience. Epochs are numbered from 0, epochs_run from 1.",
        "tuple": "return two numbers: (best_epoch, epochs_run).",
    }
    return run_cases(
        "check_early_stopping_epochs",
        fn,
        _early_stopping_epochs,
        cases,
        hints=hints,
    )
