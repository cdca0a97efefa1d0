"""The machinery shared by every exercise check: run cases, compare, explain.

Every check ends in ``_emit``, which prints the feedback a learner reads and, only
while the course's grader runs the notebook, also records the outcome as a display
output of MIME type ``RECORD_MIME`` (see ``python -m lstm_course.classroom grade``).
"""

from __future__ import annotations

import copy
import numbers
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

PASS = "✓"
FAIL = "✗"

TIMEOUT_SECONDS = 10.0
"""How long a learner's function may run on one case before the check gives up
(every case the checks use finishes in milliseconds)."""


class LearnerTimeout(BaseException):
    """Raised inside a learner's function that ran past ``TIMEOUT_SECONDS``.

    A ``BaseException``, so that an ``except Exception`` in the learner's own code
    cannot swallow it.
    """


def call_learner(fn: Callable, args: tuple, kwargs: dict, *, timeout=None):
    """Call a learner's ``fn(*args, **kwargs)``, giving up after ``timeout`` s.

    On the main thread (a notebook's kernel) a timer signal interrupts the call
    itself; elsewhere the call runs in a daemon thread that is abandoned if it
    does not finish in time.

    Parameters
    ----------
    fn : callable
        The learner's function.
    args : tuple
        Positional arguments.
    kwargs : dict
        Keyword arguments.
    timeout : float, optional
        Seconds; default ``TIMEOUT_SECONDS``.

    Returns
    -------
    object
        What ``fn`` returned.

    Raises
    ------
    LearnerTimeout
        If ``fn`` did not return within ``timeout`` seconds.
    Exception
        Whatever ``fn`` raised.

    Examples
    --------
    >>> call_learner(max, (1, 2), {})
    2
    """
    timeout = TIMEOUT_SECONDS if timeout is None else float(timeout)
    on_main = threading.current_thread() is threading.main_thread()
    if on_main and hasattr(signal, "setitimer"):
        if (
            signal.getitimer(signal.ITIMER_REAL)[0] == 0
        ):  # no timer of someone else's

            def stop(signum, frame):
                raise LearnerTimeout

            previous = signal.signal(signal.SIGALRM, stop)
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                return fn(*args, **kwargs)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # handed back to the caller below
            outcome["error"] = exc

    worker = threading.Thread(target=target, daemon=True, name="learner-code")
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise LearnerTimeout
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _timeout_message(timeout=None) -> str:
    seconds = TIMEOUT_SECONDS if timeout is None else timeout
    return (
        f"did not finish within {seconds:g} s, and every case takes milliseconds: "
        "is there a loop that never ends (a while whose condition stays true, an "
        "index that is never increased)?"
    )


def _same(a, b) -> bool:
    """Whether an argument still equals its pristine copy."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a_arr, b_arr = np.asarray(a), np.asarray(b)
        return a_arr.shape == b_arr.shape and bool(
            np.array_equal(a_arr, b_arr, equal_nan=a_arr.dtype.kind in "fc")
        )
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(
            _same(x, y) for x, y in zip(a, b, strict=True)
        )
    try:
        return bool(a == b)
    except Exception:  # an object whose == does not give a truth value
        return a is b


def _changed_inputs(
    pristine: tuple, given: tuple, kw_pristine: dict, kw_given: dict
):
    changed = [
        f"argument {i + 1}"
        for i, (p, g) in enumerate(zip(pristine, given, strict=True))
        if not _same(p, g)
    ]
    changed += [
        f"argument {k}="
        for k in kw_given
        if not _same(kw_pristine[k], kw_given[k])
    ]
    return changed


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


RECORD_MIME = "application/vnd.lstm-course.check+json"
"""The MIME type of a check's record in an executed notebook. No front end has a
renderer for it, and the grader is the only reader."""

NONCE_VARIABLE = "LSTM_COURSE_GRADING_NONCE"
"""The environment variable through which the grader hands its kernel a fresh
random token. Checks record their outcome only when it is set, and every record
carries its value, so a record the grading run did not produce is recognised."""


def _calling_check() -> str | None:
    """The name of the package's public ``check_*`` function on the call stack.

    The outermost frame running the code of a module-level ``check_*`` function
    of ``lstm_course.exercises`` (found by its code object, not by a name a caller
    passes), or None when no check is running: ``run_cases`` called directly, or a
    learner's own function that calls it.
    """
    found = None
    frame = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        module_name = frame.f_globals.get("__name__", "")
        if code.co_name.startswith("check_") and str(module_name).startswith(
            "lstm_course.exercises"
        ):
            module = sys.modules.get(module_name)
            function = getattr(module, code.co_name, None)
            if getattr(function, "__code__", None) is code:
                found = code.co_name
        frame = frame.f_back
    return found


def _record(check: str, name: str, passed: bool, text: list[str]) -> None:
    """Publish a check's outcome for the grader (only while it grades)."""
    nonce = os.environ.get(NONCE_VARIABLE)
    if not nonce:
        return
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # not in a Jupyter kernel: nobody to collect it
        return
    if get_ipython() is None:
        return
    record = {
        "check": check,
        "name": name,
        "passed": bool(passed),
        "feedback": text,
        "nonce": nonce,
        "package": os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    }
    display({RECORD_MIME: record}, raw=True)


