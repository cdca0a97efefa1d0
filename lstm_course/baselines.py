"""The forecasts every model must beat: persistence and seasonal naive.

Both read the same windows an LSTM reads (``X`` from
:func:`lstm_course.windows.make_windows`) and return forecasts shaped like its
``y``, so a baseline and a model can be scored with the same metric on the same
windows.
"""

from __future__ import annotations

import numpy as np

from lstm_course._validation import check_int


def _check_windows(X, name: str = "X") -> np.ndarray:
    if X is None:
        raise TypeError(
            f"{name} must be 3-D windows (samples, seq_length, features), but got "
            "None. Build windows with lstm_course.make_windows."
        )
    try:
        arr = np.asarray(X)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a numeric array: {exc}") from None
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold numbers, but its dtype is {arr.dtype}.")
    if arr.ndim != 3:
        raise ValueError(
            f"{name} must be 3-D windows (samples, seq_length, features), but has "
            f"shape {arr.shape}. Build windows with lstm_course.make_windows."
        )
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} holds no windows (shape {arr.shape}).")
    if not np.isfinite(arr).all():
        where = tuple(np.argwhere(~np.isfinite(arr))[0].tolist())
        raise ValueError(
            f"{name} holds NaN or inf, the first at index {where}; a baseline "
            "would copy it into its forecasts. Fill the gaps before windowing."
        )
    return arr


def _target_column(arr: np.ndarray, target, name: str = "X") -> int:
    target = check_int(target, "target", minimum=0)
    if target >= arr.shape[2]:
        raise ValueError(
            f"target={target} does not exist: {name} has {arr.shape[2]} feature(s), "
            f"numbered 0 to {arr.shape[2] - 1}."
        )
    return target


def _shape_like_y(forecast: np.ndarray, horizon: int) -> np.ndarray:
    return forecast[:, 0] if horizon == 1 else forecast


def naive_forecast(X, horizon: int = 1, target: int = 0) -> np.ndarray:
    """Persistence: every future value equals the last value in the window.

    For a window ending at time $T$, the forecast of $y_{T+h}$ is $y_T$ for every
    step $h = 1, \\dots, H$.

    Parameters
    ----------
    X : array_like of shape (samples, seq_length, features)
        Input windows, as from :func:`lstm_course.make_windows`.
    horizon : int, default=1
        Steps to forecast.
    target : int, default=0
        The feature column being forecast.

    Returns
    -------
    numpy.ndarray of shape (samples,) if horizon == 1, else (samples, horizon)
        Laid out like the ``y`` of :func:`lstm_course.make_windows`.

    Raises
    ------
    TypeError, ValueError
        If ``X`` is not 3-D numeric windows, ``horizon < 1``, or ``target`` is not
        a column of ``X``.

    Examples
    --------
    >>> X = np.arange(8.0).reshape(2, 4, 1)
    >>> naive_forecast(X)
    array([3., 7.])
    >>> naive_forecast(X, horizon=2)
    array([[3., 3.],
           [7., 7.]])
    """
    arr = _check_windows(X)
    horizon = check_int(horizon, "horizon", minimum=1)
    column = _target_column(arr, target)
    last = arr[:, -1, column]
    return _shape_like_y(np.repeat(last[:, None], horizon, axis=1), horizon)


def seasonal_naive_forecast(
    X, season: int, horizon: int = 1, target: int = 0
) -> np.ndarray:
    """Seasonal naive: each future value equals the value one season earlier.

    With season length $m$, the forecast of $y_{T+h}$ is
    $y_{T+h-m(k+1)}$ with $k = \\lfloor (h-1)/m \\rfloor$: the last observed
    season is repeated for as many steps as needed. For half-hourly data with a
    daily cycle, $m = 48$: tomorrow at 9:00 is forecast as today at 9:00.

    Parameters
    ----------
    X : array_like of shape (samples, seq_length, features)
        Input windows; ``seq_length`` must be at least ``season``.
    season : int
        Steps per season (at least 1; ``season=1`` is persistence).
    horizon : int, default=1
        Steps to forecast.
    target : int, default=0
        The feature column being forecast.

    Returns
    -------
    numpy.ndarray of shape (samples,) if horizon == 1, else (samples, horizon)

    Raises
    ------
    TypeError, ValueError
        If ``X`` is not 3-D numeric windows, ``season`` or ``horizon`` is below 1,
        the windows are shorter than one season, or ``target`` is not a column.

    Examples
    --------
    >>> X = np.array([[1.0, 2.0, 3.0, 10.0, 20.0, 30.0]]).reshape(1, 6, 1)
    >>> seasonal_naive_forecast(X, season=3, horizon=4)
    array([[10., 20., 30., 10.]])
    """
    arr = _check_windows(X)
    season = check_int(season, "season", minimum=1)
    horizon = check_int(horizon, "horizon", minimum=1)
    column = _target_column(arr, target)
    seq_length = arr.shape[1]
    if seq_length < season:
        raise ValueError(
            f"season={season} needs windows of at least {season} steps, but X has "
            f"seq_length={seq_length}. Use seq_length >= season in make_windows."
        )
    last_season = arr[:, seq_length - season :, column]
    steps = np.arange(horizon) % season
    return _shape_like_y(last_season[:, steps], horizon)
