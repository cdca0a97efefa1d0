"""Why plain RNNs forget: measure how much an output depends on inputs k steps back.

Chapter 1 trains a ``SimpleRNN`` and an ``LSTM`` on a task that needs a 100-step
memory and plots, for each lag ``k``, the size of the gradient of the last output
with respect to the input ``k`` steps before it.
"""

from __future__ import annotations

import keras
import numpy as np

from lstm_course._validation import check_int


def make_recall_task(
    n_samples: int = 1024, seq_length: int = 101, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """A memory task: remember the first value of a long noisy sequence.

    Each sample has two features. Feature 0 is uniform noise in ``[-1, 1]``;
    feature 1 is a marker that is 1 at the first step and 0 elsewhere. The target
    is feature 0 at the marked (first) step, so a model must carry one number
    across ``seq_length - 1`` steps of distraction.

    Parameters
    ----------
    n_samples : int, default=1024
        Number of sequences.
    seq_length : int, default=101
        Steps per sequence; the value to recall lies ``seq_length - 1`` steps
        before the output.
    seed : int, default=0
        Seed for the noise.

    Returns
    -------
    X : numpy.ndarray of shape (n_samples, seq_length, 2), float32
    y : numpy.ndarray of shape (n_samples,), float32

    Raises
    ------
    TypeError, ValueError
        If an argument is not a positive integer (``seq_length`` at least 2).

    Examples
    --------
    >>> X, y = make_recall_task(n_samples=4, seq_length=5)
    >>> X.shape, y.shape
    ((4, 5, 2), (4,))
    >>> bool((y == X[:, 0, 0]).all())
    True
    """
    n_samples = check_int(n_samples, "n_samples", minimum=1)
    seq_length = check_int(seq_length, "seq_length", minimum=2)
    seed = check_int(seed, "seed", minimum=0)
    rng = np.random.default_rng(seed)
    X = np.zeros((n_samples, seq_length, 2), dtype="float32")
    X[:, :, 0] = rng.uniform(-1.0, 1.0, size=(n_samples, seq_length))
    X[:, 0, 1] = 1.0
    y = X[:, 0, 0].copy()
    return X, y


def gradient_norms_by_lag(model, X) -> np.ndarray:
    """Gradient size of a model's last output with respect to each earlier input.

    For a batch ``X`` of shape ``(batch, time, features)`` this computes
    ``g = d sum(model(X)) / d X`` and returns, for every lag ``k``, the norm of
    ``g[:, time - 1 - k, :]`` over the features, averaged over the batch.
    Lag 0 is the last step (the one the output sees directly); lag
    ``time - 1`` is the first.

    Parameters
    ----------
    model : callable
        A Keras layer or model mapping ``(batch, time, features)`` to its output
        (for example ``keras.layers.LSTM(32)`` or a ``keras.Sequential``).
    X : array_like of shape (batch, time, features)
        The inputs at which to measure.

    Returns
    -------
    numpy.ndarray of shape (time,)
        ``norms[k]`` is the mean gradient norm for the input ``k`` steps back.

    Raises
    ------
    ValueError
        If ``X`` is not 3-D, is empty, or holds NaN or inf.

    Examples
    --------
    >>> import keras
    >>> X = np.ones((2, 5, 1), dtype="float32")
    >>> norms = gradient_norms_by_lag(keras.layers.SimpleRNN(3), X)
    >>> norms.shape
    (5,)
    """
    X = np.asarray(X, dtype="float32")
    if X.ndim != 3:
        raise ValueError(
            f"X must be 3-D (batch, time, features), but has shape {X.shape}. "
            "Add a batch axis with X[None] or a feature axis with X[..., None]."
        )
    if X.size == 0:
        raise ValueError(
            f"X is empty (shape {X.shape}); pass at least one sequence."
        )
    if not np.isfinite(X).all():
        raise ValueError(
            "X holds NaN or inf values; gradients would be meaningless."
        )

    import tensorflow as tf

    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        total = tf.reduce_sum(model(x))
    grad = tape.gradient(total, x)
    if grad is None:  # the output does not depend on the input at all
        return np.zeros(X.shape[1])
    per_step = np.linalg.norm(grad.numpy(), axis=2).mean(axis=0)
    return per_step[::-1].copy()


class ForgetBias(keras.initializers.Initializer):
    """Initialise an LSTM's bias with the forget gate's part set to ``value``.

    Keras lays an LSTM's bias out as four blocks of ``units`` values, in gate
    order input, forget, candidate, output. This initializer sets the forget
    block to ``value`` and the rest to 0. With ``unit_forget_bias=True`` (the
    default) Keras starts the forget bias at 1, so the forget gate starts near
    ``sigmoid(1) = 0.73``; a larger value starts it closer to 1, so the cell
    state, and its gradient, survive more steps from the start.

    Parameters
    ----------
    value : float
        The forget-gate bias.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.

    Examples
    --------
    >>> import keras
    >>> layer = keras.layers.LSTM(
    ...     2, unit_forget_bias=False, bias_initializer=ForgetBias(5.0)
    ... )
    >>> layer.build((None, 3, 1))
    >>> layer.cell.bias.numpy().tolist()
    [0.0, 0.0, 5.0, 5.0, 0.0, 0.0, 0.0, 0.0]
    """

    def __init__(self, value: float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(
                f"value must be a real number such as 5.0, got {value!r} "
                f"of type {type(value).__name__}."
            )
        self.value = float(value)

    def __call__(self, shape, dtype=None):
        if len(shape) != 1 or shape[0] % 4:
            raise ValueError(
                f"ForgetBias initialises an LSTM bias of shape (4 * units,), "
                f"but was asked for shape {tuple(shape)}. Pass it as the "
                "bias_initializer of keras.layers.LSTM."
            )
        units = shape[0] // 4
        bias = np.zeros(shape, dtype="float32")
        bias[units : 2 * units] = self.value
        return keras.ops.convert_to_tensor(bias, dtype=dtype)

    def get_config(self):
        return {"value": self.value}
