"""The machinery shared by every exercise check: run cases, compare, explain."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

PASS = "✓"
FAIL = "✗"


@dataclass
class Feedback:
    """The outcome of a check: truthy when the answer passed.

    Attributes
    ----------
    passed : bool
        True when every case matched the reference.
    messages : list of str
        What was printed, one line per finding.
    """

    passed: bool
    messages: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return f"Feedback(passed={self.passed})"


def _emit(name: str, passed: bool, lines: list[str]) -> Feedback:
    head = f"{PASS if passed else FAIL} {name}: "
    text = [head + lines[0]] + [f"  {line}" for line in lines[1:]]
    print("\n".join(text))
    return Feedback(passed, text)


def compare(got, expected, *, rtol: float = 1e-5, atol: float = 1e-6) -> str | None:
    """Explain how ``got`` differs from ``expected``, or return None if they match.

    Compares types loosely (anything NumPy can turn into an array), then shapes,
    then values.

    Examples
    --------
    >>> compare(np.ones(3), np.ones(3)) is None
    True
    >>> compare(np.ones(1), np.ones(4))
    'returned shape (1,), expected (4,)'
    """
    try:
        got_arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return f"returned {type(got).__name__} {got!r:.60}, expected a number or array"
    exp_arr = np.asarray(expected, dtype=float)
    if got_arr.shape != exp_arr.shape:
        return f"returned shape {got_arr.shape}, expected {exp_arr.shape}"
    if not np.allclose(got_arr, exp_arr, rtol=rtol, atol=atol, equal_nan=True):
        worst = float(np.max(np.abs(got_arr - exp_arr)))
        return f"values differ from the reference (largest difference {worst:.3g})"
    return None


def run_cases(
    name: str,
    answer: Callable,
    reference: Callable,
    cases: Iterable[tuple[str, tuple, dict]],
    *,
    hints: dict[str, str] | None = None,
    rtol: float = 1e-5,
    atol: float = 1e-6,
) -> Feedback:
    """Run ``answer`` and ``reference`` on each case and report the first mismatch.

    Parameters
    ----------
    name : str
        The check's name, printed first (for example ``"check_forget_gate"``).
    answer, reference : callable
        The learner's function and the package's reference implementation.
    cases : iterable of (label, args, kwargs)
        Inputs to call both with; ``label`` says in words what the case is.
    hints : dict, optional
        Extra advice keyed by a word that may appear in the mismatch message
        (``"shape"``, ``"values"``, ``"error"``).
    rtol, atol : float
        Tolerances for :func:`numpy.allclose`.

    Returns
    -------
    Feedback
    """
    if not callable(answer):
        return _emit(
            name, False, [f"expected a function, got {type(answer).__name__}."]
        )
    hints = hints or {}
    n = 0
    for label, args, kwargs in cases:
        n += 1
        expected = reference(*args, **kwargs)
        try:
            got = answer(*args, **kwargs)
        except Exception as exc:  # a learner's bug is feedback, not a crash
            lines = [f"raised {type(exc).__name__}: {exc} ({label})"]
            if "error" in hints:
                lines.append(f"hint: {hints['error']}")
            return _emit(name, False, lines)
        problems = _compare_outputs(got, expected, rtol=rtol, atol=atol)
        if problems:
            lines = [f"{problems} ({label})"]
            lines += [f"hint: {h}" for key, h in hints.items() if key in problems]
            return _emit(name, False, lines)
    return _emit(name, True, [f"all {n} cases match the reference."])


def _compare_outputs(got, expected, *, rtol, atol) -> str | None:
    if isinstance(expected, tuple):
        if not isinstance(got, tuple) or len(got) != len(expected):
            kind = f"a tuple of {len(got)}" if isinstance(got, tuple) else "one value"
            return f"returned {kind}, expected a tuple of {len(expected)}"
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            problem = compare(g, e, rtol=rtol, atol=atol)
            if problem:
                return f"item {i}: {problem}"
        return None
    return compare(got, expected, rtol=rtol, atol=atol)


def check_answer(got, expected, *, name: str = "answer", hint: str = "") -> Feedback:
    """Check a single number or array the learner computed or predicted.

    Parameters
    ----------
    got : number or array_like
        The learner's answer.
    expected : number or array_like
        The correct answer (computed by the notebook, never typed in by hand).
    name : str, default="answer"
        What is being checked, for the message.
    hint : str, default=""
        Printed after a wrong answer.

    Returns
    -------
    Feedback
    """
    problem = compare(got, expected)
    if problem is None:
        return _emit(name, True, ["correct."])
    lines = [problem]
    if hint:
        lines.append(f"hint: {hint}")
    return _emit(name, False, lines)
