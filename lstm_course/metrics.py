"""Forecast errors: MAE, RMSE, and MASE (Hyndman & Koehler, 2006; FPP3, section 5.8).

MAE and RMSE are in the units of the series (after inverse scaling, gigawatts or
degrees). MASE divides the MAE by the in-sample MAE of the seasonal-naive forecast
on the training series, so it has no units: below 1, the forecast beats what
"same as one season ago" achieved on the training data; above 1, it does worse.
"""

from __future__ import annotations

import numbers

import numpy as np

from lstm_course._validation import check_int


def _as_values(values, name: str) -> np.ndarray:
    if values is None:
        raise TypeError(f"{name} must be numbers, but got None.")
    if hasattr(values, "to_numpy"):  # pandas Series or DataFrame
        values = values.to_numpy()
    try:
        raw = np.asarray(values)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be numbers, but got {type(values).__name__}."
        ) from None
    if raw.dtype.kind == "O":  # a list mixing numbers with None, text, ...
        odd = [
            v
            for v in raw.ravel()
            if v is None
            or isinstance(v, str | bool | bytes)
            or not isinstance(v, numbers.Real)
        ]
        if odd:
            shown = odd[0]
            raise TypeError(
                f"{name} must be numbers only, but holds {shown!r}. Remove "
                "or convert those values first."
            )
    elif raw.dtype.kind not in "iuf":
        kind = {
            "b": "booleans (True/False)",
            "c": "complex numbers",
            "M": "datetimes",
            "m": "time differences (timedelta)",
            "U": "strings",
            "S": "bytes",
        }.get(raw.dtype.kind, f"values of dtype {raw.dtype}")
        raise TypeError(
            f"{name} must be numbers (real), but holds {kind} (dtype {raw.dtype}). "
            "Pass the forecasts and true values as floats, in the series' units."
        )
    arr = raw.astype("float64")
    if arr.size == 0:
        raise ValueError(f"{name} is empty; pass at least one value.")
    if not np.isfinite(arr).all():
        where = np.argwhere(~np.isfinite(arr))[0]
        raise ValueError(
            f"{name} holds NaN or inf, the first at index {tuple(where.tolist())}; "
            "a forecast error needs finite numbers."
        )
    return arr


def _pair(y_true, y_pred) -> tuple[np.ndarray, np.ndarray]:
    true = _as_values(y_true, "y_true")
    pred = _as_values(y_pred, "y_pred")
    if true.shape != pred.shape:
        raise ValueError(
            f"y_true has shape {true.shape} but y_pred has shape {pred.shape}; they "
            "must match exactly (one forecast per true value). A model's "
            "(samples, 1) output can be flattened with .ravel()."
        )
    return true, pred


def _finite_result(value: float, what: str) -> float:
    if not np.isfinite(value):
        raise ValueError(
            f"{what} overflows float64 (the values are near 1e308, so their "
            "differences are not representable). Rescale the series first (for "
            "example divide every value by 1e6, and the error by the same)."
        )
    return value


def mae(y_true, y_pred) -> float:
    """Mean absolute error, $\\frac{1}{n}\\sum |y - \\hat y|$.

    Parameters
    ----------
    y_true, y_pred : array_like, same shape
        True values and forecasts.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        If the inputs are not real numbers (strings, booleans, complex numbers,
        datetimes and None are refused), are empty, hold NaN or inf, differ in
        shape, or the error overflows float64.

    Examples
    --------
    >>> mae([1.0, 2.0, 3.0], [2.0, 2.0, 5.0])
    1.0
    """
    true, pred = _pair(y_true, y_pred)
    with np.errstate(over="ignore", invalid="ignore"):
        # Halves first: |a - b| / 2 cannot overflow where |a - b| could.
        value = 2.0 * float(np.mean(np.abs(true / 2 - pred / 2)))
    return _finite_result(value, "the mean absolute error")


