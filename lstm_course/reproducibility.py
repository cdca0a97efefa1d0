"""Reproducibility: one call that seeds Python, NumPy and Keras."""

from __future__ import annotations

import numpy as np

from lstm_course._validation import check_int

_MAX_SEED = 2**32 - 1


def _check_seed(seed) -> int:
    """``seed`` as an int in ``[0, 2**32 - 1]``, or a clear error."""
    seed = check_int(seed, "seed", minimum=0)
    if seed > _MAX_SEED:
        raise ValueError(
            f"seed={seed} is too large: NumPy and TensorFlow accept seeds up to "
            f"2**32 - 1 = {_MAX_SEED}. Use a smaller number."
        )
    return seed


def set_seed(
    seed: int = 42, *, deterministic: bool = True
) -> np.random.Generator:
    """Seed every random number generator the course uses, in one call.

    Seeds Python's :mod:`random`, NumPy's global generator and the Keras backend
    (TensorFlow) through :func:`keras.utils.set_random_seed`. With
    ``deterministic=True`` it also asks TensorFlow for deterministic kernels, so
    the same notebook prints the same table on the same machine.

    Parameters
    ----------
    seed : int, default=42
        A whole number in ``[0, 2**32 - 1]``.
    deterministic : bool, default=True
        Also enable TensorFlow's op determinism
        (:func:`tf.config.experimental.enable_op_determinism`).

    Returns
    -------
    numpy.random.Generator
        A fresh generator seeded with ``seed``, for code that prefers an explicit
        generator to NumPy's global state.

    Raises
    ------
    TypeError
        If ``seed`` is not an integer or ``deterministic`` is not a bool.
    ValueError
        If ``seed`` is negative or above ``2**32 - 1``.

    Examples
    --------
    >>> rng = set_seed(0)
    >>> a = np.random.rand()
    >>> _ = set_seed(0)
    >>> bool(np.random.rand() == a)
    True
    """
    seed = _check_seed(seed)
    if not isinstance(deterministic, bool):
        raise TypeError(
            f"deterministic must be True or False, got {deterministic!r}."
        )

    import keras

    keras.utils.set_random_seed(seed)
    if deterministic and keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()
    return np.random.default_rng(seed)