def _emit(name: str, passed: bool, lines: list[str]) -> Feedback:
    head = f"{PASS if passed else FAIL} {name}: "
    text = [head + lines[0]] + [f"  {line}" for line in lines[1:]]
    print("\n".join(text))
    check = _calling_check()
    if check is not None:
        _record(check, name, passed, text)
    return Feedback(passed, text)


RETURNED_NONE = (
    "returned None: your function has no return statement, or it does not reach "
    "one. End it with return <your result>."
)


def _is_integer_like(value) -> bool:
    if isinstance(value, bool | np.bool_):
        return False
    if isinstance(value, numbers.Integral):
        return True
    return isinstance(value, np.ndarray) and value.dtype.kind in "iu"


def compare(
    got, expected, *, rtol: float = 1e-5, atol: float = 1e-6
) -> str | None:
    """Explain how ``got`` differs from ``expected``, or return None if they match.

    Refuses None (a function that forgot ``return``), text and booleans (a number
    typed in quotes, or a comparison instead of its result); then compares shapes,
    then values: integers exactly (a parameter count off by one is wrong),
    floats within ``rtol``/``atol``.

    Parameters
    ----------
    got : object
        The learner's result.
    expected : number or array_like
        The reference result.
    rtol, atol : float
        Tolerances for :func:`numpy.allclose` (floats only).

    Returns
    -------
    str or None
        What is wrong, in words, or None when ``got`` matches.

    Examples
    --------
    >>> compare(np.ones(3), np.ones(3)) is None
    True
    >>> compare(np.ones(1), np.ones(4))
    'returned shape (1,), expected (4,)'
    >>> compare(1053184, 1053185)
    'values differ from the reference: returned 1053184, expected 1053185 (whole numbers must match exactly)'
    """  # noqa: E501
    if got is None:
        return RETURNED_NONE
    if isinstance(got, str | bytes):
        return (
            f"returned the text {got!r:.60}, expected a number or array: give the "
            "number itself, without quotes"
        )
    got_raw = got if isinstance(got, np.ndarray) else None
    if isinstance(got, bool | np.bool_) or (
        got_raw is not None and got_raw.dtype.kind == "b"
    ):
        return (
            f"returned a boolean ({got!r:.60}), expected a number or array: return "
            "the value itself, not a comparison such as x == y"
        )
    if isinstance(got, complex | np.complexfloating) or (
        got_raw is not None and got_raw.dtype.kind == "c"
    ):
        return (
            f"returned a complex number ({got!r:.60}), expected real numbers"
        )
    try:
        got_arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return f"returned {type(got).__name__} {got!r:.60}, expected a number or array"
    exp_arr = np.asarray(expected, dtype=float)
    if got_arr.shape != exp_arr.shape:
        return f"returned shape {got_arr.shape}, expected {exp_arr.shape}"
    if _is_integer_like(expected):
        if not np.array_equal(got_arr, exp_arr):
            if got_arr.ndim == 0:
                shown = (
                    got if isinstance(got, numbers.Number) else got_arr.item()
                )
                return (
                    f"values differ from the reference: returned {shown!r}, expected "
                    f"{expected!r} (whole numbers must match exactly)"
                )
            wrong = int(np.sum(got_arr != exp_arr))
            return (
                f"values differ from the reference in {wrong} place(s) (whole "
                "numbers must match exactly)"
            )
        return None
    if not np.allclose(got_arr, exp_arr, rtol=rtol, atol=atol, equal_nan=True):
        with np.errstate(invalid="ignore"):
            worst = float(np.nanmax(np.abs(got_arr - exp_arr), initial=0.0))
        if np.isnan(got_arr).any() and not np.isnan(exp_arr).any():
            return "values differ from the reference: yours include NaN"
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
        expected = reference(*copy.deepcopy(args), **copy.deepcopy(kwargs))
        # The learner's function gets copies, compared with the originals after.
        given, kw_given = copy.deepcopy(args), copy.deepcopy(kwargs)
        try:
            got = call_learner(answer, given, kw_given)
        except LearnerTimeout:
            return _emit(name, False, [f"{_timeout_message()} ({label})"])
        except Exception as exc:  # a learner's bug is feedback, not a crash
            lines = [f"raised {type(exc).__name__}: {exc} ({label})"]
            if "error" in hints:
                lines.append(f"hint: {hints['error']}")
            return _emit(name, False, lines)
        changed = _changed_inputs(args, given, kwargs, kw_given)
        if changed:
            return _emit(
                name,
                False,
                [
                    f"changed its input ({', '.join(changed)}) in place ({label})",
                    "hint: a function should not overwrite the arrays it is given; "
                    "work on a copy (x = x.copy()) or build a new array.",
                ],
            )
        problems = _compare_outputs(got, expected, rtol=rtol, atol=atol)
        if problems:
            lines = [f"{problems} ({label})"]
            lines += [
                f"hint: {h}" for key, h in hints.items() if key in problems
            ]
            return _emit(name, False, lines)
    return _emit(name, True, [f"all {n} cases match the reference."])


