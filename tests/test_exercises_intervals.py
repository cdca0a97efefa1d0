import numpy as np
import pytest

from lstm_course import pinball_loss
from lstm_course.exercises import check_pinball_loss


def reference(y_true, y_pred, quantile):
    e = np.asarray(y_true) - np.asarray(y_pred)
    return np.mean(np.maximum(quantile * e, (quantile - 1) * e))


def test_check_passes_the_reference(capsys):
    assert check_pinball_loss(reference)
    assert check_pinball_loss(pinball_loss)
    assert "✓ check_pinball_loss: all 5 cases" in capsys.readouterr().out


def _flipped(y_true, y_pred, quantile):
    return reference(y_pred, y_true, quantile)


def _symmetric(y_true, y_pred, quantile):
    return quantile * np.mean(np.abs(np.asarray(y_true) - y_pred))


def _one_sided(y_true, y_pred, quantile):
    return np.mean(np.maximum(quantile * (np.asarray(y_true) - y_pred), 0.0))


def _summed(y_true, y_pred, quantile):
    return np.size(y_true) * reference(y_true, y_pred, quantile)


def _builtin_max(y_true, y_pred, quantile):
    e = y_true - y_pred
    return max(quantile * e, (quantile - 1) * e)


def _elementwise(y_true, y_pred, quantile):
    e = np.asarray(y_true) - y_pred
    return np.maximum(quantile * e, (quantile - 1) * e)


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (_flipped, "the sign is flipped: use e = y_true - y_pred"),
        (_symmetric, "both sides of the error cost the same"),
        (_one_sided, "only values above the forecast are counted"),
        (_summed, "this is the sum over all values; return the mean"),
        (lambda t, p, q: 0.0, "max(quantile * e, (quantile - 1) * e)"),
        (_builtin_max, "raised ValueError"),
        (_elementwise, "return one number"),
        ("not a function", "expected a function"),
    ],
)
def test_check_explains_wrong_answers(capsys, wrong, message):
    assert not check_pinball_loss(wrong)
    out = capsys.readouterr().out
    assert "✗ check_pinball_loss" in out
    assert message in out
