"""The LSTM cell in NumPy, gate by gate, and a whole layer that matches Keras.

Chapters 2 to 6 build the cell one equation at a time. The per-gate functions
(:func:`forget_gate`, :func:`input_gate`, :func:`update_cell_state`,
:func:`output_gate`) follow the textbook form: each gate has a weight *matrix* of
shape ``(units, units + n_features)`` applied to the concatenation
``[h_prev, x_t]``, and returns one value per unit.

:func:`lstm_step` and :func:`lstm_forward` use Keras' storage layout instead, so
the weights of a trained ``keras.layers.LSTM`` drop straight in
(:func:`weights_from_keras`): ``kernel`` of shape ``(n_features, 4 * units)``,
``recurrent_kernel`` of shape ``(units, 4 * units)`` and ``bias`` of shape
``(4 * units,)``, with the four gates side by side in the order
input, forget, candidate, output. :func:`gate_weights` converts one layout into the
other.

Every function accepts a single vector (``h_prev`` of shape ``(units,)``) or a
batch (``(batch, units)``), and checks shapes up front.
"""

from __future__ import annotations

import numpy as np

GATE_ORDER = ("i", "f", "c", "o")
"""Keras' order of the four gates inside ``kernel``, ``recurrent_kernel``, ``bias``."""


# --------------------------------------------------------------------------- helpers
def _as_float(value, name: str) -> np.ndarray:
    if value is None:
        raise TypeError(
            f"{name} is None; pass a NumPy array of floats (did a function you "
            "wrote forget to return its result?)."
        )
    try:
        arr = np.asarray(value)
    except Exception as exc:  # pragma: no cover - exotic inputs
        raise TypeError(
            f"{name} must be array-like, got {type(value).__name__}."
        ) from exc
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or arr.dtype == bool
    ):
        raise TypeError(
            f"{name} must hold numbers, but has dtype {arr.dtype}. "
            "Pass a NumPy array of floats."
        )
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(
            f"{name} holds complex numbers (dtype {arr.dtype}); the LSTM cell "
            "works on real numbers. Pass a NumPy array of floats."
        )
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float64)
    if not np.isfinite(arr).all():
        where = tuple(np.argwhere(~np.isfinite(arr))[0].tolist())
        raise ValueError(
            f"{name} holds NaN or inf, the first at index {where}: the cell would "
            "pass it through to every output. Find where it came from (a division "
            "by zero, an overflow, a missing value) and fix it there."
        )
    return arr


def _expect_shape(
    arr: np.ndarray, expected: tuple, name: str, why: str = ""
) -> None:
    if arr.shape != tuple(expected):
        hint = f" {why}" if why else ""
        raise ValueError(
            f"{name} must have shape {tuple(expected)}, "
            f"but has shape {arr.shape}.{hint}"
        )


def _check_state_and_input(h_prev, x_t, h_name="h_prev", x_name="x_t"):
    """Return (h_prev, x_t) as float arrays with matching 1-D or 2-D layouts."""
    h_prev = _as_float(h_prev, h_name)
    x_t = _as_float(x_t, x_name)
    for arr, name, last in (
        (h_prev, h_name, "units"),
        (x_t, x_name, "n_features"),
    ):
        if arr.ndim not in (1, 2):
            raise ValueError(
                f"{name} must be 1-D ({last},) for one sample or 2-D (batch, {last}) "
                f"for a batch, but has shape {arr.shape}."
            )
    if h_prev.ndim != x_t.ndim:
        raise ValueError(
            f"{h_name} has shape {h_prev.shape} and {x_name} has shape {x_t.shape}: "
            "pass both as single vectors or both as batches (batch, size)."
        )
    if h_prev.ndim == 2 and h_prev.shape[0] != x_t.shape[0]:
        raise ValueError(
            f"{h_name} has batch size {h_prev.shape[0]} (shape {h_prev.shape}) but "
            f"{x_name} has batch size {x_t.shape[0]} (shape {x_t.shape}); "
            "they must match."
        )
    return h_prev, x_t


