"""The chapter 11-12 exercise checks pass the reference and explain wrong answers."""

import numpy as np
import pytest

from lstm_course import wind_components
from lstm_course.exercises import check_day_rows, check_wind_components


def test_wind_check_passes_the_reference(capsys):
    assert check_wind_components(wind_components)
    assert "all 4 cases match" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (  # degrees fed to cos/sin as if they were radians
            lambda s, d: (s * np.cos(d), s * np.sin(d)),
            "hint: turn degrees into radians first",
        ),
        (  # x and y swapped
            lambda s, d: (s * np.sin(np.deg2rad(d)), s * np.cos(np.deg2rad(d))),
            "values differ",
        ),
        (  # one array instead of a pair
            lambda s, d: np.stack([s * np.cos(np.deg2rad(d)), s * np.sin(d)]),
            "expected a tuple of 2",
        ),
    ],
)
def test_wind_check_explains_wrong_answers(capsys, wrong, message):
    assert not check_wind_components(wrong)
    out = capsys.readouterr().out
    assert "✗ check_wind_components" in out
    assert message in out


def test_day_rows_check_passes_a_correct_answer(capsys):
    def answer(X, steps_per_day):
        n, steps, features = X.shape
        return X.reshape(n, steps // steps_per_day, steps_per_day * features)

    assert check_day_rows(answer)
    assert "all 3 cases match" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (  # one row per time of day instead of per day
            lambda X, k: X.reshape(len(X), k, -1),
            "hint: the result has one row per day",
        ),
        (  # features grouped before time: transposed first
            lambda X, k: X.transpose(0, 2, 1).reshape(len(X), X.shape[1] // k, -1),
            "hint: reshape keeps the time order",
        ),
        (lambda X, k: X[:, ::k], "returned shape"),
    ],
)
def test_day_rows_check_explains_wrong_answers(capsys, wrong, message):
    assert not check_day_rows(wrong)
    out = capsys.readouterr().out
    assert "✗ check_day_rows" in out
    assert message in out