def rmse(y_true, y_pred) -> float:
    """Root mean squared error, $\\sqrt{\\frac{1}{n}\\sum (y - \\hat y)^2}$.

    Parameters
    ----------
    y_true, y_pred : array_like, same shape
        True values and forecasts.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        As :func:`mae`.

    Examples
    --------
    >>> rmse([0.0, 0.0], [3.0, 4.0]) == (12.5) ** 0.5
    True
    """
    true, pred = _pair(y_true, y_pred)
    with np.errstate(over="ignore", invalid="ignore"):
        # Divide by the largest error before squaring, so squares cannot overflow.
        diff = true / 2 - pred / 2
        peak = float(np.max(np.abs(diff)))
        if peak == 0 or not np.isfinite(peak):
            value = 2.0 * peak
        else:
            value = 2.0 * peak * float(np.sqrt(np.mean((diff / peak) ** 2)))
    return _finite_result(value, "the root mean squared error")


def naive_scale(y_train, season: int = 1) -> float:
    """In-sample MAE of the seasonal-naive forecast on the training series.

    $$q = \\frac{1}{n - m} \\sum_{t=m+1}^{n} |y_t - y_{t-m}|,$$

    the denominator of MASE. With ``season=1`` it is the one-step naive error of
    Hyndman & Koehler (2006); with the season length $m$ it is the seasonal
    version of Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*.

    Parameters
    ----------
    y_train : array_like of shape (n,)
        The training series, in the same units as the forecasts being scored.
    season : int, default=1
        Season length $m$; ``n`` must exceed it.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        If ``y_train`` is not a finite 1-D series longer than ``season``, or the
        scale is zero (a series that repeats itself exactly every season).

    Examples
    --------
    >>> naive_scale([1.0, 2.0, 4.0, 7.0])
    2.0
    """
    season = check_int(season, "season", minimum=1)
    train = _as_values(y_train, "y_train")
    if train.ndim != 1:
        raise ValueError(
            f"y_train must be the 1-D training series of the target, but has shape "
            f"{train.shape}. Pass one column, e.g. train[:, target]."
        )
    if train.shape[0] <= season:
        raise ValueError(
            f"y_train has {train.shape[0]} values; season={season} needs more than "
            f"{season} to compute the in-sample seasonal-naive error."
        )
    with np.errstate(over="ignore", invalid="ignore"):
        halves = train / 2
        scale = 2.0 * float(
            np.mean(np.abs(halves[season:] - halves[:-season]))
        )
    scale = _finite_result(
        scale, "the in-sample seasonal-naive error of y_train"
    )
    if scale == 0:
        raise ValueError(
            f"the in-sample seasonal-naive error of y_train (season={season}) is 0: "
            "the series repeats itself exactly, so MASE would divide by zero. "
            "Score this series with MAE instead."
        )
    return scale


def mase(y_true, y_pred, y_train, season: int = 1) -> float:
    """Mean absolute scaled error (Hyndman & Koehler, 2006).

    $$\\mathrm{MASE} = \\frac{\\mathrm{MAE}(y, \\hat y)}{q},$$

    with $q$ the in-sample seasonal-naive MAE of the training series
    (:func:`naive_scale`). Below 1, the forecasts beat that benchmark's
    in-sample error.

    Parameters
    ----------
    y_true, y_pred : array_like, same shape
        True values and forecasts (any shape, e.g. ``(samples, horizon)``).
    y_train : array_like of shape (n,)
        The training series of the target, in the same units.
    season : int, default=1
        Season length for the scale; 1 gives the non-seasonal MASE.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        As :func:`mae` and :func:`naive_scale`.

    Examples
    --------
    >>> mase([3.0, 5.0], [4.0, 4.0], y_train=[1.0, 2.0, 4.0, 7.0])
    0.5
    """
    with np.errstate(over="ignore"):
        value = mae(y_true, y_pred) / naive_scale(y_train, season)
    return _finite_result(value, "MASE (the error divided by a tiny scale)")