def _gate_preactivation(
    h_prev, x_t, W, b, W_name: str, b_name: str
) -> np.ndarray:
    """``[h_prev, x_t] @ W.T + b`` after checking every shape."""
    h_prev, x_t = _check_state_and_input(h_prev, x_t)
    units, n_features = h_prev.shape[-1], x_t.shape[-1]
    W = _as_float(W, W_name)
    b = _as_float(b, b_name)
    _expect_shape(
        W,
        (units, units + n_features),
        W_name,
        f"A gate's weights are a matrix, (units, units + n_features), for "
        f"h_prev with {units} units and x_t with {n_features} features.",
    )
    _expect_shape(b, (units,), b_name, "A gate has one bias per unit.")
    hx = np.concatenate([h_prev, x_t], axis=-1)  # (..., units + n_features)
    return hx @ W.T + b  # (..., units)


def _check_same_shape(arrays: dict[str, np.ndarray]) -> None:
    (first_name, first), *rest = arrays.items()
    for name, arr in rest:
        if arr.shape != first.shape:
            raise ValueError(
                f"{name} must have the same shape as {first_name}, {first.shape}, "
                f"but has shape {arr.shape}. All cell-update terms hold one value "
                "per unit."
            )


def _check_keras_weights(kernel, recurrent_kernel, bias):
    """Check Keras-layout weights; return them as float arrays and ``units``."""
    kernel = _as_float(kernel, "kernel")
    recurrent_kernel = _as_float(recurrent_kernel, "recurrent_kernel")
    bias = _as_float(bias, "bias")
    if recurrent_kernel.ndim != 2 or recurrent_kernel.shape[1] % 4 != 0:
        raise ValueError(
            "recurrent_kernel must have shape (units, 4 * units), but has shape "
            f"{recurrent_kernel.shape}. Keras stores the four gates side by side."
        )
    units = recurrent_kernel.shape[0]
    _expect_shape(recurrent_kernel, (units, 4 * units), "recurrent_kernel")
    if kernel.ndim != 2:
        raise ValueError(
            f"kernel must have shape (n_features, 4 * units) = (n_features, "
            f"{4 * units}), but has shape {kernel.shape}."
        )
    _expect_shape(
        kernel,
        (kernel.shape[0], 4 * units),
        "kernel",
        f"recurrent_kernel has {units} units, so kernel needs {4 * units} columns.",
    )
    _expect_shape(
        bias, (4 * units,), "bias", "Keras stores one bias per gate and unit."
    )
    return kernel, recurrent_kernel, bias, units


def _check_state(state, name: str, expected: tuple) -> np.ndarray:
    state = _as_float(state, name)
    _expect_shape(state, expected, name)
    return state


# ----------------------------------------------------------------------- the gates
def sigmoid(x):
    """The logistic function ``1 / (1 + exp(-x))``, computed without overflow.

    The textbook formula overflows ``exp(-x)`` for large negative ``x`` (NumPy warns
    from about ``x = -710`` in float64 and ``x = -89`` in float32). This version only
    ever exponentiates ``-|x|``, which is never positive, so ``exp(-|x|)`` lies in
    ``(0, 1]``; it uses the identity ``sigmoid(x) = exp(x) / (1 + exp(x))`` for
    negative ``x``.

    Parameters
    ----------
    x : array_like
        Any real numbers. Integers are converted to float64; float dtypes are kept.

    Returns
    -------
    numpy.ndarray
        Values in ``[0, 1]``, with the shape of ``x``.

    Examples
    --------
    >>> sigmoid(np.array([-1e4, 0.0, 1e4]))
    array([0. , 0.5, 1. ])
    """
    x = _as_float(x, "x")
    z = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z)).astype(
        x.dtype, copy=False
    )