def _compare_outputs(got, expected, *, rtol, atol) -> str | None:
    if got is None:
        return RETURNED_NONE
    if isinstance(expected, tuple):
        if not isinstance(got, tuple) or len(got) != len(expected):
            kind = (
                f"a tuple of {len(got)}"
                if isinstance(got, tuple)
                else "one value"
            )
            return f"returned {kind}, expected a tuple of {len(expected)}"
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            problem = compare(g, e, rtol=rtol, atol=atol)
            if problem:
                return f"item {i}: {problem}"
        return None
    return compare(got, expected, rtol=rtol, atol=atol)


def check_answer(
    got, expected, *, name: str = "answer", hint: str = ""
) -> Feedback:
    """Check a single number or array the learner computed or predicted.

    Whole numbers (a parameter count) must match exactly; floats within a
    relative tolerance of 1e-5. Text (``'10451'``), booleans and None are wrong
    answers, with a message that says why.

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

    Raises
    ------
    TypeError
        If ``expected``, ``name`` or ``hint`` is not what the notebook's author
        should pass (a learner's answer never raises).

    Examples
    --------
    >>> check_answer("10451", 10451)
    ✗ answer: returned the text '10451', expected a number or array: ...
    Feedback(passed=False)
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, got {type(name).__name__}.")
    if not isinstance(hint, str):
        raise TypeError(f"hint must be a string, got {type(hint).__name__}.")
    if expected is None or isinstance(expected, str | bytes | bool | np.bool_):
        raise TypeError(
            f"expected must be the correct number or array, but got {expected!r}; "
            "compute it in the notebook (for example with the package's function)."
        )
    if got is None:
        problem = (
            "the answer is None: assign your result to the variable (answer = ...), "
            "or, if a function computed it, make that function return it"
        )
    else:
        problem = compare(got, expected)
    if problem is None:
        return _emit(name, True, ["correct."])
    lines = [problem]
    if hint:
        lines.append(f"hint: {hint}")
    return _emit(name, False, lines)
