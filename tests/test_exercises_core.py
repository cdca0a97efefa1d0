import numpy as np

from lstm_course.exercises import check_answer, run_cases


def square(x):
    return np.asarray(x) ** 2


def test_run_cases_passes_reference(capsys):
    cases = [("a vector", (np.arange(3),), {}), ("a matrix", (np.ones((2, 2)),), {})]
    result = run_cases("check_square", square, square, cases)
    assert result
    assert "✓ check_square: all 2 cases match" in capsys.readouterr().out


def test_run_cases_reports_shape(capsys):
    cases = [("a vector", (np.arange(3),), {})]
    result = run_cases(
        "check_square",
        lambda x: np.sum(x**2, keepdims=True),
        square,
        cases,
        hints={"shape": "square each element; do not sum"},
    )
    assert not result
    out = capsys.readouterr().out
    assert "returned shape (1,), expected (3,) (a vector)" in out
    assert "hint: square each element" in out


def test_run_cases_reports_values_and_errors(capsys):
    cases = [("a vector", (np.arange(3),), {})]
    assert not run_cases("c", lambda x: x * 2, square, cases)
    assert "values differ" in capsys.readouterr().out
    assert not run_cases("c", lambda x: 1 / 0, square, cases)
    assert "raised ZeroDivisionError" in capsys.readouterr().out
    assert not run_cases("c", 3, square, cases)
    assert "expected a function" in capsys.readouterr().out


def test_run_cases_tuples(capsys):
    ref = lambda x: (x, 2 * x)  # noqa: E731
    cases = [("one", (np.ones(2),), {})]
    assert run_cases("c", ref, ref, cases)
    assert not run_cases("c", lambda x: x, ref, cases)
    assert "expected a tuple of 2" in capsys.readouterr().out


def test_check_answer(capsys):
    assert check_answer(4, 4)
    assert not check_answer(5, 4, name="units", hint="count the gates")
    out = capsys.readouterr().out
    assert "✗ units: values differ" in out
    assert "hint: count the gates" in out
    assert not check_answer("four", 4)