def forget_gate(h_prev, x_t, W_f, b_f):
    """Forget gate: how much of each unit's old cell state to keep.

    .. math:: f_t = \\sigma(W_f [h_{t-1}, x_t] + b_f)

    Parameters
    ----------
    h_prev : array_like of shape (units,) or (batch, units)
        The previous hidden state :math:`h_{t-1}`.
    x_t : array_like of shape (n_features,) or (batch, n_features)
        The input at this step.
    W_f : array_like of shape (units, units + n_features)
        The forget gate's weight matrix, applied to ``concat([h_prev, x_t])``.
    b_f : array_like of shape (units,)
        The forget gate's bias.

    Returns
    -------
    numpy.ndarray of shape (units,) or (batch, units)
        :math:`f_t`, one value in ``(0, 1)`` per unit: 1 keeps, 0 forgets.

    Raises
    ------
    ValueError
        If a shape does not fit the others; the message gives both shapes.

    Examples
    --------
    >>> W_f, b_f = np.zeros((2, 3)), np.array([0.0, 9.0])
    >>> forget_gate(np.zeros(2), np.ones(1), W_f, b_f)
    array([0.5       , 0.99987661])
    """
    z = _gate_preactivation(h_prev, x_t, W_f, b_f, "W_f", "b_f")
    return sigmoid(z)


def input_gate(h_prev, x_t, W_i, b_i, W_c, b_c):
    """Input gate and candidate: what new information to write, and how much.

    .. math::

        i_t = \\sigma(W_i [h_{t-1}, x_t] + b_i), \\qquad
        \\tilde c_t = \\tanh(W_c [h_{t-1}, x_t] + b_c)

    Parameters
    ----------
    h_prev : array_like of shape (units,) or (batch, units)
        The previous hidden state.
    x_t : array_like of shape (n_features,) or (batch, n_features)
        The input at this step.
    W_i, W_c : array_like of shape (units, units + n_features)
        Weight matrices of the input gate and of the candidate.
    b_i, b_c : array_like of shape (units,)
        Their biases.

    Returns
    -------
    i_t : numpy.ndarray of shape (units,) or (batch, units)
        The input gate, in ``(0, 1)``: how much of each candidate to write.
    c_tilde : numpy.ndarray of shape (units,) or (batch, units)
        The candidate values, in ``(-1, 1)``.

    Raises
    ------
    ValueError
        If a shape does not fit the others.

    Examples
    --------
    >>> i_t, c_tilde = input_gate(np.zeros(1), np.ones(1), np.ones((1, 2)),
    ...                           np.zeros(1), np.ones((1, 2)), np.zeros(1))
    >>> i_t.round(4), c_tilde.round(4)
    (array([0.7311]), array([0.7616]))
    """
    i_t = sigmoid(_gate_preactivation(h_prev, x_t, W_i, b_i, "W_i", "b_i"))
    c_tilde = np.tanh(_gate_preactivation(h_prev, x_t, W_c, b_c, "W_c", "b_c"))
    return i_t, c_tilde


def update_cell_state(c_prev, f_t, i_t, c_tilde):
    """The cell-state update: forget some of the old state, add some of the new.

    .. math:: c_t = f_t \\odot c_{t-1} + i_t \\odot \\tilde c_t

    Every product is elementwise, one per unit.

    Parameters
    ----------
    c_prev : array_like of shape (units,) or (batch, units)
        The previous cell state :math:`c_{t-1}`.
    f_t, i_t, c_tilde : array_like, same shape as ``c_prev``
        Forget gate, input gate and candidate for this step.

    Returns
    -------
    numpy.ndarray, same shape as ``c_prev``
        The new cell state :math:`c_t`.

    Raises
    ------
    ValueError
        If the four arrays do not all have the same shape.

    Examples
    --------
    >>> update_cell_state(np.array([2.0, 2.0]), np.array([1.0, 0.0]),
    ...                   np.array([0.0, 1.0]), np.array([0.5, 0.5]))
    array([2. , 0.5])
    """
    arrays = {
        "c_prev": _as_float(c_prev, "c_prev"),
        "f_t": _as_float(f_t, "f_t"),
        "i_t": _as_float(i_t, "i_t"),
        "c_tilde": _as_float(c_tilde, "c_tilde"),
    }
    _check_same_shape(arrays)
    c_prev, f_t, i_t, c_tilde = arrays.values()
    return f_t * c_prev + i_t * c_tilde


