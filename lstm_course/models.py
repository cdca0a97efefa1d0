"""Forecasting models, built the Keras 3 way, and their parameter counts.

Every builder starts from ``keras.Input(shape=(seq_length, n_features))`` (not the
deprecated ``input_shape=`` argument on a layer), ends in ``Dense(horizon)`` (one
output per future step), and returns a model compiled with Adam and the mean
squared error, ready for ``fit``.
"""

from __future__ import annotations

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
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, int | float):
        raise TypeError(f"learning_rate must be a number, got {learning_rate!r}.")
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
