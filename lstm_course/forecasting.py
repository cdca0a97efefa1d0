"""Forecasting with a trained model: the next value, or many steps by recursion.

Both functions work in the space the model was trained in. If the model was trained
on scaled data (:func:`lstm_course.fit_scaler`), pass *scaled* history and bring the
forecast back to the original units with ``scaler.inverse_transform(forecast,
column=target)``.
"""

from __future__ import annotations

import numpy as np

from lstm_course._validation import check_int

MAX_STEPS = 100_000
"""The most values :func:`recursive_forecast` produces in one call: each one is a
run of the model (about a millisecond), and a recursive forecast that long has
long since forgotten the data."""


def _window_shape(model) -> tuple[int | None, int | None]:
    """The ``(seq_length, n_features)`` a model expects, from ``model.input_shape``."""
    try:
        shape = tuple(model.input_shape)
    except (AttributeError, ValueError):
        raise TypeError(
            f"model must be a built Keras model with a known input shape, got "
            f"{type(model).__name__}. Build it with lstm_course.build_lstm_model or "
            "start it with keras.Input(shape=(seq_length, n_features))."
        ) from None
    if len(shape) != 3:
        raise ValueError(
            f"model's input shape is {shape}; a forecaster must take windows shaped "
            "(batch, seq_length, n_features)."
        )
    return shape[1], shape[2]


def _as_array(values, name: str) -> np.ndarray:
    if values is None:
        raise TypeError(
            f"{name} must be numbers (an array of the recent scaled values), but "
            "got None."
        )
    if hasattr(values, "to_numpy"):  # pandas Series or DataFrame
        values = values.to_numpy()
    try:
        return np.asarray(values)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a numeric array: {exc}") from None


def _finite(arr: np.ndarray, name: str) -> np.ndarray:
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must hold numbers, but its dtype is {arr.dtype}."
        )
    if not np.isfinite(arr).all():
        where = tuple(np.argwhere(~np.isfinite(arr))[0].tolist())
        raise ValueError(
            f"{name} holds NaN or inf, the first at index {where}; fill the gaps "
            "before forecasting."
        )
    return arr


def _run(model, x: np.ndarray) -> np.ndarray:
    out = np.asarray(model(x.astype("float32"), training=False))
    return out.reshape(out.shape[0], -1)  # (batch, horizon)


def predict_next_value(model, sequence):
    """Forecast what follows one window: a single value, or ``horizon`` values.

    Parameters
    ----------
    model : keras.Model
        A forecaster taking ``(batch, seq_length, n_features)``, such as
        :func:`lstm_course.build_lstm_model`.
    sequence : array_like of shape (seq_length,) or (seq_length, n_features)
        The most recent ``seq_length`` rows, oldest first, scaled as in training.

    Returns
    -------
    float or numpy.ndarray of shape (horizon,)
        A float for a one-output model; one value per step for a model with
        ``horizon`` outputs.

    Raises
    ------
    TypeError
        If ``model`` has no known input shape or ``sequence`` is not numeric.
    ValueError
        If ``sequence``'s shape does not match the model's input (the message
        gives both), or it holds NaN or inf.

    Examples
    --------
    >>> from lstm_course.models import build_lstm_model
    >>> model = build_lstm_model(seq_length=4, units=2)
    >>> isinstance(predict_next_value(model, np.zeros(4)), float)
    True
    """
    seq_length, n_features = _window_shape(model)
    arr = _finite(_as_array(sequence, "sequence"), "sequence")
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or (seq_length, n_features) != tuple(arr.shape):
        raise ValueError(
            f"model expects one window of shape ({seq_length}, {n_features}) "
            f"(seq_length, n_features), but sequence has shape "
            f"{np.shape(sequence)}. Pass the last {seq_length} rows; for many "
            "windows at once use model.predict(X, verbose=0)."
        )
    out = _run(model, arr[None])[0]
    return float(out[0]) if out.shape[0] == 1 else out


def recursive_forecast(model, history, steps: int) -> np.ndarray:
    """Forecast ``steps`` values ahead by feeding each forecast back as input.

    The model forecasts from the last ``seq_length`` values; the forecast is
    appended to the window, the oldest value drops off, and the model runs again,
    until ``steps`` values exist. A model with ``horizon`` outputs adds
    ``horizon`` values per run. Errors compound: from the second step on, the
    model reads its own guesses.

    Parameters
    ----------
    model : keras.Model
        A forecaster with one input feature, ``(batch, seq_length, 1)``.
    history : array_like of shape (n,) or (samples, seq_length, 1)
        One series (its last ``seq_length`` values are used, ``n >= seq_length``),
        or a batch of windows (from :func:`lstm_course.make_windows`) to forecast
        from many starting points at once. Scaled as in training.
    steps : int
        How many values to forecast, from 1 to ``MAX_STEPS`` (100,000).

    Returns
    -------
    numpy.ndarray of shape (steps,) for one series, (samples, steps) for windows
        In the model's (scaled) units: undo the scaling with
        ``scaler.inverse_transform(forecast, column=0)``.

    Raises
    ------
    TypeError, ValueError
        If ``steps`` is below 1 or above ``MAX_STEPS``, the model takes more
        than one feature (the future of the other features is unknown),
        ``history`` is too short or its window length differs from the model's,
        or it holds NaN or inf.

    Examples
    --------
    >>> from lstm_course.models import build_lstm_model
    >>> model = build_lstm_model(seq_length=4, units=2)
    >>> recursive_forecast(model, np.zeros(10), steps=3).shape
    (3,)
    """
    steps = check_int(steps, "steps", minimum=1)
    if steps > MAX_STEPS:
        raise ValueError(
            f"steps={steps} is more than recursive_forecast produces in one call "
            f"(MAX_STEPS={MAX_STEPS}): one model run per step would take hours, and "
            "a forecast fed its own guesses that long says nothing about the data. "
            "Forecast fewer steps."
        )
    seq_length, n_features = _window_shape(model)
    if n_features != 1:
        raise ValueError(
            f"recursive_forecast needs a model with 1 input feature, but this one "
            f"takes {n_features}: to feed a forecast back in, the future values of "
            "the other features would have to be known. Train a model with "
            "horizon=steps instead."
        )
    arr = _finite(_as_array(history, "history"), "history")
    single = arr.ndim == 1
    if single:
        if arr.shape[0] < seq_length:
            raise ValueError(
                f"history has {arr.shape[0]} values, but the model reads windows of "
                f"seq_length={seq_length}; pass at least {seq_length} values."
            )
        window = arr[None, arr.shape[0] - seq_length :]
    elif arr.ndim == 3 and arr.shape[1:] == (seq_length, 1):
        window = arr[:, :, 0]
    else:
        raise ValueError(
            f"history must be a 1-D series or windows of shape (samples, "
            f"{seq_length}, 1) to match the model's input ({seq_length}, 1), but "
            f"has shape {arr.shape}."
        )
    window = window.astype("float32")
    produced = []
    n_done = 0
    while n_done < steps:
        out = _run(model, window[:, :, None])
        produced.append(out)
        n_done += out.shape[1]
        window = np.concatenate([window, out], axis=1)[:, -seq_length:]
    forecast = np.concatenate(produced, axis=1)[:, :steps]
    return forecast[0] if single else forecast