def output_gate(h_prev, x_t, c_t, W_o, b_o):
    """Output gate and new hidden state: what part of the cell state to show.

    .. math::

        o_t = \\sigma(W_o [h_{t-1}, x_t] + b_o), \\qquad
        h_t = o_t \\odot \\tanh(c_t)

    Parameters
    ----------
    h_prev : array_like of shape (units,) or (batch, units)
        The previous hidden state.
    x_t : array_like of shape (n_features,) or (batch, n_features)
        The input at this step.
    c_t : array_like, same shape as ``h_prev``
        The *new* cell state, from :func:`update_cell_state`.
    W_o : array_like of shape (units, units + n_features)
        The output gate's weight matrix.
    b_o : array_like of shape (units,)
        Its bias.

    Returns
    -------
    numpy.ndarray, same shape as ``h_prev``
        The new hidden state :math:`h_t`, in ``(-1, 1)``.

    Raises
    ------
    ValueError
        If a shape does not fit the others.

    Examples
    --------
    >>> output_gate(np.zeros(1), np.zeros(1), np.array([100.0]),
    ...             np.zeros((1, 2)), np.array([50.0]))
    array([1.])
    """
    o_t = sigmoid(_gate_preactivation(h_prev, x_t, W_o, b_o, "W_o", "b_o"))
    c_t = _as_float(c_t, "c_t")
    _expect_shape(
        c_t, o_t.shape, "c_t", "The cell state has one value per unit."
    )
    return o_t * np.tanh(c_t)


# -------------------------------------------------------- Keras layout: step, layer
def lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    """One LSTM time step with weights in Keras' layout.

    All four gates come from one matrix product: ``z = x_t @ kernel + h_prev @
    recurrent_kernel + bias`` has ``4 * units`` columns, which are split into the
    input gate, forget gate, candidate and output gate, in that order.

    Parameters
    ----------
    x_t : array_like of shape (n_features,) or (batch, n_features)
        The input at this step.
    h_prev, c_prev : array_like of shape (units,) or (batch, units)
        The previous hidden and cell states.
    kernel : array_like of shape (n_features, 4 * units)
        Input weights of the four gates, side by side (Keras' ``kernel``).
    recurrent_kernel : array_like of shape (units, 4 * units)
        Hidden-state weights of the four gates (Keras' ``recurrent_kernel``).
    bias : array_like of shape (4 * units,)
        Biases of the four gates.

    Returns
    -------
    h_t, c_t : numpy.ndarray, same shape as ``h_prev``
        The new hidden state and cell state.

    Raises
    ------
    ValueError
        If a shape does not fit the others.

    Examples
    --------
    >>> units, n_features = 3, 2
    >>> kernel = np.zeros((n_features, 4 * units))
    >>> recurrent_kernel = np.zeros((units, 4 * units))
    >>> h, c = lstm_step(np.ones(n_features), np.zeros(units), np.ones(units),
    ...                  kernel, recurrent_kernel, np.zeros(4 * units))
    >>> c  # every gate is sigmoid(0) = 0.5 and the candidate tanh(0) = 0
    array([0.5, 0.5, 0.5])
    """
    kernel, recurrent_kernel, bias, units = _check_keras_weights(
        kernel, recurrent_kernel, bias
    )
    h_prev, x_t = _check_state_and_input(h_prev, x_t)
    _expect_shape(h_prev, (*h_prev.shape[:-1], units), "h_prev")
    _expect_shape(x_t, (*x_t.shape[:-1], kernel.shape[0]), "x_t")
    c_prev = _check_state(c_prev, "c_prev", h_prev.shape)

    z = x_t @ kernel + h_prev @ recurrent_kernel + bias  # (..., 4 * units)
    z_i, z_f, z_c, z_o = np.split(
        z, 4, axis=-1
    )  # Keras' gate order: i, f, c, o
    i_t = sigmoid(z_i)  # input gate
    f_t = sigmoid(z_f)  # forget gate
    c_tilde = np.tanh(z_c)  # candidate values
    o_t = sigmoid(z_o)  # output gate
    c_t = f_t * c_prev + i_t * c_tilde  # new cell state
    h_t = o_t * np.tanh(c_t)  # new hidden state
    return h_t, c_t


