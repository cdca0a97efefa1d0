"""Forecast uncertainty: quantiles, prediction intervals and how to score them.

A point forecast says where the future is most likely to be; an interval says how
far from it the future may fall. This module scores both kinds of uncertainty
forecast and builds intervals around any point forecaster:

- :func:`pinball_loss`: the loss a forecast of one quantile minimises;
- :func:`interval_coverage`: the fraction of true values inside the intervals;
- :func:`winkler_score`: the interval score of Gneiting & Raftery (2007), the
  width plus a penalty for every miss;
- :class:`ConformalIntervals`: split-conformal intervals (Vovk et al. 2005;
  Angelopoulos & Bates 2023) from the absolute residuals of a validation part,
  one width per forecast step.

The quantile LSTM, which forecasts several quantiles at once, is
:func:`lstm_course.models.build_quantile_lstm`.
"""

from __future__ import annotations

import math
import numbers

import numpy as np


def _as_values(values, name: str) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype="float64")
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be numbers (a list or NumPy array), but got "
            f"{type(values).__name__}."
        ) from None
    if arr.size == 0:
        raise ValueError(f"{name} is empty; pass at least one value.")
    if not np.isfinite(arr).all():
        where = tuple(np.argwhere(~np.isfinite(arr))[0].tolist())
        raise ValueError(
            f"{name} holds NaN or inf, the first at index {where}; drop or fill "
            "the missing values first: a score needs finite numbers."
        )
    return arr


def _same_shape(arrays: dict[str, np.ndarray]) -> None:
    (first, first_arr), *rest = arrays.items()
    for name, arr in rest:
        if arr.shape != first_arr.shape:
            raise ValueError(
                f"{first} has shape {first_arr.shape} but {name} has shape "
                f"{arr.shape}; they must match exactly (one bound per true value). "
                "A model's (samples, 1) output can be flattened with .ravel()."
            )


def _check_fraction(value, name: str, meaning: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number strictly between 0 and 1, but got {value!r} "
            f"of type {type(value).__name__}. Pass for example {name}=0.1."
        )
    value = float(value)
    if not 0.0 < value < 1.0:
        raise ValueError(
            f"{name}={value} is out of range: {meaning} must lie strictly between "
            f"0 and 1 (for example {name}=0.1)."
        )
    return value


def _check_quantile(quantile) -> float:
    return _check_fraction(quantile, "quantile", "a quantile level")


def _check_alpha(alpha) -> float:
    return _check_fraction(
        alpha,
        "alpha",
        "the miss rate alpha (1 - alpha is the interval's level)",
    )