def _check_sequence(x, kernel, recurrent_kernel, bias, h0, c0):
    x = _as_float(x, "x")
    if x.ndim != 3:
        raise ValueError(
            f"x must be 3-D (batch, time, n_features), but has shape {x.shape}. "
            "Add a batch axis with x[None] or a feature axis with x[..., None]."
        )
    if x.shape[1] == 0:
        raise ValueError(f"x has no time steps (shape {x.shape}).")
    kernel, recurrent_kernel, bias, units = _check_keras_weights(
        kernel, recurrent_kernel, bias
    )
    _expect_shape(
        x,
        (*x.shape[:2], kernel.shape[0]),
        "x",
        f"kernel has {kernel.shape[0]} rows, one per input feature.",
    )
    dtype = np.result_type(x, kernel, recurrent_kernel, bias)
    state_shape = (x.shape[0], units)
    h = (
        np.zeros(state_shape, dtype)
        if h0 is None
        else _check_state(h0, "h0", state_shape)
    )
    c = (
        np.zeros(state_shape, dtype)
        if c0 is None
        else _check_state(c0, "c0", state_shape)
    )
    return x, kernel, recurrent_kernel, bias, h, c


def lstm_forward(
    x, kernel, recurrent_kernel, bias, h0=None, c0=None, return_sequences=False
):
    """Run an LSTM layer over a batch of sequences, exactly as Keras does.

    This is :func:`lstm_step` in a loop over time, vectorised over the batch.
    With the weights of a ``keras.layers.LSTM`` (see :func:`weights_from_keras`) it
    reproduces the layer's output.

    Parameters
    ----------
    x : array_like of shape (batch, time, n_features)
        The input sequences, batch first (as Keras expects).
    kernel : array_like of shape (n_features, 4 * units)
    recurrent_kernel : array_like of shape (units, 4 * units)
    bias : array_like of shape (4 * units,)
        The weights in Keras' layout, gates in the order i, f, c, o.
    h0, c0 : array_like of shape (batch, units), default=None
        Initial hidden and cell states; zeros if not given (as in Keras).
    return_sequences : bool, default=False
        Return the hidden state at every step instead of only the last.

    Returns
    -------
    output : numpy.ndarray
        ``(batch, time, units)`` if ``return_sequences`` else ``(batch, units)``.
    h_T, c_T : numpy.ndarray of shape (batch, units)
        The final hidden and cell states (Keras' ``return_state=True``).

    Raises
    ------
    ValueError
        If ``x`` is not 3-D or a shape does not fit the others.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=(5, 7, 2))  # 5 sequences, 7 steps, 2 features
    >>> kernel, rec = rng.normal(size=(2, 12)), rng.normal(size=(3, 12))
    >>> out, h_T, c_T = lstm_forward(x, kernel, rec, np.zeros(12))
    >>> out.shape, c_T.shape, bool(np.array_equal(out, h_T))
    ((5, 3), (5, 3), True)
    """
    if not isinstance(return_sequences, bool):
        raise TypeError(
            f"return_sequences must be True or False, got {return_sequences!r}."
        )
    x, kernel, recurrent_kernel, bias, h, c = _check_sequence(
        x, kernel, recurrent_kernel, bias, h0, c0
    )
    outputs = []
    for t in range(x.shape[1]):  # a loop over time; the batch is vectorised
        h, c = lstm_step(x[:, t, :], h, c, kernel, recurrent_kernel, bias)
        outputs.append(h)
    output = np.stack(outputs, axis=1) if return_sequences else h
    return output, h, c


def gate_weights(kernel, recurrent_kernel, bias):
    """Convert Keras' weight layout into one ``(W, b)`` pair per gate.

    Keras keeps the input and hidden-state weights of all four gates in two
    matrices. The per-gate functions of this module (:func:`forget_gate`, ...) want
    one matrix per gate, of shape ``(units, units + n_features)``, applied to
    ``[h_prev, x_t]``: its first ``units`` columns are the gate's slice of
    ``recurrent_kernel``, transposed, and the rest its slice of ``kernel``,
    transposed.

    Parameters
    ----------
    kernel : array_like of shape (n_features, 4 * units)
    recurrent_kernel : array_like of shape (units, 4 * units)
    bias : array_like of shape (4 * units,)

    Returns
    -------
    dict
        Keys ``"i"``, ``"f"``, ``"c"``, ``"o"``; values ``(W, b)`` with ``W`` of
        shape ``(units, units + n_features)`` and ``b`` of shape ``(units,)``.

    Raises
    ------
    ValueError
        If the shapes do not form a Keras LSTM layout.

    Examples
    --------
    >>> gates = gate_weights(np.zeros((2, 12)), np.zeros((3, 12)), np.arange(12.0))
    >>> W_f, b_f = gates["f"]
    >>> W_f.shape, b_f
    ((3, 5), array([3., 4., 5.]))
    """
    kernel, recurrent_kernel, bias, units = _check_keras_weights(
        kernel, recurrent_kernel, bias
    )
    gates = {}
    for k, name in enumerate(GATE_ORDER):
        cols = slice(k * units, (k + 1) * units)
        W = np.concatenate(
            [recurrent_kernel[:, cols].T, kernel[:, cols].T], axis=1
        )
        gates[name] = (W, bias[cols].copy())
    return gates


def gate_activations(x, kernel, recurrent_kernel, bias, h0=None, c0=None):
    """Every gate's values at every step, computed with the per-gate functions.

    The same computation as :func:`lstm_forward`, written with :func:`forget_gate`,
    :func:`input_gate`, :func:`update_cell_state` and :func:`output_gate`, keeping
    what each produces so that the chapters can plot it.

    Parameters
    ----------
    x : array_like of shape (batch, time, n_features)
    kernel, recurrent_kernel, bias : array_like
        Weights in Keras' layout (see :func:`lstm_forward`).
    h0, c0 : array_like of shape (batch, units), default=None
        Initial states; zeros if not given.

    Returns
    -------
    dict of numpy.ndarray, each of shape (batch, time, units)
        ``"i"`` input gate, ``"f"`` forget gate, ``"c_tilde"`` candidate,
        ``"o"`` output gate, ``"c"`` cell state, ``"h"`` hidden state.

    Raises
    ------
    ValueError
        If ``x`` is not 3-D or a shape does not fit the others.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=(2, 4, 1))
    >>> kernel, rec = rng.normal(size=(1, 8)), rng.normal(size=(2, 8))
    >>> acts = gate_activations(x, kernel, rec, np.zeros(8))
    >>> acts["f"].shape
    (2, 4, 2)
    >>> h_T = lstm_forward(x, kernel, rec, np.zeros(8))[0]
    >>> bool(np.allclose(acts["h"][:, -1], h_T))
    True
    """
    x, kernel, recurrent_kernel, bias, h, c = _check_sequence(
        x, kernel, recurrent_kernel, bias, h0, c0
    )
    (W_i, b_i), (W_f, b_f), (W_c, b_c), (W_o, b_o) = gate_weights(
        kernel, recurrent_kernel, bias
    ).values()
    trace = {key: [] for key in ("i", "f", "c_tilde", "o", "c", "h")}
    for t in range(x.shape[1]):
        x_t = x[:, t, :]
        f_t = forget_gate(h, x_t, W_f, b_f)
        i_t, c_tilde = input_gate(h, x_t, W_i, b_i, W_c, b_c)
        c_new = update_cell_state(c, f_t, i_t, c_tilde)
        o_t = sigmoid(_gate_preactivation(h, x_t, W_o, b_o, "W_o", "b_o"))
        h = output_gate(h, x_t, c_new, W_o, b_o)
        c = c_new
        for key, value in zip(
            trace, (i_t, f_t, c_tilde, o_t, c, h), strict=True
        ):
            trace[key].append(value)
    return {key: np.stack(values, axis=1) for key, values in trace.items()}