def _interval(
    y_true, lower, upper
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    arrays = {
        "y_true": _as_values(y_true, "y_true"),
        "lower": _as_values(lower, "lower"),
        "upper": _as_values(upper, "upper"),
    }
    _same_shape(arrays)
    true, low, high = arrays.values()
    crossed = low > high
    if crossed.any():
        where = tuple(np.argwhere(crossed)[0].tolist())
        raise ValueError(
            f"lower > upper in {int(crossed.sum())} place(s), the first at index "
            f"{where} ({low[where]:g} > {high[where]:g}); every lower bound must be "
            "at most its upper bound. Sort crossing quantiles first "
            "(lstm_course.sort_quantiles) or swap the arguments."
        )
    return true, low, high


def pinball_loss(y_true, y_pred, quantile: float) -> float:
    """Mean pinball (quantile) loss of a forecast of the ``quantile``-quantile.

    With the error $e = y - \\hat y_\\tau$ and the level $\\tau$,

    $$L_\\tau(y, \\hat y_\\tau) = \\frac{1}{n} \\sum \\max\\big(\\tau e,\\;
    (\\tau - 1) e\\big).$$

    A value above the forecast costs $\\tau$ per unit, one below it
    $1 - \\tau$, so the loss is smallest when a fraction $\\tau$ of the values lie
    below the forecast: at the true quantile. With ``quantile=0.5`` it is half
    the mean absolute error.

    Parameters
    ----------
    y_true, y_pred : array_like, same shape
        True values and forecasts of their ``quantile``-quantile.
    quantile : float
        The level $\\tau$, strictly between 0 and 1.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If the inputs are not numbers, or ``quantile`` is not a number.
    ValueError
        If the inputs are empty, hold NaN or inf, or differ in shape, or
        ``quantile`` is not strictly between 0 and 1.

    Examples
    --------
    >>> pinball_loss([10.0, 10.0], [8.0, 12.0], quantile=0.9)
    1.0
    """
    quantile = _check_quantile(quantile)
    arrays = {
        "y_true": _as_values(y_true, "y_true"),
        "y_pred": _as_values(y_pred, "y_pred"),
    }
    _same_shape(arrays)
    true, pred = arrays.values()
    error = true - pred
    return float(np.mean(np.maximum(quantile * error, (quantile - 1) * error)))


def interval_coverage(y_true, lower, upper) -> float:
    """Fraction of true values inside their intervals, bounds included.

    A well-calibrated 80% interval covers about 0.8 of the values it is scored
    on; coverage far below the level means the intervals are too narrow, far
    above it that they are wider than they need to be.

    Parameters
    ----------
    y_true, lower, upper : array_like, same shape
        True values and the lower and upper bounds of their intervals.

    Returns
    -------
    float
        In ``[0, 1]``.

    Raises
    ------
    TypeError, ValueError
        If the inputs are not numbers, are empty, hold NaN or inf, differ in
        shape, or a lower bound exceeds its upper bound.

    Examples
    --------
    >>> interval_coverage([1.0, 5.0, 9.0, 3.0], [0.0] * 4, [4.0] * 4)
    0.5
    """
    true, low, high = _interval(y_true, lower, upper)
    return float(np.mean((low <= true) & (true <= high)))


def winkler_score(y_true, lower, upper, alpha: float) -> float:
    """Mean interval (Winkler) score of ``(1 - alpha)`` prediction intervals.

    The interval score of Gneiting & Raftery (2007), after Winkler (1972): the
    width of the interval, plus ``2 / alpha`` times the distance by which the
    true value falls outside it,

    $$S_\\alpha(l, u; y) = (u - l) + \\frac{2}{\\alpha}(l - y)\\,[y < l] +
    \\frac{2}{\\alpha}(y - u)\\,[y > u],$$

    averaged over all values. Lower is better. Narrow intervals that miss pay the
    penalty, wide ones pay their width; the expected score is smallest for the
    interval between the true ``alpha / 2`` and ``1 - alpha / 2`` quantiles. It is
    in the units of the series.

    Parameters
    ----------
    y_true, lower, upper : array_like, same shape
        True values and the bounds of their intervals.
    alpha : float
        The intervals' nominal miss rate, strictly between 0 and 1: 0.2 for 80%
        intervals, 0.05 for 95%.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        As :func:`interval_coverage`, or if ``alpha`` is not a number strictly
        between 0 and 1.

    Examples
    --------
    A width of 2; the second value lies 1 above its interval, a penalty of
    ``2 / 0.2 * 1 = 10``:

    >>> winkler_score([1.0, 4.0], [0.0, 1.0], [2.0, 3.0], alpha=0.2)
    7.0
    """
    alpha = _check_alpha(alpha)
    true, low, high = _interval(y_true, lower, upper)
    below = np.maximum(low - true, 0.0)
    above = np.maximum(true - high, 0.0)
    return float(np.mean(high - low + (2.0 / alpha) * (below + above)))


class ConformalIntervals:
    """Split-conformal prediction intervals around any point forecast.

    The forecaster is fitted as usual; then, on a part of the data it was not
    trained on (the validation part), the absolute residuals
    $r_i = |y_i - \\hat y_i|$ are collected **per forecast step**. The interval
    for a new forecast is $\\hat y \\pm w$, where $w$ is the $k$-th smallest of
    the $n$ residuals of that step, with

    $$k = \\lceil (n + 1)(1 - \\alpha) \\rceil,$$

    the finite-sample quantile $k / n$ of split conformal prediction
    (Vovk et al. 2005; Angelopoulos & Bates 2023). If the validation errors and
    the future errors are exchangeable (in particular, drawn from the same
    distribution), the interval covers a new value with probability at least
    $1 - \\alpha$, whatever the model. When the future differs from the
    validation part (another season, a holiday), that guarantee is void: measure
    the coverage on the test part.

    Parameters
    ----------
    alpha : float, default=0.1
        Nominal miss rate, strictly between 0 and 1: ``alpha=0.2`` gives 80%
        intervals.

    Attributes
    ----------
    width_ : numpy.ndarray
        The half-width $w$ of each forecast step, shaped like one row of
        ``y_val`` (a 0-d array for one-dimensional ``y_val``).
    rank_ : int
        $k$, the rank of the residual used.
    n_calibration_ : int
        $n$, the number of validation forecasts per step.

    Examples
    --------
    >>> y_val = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0], [4.0, 40.0]])
    >>> intervals = ConformalIntervals(alpha=0.2).fit(y_val, np.zeros((4, 2)))
    >>> intervals.rank_, intervals.width_
    (4, array([ 4., 40.]))
    >>> lower, upper = intervals.predict([[0.0, 0.0]])
    >>> lower, upper
    (array([[ -4., -40.]]), array([[ 4., 40.]]))
    """

    def __init__(self, alpha: float = 0.1):
        self.alpha = alpha

    def fit(self, y_val, pred_val) -> ConformalIntervals:
        """Learn one width per forecast step from validation residuals.

        Parameters
        ----------
        y_val, pred_val : array_like, same shape
            True values and the point forecasts of them on the validation part,
            shaped ``(n,)`` or ``(n, horizon)`` (one row per forecast origin).

        Returns
        -------
        ConformalIntervals
            ``self``, fitted.

        Raises
        ------
        TypeError, ValueError
            If ``alpha`` is not strictly between 0 and 1, the inputs are not
            finite numbers of the same shape, or there are too few validation
            forecasts for the level: ``k`` must not exceed ``n``, which needs
            ``n >= (1 - alpha) / alpha`` (9 for ``alpha=0.1``).
        """
        alpha = _check_alpha(self.alpha)
        arrays = {
            "y_val": _as_values(y_val, "y_val"),
            "pred_val": _as_values(pred_val, "pred_val"),
        }
        _same_shape(arrays)
        true, pred = arrays.values()
        if true.ndim == 0:
            raise ValueError(
                "y_val is a single number; pass one value per validation "
                "forecast, shaped (n,) or (n, horizon)."
            )
        n = len(true)
        rank = math.ceil((n + 1) * (1 - alpha) - 1e-9)  # guard float round-off
        if rank > n:
            raise ValueError(
                f"alpha={alpha} needs at least {math.ceil((1 - alpha) / alpha)} "
                f"validation forecasts, but y_val has {n}: with fewer, no residual "
                "is large enough to guarantee the level. Use more validation "
                "windows or a larger alpha."
            )
        residuals = np.sort(np.abs(true - pred), axis=0)
        self.width_ = residuals[rank - 1]
        self.rank_ = rank
        self.n_calibration_ = n
        return self

    def predict(self, pred) -> tuple[np.ndarray, np.ndarray]:
        """Intervals ``(pred - width_, pred + width_)`` around new forecasts.

        Parameters
        ----------
        pred : array_like
            Point forecasts, one row per origin, each row shaped like a row of
            the ``y_val`` passed to :meth:`fit`.

        Returns
        -------
        lower, upper : numpy.ndarray
            Shaped like ``pred``.

        Raises
        ------
        RuntimeError
            If the intervals have not been fitted.
        TypeError, ValueError
            If ``pred`` is not finite numbers, or its rows do not match the
            fitted forecast steps.
        """
        if not hasattr(self, "width_"):
            raise RuntimeError(
                "These ConformalIntervals are not fitted yet; call "
                ".fit(y_val, pred_val) with validation forecasts first."
            )
        values = _as_values(pred, "pred")
        if values.shape[1:] != self.width_.shape:
            raise ValueError(
                f"pred has rows of shape {values.shape[1:]}, but the intervals were "
                f"fitted on rows of shape {self.width_.shape}; forecast the same "
                "number of steps as on the validation part."
            )
        return values - self.width_, values + self.width_

    def __repr__(self) -> str:
        return f"ConformalIntervals(alpha={self.alpha!r})"