def weights_from_keras(layer):
    """The weights of a Keras LSTM layer, as NumPy arrays in Keras' layout.

    Parameters
    ----------
    layer : keras.layers.LSTM
        A built LSTM layer (one that has seen data, or sits in a model that starts
        with ``keras.Input``), with the default activations ``tanh`` and
        ``sigmoid``.

    Returns
    -------
    kernel : numpy.ndarray of shape (n_features, 4 * units)
    recurrent_kernel : numpy.ndarray of shape (units, 4 * units)
    bias : numpy.ndarray of shape (4 * units,)
        Zeros if the layer has ``use_bias=False``.

    Raises
    ------
    TypeError
        If ``layer`` is not a ``keras.layers.LSTM`` (a whole model, for instance).
    ValueError
        If the layer is not built yet, or uses other activations or
        ``go_backwards=True``, which :func:`lstm_forward` does not implement.

    Examples
    --------
    >>> import keras
    >>> layer = keras.layers.LSTM(3)
    >>> layer.build((None, 5, 2))
    >>> [w.shape for w in weights_from_keras(layer)]
    [(2, 12), (3, 12), (12,)]
    """
    import keras

    if not isinstance(layer, keras.layers.LSTM):
        extra = ""
        if isinstance(layer, keras.Model):
            extra = (
                " You passed a whole model: pass its LSTM layer, for example "
                "model.layers[0] or model.get_layer('lstm')."
            )
        raise TypeError(
            f"layer must be a keras.layers.LSTM, got {type(layer).__name__}.{extra}"
        )
    if not layer.built or not layer.get_weights():
        raise ValueError(
            f"The LSTM layer {layer.name!r} has no weights yet. Build it first: call "
            "it on data, or put it in a model that starts with keras.Input(...)."
        )
    cell = layer.cell
    activation = getattr(cell.activation, "__name__", str(cell.activation))
    recurrent = getattr(
        cell.recurrent_activation, "__name__", str(cell.recurrent_activation)
    )
    if activation != "tanh" or recurrent != "sigmoid":
        raise ValueError(
            f"lstm_forward implements activation='tanh' and "
            f"recurrent_activation='sigmoid', but layer {layer.name!r} uses "
            f"activation={activation!r}, recurrent_activation={recurrent!r}."
        )
    if layer.go_backwards:
        raise ValueError(
            f"layer {layer.name!r} has go_backwards=True; run lstm_forward on "
            "x[:, ::-1] instead."
        )
    weights = [np.asarray(w) for w in layer.get_weights()]
    if len(weights) == 2:  # use_bias=False
        weights.append(np.zeros(weights[1].shape[1], dtype=weights[1].dtype))
    kernel, recurrent_kernel, bias = weights
    return kernel, recurrent_kernel, bias
